import assert from 'node:assert/strict';
import { MemoryHost, Workspace } from '../../../src/core';

const MANIFEST = 'model: Shop\nnamespace: com.example\ninclude: [contexts/*.yaml]\n';

describe('workspace: findings repeated through YAML aliases', () => {
  it('reports a finding inside an anchor once, however often the anchor is used', () => {
    const context = 'context: A\nx-shared: &cmd\n  emits: [Nope]\ncommands:\n  One: *cmd\n  Two: *cmd\n  Three: *cmd\nevents:\n  Done: {}\n';
    const ws = new Workspace(new MemoryHost({ 'eventmodel.yaml': MANIFEST, 'contexts/a.yaml': context }));
    const unresolved = ws.diagnostics().filter((d) => d.rule === 'unresolved-reference');
    assert.equal(unresolved.length, 1, JSON.stringify(unresolved.map((d) => d.message)));
    assert.equal(unresolved[0].location.start.line, 2);
  });

  it('keeps findings that differ in place or in message', () => {
    const context = 'context: A\ncommands:\n  One: { emits: [Nope] }\n  Two: { emits: [Nope] }\nevents:\n  Done: {}\n';
    const ws = new Workspace(new MemoryHost({ 'eventmodel.yaml': MANIFEST, 'contexts/a.yaml': context }));
    assert.equal(ws.diagnostics().filter((d) => d.rule === 'unresolved-reference').length, 2);
  });
});

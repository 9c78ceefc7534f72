import assert from 'node:assert/strict';
import { effectiveSettings, MemoryHost, Workspace, type EventDef } from '../../../src/core';

const context = 'context: A\ncommands:\n  Make:\n    emits: [Made]\nevents:\n  Made:\n    schema: { type: object }\n';

describe('editor defaults (WorkspaceOptions.defaults)', () => {
  const settingsOf = (manifest: string, defaults?: { compatibility?: 'FULL'; compatibilityPolicy?: 'lenient' }) => {
    const ws = new Workspace(new MemoryHost({ 'eventmodel.yaml': manifest, 'contexts/a.yaml': context }), { defaults });
    const event = ws.model.index.find('event', 'A', 'Made') as EventDef;
    return effectiveSettings(ws.model, event);
  };

  it('apply where the manifest sets no default', () => {
    const s = settingsOf('include: [contexts/*.yaml]\n', { compatibility: 'FULL', compatibilityPolicy: 'lenient' });
    assert.equal(s.compatibility, 'FULL');
    assert.equal(s.compatibilityPolicy, 'lenient');
  });

  it('never override what the manifest says', () => {
    const s = settingsOf('include: [contexts/*.yaml]\ndefaults: { compatibility: NONE }\n', { compatibility: 'FULL', compatibilityPolicy: 'lenient' });
    assert.equal(s.compatibility, 'NONE');
    assert.equal(s.compatibilityPolicy, 'lenient');
  });

  it('leave the built-in defaults (BACKWARD, strict) when absent', () => {
    const s = settingsOf('include: [contexts/*.yaml]\n');
    assert.deepEqual([s.compatibility, s.compatibilityPolicy], ['BACKWARD', 'strict']);
  });
});

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { brief, memoryWorkspace } from '../helpers/workspace';
import { validModel } from './arbitrary-model';

describe('the random valid model generator (used by the export tests)', () => {
  it('produces models without errors that use every feature the exporters read', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(validModel, (files) => {
        const workspace = memoryWorkspace(files);
        const errors = workspace.diagnostics('validation').filter((d) => d.severity === 'error');
        assert.deepEqual(brief(errors), []);
        const m = workspace.model;
        for (const ctx of m.contexts) {
          if (ctx.events.some((e) => e.versions.length > 1)) seen.add('versions');
          if (ctx.policies.some((p) => p.when.some((w) => w.context))) seen.add('cross-context policy');
          if (ctx.externalSystems.length) seen.add('external system');
          if (ctx.events.some((e) => e.headers)) seen.add('headers');
        }
      }),
      { numRuns: 60 },
    );
    assert.deepEqual([...seen].sort(), ['cross-context policy', 'external system', 'headers', 'versions']);
  });
});

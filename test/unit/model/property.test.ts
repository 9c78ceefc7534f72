import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MemoryHost, Workspace } from '../../../src/core';
import { readTree, SAMPLE } from '../helpers/workspace';

// The model's files only (the sample's implementation under src/ is not part of it).
const sample = Object.fromEntries(Object.entries(readTree(SAMPLE)).filter(([p]) => /\.(ya?ml|json)$/.test(p) && !p.startsWith('src/')));
const paths = Object.keys(sample).sort();

/** One random edit of one sample file: delete, insert or replace a slice with YAML-ish noise. */
const edit = fc.record({
  file: fc.constantFrom(...paths),
  at: fc.nat(),
  length: fc.nat({ max: 40 }),
  insert: fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom(
      ': ',
      '- ',
      '[',
      ']',
      '{',
      '}',
      '&a ',
      '*a',
      '\t',
      '\n',
      '"',
      "'",
      '#',
      '$ref: ../x.json',
      '@',
      '.',
      'null',
      '__proto__:',
      '\u0000',
      '\uFFFF',
      '\uD800',
    ),
  ),
});

function apply(text: string, e: { at: number; length: number; insert: string }): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(at + e.length);
}

describe('loader robustness (property-based)', function () {
  this.timeout(300_000);

  it('never throws, and every diagnostic range lies inside its file', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const files: Record<string, string> = { ...sample };
        for (const e of edits) files[e.file] = apply(files[e.file], e);
        const ws = new Workspace(new MemoryHost(files));
        const diagnostics = ws.diagnostics();
        for (const d of diagnostics) {
          const text = ws.model.files.get(d.location.file)?.text;
          assert.ok(text !== undefined, `diagnostic for a file outside the model: ${d.location.file}`);
          assert.ok(d.location.startOffset >= 0 && d.location.startOffset <= d.location.endOffset && d.location.endOffset <= text.length);
          const lines = text.split(/\r\n|\r|\n/);
          assert.ok(d.location.end.line < lines.length, `${d.rule} line ${d.location.end.line} of ${lines.length}`);
          for (const r of d.related ?? []) assert.ok(ws.model.files.has(r.location.file));
        }
      }),
      { numRuns: 150, seed: 20261127 },
    );
  });

  it('incremental edits give the same diagnostics as loading from scratch', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const incremental = new Workspace(new MemoryHost(sample));
        incremental.diagnostics();
        const files: Record<string, string> = { ...sample };
        for (const e of edits) {
          files[e.file] = apply(files[e.file], e);
          incremental.update(e.file, files[e.file]);
          incremental.diagnostics();
        }
        const fresh = new Workspace(new MemoryHost(files));
        const key = (ws: Workspace) => ws.diagnostics().map((d) => `${d.location.file}:${d.location.startOffset}:${d.rule}:${d.message}`);
        assert.deepEqual(key(incremental), key(fresh));
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});

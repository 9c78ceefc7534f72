import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MemoryHost, Workspace } from '../../../src/core';
import { readTree, SAMPLE } from '../helpers/workspace';
import { BASES } from '../perf/models';

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
        assert.deepEqual(everything(incremental), everything(fresh));
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  /**
   * Edits that change what the dependency tracking follows: definitions and references renamed
   * (any identifier swapped for another of the model, or misspelt), lines copied within and across
   * files (new definitions, duplicates, new references), lines deleted, version numbers changed,
   * YAML broken, files created, copied (a second context of a name) and deleted, the manifest
   * edited like any file (rules, include, defaults), overlays dropped back to the host's text.
   * After every step the incremental workspace reports exactly what a fresh one does.
   */
  it('any sequence of edits across files and the manifest gives the diagnostics of a fresh load', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(BASES)), fc.array(modelEdit, { minLength: 1, maxLength: 8 }), (base, edits) => {
        const host = new MemoryHost(BASES[base]);
        const incremental = new Workspace(host);
        incremental.diagnostics();
        const files = new Map(Object.entries(BASES[base]));
        const vocabulary = identifiers([...files.values()]);
        edits.forEach((e, step) => {
          for (const [path, text] of applyModelEdit(files, e, vocabulary)) {
            if (text === REVERT) {
              const onHost = host.files.get(path);
              if (typeof onHost === 'string') files.set(path, onHost);
              else files.delete(path);
              incremental.update(path);
            } else if (text === undefined) {
              files.delete(path);
              host.files.delete(path);
              incremental.update(path);
            } else if (e.onDisk) {
              files.set(path, text);
              host.files.set(path, text);
              incremental.update(path);
            } else {
              files.set(path, text);
              incremental.update(path, text);
            }
          }
          const fresh = new Workspace(new MemoryHost(Object.fromEntries(overlaid(files, host))));
          assert.deepEqual(everything(incremental), everything(fresh), `after step ${step + 1}: ${JSON.stringify(e)}`);
          const grouped = [...incremental.diagnosticsByFile().values()].flat();
          assert.deepEqual(
            grouped.map((d) => d.location.file + d.message).sort(),
            incremental
              .diagnostics()
              .map((d) => d.location.file + d.message)
              .sort(),
          );
        });
      }),
      { numRuns: 120, seed: 20261128 },
    );
  });
});

/** Every field of every diagnostic, in the workspace's order. */
function everything(ws: Workspace): string[] {
  return ws.diagnostics().map((d) => JSON.stringify([d.location, d.rule, d.severity, d.message, d.related ?? null, d.data ?? null]));
}

/** What a fresh load sees: the edited texts (overlays and host files alike). */
function overlaid(files: Map<string, string>, host: MemoryHost): Map<string, string | Uint8Array> {
  const out = new Map<string, string | Uint8Array>(host.files);
  for (const [path, text] of files) out.set(path, text);
  return out;
}

const IDENTIFIER = /[A-Za-z][A-Za-z0-9-]*/g;

function identifiers(texts: string[]): string[] {
  const out = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(IDENTIFIER)) out.add(m[0]);
  return [...out].sort();
}

const modelEdit = fc.record({
  kind: fc.constantFrom(
    'rename',
    'rename',
    'rename',
    'typo',
    'copy-line',
    'move-line',
    'delete-lines',
    'digit',
    'noise',
    'new-file',
    'copy-file',
    'delete-file',
    'revert',
  ),
  /** Picks the file (modulo the file count), the line, the token, the target file… */
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  insert: fc.constantFrom('', ': ', '- ', '[', ']', '{', '\n', '"', '#', '@', '.', '  ', 'x'),
  onDisk: fc.boolean(),
});

type ModelEdit = typeof modelEdit extends fc.Arbitrary<infer T> ? T : never;

/** Drops the editor's text of a file: the host's is read again. */
const REVERT = Symbol('revert');

/** The texts the edit changes (undefined: the file is deleted). */
function applyModelEdit(files: Map<string, string>, e: ModelEdit, vocabulary: string[]): [string, string | undefined | typeof REVERT][] {
  const paths = [...files.keys()].sort();
  if (paths.length === 0) return [];
  const path = paths[e.a % paths.length];
  const text = files.get(path)!;
  const lines = text.split('\n');
  const line = e.b % lines.length;
  switch (e.kind) {
    case 'rename':
    case 'typo': {
      const tokens = [...text.matchAll(IDENTIFIER)];
      if (tokens.length === 0) return [];
      const token = tokens[e.b % tokens.length];
      const replacement = e.kind === 'rename' ? vocabulary[e.c % vocabulary.length] : token[0].slice(0, -1) + (e.c % 2 ? 'x' : '');
      return [[path, text.slice(0, token.index) + replacement + text.slice(token.index! + token[0].length)]];
    }
    case 'copy-line':
      return [[path, [...lines.slice(0, line + 1), lines[(e.c % lines.length) | 0], ...lines.slice(line + 1)].join('\n')]];
    case 'move-line': {
      const to = paths[e.c % paths.length];
      const target = files.get(to)!.split('\n');
      const at = e.c % target.length;
      return [[to, [...target.slice(0, at), lines[line], ...target.slice(at)].join('\n')]];
    }
    case 'delete-lines':
      return [[path, [...lines.slice(0, line), ...lines.slice(line + 1 + (e.c % 3))].join('\n')]];
    case 'digit': {
      const digits = [...text.matchAll(/[0-9]/g)];
      if (digits.length === 0) return [];
      const d = digits[e.b % digits.length];
      return [[path, text.slice(0, d.index) + String(e.c % 4) + text.slice(d.index! + 1)]];
    }
    case 'noise': {
      const at = e.b % (text.length + 1);
      return [[path, text.slice(0, at) + e.insert + text.slice(at + (e.c % 8))]];
    }
    case 'new-file':
      return [
        [
          `contexts/new${e.c % 3}.yaml`,
          `context: ${vocabulary[e.b % vocabulary.length]}\nevents:\n  ${vocabulary[e.c % vocabulary.length]}:\n    schema: { type: object }\n`,
        ],
      ];
    case 'copy-file':
      return [[`contexts/copy${e.c % 2}.yaml`, text]];
    case 'delete-file':
      return [[path, undefined]];
    case 'revert':
      return [[path, REVERT]];
  }
}

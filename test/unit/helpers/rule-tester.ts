/**
 * A RuleTester in the style of typescript-eslint's: one call per rule, listing models the rule
 * must accept (`valid`) and models with the exact findings it must report (`invalid`). Every rule
 * of `ALL_RULES` has `test/unit/rules/<id>.test.ts` built on it (the catalogue test enforces it).
 *
 * ```ts
 * import { model, ruleTester, yaml } from '../helpers/rule-tester';
 *
 * ruleTester('relationship-self', {
 *   valid: [
 *     {
 *       name: 'a relationship with another context',
 *       files: model({ sales: 'context: Sales\nrelationships:\n  - upstream: Shipping\n    patterns: [conformist]\n', shipping: 'context: Shipping\n' }),
 *     },
 *   ],
 *   invalid: [
 *     {
 *       name: 'its own upstream, at the name',
 *       files: model({
 *         sales: yaml`
 *           context: Sales
 *           relationships:
 *             - upstream: Sales
 *               patterns: [conformist]
 *         `,
 *       }),
 *       errors: [{ line: 3, column: 15, message: 'Context Sales cannot be its own upstream.' }],
 *     },
 *   ],
 * });
 * ```
 *
 * - `ruleTester(ruleId, { valid, invalid })` registers `describe(ruleId)` with a `valid` and an
 *   `invalid` group and one `it` per case (the case's `name`), plus one `it` checking that the id
 *   is a rule of `ALL_RULES`, that both lists are non-empty and that case names are unique.
 *   Convention: at least three cases of each kind; valid ones sit on the boundary where the rule
 *   must stay silent (close to an invalid one, or a neighbouring rule's business).
 * - A case is `{ name, files, options?, allowInvalidModel? }`. `files` maps workspace-relative
 *   paths to text or bytes; it is loaded by the real core `Workspace` over a `MemoryHost`, as the
 *   CLI and the editor load a folder (all rules run; severities applied).
 *   - `model(contexts, { manifest?, files? })` builds the common shape: `eventmodel.yaml`
 *     (default {@link MANIFEST}: `include: [contexts/*.yaml]`), `contexts/<key>.yaml` per entry,
 *     then any other files (external schemas, stray files).
 *   - `` yaml`...` `` strips the first newline and the common indentation of a template literal, so
 *     line 1 is the line after the backtick.
 * - `options.rules` sets severities in the manifest's `rules:` (appended to `eventmodel.yaml`, so
 *   its earlier lines keep their numbers; the manifest must not have `rules:` already);
 *   `options.severity` are the editor's severity settings and `options.defaults` the editor's
 *   compatibility defaults (both `WorkspaceOptions`).
 * - `valid`: the rule reports nothing (other rules may).
 * - `invalid`: `errors` lists every finding of THAT rule, in the workspace's order (file, then
 *   position, then severity): no more, no less. Findings of other rules are ignored. Each entry:
 *   - `line` (1-based, as the CLI prints it) and `message`: a string must equal the message, a
 *     RegExp must match it;
 *   - optionally `column`, `endLine`, `endColumn` (1-based, UTF-16 columns as in the editor),
 *     `severity`, `file`, `data` (each listed key must equal the diagnostic's `data[key]`;
 *     `undefined` means absent) and `related` (the exact list of related locations, each
 *     `{ line, column?, file?, message? }`; `[]` asserts there are none).
 *   - `file` defaults to the case's `file`, else the first file of `files` that is not the
 *     manifest (the manifest when it is alone); a `related` entry defaults to its error's file.
 *   Only the keys an entry names are compared; a failure prints the rule's actual findings.
 * - A model rejected by a load-level rule (`unreadable-file`, `yaml-syntax`, `schema`) proves
 *   little about another rule, so such findings fail the case unless it sets `allowInvalidModel`
 *   (or the rule under test is one of them).
 * - `checkValid` / `checkInvalid` are the same checks as plain functions (they throw an
 *   `AssertionError`), `diagnosticsOf(case)` every diagnostic of a case's model.
 */
import assert from 'node:assert/strict';
import { findRule, MemoryHost, MANIFEST_FILE, Workspace, type Diagnostic, type Severity, type SeveritySetting, type WorkspaceOptions } from '../../../src/core';

export const MANIFEST = 'model: t\ninclude: [contexts/*.yaml]\n';

export type Files = Record<string, string | Uint8Array>;

export interface CaseOptions {
  /** Severities written to the manifest's `rules:`. */
  rules?: Record<string, SeveritySetting>;
  /** The editor's severity settings (the manifest wins over them). */
  severity?: WorkspaceOptions['severity'];
  /** The editor's compatibility defaults. */
  defaults?: WorkspaceOptions['defaults'];
}

export interface Case {
  name: string;
  files: Files;
  options?: CaseOptions;
  /** Accept findings of the load-level rules (the model is deliberately broken elsewhere). */
  allowInvalidModel?: boolean;
}

export interface ExpectedRelated {
  line: number;
  column?: number;
  file?: string;
  message?: RegExp | string;
}

export interface ExpectedError {
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  message: RegExp | string;
  severity?: Severity;
  file?: string;
  data?: Record<string, unknown>;
  related?: ExpectedRelated[];
}

export interface InvalidCase extends Case {
  /** Default file of `errors` and `related` entries that name none. */
  file?: string;
  errors: ExpectedError[];
}

const LOAD_RULES = new Set(['unreadable-file', 'yaml-syntax', 'schema']);

/** Strips the first newline and the common indentation of a template literal. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw
    .replace(/^[ \t]*\r?\n/, '')
    .replace(/\n[ \t]*$/, '\n')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}

/** The manifest plus `contexts/<key>.yaml` for each entry, plus `extra.files`. */
export function model(contexts: Record<string, string | Uint8Array>, extra: { manifest?: string; files?: Files } = {}): Files {
  const files: Files = { [MANIFEST_FILE]: extra.manifest ?? MANIFEST };
  for (const [name, text] of Object.entries(contexts)) files[`contexts/${name}.yaml`] = text;
  return { ...files, ...extra.files };
}

/** Every diagnostic of a case's model, loaded by the real workspace. */
export function diagnosticsOf(c: Case): Diagnostic[] {
  const files = { ...c.files };
  if (c.options?.rules) {
    const manifest = files[MANIFEST_FILE];
    assert.ok(typeof manifest === 'string', 'options.rules needs a text manifest');
    assert.ok(!/^rules:/m.test(manifest), 'options.rules: the manifest already has a `rules:` section');
    const entries = Object.entries(c.options.rules).map(([id, s]) => `  ${id}: ${s}\n`);
    files[MANIFEST_FILE] = (manifest.endsWith('\n') ? manifest : manifest + '\n') + 'rules:\n' + entries.join('');
  }
  return new Workspace(new MemoryHost(files), { severity: c.options?.severity, defaults: c.options?.defaults }).diagnostics();
}

function show(diagnostics: Diagnostic[]): string {
  if (diagnostics.length === 0) return '  (none)';
  return diagnostics
    .map((d) => `  ${d.location.file}:${d.location.start.line + 1}:${d.location.start.character + 1} ${d.severity} ${d.rule} ${d.message}`)
    .join('\n');
}

function defaultFile(c: InvalidCase): string {
  return c.file ?? Object.keys(c.files).find((p) => p !== MANIFEST_FILE) ?? MANIFEST_FILE;
}

const matches = (actual: string, expected: RegExp | string) => (typeof expected === 'string' ? actual === expected : expected.test(actual));

/** The actual diagnostic seen through the keys the expectation names (a matching RegExp shows as itself). */
function view(d: Diagnostic, e: ExpectedError): Record<string, unknown> {
  const v: Record<string, unknown> = {
    file: d.location.file,
    line: d.location.start.line + 1,
    message: matches(d.message, e.message) ? e.message : d.message,
  };
  if (e.column !== undefined) v.column = d.location.start.character + 1;
  if (e.endLine !== undefined) v.endLine = d.location.end.line + 1;
  if (e.endColumn !== undefined) v.endColumn = d.location.end.character + 1;
  if (e.severity !== undefined) v.severity = d.severity;
  if (e.data !== undefined) v.data = Object.fromEntries(Object.keys(e.data).map((k) => [k, d.data?.[k]]));
  if (e.related !== undefined) {
    v.related = (d.related ?? []).map((r, i) => {
      const er = e.related![i];
      const rv: Record<string, unknown> = { file: r.location.file, line: r.location.start.line + 1 };
      if (er?.column !== undefined) rv.column = r.location.start.character + 1;
      if (er?.message !== undefined) rv.message = matches(r.message, er.message) ? er.message : r.message;
      return rv;
    });
  }
  return v;
}

function expected(e: ExpectedError, file: string): Record<string, unknown> {
  const { related, ...rest } = e;
  const v: Record<string, unknown> = { file, ...rest };
  if (related) v.related = related.map((r) => ({ file, ...r }));
  return v;
}

function checkLoadLevel(ruleId: string, c: Case, all: Diagnostic[]): void {
  if (c.allowInvalidModel || LOAD_RULES.has(ruleId)) return;
  const broken = all.filter((d) => LOAD_RULES.has(d.rule));
  assert.ok(broken.length === 0, `the model of "${c.name}" is broken (set allowInvalidModel if that is the point):\n${show(broken)}`);
}

/** Throws unless the rule reports nothing on the case's model. */
export function checkValid(ruleId: string, c: Case): void {
  const all = diagnosticsOf(c);
  checkLoadLevel(ruleId, c, all);
  const mine = all.filter((d) => d.rule === ruleId);
  assert.ok(mine.length === 0, `expected no ${ruleId} finding, got:\n${show(mine)}`);
}

/** Throws unless the rule reports exactly the case's `errors`, in order. */
export function checkInvalid(ruleId: string, c: InvalidCase): void {
  assert.ok(c.errors.length > 0, 'an invalid case lists at least one error');
  const all = diagnosticsOf(c);
  checkLoadLevel(ruleId, c, all);
  const mine = all.filter((d) => d.rule === ruleId);
  const file = defaultFile(c);
  const expectedViews = c.errors.map((e) => expected(e, e.file ?? file));
  const actualViews = mine.map((d, i) => view(d, c.errors[Math.min(i, c.errors.length - 1)]));
  assert.deepEqual(actualViews, expectedViews, `findings of ${ruleId} (${mine.length}, expected ${c.errors.length}):\n${show(mine)}`);
}

export function ruleTester(ruleId: string, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    it('is a built-in rule with valid and invalid cases of distinct names', () => {
      assert.ok(findRule(ruleId), `no rule '${ruleId}' in ALL_RULES`);
      assert.ok(cases.valid.length > 0 && cases.invalid.length > 0, 'needs valid and invalid cases');
      const names = [...cases.valid, ...cases.invalid].map((c) => c.name);
      assert.deepEqual(
        names.filter((n, i) => names.indexOf(n) !== i),
        [],
        'duplicate case names',
      );
    });
    describe('valid', () => {
      for (const c of cases.valid) it(c.name, () => checkValid(ruleId, c));
    });
    describe('invalid', () => {
      for (const c of cases.invalid) it(c.name, () => checkInvalid(ruleId, c));
    });
  });
}

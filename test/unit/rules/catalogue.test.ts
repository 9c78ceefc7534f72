import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES, RULE_CATALOGUE } from '../../../src/core';
import { BASELINE_RULES } from '../../../src/core/evolution/baseline';
import { checkInvalid, checkValid, diagnosticsOf, MANIFEST, model } from '../helpers/rule-tester';
import { REPO } from '../helpers/workspace';

const findings = (files: ReturnType<typeof model>, rule: string) => diagnosticsOf({ name: rule, files }).filter((d) => d.rule === rule);
const read = (rel: string) => fs.readFileSync(path.join(REPO, rel), 'utf8');

describe('rule catalogue', () => {
  it('every rule has a stable kebab-case id, a one-line doc and a default severity', () => {
    const ids = new Set<string>();
    for (const rule of ALL_RULES) {
      assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(!ids.has(rule.id), `duplicate id ${rule.id}`);
      ids.add(rule.id);
      assert.ok(rule.doc.length > 20 && !rule.doc.includes('\n'), rule.id);
      assert.ok(['error', 'warning', 'info', 'hint', 'off'].includes(rule.defaultSeverity));
    }
  });

  it('the catalogue is every rule, then the baseline-only ids, each once', () => {
    assert.deepEqual(
      RULE_CATALOGUE.map((r) => r.id),
      [...ALL_RULES.map((r) => r.id), ...BASELINE_RULES.map((r) => r.id)],
    );
    for (const id of ['published-version-modified', 'published-version-removed'])
      assert.ok(
        BASELINE_RULES.some((b) => b.id === id),
        id,
      );
    assert.equal(new Set(RULE_CATALOGUE.map((r) => r.id)).size, RULE_CATALOGUE.length);
    for (const r of RULE_CATALOGUE.filter((c) => BASELINE_RULES.some((b) => b.id === c.id))) assert.equal(r.category, 'compatibility', r.id);
  });

  it('unknown rule ids in the manifest are reported with a suggestion', () => {
    const d = findings(model({ a: 'context: A\n' }, { manifest: MANIFEST + 'rules:\n  unconsumed-events: off\n' }), 'schema');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /Did you mean 'unconsumed-event'/);
    assert.equal(d[0].location.start.line, 3);
  });

  it('baseline ids are known rule ids for the manifest', () => {
    const d = findings(
      model({ a: 'context: A\n' }, { manifest: MANIFEST + 'rules:\n  published-version-modified: warning\n  published-version-removed: off\n' }),
      'schema',
    );
    assert.deepEqual(d, []);
  });
});

describe('severity overrides', () => {
  it('off removes a rule, and any level replaces its default', () => {
    const ctx = model({ a: 'context: A\nevents:\n  Done: {}\n' });
    const withRules = (rules: string) => model({ a: 'context: A\nevents:\n  Done: {}\n' }, { manifest: MANIFEST + rules });
    assert.equal(findings(ctx, 'event-never-emitted')[0].severity, 'warning');
    assert.equal(findings(withRules('rules:\n  event-never-emitted: error\n'), 'event-never-emitted')[0].severity, 'error');
    assert.deepEqual(findings(withRules('rules:\n  event-never-emitted: off\n'), 'event-never-emitted'), []);
  });

  it('the manifest wins over the editor settings', () => {
    const files = model({ a: 'context: A\nevents:\n  Done: {}\n' }, { manifest: MANIFEST + 'rules:\n  event-never-emitted: info\n' });
    const d = diagnosticsOf({ name: 'precedence', files, options: { severity: { 'event-never-emitted': 'off', 'unconsumed-event': 'error' } } });
    assert.deepEqual(
      d.map((x) => `${x.rule} ${x.severity}`),
      ['unconsumed-event error', 'event-never-emitted info'],
    );
  });
});

describe('rule documentation', () => {
  const text = read('docs/rules.md');
  /** `| [`id`](#id) | severity | doc |` rows of the table. */
  const rows = [...text.matchAll(/^\| \[`([a-z-]+)`\]\(#([a-z-]+)\) \| (\w+) \| (.+) \|$/gm)].map((m) => ({
    id: m[1],
    anchor: m[2],
    severity: m[3],
    doc: m[4],
  }));

  it('docs/rules.md documents every rule once, with its one-line doc', () => {
    for (const rule of ALL_RULES) {
      assert.equal(text.split(`\n## ${rule.id}\n`).length, 2, `heading for ${rule.id}`);
      assert.ok(text.includes(rule.doc), `doc line of ${rule.id}`);
    }
  });

  it('the table of docs/rules.md lists exactly the catalogue, in order, with default severity and doc', () => {
    assert.deepEqual(
      rows.map((r) => r.id),
      RULE_CATALOGUE.map((r) => r.id),
    );
    for (const [i, info] of RULE_CATALOGUE.entries()) {
      assert.equal(rows[i].anchor, info.id);
      assert.equal(rows[i].severity, info.defaultSeverity, `default severity of ${info.id}`);
      assert.ok(rows[i].doc.startsWith(info.doc), `doc of ${info.id}: ${rows[i].doc}`);
    }
  });

  it('each id of the catalogue has its section in docs/rules.md stating its default severity', () => {
    const sections = new Map(
      text
        .split('\n## ')
        .slice(1)
        .map((s) => [s.slice(0, s.indexOf('\n')), s] as const),
    );
    for (const info of RULE_CATALOGUE) {
      const section = sections.get(info.id);
      assert.ok(section, `section ## ${info.id}`);
      assert.ok(section.includes(info.doc), `doc of ${info.id} in its section`);
      assert.match(section, new RegExp(`^Default severity: \\*\\*${info.defaultSeverity}\\*\\*`, 'm'), `default severity of ${info.id}`);
    }
  });

  it('docs/compatibility.md lists the baseline ids with their default severity, linking to docs/rules.md', () => {
    const compat = read('docs/compatibility.md');
    for (const b of BASELINE_RULES) {
      assert.match(compat, new RegExp(`\\[\`${b.id}\`\\]\\(rules\\.md#${b.id}\\) \\(${b.defaultSeverity}\\)`), b.id);
    }
  });
});

describe('rule tests (test/unit/rules/<id>.test.ts)', () => {
  const dir = path.join(REPO, 'test/unit/rules');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.ts'));

  it('every rule has its own test file running ruleTester on it', () => {
    const missing = ALL_RULES.map((r) => r.id).filter((id) => {
      const file = path.join(dir, `${id}.test.ts`);
      return !fs.existsSync(file) || !fs.readFileSync(file, 'utf8').includes(`ruleTester('${id}'`);
    });
    assert.deepEqual(missing, []);
  });

  it('every test file there belongs to a rule (or is the catalogue)', () => {
    const ids = new Set(ALL_RULES.map((r) => r.id));
    assert.deepEqual(
      files.filter((f) => f !== 'catalogue.test.ts' && !ids.has(f.replace(/\.test\.ts$/, ''))),
      [],
    );
  });
});

describe('the rule tester', () => {
  const files = model({ a: 'context: A\nevents:\n  order_placed: {}\n  Placed: {}\n' });
  const error = (line: number, message: RegExp | string) => ({ line, message });
  const PASCAL = /should be PascalCase/;

  it('accepts the exact findings of the rule, ignoring other rules', () => {
    checkInvalid('naming', { name: 'exact', files, errors: [{ line: 3, column: 3, severity: 'warning', message: PASCAL }] });
    checkValid('relationship-self', { name: 'other rules report', files });
  });

  it('fails a missing, an extra, a misplaced or a differently worded finding', () => {
    assert.throws(() => checkValid('naming', { name: 'valid', files }), /expected no naming finding/);
    assert.throws(() => checkInvalid('naming', { name: 'extra', files, errors: [error(3, PASCAL), error(4, PASCAL)] }), /findings of naming \(1, expected 2\)/);
    assert.throws(() => checkInvalid('naming', { name: 'line', files, errors: [error(4, PASCAL)] }), assert.AssertionError);
    assert.throws(() => checkInvalid('naming', { name: 'column', files, errors: [{ line: 3, column: 4, message: PASCAL }] }), assert.AssertionError);
    assert.throws(() => checkInvalid('naming', { name: 'severity', files, errors: [{ line: 3, severity: 'error', message: PASCAL }] }), assert.AssertionError);
    assert.throws(
      () => checkInvalid('naming', { name: 'file', files, errors: [{ line: 3, file: 'contexts/b.yaml', message: PASCAL }] }),
      assert.AssertionError,
    );
    assert.throws(() => checkInvalid('naming', { name: 'substring', files, errors: [error(3, 'should be PascalCase')] }), assert.AssertionError);
    assert.throws(
      () => checkInvalid('naming', { name: 'data', files, errors: [{ line: 3, message: PASCAL, data: { suggestion: 'Placed' } }] }),
      assert.AssertionError,
    );
  });

  it('lists findings in order and checks related locations exactly', () => {
    const two = model({ a: 'context: A\nevents:\n  x_a: {}\n  x_b: {}\n' });
    checkInvalid('naming', { name: 'ordered', files: two, errors: [error(3, /'x_a'/), error(4, /'x_b'/)] });
    assert.throws(() => checkInvalid('naming', { name: 'swapped', files: two, errors: [error(4, /'x_b'/), error(3, /'x_a'/)] }), assert.AssertionError);
    const dup = model({ a: 'context: A\nevents:\n  Placed: {}\n  Placed: {}\n' });
    checkInvalid('duplicate-name', { name: 'related', files: dup, errors: [{ line: 4, message: /defined twice/, related: [{ line: 3 }] }] });
    assert.throws(
      () => checkInvalid('duplicate-name', { name: 'no related', files: dup, errors: [{ line: 4, message: /defined twice/, related: [] }] }),
      assert.AssertionError,
    );
  });

  it('refuses a model broken for the load-level rules unless the case allows it', () => {
    const broken = model({ a: 'context: A\nevents:\n  order_placed: {}\nchanel: x\n' });
    assert.throws(() => checkInvalid('naming', { name: 'broken', files: broken, errors: [error(3, PASCAL)] }), /is broken/);
    checkInvalid('naming', { name: 'allowed', files: broken, allowInvalidModel: true, errors: [error(3, PASCAL)] });
  });

  it('writes `options.rules` into the manifest', () => {
    checkInvalid('naming', { name: 'rules', files, options: { rules: { naming: 'info' } }, errors: [{ line: 3, severity: 'info', message: PASCAL }] });
    checkValid('naming', { name: 'off', files, options: { rules: { naming: 'off' } } });
  });
});

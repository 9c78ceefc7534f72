import assert from 'node:assert/strict';
import { RULE_CATALOGUE } from '../../../src/core';
import { CHANGE_TYPES } from '../../../src/core/compat';
import { runCli, writeTemp } from '../helpers/workspace';
import * as path from 'node:path';

describe('eventmodel rules and diff --list-types', function () {
  this.timeout(60_000);

  it('rules --format json lists every rule id with category, default severity and doc', () => {
    const r = runCli(['rules', '--format', 'json']);
    assert.equal(r.status, 0);
    const rules = JSON.parse(r.stdout) as { id: string; category: string; defaultSeverity: string; doc: string }[];
    assert.deepEqual(
      rules,
      RULE_CATALOGUE.map((x) => ({ id: x.id, category: x.category, defaultSeverity: x.defaultSeverity, doc: x.doc })),
    );
    assert.ok(rules.some((x) => x.id === 'published-version-modified' && x.category === 'compatibility'));
    assert.ok(rules.some((x) => x.id === 'naming' && x.category === 'validation' && x.defaultSeverity === 'warning'));
  });

  it('rules prints one aligned line per rule and a count', () => {
    const r = runCli(['rules']);
    assert.equal(r.status, 0);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, RULE_CATALOGUE.length + 1);
    for (const [i, rule] of RULE_CATALOGUE.entries()) {
      assert.match(lines[i], new RegExp(`^${rule.id} +${rule.category} +${rule.defaultSeverity} +`));
      assert.ok(lines[i].endsWith(rule.doc));
    }
    assert.equal(lines[lines.length - 1], `${RULE_CATALOGUE.length} rules. Details: docs/rules.md.`);
    assert.equal(runCli(['rules', '--format', 'yaml']).status, 2);
  });

  it('diff --list-types lists every change type; its default verdict is what diff decides', () => {
    const r = runCli(['diff', '--list-types', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const types = JSON.parse(r.stdout) as {
      type: string;
      compatible: boolean;
      backward: { strict: boolean; lenient: boolean };
      forward: unknown;
      category: string;
      doc: string;
    }[];
    assert.deepEqual(
      types.map((t) => t.type),
      CHANGE_TYPES.map((t) => t.type),
    );
    const byType = new Map(types.map((t) => [t.type, t]));
    assert.equal(byType.get('REQUIRED_ATTRIBUTE_ADDED')!.compatible, false);
    assert.deepEqual(byType.get('PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL')!.backward, { strict: false, lenient: true });
    assert.deepEqual(byType.get('MAX_LENGTH_INCREASED')!.forward, { strict: false, lenient: false }, 'its mirror (decreased) breaks old readers');
    // The listing agrees with a real diff: make a REQUIRED_ATTRIBUTE_ADDED and a MAX_LENGTH_INCREASED change.
    const dir = writeTemp({
      'old.json': JSON.stringify({ type: 'object', properties: { a: { type: 'string', maxLength: 3 } } }),
      'new.json': JSON.stringify({ type: 'object', required: ['a'], properties: { a: { type: 'string', maxLength: 5 } } }),
    });
    const diff = JSON.parse(runCli(['diff', path.join(dir, 'old.json'), path.join(dir, 'new.json'), '--format', 'json']).stdout) as {
      changes: { type: string; compatible: boolean }[];
    };
    assert.ok(diff.changes.length >= 2);
    for (const c of diff.changes) assert.equal(c.compatible, byType.get(c.type)!.compatible, c.type);
  });

  it('diff --list-types as text, and usage errors exit 2', () => {
    const r = runCli(['diff', '--list-types']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^REQUIRED_ATTRIBUTE_ADDED +object +INCOMPATIBLE +breaking +compatible +/m);
    assert.match(r.stdout, new RegExp(`^${CHANGE_TYPES.length} change types\\.`, 'm'));
    const none = runCli(['diff']);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /diff needs two schema files/);
    assert.equal(runCli(['diff', '--list-types', 'a.json']).status, 2);
  });
});

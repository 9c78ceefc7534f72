import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../../src/core';
import { brief, diskWorkspace, FIXTURES, readTree, runCli } from '../helpers/workspace';

/**
 * Each folder of test/fixtures/rules is a small model broken for one rule. A `# expect: <rule>`
 * comment marks the line where that rule must report; no other rule may report anything.
 */
const root = path.join(FIXTURES, 'rules');
const fixtures = fs.readdirSync(root).sort();

function expectations(dir: string): { file: string; line: number; rule: string }[] {
  const out: { file: string; line: number; rule: string }[] = [];
  const tree = readTree(dir);
  for (const [file, text] of Object.entries(tree)) {
    text.split(/\r?\n/).forEach((line, i) => {
      const m = /# expect: ([a-z-]+)/.exec(line);
      if (m) out.push({ file, line: i + 1, rule: m[1] });
    });
  }
  return out;
}

describe('rule fixtures (test/fixtures/rules)', () => {
  it('has a fixture for every built-in rule', () => {
    const missing = ALL_RULES.map((r) => r.id).filter((id) => !fixtures.includes(id));
    assert.deepEqual(missing, []);
  });

  for (const name of fixtures) {
    describe(name, () => {
      const dir = path.join(root, name);
      const expected = expectations(dir);

      it('marks at least one expected finding', () => {
        assert.ok(expected.length > 0, 'fixture has no "# expect:" marker');
        assert.ok(
          expected.every((e) => e.rule === name),
          'fixture expects its own rule only',
        );
      });

      it('reports the rule at the marked line and nothing else', () => {
        const diagnostics = diskWorkspace(dir).diagnostics();
        for (const e of expected) {
          const hit = diagnostics.find((d) => d.rule === e.rule && d.location.file === e.file && d.location.start.line + 1 === e.line);
          assert.ok(hit, `expected ${e.rule} at ${e.file}:${e.line}, got:\n${brief(diagnostics).join('\n')}`);
        }
        const others = diagnostics.filter((d) => d.rule !== name);
        assert.deepEqual(brief(others), []);
      });

      it('prints the same finding through the CLI in text and JSON', () => {
        const rule = ALL_RULES.find((r) => r.id === name)!;
        // Compatibility rules print through `eventmodel check`, which also fails on warnings (incompatible).
        const compat = rule.category === 'compatibility';
        const text = runCli([compat ? 'check' : 'validate', dir]);
        const json = runCli([compat ? 'check' : 'validate', dir, '--format', 'json']);
        const expectedExit = rule.defaultSeverity === 'error' || (compat && rule.defaultSeverity === 'warning') ? 1 : 0;
        assert.equal(text.status, expectedExit, text.stdout + text.stderr);
        assert.equal(json.status, expectedExit, json.stderr);
        const parsed = JSON.parse(json.stdout) as {
          file: string;
          line: number;
          column: number;
          endLine: number;
          endColumn: number;
          rule: string;
          severity: string;
        }[];
        for (const e of expected) {
          assert.match(text.stdout, new RegExp(`^${e.file.replace(/[.]/g, '\\.')}:${e.line}:\\d+ \\w+ ${e.rule} `, 'm'));
          const hit = parsed.find((d) => d.rule === e.rule && d.file === e.file && d.line === e.line);
          assert.ok(hit, JSON.stringify(parsed));
          assert.ok(hit.column >= 1 && hit.endLine >= hit.line);
        }
        assert.match(text.stdout, /\d+ error\(s\), \d+ warning\(s\)/);
      });
    });
  }
});

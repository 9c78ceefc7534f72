/** docs/compatibility.md's change-type table is the catalogue of `changes.ts`, row for row. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHANGE_TYPES, isBackwardCompatibleType, type ChangeTypeInfo, type Policy } from '../../../src/core/compat';

const DOC = path.join(__dirname, '../../../../docs/compatibility.md');

interface Row {
  type: string;
  category: string;
  strict: string;
  lenient: string;
  meaning: string;
}

/** The rows of the table under "## Change types". */
function tableRows(text: string): Row[] {
  const section = text.split(/^## /m).find((s) => s.startsWith('Change types'));
  assert.ok(section, 'docs/compatibility.md has a "Change types" section');
  const rows: Row[] = [];
  for (const line of section.split('\n')) {
    const m = /^\| `([A-Z_]+)` \| ([a-z-]+) \| ([^|]+) \| ([^|]+) \| (.+) \|$/.exec(line.trim());
    if (m) rows.push({ type: m[1], category: m[2], strict: m[3].trim(), lenient: m[4].trim(), meaning: m[5].trim() });
  }
  return rows;
}

const mark = (ok: boolean) => (ok ? '✔' : '✘');

/** How the table writes a type's default verdicts under a policy: backward, then forward (`ctx` when computed per change). */
function verdicts(t: ChangeTypeInfo, policy: Policy): string {
  const backward = mark(policy === 'lenient' ? t.lenient : t.strict);
  const forward = t.mirror ? mark(isBackwardCompatibleType(t.mirror, policy)) : 'ctx';
  return `${backward} ${forward}`;
}

describe('compat: docs/compatibility.md', () => {
  const rows = tableRows(fs.readFileSync(DOC, 'utf8'));

  it('lists every change type of the catalogue once, in the catalogue order', () => {
    assert.deepEqual(
      rows.map((r) => r.type),
      CHANGE_TYPES.map((t) => t.type),
    );
  });

  it('gives each type its category, default verdicts under both policies and its one-line doc', () => {
    const byType = new Map(rows.map((r) => [r.type, r]));
    for (const t of CHANGE_TYPES) {
      const row = byType.get(t.type)!;
      assert.deepEqual(
        { category: row.category, strict: row.strict, lenient: row.lenient, meaning: row.meaning },
        { category: t.category, strict: verdicts(t, 'strict'), lenient: verdicts(t, 'lenient'), meaning: t.doc },
        t.type,
      );
    }
  });
});

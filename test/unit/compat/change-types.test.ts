/**
 * One case per change type (`cases.ts`), judged under both policies and every mode.
 * Where the verdict is a plain fact about valid data, a witness instance proves it with ajv.
 */
import assert from 'node:assert/strict';
import { CHANGE_TYPES, MODES, checkCompatibility, compareSchemas, type Mode, type Policy } from '../../../src/core/compat';
import { CASES, type Verdict } from './cases';
import { valid } from './helpers';

function expected(v: Verdict, mode: Mode): boolean {
  const [b, f] = v;
  if (mode === 'NONE') return true;
  if (mode.startsWith('BACKWARD')) return b;
  if (mode.startsWith('FORWARD')) return f;
  return b && f;
}

describe('compat: every change type', () => {
  it('the table covers every change type of the catalogue', () => {
    const covered = new Set(CASES.map((c) => c.type));
    const missing = CHANGE_TYPES.map((t) => t.type).filter((t) => !covered.has(t));
    assert.deepEqual(missing, []);
  });

  for (const c of CASES) {
    describe(c.type, () => {
      it('is reported', () => {
        const types = compareSchemas(c.old, c.new).changes.map((x) => x.type);
        assert.ok(types.includes(c.type), `got ${types.join(', ') || 'no change'}`);
      });

      for (const policy of ['strict', 'lenient'] as Policy[]) {
        const verdict = policy === 'lenient' ? (c.lenient ?? c.strict) : c.strict;
        it(`${policy}: backward=${verdict[0]} forward=${verdict[1]} in every mode`, () => {
          const r = compareSchemas(c.old, c.new, { policy });
          assert.equal(r.backward, verdict[0], 'backward');
          assert.equal(r.forward, verdict[1], 'forward');
          for (const mode of MODES) {
            assert.equal(checkCompatibility([c.old, c.new], mode, policy).compatible, expected(verdict, mode), mode);
          }
        });
      }

      if (c.oldOnly !== undefined) {
        it('a value written with the old schema is rejected by the new one (ajv)', () => {
          assert.equal(valid(c.old, c.oldOnly), true, 'valid under old');
          assert.equal(valid(c.new, c.oldOnly), false, 'invalid under new');
        });
      }
      if (c.newOnly !== undefined) {
        it('a value written with the new schema is rejected by the old one (ajv)', () => {
          assert.equal(valid(c.new, c.newOnly), true, 'valid under new');
          assert.equal(valid(c.old, c.newOnly), false, 'invalid under old');
        });
      }
    });
  }
});

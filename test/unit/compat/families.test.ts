/**
 * The keyword families and the mask derived from their declarations: a family is skipped only
 * when neither side uses a keyword it declares, so a keyword (or a change type) added to a
 * family without being declared fails here instead of silently finding nothing.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CHANGE_TYPES, type ChangeType, type Policy } from '../../../src/core/compat';
import type { AddOptions } from '../../../src/core/compat/diff/change';
import { NodeContext } from '../../../src/core/compat/diff/context';
import type { KeywordFamily } from '../../../src/core/compat/diff/family';
import { KEYWORD_FAMILIES, VOCABULARY } from '../../../src/core/compat/diff/registry';
import { Vocabulary } from '../../../src/core/compat/diff/vocabulary';
import { DEFAULT_LIMITS, Walker, walk } from '../../../src/core/compat/diff/walker';
import { RefResolver } from '../../../src/core/compat/resolve';
import { schemaPairArb } from './arbitraries';
import { CASES } from './cases';

/** Every catalogue case in both directions, plus a few pairs where a family's keywords are on one side only. */
const PAIRS: Array<[unknown, unknown]> = CASES.flatMap((c): Array<[unknown, unknown]> => [
  [c.old, c.new],
  [c.new, c.old],
]);

/** Records the own keywords of a node a family reads (`node.k`, `k in node`, own-property checks). */
function recording(node: unknown, reads: Set<string>): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return node;
  return new Proxy(node as Record<string, unknown>, {
    get(target, key, receiver) {
      if (typeof key === 'string') reads.add(key);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (typeof key === 'string') reads.add(key);
      return Reflect.has(target, key);
    },
  });
}

/** A context that also notes the change types the family records itself (not those of sub-comparisons). */
class NotingContext extends NodeContext {
  readonly added: ChangeType[] = [];
  override add(type: ChangeType, oRel: string, nRel: string, opts: AddOptions, what: string): void {
    this.added.push(type);
    super.add(type, oRel, nRel, opts, what);
  }
}

function runFamily(family: KeywordFamily, old: unknown, neu: unknown, policy: Policy, reads?: Set<string>): NotingContext {
  const oldR = new RefResolver(reads ? recording(old, reads) : old, 'old', '');
  const newR = new RefResolver(reads ? recording(neu, reads) : neu, 'new', '');
  const ctx = new NotingContext(Walker.create(oldR, newR, policy), oldR.root(), newR.root(), 0, VOCABULARY);
  reads?.clear(); // (what the context read to build its keyword mask is not the family's doing)
  family.compare(ctx);
  return ctx;
}

function outcome(old: unknown, neu: unknown, policy: Policy, everyFamily: boolean): string {
  const r = walk(new RefResolver(old, 'old', ''), new RefResolver(neu, 'new', ''), policy, DEFAULT_LIMITS, true, everyFamily);
  return JSON.stringify(r);
}

describe('compat: keyword families', () => {
  it('each family reads, on the pair it compares, only the keywords it declares or consults', () => {
    const undeclared: string[] = [];
    for (const family of KEYWORD_FAMILIES) {
      if (family.ungated) continue;
      const allowed = new Set([...family.keywords, ...(family.consults ?? [])]);
      for (const [old, neu] of PAIRS) {
        const reads = new Set<string>();
        runFamily(family, old, neu, 'strict', reads);
        for (const k of reads) if (!allowed.has(k)) undeclared.push(`${family.name} reads \`${k}\``);
      }
    }
    assert.deepEqual([...new Set(undeclared)], []);
  });

  it('the mask skips a family only where running it finds nothing (catalogue cases and random pairs)', () => {
    for (const [old, neu] of PAIRS) {
      for (const policy of ['strict', 'lenient'] as Policy[]) {
        assert.equal(outcome(old, neu, policy, false), outcome(old, neu, policy, true), JSON.stringify([old, neu]));
      }
    }
    fc.assert(
      fc.property(schemaPairArb, ([old, neu]) => outcome(old, neu, 'strict', false) === outcome(old, neu, 'strict', true)),
      { numRuns: 1500, seed: 20261127 },
    );
  });

  it('each family reports only the change types it declares, and every catalogue type is declared', () => {
    const stray: string[] = [];
    for (const family of KEYWORD_FAMILIES) {
      const declared = new Set(family.changeTypes);
      for (const [old, neu] of PAIRS) {
        for (const policy of ['strict', 'lenient'] as Policy[]) {
          for (const t of runFamily(family, old, neu, policy).added) if (!declared.has(t)) stray.push(`${family.name}: ${t}`);
        }
      }
    }
    assert.deepEqual([...new Set(stray)], []);
    const declared = new Set(KEYWORD_FAMILIES.flatMap((f) => f.changeTypes));
    assert.deepEqual(
      CHANGE_TYPES.map((t) => t.type).filter((t) => !declared.has(t)),
      [],
    );
  });

  it('a schema without `type` is compared as the type its keywords belong to', () => {
    for (const family of KEYWORD_FAMILIES) {
      if (family.appliesTo === 'any') continue;
      for (const k of family.keywords) {
        assert.deepEqual([...(VOCABULARY.effectiveTypes({ [k]: {} }) ?? [])], [family.appliesTo], k);
        assert.equal(VOCABULARY.isEmptySchema({ [k]: {} }), false, `${k} validates`);
      }
    }
    for (const k of ['title', 'description', '$id', 'default']) assert.equal(VOCABULARY.isEmptySchema({ [k]: 'x' }), true, `${k} is an annotation`);
  });

  it('refuses families it cannot give a bit, and families it does not know', () => {
    const family = (i: number): KeywordFamily => ({ name: `f${i}`, appliesTo: 'any', keywords: [`k${i}`], changeTypes: [], compare: () => undefined });
    assert.throws(
      () =>
        new Vocabulary(
          Array.from({ length: 32 }, (_, i) => family(i)),
          [],
        ),
      /31/,
    );
    assert.throws(() => VOCABULARY.bitOf(family(0)), /not registered/);
  });
});

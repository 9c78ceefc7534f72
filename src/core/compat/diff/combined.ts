/**
 * `allOf`, `anyOf`, `oneOf` (Schema Registry's `CombinedSchemaDiff`, plus its singleton and
 * plain ↔ combined special cases from `SchemaDiff.compareTypes`).
 */
import type { ChangeType } from '../changes';
import { type CombinatorKind, canonical, combinatorKinds } from '../keywords';
import type { Result, SchemaChange } from './change';
import type { NodeContext } from './context';
import type { KeywordFamily } from './family';
import { dedupeIndices, hasRef, maxMatching } from './matching';
import { rel } from './paths';

export const combinedDiff: KeywordFamily = {
  name: 'combined',
  appliesTo: 'any',
  keywords: ['allOf', 'anyOf', 'oneOf'],
  changeTypes: [
    'COMBINED_TYPE_EXTENDED',
    'COMBINED_TYPE_CHANGED',
    'COMBINED_TYPE_SUBSCHEMAS_CHANGED',
    'PRODUCT_TYPE_EXTENDED',
    'PRODUCT_TYPE_NARROWED',
    'SUM_TYPE_EXTENDED',
    'SUM_TYPE_NARROWED',
    'TYPE_CHANGED',
  ],
  compare: combinators,
};

/** Returns true when the pair was fully handled as a combinator ↔ plain schema change. */
function combinators(ctx: NodeContext): boolean {
  const oKinds = combinatorKinds(ctx.on);
  const nKinds = combinatorKinds(ctx.nn);
  if (oKinds.length === 0 && nKinds.length === 0) return false;
  const oBase = ctx.vocab.hasBase(ctx.on);
  const nBase = ctx.vocab.hasBase(ctx.nn);
  if (oKinds.length === 0 && nKinds.length === 1 && !nBase) {
    plainToCombined(ctx, nKinds[0]);
    return true;
  }
  if (oKinds.length === 1 && !oBase && nKinds.length === 0) {
    combinedToPlain(ctx, oKinds[0]);
    return true;
  }
  if (oKinds.length === 1 && nKinds.length === 1 && oKinds[0] !== nKinds[0]) {
    criterionChange(ctx, oKinds[0], nKinds[0]);
    return !oBase && !nBase;
  }
  for (const kind of ['allOf', 'anyOf', 'oneOf'] as const) {
    const inO = oKinds.includes(kind);
    const inN = nKinds.includes(kind);
    if (inO && inN) subschemas(ctx, kind, kind);
    else if (inO) ctx.add('PRODUCT_TYPE_NARROWED', `/${kind}`, '', {}, `the \`${kind}\` constraint was removed`);
    else if (inN) ctx.add('PRODUCT_TYPE_EXTENDED', '', `/${kind}`, {}, `a \`${kind}\` constraint was added`);
  }
  return false;
}

function plainToCombined(ctx: NodeContext, kind: CombinatorKind): void {
  const subs = ctx.nn[kind] as unknown[];
  if (subs.length === 1) {
    ctx.include(ctx.sub('', `/${kind}/0`, ctx.o, ctx.nc(kind, 0)), '', rel(kind, 0));
    return;
  }
  const results = subs.map((_, j) => ctx.sub('', `/${kind}/${j}`, ctx.o, ctx.nc(kind, j)));
  if (kind === 'allOf') {
    const reverseOk = results.some((r) => r.f);
    if (reverseOk) ctx.add('PRODUCT_TYPE_EXTENDED', '', `/${kind}`, { b: false, f: true }, `the schema became an \`allOf\` of ${subs.length} subschemas`);
    else
      ctx.add(
        'TYPE_CHANGED',
        '',
        `/${kind}`,
        { b: false, f: false },
        `the schema became an \`allOf\` none of whose subschemas matches the old one (${closest(results, 'f', kind, 'new')})`,
      );
    return;
  }
  const j = results.findIndex((r) => r.b);
  if (j >= 0) {
    ctx.include(results[j], '', rel(kind, j));
    ctx.add(
      'SUM_TYPE_EXTENDED',
      '',
      `/${kind}`,
      { b: true, f: false },
      `the schema became a \`${kind}\` of ${subs.length} alternatives, one of which reads the old values (\`/${kind}/${j}\`)`,
    );
  } else {
    ctx.add(
      'TYPE_CHANGED',
      '',
      `/${kind}`,
      { b: false, f: false },
      `the schema became a \`${kind}\` none of whose alternatives reads the old values (${closest(results, 'b', kind, 'new')})`,
    );
  }
}

function combinedToPlain(ctx: NodeContext, kind: CombinatorKind): void {
  const subs = ctx.on[kind] as unknown[];
  if (subs.length === 1) {
    ctx.include(ctx.sub(`/${kind}/0`, '', ctx.oc(kind, 0), ctx.n), rel(kind, 0), '');
    return;
  }
  const results = subs.map((_, i) => ctx.sub(`/${kind}/${i}`, '', ctx.oc(kind, i), ctx.n));
  if (kind === 'allOf') {
    const i = results.findIndex((r) => r.b);
    if (i >= 0) {
      ctx.include(results[i], rel(kind, i), '');
      ctx.add(
        'PRODUCT_TYPE_NARROWED',
        `/${kind}`,
        '',
        { b: true, f: false },
        `the \`allOf\` of ${subs.length} subschemas was reduced to one of them (\`/${kind}/${i}\`)`,
      );
    } else {
      ctx.add(
        'TYPE_CHANGED',
        `/${kind}`,
        '',
        { b: false, f: false },
        `the \`allOf\` was replaced by a schema that reads none of its subschemas (${closest(results, 'b', kind, 'old')})`,
      );
    }
    return;
  }
  const reverseOk = results.some((r) => r.f);
  if (reverseOk)
    ctx.add('SUM_TYPE_NARROWED', `/${kind}`, '', { b: false, f: true }, `the \`${kind}\` of ${subs.length} alternatives was reduced to a single schema`);
  else
    ctx.add(
      'TYPE_CHANGED',
      `/${kind}`,
      '',
      { b: false, f: false },
      `the \`${kind}\` was replaced by a schema none of its alternatives matches (${closest(results, 'f', kind, 'old')})`,
    );
}

/**
 * Schema Registry's `compareCriteria`: the new combinator reads at least what the old one
 * accepted. `anyOf` takes anything its branches take; a singleton is its branch; an `allOf`
 * reduced to one branch (`oneOf: [x]`) keeps a subset of its constraints.
 */
function criterionExtended(origKind: CombinatorKind, origSize: number, updKind: CombinatorKind, updSize: number): boolean {
  if (updKind === 'anyOf') return true;
  if (origSize === 1 && (updSize === 1 || updKind === 'oneOf')) return true;
  return updSize === 1 && origKind === 'allOf';
}

function criterionChange(ctx: NodeContext, oKind: CombinatorKind, nKind: CombinatorKind): void {
  const oSize = (ctx.on[oKind] as unknown[]).length;
  const nSize = (ctx.nn[nKind] as unknown[]).length;
  const bExt = criterionExtended(oKind, oSize, nKind, nSize);
  const fExt = criterionExtended(nKind, nSize, oKind, oSize);
  ctx.add(
    bExt ? 'COMBINED_TYPE_EXTENDED' : 'COMBINED_TYPE_CHANGED',
    `/${oKind}`,
    `/${nKind}`,
    { b: bExt, f: fExt },
    `the combinator changed from \`${oKind}\` to \`${nKind}\``,
  );
  subschemas(ctx, oKind, nKind);
}

/** Confluent's CombinedSchemaDiff: size change, then a maximum matching of compatible branches. */
function subschemas(ctx: NodeContext, oKind: CombinatorKind, nKind: CombinatorKind): void {
  const oAll = ctx.on[oKind] as unknown[];
  const nAll = ctx.nn[nKind] as unknown[];
  const oIdx = dedupeIndices(oAll);
  const nIdx = dedupeIndices(nAll);
  const oSize = oIdx.length;
  const nSize = nIdx.length;
  // As the registry: growth is typed by the new combinator, shrinking by the old one (an `allOf`
  // losing subschemas drops constraints, whatever it became); the mirror is the swapped pair's type.
  if (oSize < nSize) {
    const t: ChangeType = nKind === 'allOf' ? 'PRODUCT_TYPE_EXTENDED' : 'SUM_TYPE_EXTENDED';
    const m: ChangeType = nKind === 'allOf' ? 'PRODUCT_TYPE_NARROWED' : 'SUM_TYPE_NARROWED';
    ctx.add(
      t,
      `/${oKind}`,
      `/${nKind}`,
      { mirror: m },
      oKind === nKind ? `\`${nKind}\` grew from ${oSize} to ${nSize} subschemas` : `the ${oSize} subschemas of \`${oKind}\` became ${nSize} of \`${nKind}\``,
    );
  } else if (oSize > nSize) {
    const t: ChangeType = oKind === 'allOf' ? 'PRODUCT_TYPE_NARROWED' : 'SUM_TYPE_NARROWED';
    const m: ChangeType = oKind === 'allOf' ? 'PRODUCT_TYPE_EXTENDED' : 'SUM_TYPE_EXTENDED';
    ctx.add(
      t,
      `/${oKind}`,
      `/${nKind}`,
      { mirror: m },
      oKind === nKind ? `\`${nKind}\` shrank from ${oSize} to ${nSize} subschemas` : `the ${oSize} subschemas of \`${oKind}\` became ${nSize} of \`${nKind}\``,
    );
  }

  // Identical subschemas without references pair up without comparison (large unions stay cheap).
  const pairs: Array<[number, number]> = [];
  const nByCanon = new Map<string, number[]>();
  for (const j of nIdx) {
    if (hasRef(nAll[j])) continue;
    const key = canonical(nAll[j]);
    const list = nByCanon.get(key);
    if (list) list.push(j);
    else nByCanon.set(key, [j]);
  }
  const restO: number[] = [];
  const usedN = new Set<number>();
  for (const i of oIdx) {
    const list = hasRef(oAll[i]) ? undefined : nByCanon.get(canonical(oAll[i]));
    const j = list?.shift();
    if (j !== undefined) {
      pairs.push([i, j]);
      usedN.add(j);
    } else restO.push(i);
  }
  const restN = nIdx.filter((j) => !usedN.has(j));
  const need = Math.min(restO.length, restN.length);
  if (need === 0) return;

  // Resolve each branch once; the cross product then hits the pair memo directly.
  const oLocs = restO.map((i) => ctx.w.derefL(ctx.oc(oKind, i)));
  const nLocs = restN.map((j) => ctx.w.derefR(ctx.nc(nKind, j)));
  const results: Result[][] = oLocs.map((ol) => nLocs.map((nl) => ctx.w.compare(ol, nl, ctx.depth + 1)));
  const mb = maxMatching(restO.length, restN.length, (a, c) => results[a][c].b);
  const mf = maxMatching(restO.length, restN.length, (a, c) => results[a][c].f);
  const mj = maxMatching(restO.length, restN.length, (a, c) => results[a][c].b && results[a][c].f);
  const bComplete = mb.length === need;
  const fComplete = mf.length === need;
  const useJoint = mj.length === need;
  const chosen = useJoint ? mj : mb;
  const forceForward = !useJoint && fComplete;
  let anyForwardBreak = false;
  for (const [a, c] of chosen) {
    const r = results[a][c];
    ctx.include(r, rel(oKind, restO[a]), rel(nKind, restN[c]), forceForward);
    if (!forceForward && !r.f) anyForwardBreak = true;
  }
  if (!bComplete || (!fComplete && !anyForwardBreak)) {
    const why = !bComplete ? unpaired(results, mb, 'b', restO, restN, oKind, nKind) : unpaired(results, mf, 'f', restO, restN, oKind, nKind);
    ctx.add(
      'COMBINED_TYPE_SUBSCHEMAS_CHANGED',
      `/${oKind}`,
      `/${nKind}`,
      { b: bComplete, f: fComplete },
      `the subschemas of \`${oKind}\` and \`${nKind}\` cannot be paired compatibly: ${why}`,
    );
  }
}

type Direction = 'b' | 'f';

/** The changes of a comparison that break the direction. */
function breaks(r: Result, dir: Direction): SchemaChange[] {
  return r.changes.filter((c) => (dir === 'b' ? !c.backward : !c.forward));
}

/** How far a branch is from pairing: its breaking changes, a branch of an unrelated type counting as further. */
function distance(changes: SchemaChange[]): number {
  const unrelated = changes.some((c) => c.type === 'TYPE_CHANGED' && (c.newPath === '' || c.newPath === '/type'));
  return changes.length + (unrelated ? 0.5 : 0);
}

/** "`kind/i`, where <first break> at `path`": the branch whose comparison breaks the direction least. */
function closestOf(candidates: Array<{ label: string; r: Result; side: 'old' | 'new' }>, dir: Direction): string {
  let best = candidates[0];
  let bestBreaks = breaks(best.r, dir);
  for (const c of candidates.slice(1)) {
    const b = breaks(c.r, dir);
    if (distance(b) < distance(bestBreaks)) {
      best = c;
      bestBreaks = b;
    }
  }
  const first = bestBreaks[0];
  if (!first) return `closest: ${best.side} \`${best.label}\``;
  const path = (best.side === 'new' ? first.newPath : first.oldPath).slice(1);
  return `closest: ${best.side} \`${best.label}\`, where ${first.detail}${path ? ` at \`${path}\`` : ''}`;
}

/** The branches of a combinator that became (or stayed) a plain schema: which one comes closest, and what breaks it. */
function closest(results: Result[], dir: Direction, kind: CombinatorKind, side: 'old' | 'new'): string {
  return closestOf(
    results.map((r, i) => ({ label: `${kind}/${i}`, r, side })),
    dir,
  );
}

/**
 * Why no matching pairs every branch of the smaller side: each branch left over, and the partner
 * that comes closest with the first change that breaks it (or that its partners are taken).
 */
function unpaired(
  results: Result[][],
  matching: Array<[number, number]>,
  dir: Direction,
  restO: number[],
  restN: number[],
  oKind: CombinatorKind,
  nKind: CombinatorKind,
): string {
  const oldSide = restO.length <= restN.length;
  const matched = new Set(matching.map(([a, c]) => (oldSide ? a : c)));
  const left = (oldSide ? restO : restN).map((_, i) => i).filter((i) => !matched.has(i));
  const parts = left.slice(0, 3).map((i) => {
    const label = oldSide ? `old \`${oKind}/${restO[i]}\`` : `new \`${nKind}/${restN[i]}\``;
    const partners = (oldSide ? restN : restO).map((idx, j) => ({
      label: oldSide ? `${nKind}/${idx}` : `${oKind}/${idx}`,
      r: oldSide ? results[i][j] : results[j][i],
      side: oldSide ? ('new' as const) : ('old' as const),
    }));
    const compatible = partners.filter((p) => breaks(p.r, dir).length === 0 && (dir === 'b' ? p.r.b : p.r.f));
    if (compatible.length > 0) return `${label} pairs only with subschemas already paired with others (${compatible.map((p) => `\`${p.label}\``).join(', ')})`;
    return `${label} pairs with no ${oldSide ? 'new' : 'old'} subschema (${closestOf(partners, dir)})`;
  });
  const more = left.length > 3 ? `; and ${left.length - 3} more` : '';
  return parts.join('; ') + more;
}

/** Pairing the branches of combinators: duplicates, references, maximum bipartite matching. */
import { canonical } from '../keywords';

/** Whether a value holds a `$ref` anywhere (then equal text may still resolve differently). */
export function hasRef(value: unknown): boolean {
  const stack = [value];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) stack.push(...v);
    else {
      if ('$ref' in v) return true;
      stack.push(...Object.values(v));
    }
  }
  return false;
}

/** Indices of the first occurrence of each distinct subschema. */
export function dedupeIndices(list: unknown[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  list.forEach((s, i) => {
    const key = canonical(s);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(i);
  });
  return out;
}

/** Maximum bipartite matching (augmenting paths). Returns [left, right] pairs. */
export function maxMatching(nLeft: number, nRight: number, edge: (l: number, r: number) => boolean): Array<[number, number]> {
  const adj: number[][] = [];
  for (let l = 0; l < nLeft; l++) {
    const list: number[] = [];
    for (let r = 0; r < nRight; r++) if (edge(l, r)) list.push(r);
    adj.push(list);
  }
  const matchR = new Array<number>(nRight).fill(-1);
  const tryAugment = (l: number, seen: boolean[]): boolean => {
    for (const r of adj[l]) {
      if (seen[r]) continue;
      seen[r] = true;
      if (matchR[r] < 0 || tryAugment(matchR[r], seen)) {
        matchR[r] = l;
        return true;
      }
    }
    return false;
  };
  for (let l = 0; l < nLeft; l++) tryAugment(l, new Array<boolean>(nRight).fill(false));
  const out: Array<[number, number]> = [];
  matchR.forEach((l, r) => {
    if (l >= 0) out.push([l, r]);
  });
  return out.sort((x, y) => x[0] - y[0]);
}

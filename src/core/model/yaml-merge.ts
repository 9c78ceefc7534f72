import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, visit, type Document, type Pair, type YAMLMap } from 'yaml';

/** At most this many pairs are copied by merge keys in one file (a guard against merge bombs). */
const MAX_MERGED_PAIRS = 100_000;

export interface MergeProblem {
  message: string;
  startOffset: number;
  endOffset: number;
}

/** A `<<` key written plainly (YAML 1.1 merge key; quoted `'<<'` is an ordinary key). */
function isMergePair(item: unknown): boolean {
  if (!isPair(item) || !isScalar(item.key)) return false;
  const key = item.key;
  const value = key.value;
  return (value === '<<' && (!key.type || key.type === Scalar.PLAIN)) || (typeof value === 'symbol' && value.description === '<<');
}

/**
 * Expands YAML merge keys (`<<: *base`, `<<: [*a, *b]`) in place: each merge pair is replaced by
 * the pairs of the merged maps that the map does not define itself (its own keys win, earlier
 * sources win over later ones), as YAML 1.1 defines them. The inserted pairs are the anchor's own
 * nodes, so every range still points at the text that defines the value, and everything that
 * walks the AST or its JSON value sees merged maps without knowing about merge keys.
 */
export function expandMergeKeys(doc: Document): MergeProblem[] {
  const problems: MergeProblem[] = [];
  let hasMerge = false;
  visit(doc, {
    Pair(_key, pair) {
      if (isMergePair(pair)) {
        hasMerge = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (!hasMerge) return problems;

  const done = new Set<YAMLMap>();
  const active = new Set<YAMLMap>();
  let copied = 0;

  const sources = (pair: Pair): YAMLMap[] | undefined => {
    const value = isAlias(pair.value) ? pair.value.resolve(doc) : pair.value;
    const items = isSeq(value) ? value.items.map((i) => (isAlias(i) ? i.resolve(doc) : i)) : [value];
    if (!items.every((i) => isMap(i))) return undefined;
    return items as YAMLMap[];
  };

  const expand = (map: YAMLMap): void => {
    if (done.has(map) || active.has(map)) return;
    active.add(map);
    if (map.items.some(isMergePair)) {
      const own = new Set<string>();
      for (const item of map.items) if (isPair(item) && !isMergePair(item) && isScalar(item.key)) own.add(String(item.key.value));
      const items: unknown[] = [];
      for (const item of map.items) {
        if (!isMergePair(item)) {
          items.push(item);
          continue;
        }
        const from = sources(item as Pair);
        if (!from) {
          const range = ((item as Pair).value as { range?: [number, number] } | null)?.range ?? ((item as Pair).key as Scalar).range;
          problems.push({
            message: 'A merge key (`<<`) must be followed by a mapping, an alias of one, or a list of them.',
            startOffset: range?.[0] ?? 0,
            endOffset: range?.[1] ?? 0,
          });
          continue;
        }
        for (const source of from) {
          expand(source);
          for (const merged of source.items) {
            if (!isPair(merged) || !isScalar(merged.key)) continue;
            const key = String(merged.key.value);
            if (own.has(key)) continue;
            own.add(key);
            items.push(merged);
            if (++copied > MAX_MERGED_PAIRS) throw new MergeBomb();
          }
        }
      }
      map.items = items as YAMLMap['items'];
    }
    active.delete(map);
    done.add(map);
  };

  try {
    visit(doc, {
      Map(_key, map) {
        expand(map);
      },
    });
  } catch (err) {
    if (!(err instanceof MergeBomb)) throw err;
    problems.push({ message: `Merge keys (\`<<\`) copy more than ${MAX_MERGED_PAIRS} entries; the file was not loaded.`, startOffset: 0, endOffset: 0 });
  }
  return problems;
}

class MergeBomb extends Error {}

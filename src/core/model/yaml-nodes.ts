import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

// JSON pointers (RFC 6901) have one implementation, shared with the compatibility engine.
export { escapePointerSegment, joinPointer, parsePointerLenient as parsePointer } from '../json-pointer';

export function deref(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** [start, end] of a node's value (without trailing comments / newlines). */
export function nodeSpan(node: unknown): [number, number] | undefined {
  const range = (node as Node | undefined)?.range;
  return range ? [range[0], range[1]] : undefined;
}

/** The key's text as a string, for scalar keys; undefined otherwise. */
export function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return undefined;
}

/** Span from the key's start to the value's end. */
export function pairSpan(pair: Pair): [number, number] | undefined {
  const k = nodeSpan(pair.key);
  const v = nodeSpan(pair.value);
  if (k && v) return [k[0], Math.max(k[1], v[1])];
  return k ?? v;
}

export function getPair(map: YAMLMap, key: string): Pair | undefined {
  for (const item of map.items) if (isPair(item) && keyText(item) === key) return item;
  return undefined;
}

export interface PointerHit {
  /** Deepest node reached along the pointer. */
  node: Node | undefined;
  /** The pair whose value is `node` (when the last step went through a map). */
  pair?: Pair;
  /** True when every segment was found. */
  complete: boolean;
  /** Segments not walked (when incomplete). */
  rest: string[];
}

/** Walks the YAML AST along a JSON pointer, following aliases. */
export function walkPointer(doc: Document, start: unknown, segments: string[]): PointerHit {
  let node = deref(doc, start) as Node | undefined;
  let pair: Pair | undefined;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (isMap(node)) {
      const p = getPair(node, seg);
      if (!p) return { node, pair, complete: false, rest: segments.slice(i) };
      pair = p;
      node = deref(doc, p.value) as Node | undefined;
      if (!node) return { node: p.key as Node, pair, complete: i === segments.length - 1, rest: segments.slice(i + 1) };
    } else if (isSeq(node)) {
      const index = Number(seg);
      const item = Number.isInteger(index) ? node.items[index] : undefined;
      if (item === undefined) return { node, pair, complete: false, rest: segments.slice(i) };
      pair = undefined;
      node = deref(doc, item) as Node;
    } else {
      return { node, pair, complete: false, rest: segments.slice(i) };
    }
  }
  return { node, pair, complete: true, rest: [] };
}

/** The value at a pointer inside a plain JSON value. */
export function valueAtPointer(value: unknown, segments: string[]): unknown {
  let current = value;
  for (const seg of segments) {
    if (Array.isArray(current)) current = current[Number(seg)];
    else if (current !== null && typeof current === 'object' && Object.prototype.hasOwnProperty.call(current, seg))
      current = (current as Record<string, unknown>)[seg];
    else return undefined;
  }
  return current;
}

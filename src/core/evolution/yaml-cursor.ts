/** Places compatibility findings on YAML nodes fast: one cursor per history check resumes the path prefixes findings share. */
import { type Document, type Node, type Pair, type YAMLMap, isMap, isPair, isSeq } from 'yaml';
import type { SourceRange } from '../diagnostic';
import { locatePointer } from '../model/locate';
import type { Model } from '../model/model';
import { rangeOf } from '../model/source';
import { deref, getPair, keyText, nodeSpan } from '../model/yaml-nodes';

/** The range of `pointer` inside `document` of `model` (undefined when the model has no such file). */
export function locate(model: Model, document: string, pointer: string, cursor: YamlCursor): SourceRange | undefined {
  const file = model.files.get(document);
  if (!file) return undefined;
  // `locatePointer(file, pointer, true)` without its per-segment unescaping and URI decoding,
  // which leave a pointer free of `~` and `%` unchanged.
  if (!file.doc || (pointer !== '' && pointer.charCodeAt(0) !== 47) || pointer.includes('~') || pointer.includes('%'))
    return locatePointer(file, pointer, true);
  const hit = cursor.walk(file.doc, pointer === '' ? [] : pointer.slice(1).split('/'));
  const span = (hit.complete && hit.pair ? nodeSpan(hit.pair.key) : undefined) ?? nodeSpan(hit.node) ?? [0, 0];
  return rangeOf(file, span[0], span[1]);
}

/**
 * `walkPointer(doc, doc.contents, segments)` of `../model/yaml-nodes` (same steps, same result),
 * looking keys up through {@link pairOf} and resuming from the steps it shares with the previous
 * walk in the same document (the locations of one finding share most of their path). Lives for
 * one history check, during which no document changes.
 */
export class YamlCursor {
  private doc?: Document;
  private segments: string[] = [];
  /** State after each successful step of the previous walk (index 0: before any step). */
  private nodes: Array<Node | undefined> = [];
  private pairs: Array<Pair | undefined> = [];

  walk(doc: Document, segments: string[]): { node: Node | undefined; pair?: Pair; complete: boolean } {
    let from = 0;
    if (doc === this.doc) {
      const max = Math.min(segments.length, this.nodes.length - 1);
      while (from < max && segments[from] === this.segments[from]) from++;
    } else {
      this.doc = doc;
      this.nodes = [deref(doc, doc.contents) as Node | undefined];
      this.pairs = [undefined];
    }
    this.segments = segments;
    this.nodes.length = from + 1;
    this.pairs.length = from + 1;
    let node = this.nodes[from];
    let pair = this.pairs[from];
    for (let i = from; i < segments.length; i++) {
      const seg = segments[i];
      if (isMap(node)) {
        const p = pairOf(node, seg);
        if (!p) return { node, pair, complete: false };
        pair = p;
        node = deref(doc, p.value) as Node | undefined;
        if (!node) return { node: p.key as Node, pair, complete: i === segments.length - 1 };
      } else if (isSeq(node)) {
        const index = Number(seg);
        const item = Number.isInteger(index) ? node.items[index] : undefined;
        if (item === undefined) return { node, pair, complete: false };
        pair = undefined;
        node = deref(doc, item) as Node;
      } else {
        return { node, pair, complete: false };
      }
      this.nodes.push(node);
      this.pairs.push(pair);
    }
    return { node, pair, complete: true };
  }
}

/**
 * Key index of a YAML map that is looked up repeatedly (large maps at once, mid-sized ones from
 * their second visit), rebuilt if its items change; a number marks a first visit.
 */
const pairIndexes = new WeakMap<YAMLMap, { items: unknown[]; length: number; index: Map<string, Pair> } | number>();

/** `getPair(map, key)`: the first pair with that key; through an index for maps visited again. */
function pairOf(map: YAMLMap, key: string): Pair | undefined {
  const items = map.items as unknown[];
  let cached = pairIndexes.get(map);
  // Small maps are scanned; mid-sized ones indexed when visited again; large ones at once.
  if (items.length < 6 || (cached === undefined && items.length < 16)) {
    if (cached === undefined && items.length >= 6) pairIndexes.set(map, 1);
    return getPair(map, key);
  }
  if (cached === undefined || typeof cached === 'number' || cached.items !== items || cached.length !== items.length) {
    const index = new Map<string, Pair>();
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!isPair(item)) continue;
      const k = keyText(item);
      if (k !== undefined && !index.has(k)) index.set(k, item);
    }
    pairIndexes.set(map, (cached = { items, length: items.length, index }));
  }
  return cached.index.get(key);
}

import { isScalar, Scalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { SourceRange } from '../diagnostic';
import { rangeOf, type LoadedFile } from './source';
import type { Located } from './types';
import { deref, getPair, nodeSpan, pairSpan } from './yaml-nodes';

/**
 * What the context parser and the spec reader share: reading one loaded file's YAML AST with
 * aliases followed, and the exact source range of every node, pair and scalar they keep.
 */
export abstract class YamlReader {
  protected readonly doc;

  constructor(protected readonly file: LoadedFile) {
    this.doc = file.doc!;
  }

  protected node(n: unknown): Node | undefined {
    return deref(this.doc, n) as Node | undefined;
  }

  protected valueNode(map: YAMLMap, key: string): Node | undefined {
    const pair = getPair(map, key);
    return pair ? this.node(pair.value) : undefined;
  }

  protected located(map: YAMLMap, key: string): Located<string> | undefined {
    const n = this.valueNode(map, key);
    return isScalar(n) && typeof n.value === 'string' ? { value: n.value, range: this.scalarRange(n) } : undefined;
  }

  protected range(node: unknown): SourceRange {
    const span = nodeSpan(node) ?? [0, 0];
    return rangeOf(this.file, span[0], span[1]);
  }

  protected pairRange(pair: Pair): SourceRange {
    const span = pairSpan(pair) ?? [0, 0];
    return rangeOf(this.file, span[0], span[1]);
  }

  /** Offset where a scalar's content starts (after an opening quote). */
  protected scalarStart(node: Scalar): number {
    const start = node.range?.[0] ?? 0;
    return node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? start + 1 : start;
  }

  /** The scalar's content: without quotes, and without what follows a plain scalar on its line. */
  protected scalarRange(node: Scalar): SourceRange {
    const start = this.scalarStart(node);
    const text = typeof node.value === 'string' ? node.value : String(node.value);
    const raw = this.file.text.slice(start, node.range?.[1] ?? start);
    const length = raw.startsWith(text) ? text.length : Math.max(0, (node.range?.[1] ?? start) - start - (start > (node.range?.[0] ?? 0) ? 1 : 0));
    return rangeOf(this.file, start, start + length);
  }
}

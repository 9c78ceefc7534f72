import { isMap, isPair, isScalar, stringify, type Node, type Pair, type YAMLMap } from 'yaml';
import type { TextEdit } from 'vscode-languageserver';
import type { LoadedFile } from '../../core';
import { positionAt } from '../features/locate';

/**
 * Text edits on YAML that keep the user's layout: entries are inserted in the style of the
 * surrounding mapping (block at its indentation, or inline in a `{ … }`), nothing is reformatted.
 */
export type KeyPath = (string | number)[];

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function column(file: LoadedFile, offset: number): number {
  return positionAt(file, offset).character;
}

/** Offset of the end of the line containing the last non-blank character before `end`. */
function lineEndBefore(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  while (e < text.length && text[e] !== '\n' && text[e] !== '\r') e++;
  return e;
}

function insertAt(file: LoadedFile, offset: number, newText: string): TextEdit {
  const p = positionAt(file, offset);
  return { range: { start: p, end: p }, newText };
}

/** `key: value` as block YAML indented by `indent` spaces (no trailing newline). */
function blockEntry(key: string | number, value: unknown, indent: number, newline = '\n'): string {
  const text = stringify(new Map([[key, value]]), { indent: 2, lineWidth: 0, nullStr: '', aliasDuplicateObjects: false }).replace(/\n$/, '');
  return text
    .split('\n')
    .map((l) => ' '.repeat(indent) + l)
    .join(newline);
}

function flowValue(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', lineWidth: 0, aliasDuplicateObjects: false }).trim();
}

/** The node at `path` (numbers also match keys written as strings, and the reverse). */
export function nodeAt(file: LoadedFile, path: KeyPath): Node | null | undefined {
  let node: unknown = file.doc?.contents;
  for (const key of path) {
    if (!isMap(node)) return undefined;
    const pair = pairOf(node, key);
    if (!pair) return undefined;
    node = pair.value;
  }
  return node as Node | null;
}

export function pairOf(map: YAMLMap, key: string | number): Pair<unknown, unknown> | undefined {
  return map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key)) as Pair<unknown, unknown> | undefined;
}

/**
 * Adds `key: value` to the mapping at `path`; creates missing parent mappings on the way
 * (`events:` when the context has none yet).
 */
export function insertEntry(file: LoadedFile, path: KeyPath, key: string | number, value: unknown): TextEdit | undefined {
  const text = file.text;
  const nl = eol(text);
  const node = path.length === 0 ? file.doc?.contents : nodeAt(file, path);
  if (node === undefined && path.length > 0) {
    return insertEntry(file, path.slice(0, -1), path[path.length - 1], new Map([[key, value]]));
  }
  if (isMap(node) && node.range) {
    if (node.flow) {
      const close = text.lastIndexOf('}', node.range[1]);
      if (close < 0) return undefined;
      let before = close;
      while (before > 0 && /\s/.test(text[before - 1])) before--;
      const sep = node.items.length ? ', ' : ' ';
      return { range: { start: positionAt(file, before), end: positionAt(file, close) }, newText: `${sep}${key}: ${flowValue(value)} ` };
    }
    if (node.items.length === 0) return undefined;
    const firstKey = node.items[0].key as Node;
    const indent = column(file, firstKey.range![0]);
    const last = node.items[node.items.length - 1];
    const end = ((last.value as Node | null)?.range ?? (last.key as Node).range)![1];
    return insertAt(file, lineEndBefore(text, end), nl + blockEntry(key, value, indent, nl));
  }
  // An empty value (`events:`) or an empty document: write the mapping under the key.
  const parent = path.length === 0 ? undefined : path.length === 1 ? file.doc?.contents : nodeAt(file, path.slice(0, -1));
  if (path.length === 0 || (node !== null && !(isScalar(node) && (node.value === null || node.value === '')))) {
    if (path.length === 0 && (node === null || node === undefined)) {
      const end = lineEndBefore(text, text.length);
      return insertAt(file, end, (end > 0 ? nl : '') + blockEntry(key, value, 0, nl));
    }
    return undefined;
  }
  if (!isMap(parent)) return undefined;
  const pair = pairOf(parent, path[path.length - 1]);
  if (!pair) return undefined;
  const keyNode = pair.key as Node;
  const indent = column(file, keyNode.range![0]) + 2;
  const valueNode = pair.value as Node | null;
  const from = valueNode?.range && valueNode.range[1] > valueNode.range[0] ? valueNode.range[0] : undefined;
  if (from !== undefined) {
    // `key: null` / `key: ~`: replace the value.
    return { range: { start: positionAt(file, from), end: positionAt(file, valueNode!.range![1]) }, newText: nl + blockEntry(key, value, indent, nl) };
  }
  return insertAt(file, lineEndBefore(text, keyNode.range![1] + 1), nl + blockEntry(key, value, indent, nl));
}

/** Sets a scalar value at `path` (replacing it, or adding the key to its mapping). */
export function setScalar(file: LoadedFile, path: KeyPath, value: string | number | boolean): TextEdit | undefined {
  const node = nodeAt(file, path);
  if (isScalar(node) && node.range) {
    return { range: { start: positionAt(file, node.range[0]), end: positionAt(file, node.range[1]) }, newText: String(value) };
  }
  return insertEntry(file, path.slice(0, -1), path[path.length - 1], value);
}

/** Replaces the `key: value` member at `path` by a new block entry (same indentation). */
export function replaceEntry(file: LoadedFile, path: KeyPath, key: string | number, value: unknown): TextEdit | undefined {
  const parent = path.length === 1 ? file.doc?.contents : nodeAt(file, path.slice(0, -1));
  if (!isMap(parent) || parent.flow) return undefined;
  const pair = pairOf(parent, path[path.length - 1]);
  if (!pair) return undefined;
  const keyNode = pair.key as Node;
  const start = keyNode.range![0];
  const valueEnd = ((pair.value as Node | null)?.range ?? keyNode.range)![1];
  const end = lineEndBefore(file.text, valueEnd);
  const indent = column(file, start);
  const nl = eol(file.text);
  return {
    range: { start: positionAt(file, start), end: positionAt(file, end) },
    newText: blockEntry(key, value, indent, nl).slice(indent),
  };
}

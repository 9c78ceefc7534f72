/** Locations of child nodes and the relative pointers changes are reported at. */
import { appendSegment, escapeSegment, joinPointer, unescapeSegment } from '../../json-pointer';
import { isObject } from '../keywords';
import type { Loc } from '../resolve';

/** Read-only stand-in for a missing object (no allocation per comparison). */
export const NO_KEYWORDS: Record<string, unknown> = Object.freeze({});

export function hasOwn(o: Record<string, unknown>, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** The raw (unresolved) child `a` (then `b`) of a located node. */
export function child(loc: Loc, a: string | number, b?: string | number): Loc {
  let node: unknown = loc.node;
  node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[a as string] : undefined;
  let pointer = appendSegment(loc.pointer, a);
  if (b !== undefined) {
    node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[b as string] : undefined;
    pointer = appendSegment(pointer, b);
  }
  return { node, document: loc.document, pointer };
}

/** The relative pointer `/a` (or `/a/b`). */
export function rel(a: string | number, b?: string | number): string {
  const first = '/' + (typeof a === 'number' ? String(a) : escapeSegment(a));
  return b === undefined ? first : first + '/' + (typeof b === 'number' ? String(b) : escapeSegment(b));
}

/** The raw child at a relative pointer made of plain segments. */
export function pointerChild(loc: Loc, relPath: string): Loc {
  if (relPath === '') return loc;
  const segments = relPath.slice(1).split('/').map(unescapeSegment);
  let node: unknown = loc.node;
  for (const s of segments) node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[s] : undefined;
  return { node, document: loc.document, pointer: joinPointer(loc.pointer, ...segments) };
}

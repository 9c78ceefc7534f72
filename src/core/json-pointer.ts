/**
 * JSON Pointer (RFC 6901), both representations: the JSON string form (`/a/b~1c`, §5) and the
 * URI fragment form (`#/a/b~1c%20d`, §6, percent-decoded). The root pointer is `''` (or `'#'`).
 * No imports, no I/O: shared by the model, the compatibility engine and code generation.
 */

/** Thrown by {@link parsePointer} for a string that is not a JSON pointer. */
export class InvalidPointerError extends Error {
  constructor(
    readonly pointer: string,
    reason: string,
  ) {
    super(`not a JSON pointer: ${JSON.stringify(pointer)} (${reason})`);
    this.name = 'InvalidPointerError';
  }
}

/** `~` → `~0`, `/` → `~1` (§3). */
export function escapeSegment(segment: string): string {
  // Most segments need no escaping: skip the two regular-expression passes for them.
  if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The model's historical name for {@link escapeSegment}. */
export const escapePointerSegment = escapeSegment;

/** `~1` → `/`, then `~0` → `~` (§4: in this order, so `~01` is `~1`). Other `~` sequences are left as written. */
export function unescapeSegment(segment: string): string {
  if (segment.indexOf('~') < 0) return segment;
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Appends (unescaped) segments to a pointer: `joinPointer('/a', 'b/c', 0)` is `/a/b~1c/0`. */
export function joinPointer(pointer: string, ...segments: Array<string | number>): string {
  let out = pointer;
  for (const s of segments) out += '/' + (typeof s === 'number' ? String(s) : escapeSegment(s));
  return out;
}

/** `pointer` + one segment, without the rest-parameter array of {@link joinPointer} (hot paths). */
export function appendSegment(pointer: string, segment: string | number): string {
  return pointer + '/' + (typeof segment === 'number' ? String(segment) : escapeSegment(segment));
}

/** The JSON string form of a list of segments (`[]` is the root, `''`). */
export function formatPointer(segments: ReadonlyArray<string | number>): string {
  return joinPointer('', ...segments);
}

/**
 * The segments of a pointer, strictly: `''`, `/…` (string form) or `#`, `#/…` (fragment form,
 * percent-decoded first). Throws {@link InvalidPointerError} for anything else and for a
 * malformed percent-encoding. A `~` not followed by `0` or `1` (outside the §3 grammar) is kept
 * as written, as JSON Schema validators read it.
 */
export function parsePointer(pointer: string): string[] {
  let body = pointer;
  if (pointer.startsWith('#')) {
    try {
      body = decodeURIComponent(pointer.slice(1));
    } catch {
      throw new InvalidPointerError(pointer, 'malformed percent-encoding');
    }
  }
  if (body === '') return [];
  if (!body.startsWith('/')) throw new InvalidPointerError(pointer, 'must be empty or start with "/"');
  return body.slice(1).split('/').map(unescapeSegment);
}

/** {@link parsePointer}, or undefined instead of an exception. */
export function tryParsePointer(pointer: string): string[] | undefined {
  try {
    return parsePointer(pointer);
  } catch {
    return undefined;
  }
}

/**
 * The segments of a pointer as well as they can be read; never throws. For pointers taken from
 * user input (a `$ref` fragment being typed, a path from a validator): `#…` is percent-decoded
 * where it can be (a malformed escape stays as written, segment by segment), a stray `~` is kept,
 * and text before the first `/` is ignored (`'a/b'` → `['b']`, `'a'` → `[]`).
 *
 * This is what the model's YAML helpers have done, with one difference: the JSON string form is
 * not percent-decoded (RFC 6901 §5: `/a%20b` names the key `a%20b`).
 */
export function parsePointerLenient(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const fragment = pointer.startsWith('#');
  const body = fragment ? pointer.slice(1) : pointer;
  return body
    .split('/')
    .slice(1)
    .map((s) => unescapeSegment(fragment ? decodeSafe(s) : s));
}

function decodeSafe(s: string): string {
  if (s.indexOf('%') < 0) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

/**
 * The value the segments lead to inside a JSON value, or undefined. Only own properties of
 * objects are followed; an array step must be an index as §4 writes it (`0`, `12`, not `01` or `-`).
 */
export function valueAt(root: unknown, segments: readonly string[]): unknown {
  let node: unknown = root;
  for (const seg of segments) {
    if (Array.isArray(node)) {
      if (!ARRAY_INDEX.test(seg)) return undefined;
      node = node[Number(seg)];
    } else if (typeof node === 'object' && node !== null) {
      if (!Object.prototype.hasOwnProperty.call(node, seg)) return undefined;
      node = (node as Record<string, unknown>)[seg];
    } else {
      return undefined;
    }
  }
  return node;
}

/** The value at `pointer` (either form) inside `root`; undefined when absent or not a pointer. */
export function getAt(root: unknown, pointer: string): unknown {
  const segments = tryParsePointer(pointer);
  return segments === undefined ? undefined : valueAt(root, segments);
}

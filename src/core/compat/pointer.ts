/** JSON Pointer (RFC 6901) helpers. The root pointer is the empty string. */

export function escapeSegment(segment: string): string {
  // Most segments need no escaping: skip the two regular-expression passes for them.
  if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Appends segments (unescaped) to a pointer. */
export function join(pointer: string, ...segments: Array<string | number>): string {
  let out = pointer;
  for (const s of segments) out += '/' + (typeof s === 'number' ? String(s) : escapeSegment(s));
  return out;
}

/** `pointer` + one segment (no rest-parameter array). */
export function join1(pointer: string, segment: string | number): string {
  return pointer + '/' + (typeof segment === 'number' ? String(segment) : escapeSegment(segment));
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (!body.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  return body.slice(1).split('/').map(unescapeSegment);
}

/** The value at `pointer` inside `root`, or undefined. */
export function getAt(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const seg of parsePointer(pointer)) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9][0-9]*)$/.test(seg)) return undefined;
      node = node[Number(seg)];
    } else if (isObject(node)) {
      if (!Object.prototype.hasOwnProperty.call(node, seg)) return undefined;
      node = node[seg];
    } else {
      return undefined;
    }
  }
  return node;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

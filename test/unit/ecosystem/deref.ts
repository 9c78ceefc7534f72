type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

function at(doc: unknown, pointer: string): unknown {
  let cur = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isObject(cur)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

/**
 * A schema with every `#/…` reference into DOC replaced by its target (a cycle becomes
 * `{ $cycle: pointer }`), without the keys that only serve references or tooling (`definitions`,
 * `$defs`, `$schema`, `$id`, `x-parser-*`): what a payload *accepts*, to compare two documents.
 */
export function resolved(doc: unknown, schema: unknown, stack: string[] = []): unknown {
  if (Array.isArray(schema)) return schema.map((s) => resolved(doc, s, stack));
  if (!isObject(schema)) return schema;
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#')) {
    const pointer = schema.$ref.slice(1);
    if (stack.includes(pointer)) return { $cycle: pointer.split('/').pop() };
    const { $ref: _ref, ...rest } = schema;
    const target = resolved(doc, at(doc, pointer), [...stack, pointer]);
    return Object.keys(rest).length && isObject(target) ? { ...target, ...(resolved(doc, rest, stack) as Json) } : target;
  }
  const out: Json = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'definitions' || k === '$defs' || k === '$schema' || k === '$id' || k.startsWith('x-parser-')) continue;
    out[k] = resolved(doc, v, stack);
  }
  return out;
}

/** The payload schema of a message object (AsyncAPI 3 multi-format objects unwrapped). */
export function payloadOf(doc: unknown, message: Json): unknown {
  let p = message.payload;
  if (isObject(p) && typeof p.$ref === 'string') p = at(doc, p.$ref.slice(1));
  if (isObject(p) && typeof p.schemaFormat === 'string' && 'schema' in p) p = p.schema;
  return p;
}

export function pointerValue(doc: unknown, pointer: string): unknown {
  return at(doc, pointer.replace(/^#/, ''));
}

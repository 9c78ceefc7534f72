import { resolveInsideWorkspace, type Model, type SchemaSource } from '../../core';

/** Follows a top-level `$ref` into another model file (one hop at a time, at most 5). */
function derefSchema(model: Model, file: string, value: unknown): { file: string; value: unknown } {
  let current = { file, value };
  for (let i = 0; i < 5; i++) {
    const ref = (current.value as { $ref?: unknown } | null)?.$ref;
    if (typeof ref !== 'string') break;
    const [p, fragment] = ref.split('#');
    let target = current.file;
    if (p) {
      const resolved = resolveInsideWorkspace(current.file, decodeURI(p));
      if (!resolved) break;
      target = resolved;
    }
    let next: unknown = p ? model.files.get(target)?.value : undefined;
    if (!p) break; // internal reference: keep the outer schema
    if (fragment) {
      next = fragment
        .split('/')
        .filter(Boolean)
        .reduce<unknown>(
          (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[decodeURIComponent(k.replace(/~1/g, '/').replace(/~0/g, '~'))] : undefined),
          next,
        );
    }
    if (next === undefined) break;
    current = { file: target, value: next };
  }
  return current;
}

/** A one-line type of a property schema: `string (uuid)`, `array of OrderLine`, `enum: A | B`. */
function typeOf(schema: unknown): string {
  if (!schema || typeof schema !== 'object') return 'any';
  const s = schema as Record<string, unknown>;
  if (typeof s.$ref === 'string') return refName(s.$ref);
  if (Array.isArray(s.enum)) return s.enum.map((v: unknown) => JSON.stringify(v)).join(' | ');
  if ('const' in s) return JSON.stringify(s.const);
  const type = Array.isArray(s.type) ? s.type.join(' | ') : s.type;
  if (type === 'array') return `array of ${typeOf(s.items)}`;
  if (type === 'string' && typeof s.format === 'string') return `string (${s.format})`;
  if (type) return String(type);
  for (const k of ['oneOf', 'anyOf', 'allOf']) {
    const branches = s[k];
    if (Array.isArray(branches)) return branches.map(typeOf).join(k === 'allOf' ? ' & ' : ' | ');
  }
  return s.properties ? 'object' : 'any';
}

function refName(ref: string): string {
  const last = ref.split(/[/#]/).filter(Boolean).pop() ?? ref;
  return last
    .replace(/\.(json|ya?ml)$/i, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** Markdown lines listing a payload's top-level properties (required ones first, at most 20). */
export function payloadSummary(model: Model, schema: SchemaSource | undefined): string[] {
  if (!schema) return ['_no schema_'];
  const { value } = derefSchema(model, schema.file, schema.value);
  const s = value as { properties?: unknown; required?: unknown } | null;
  const lines: string[] = [];
  const ref = (schema.value as { $ref?: unknown } | null)?.$ref;
  const via = typeof ref === 'string' ? ` — from \`${ref}\`` : '';
  if (!s || typeof s !== 'object' || !s.properties || typeof s.properties !== 'object') {
    lines.push(`\`${typeOf(value)}\`${via}`);
    return lines;
  }
  const properties = s.properties as Record<string, unknown>;
  const required = new Set<string>(Array.isArray(s.required) ? (s.required as string[]) : []);
  const names = Object.keys(properties).sort((a, b) => Number(required.has(b)) - Number(required.has(a)));
  for (const name of names.slice(0, 20)) lines.push(`- \`${name}${required.has(name) ? '' : '?'}\`: ${escape(typeOf(properties[name]))}`);
  if (names.length > 20) lines.push(`- … ${names.length - 20} more`);
  if (via) lines.unshift(via.replace(/^ — /, ''));
  return lines;
}

function escape(s: string): string {
  return s.replace(/([*_`[\]])/g, '\\$1');
}

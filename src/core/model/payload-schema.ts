import Ajv, { type AnySchema } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json';
import { joinPointer } from './yaml-nodes';

export type Dialect = 'draft-07' | '2019-09' | '2020-12' | 'draft-06';

const DIALECTS: [RegExp, Dialect][] = [
  [/json-schema\.org\/draft-07\/schema/, 'draft-07'],
  [/json-schema\.org\/draft-06\/schema/, 'draft-06'],
  [/json-schema\.org\/draft\/2019-09\/schema/, '2019-09'],
  [/json-schema\.org\/draft\/2020-12\/schema/, '2020-12'],
];

/** The dialect a schema declares with `$schema` (draft-07 when absent), or an error text. */
export function dialectOf(schema: unknown): { dialect: Dialect } | { unsupported: string } {
  const declared = schema !== null && typeof schema === 'object' ? (schema as { $schema?: unknown }).$schema : undefined;
  if (declared === undefined) return { dialect: 'draft-07' };
  if (typeof declared !== 'string') return { unsupported: '`$schema` must be a URI string' };
  for (const [re, dialect] of DIALECTS) if (re.test(declared)) return { dialect };
  return { unsupported: `unsupported JSON Schema dialect '${declared}' (use draft-07, 2019-09 or 2020-12)` };
}

let metaValidators: Record<Dialect, Ajv> | undefined;

function validators(): Record<Dialect, Ajv> {
  if (!metaValidators) {
    const draft07 = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    draft07.addMetaSchema(draft06MetaSchema);
    metaValidators = {
      'draft-07': draft07,
      'draft-06': draft07,
      '2019-09': new Ajv2019({ allErrors: true, strict: false, validateFormats: false }),
      '2020-12': new Ajv2020({ allErrors: true, strict: false, validateFormats: false }),
    };
  }
  return metaValidators;
}

export interface PayloadSchemaProblem {
  /** Pointer inside the schema (relative to its root). */
  pointer: string;
  message: string;
}

/** Checks that a value is itself a valid JSON Schema of its declared dialect. */
export function validatePayloadSchema(schema: unknown): PayloadSchemaProblem[] {
  if (typeof schema === 'boolean') return [];
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    return [
      {
        pointer: '',
        message: `A JSON Schema must be an object or a boolean, not ${schema === null ? 'null' : Array.isArray(schema) ? 'an array' : typeof schema}.`,
      },
    ];
  }
  const d = dialectOf(schema);
  if ('unsupported' in d) return [{ pointer: '/$schema', message: `Invalid payload schema: ${d.unsupported}.` }];
  const ajv = validators()[d.dialect];
  let ok: boolean;
  try {
    ok = ajv.validateSchema(schema as AnySchema) as boolean;
  } catch (err) {
    return [{ pointer: '', message: `Invalid payload schema: ${(err as Error).message}` }];
  }
  if (ok) return [];
  const seen = new Set<string>();
  const problems: PayloadSchemaProblem[] = [];
  for (const e of ajv.errors ?? []) {
    // The meta-schemas' anyOf/oneOf alternatives repeat the same complaint; keep the first per path.
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    const key = e.instancePath;
    if (seen.has(key)) continue;
    seen.add(key);
    const where = e.instancePath ? ` at ${e.instancePath}` : '';
    const allowed = e.keyword === 'enum' ? `: ${(e.params.allowedValues as unknown[]).join(', ')}` : '';
    problems.push({ pointer: e.instancePath, message: `Invalid payload schema${where}: ${e.message}${allowed}.` });
  }
  if (problems.length === 0) problems.push({ pointer: '', message: 'Invalid payload schema.' });
  return problems;
}

export interface SchemaRefUse {
  ref: string;
  /** Pointer of the `$ref` member inside the schema. */
  pointer: string;
}

/** Every `$ref` string inside a schema value (iterative: deep schemas cannot overflow the stack). */
export function collectRefs(schema: unknown, basePointer = ''): SchemaRefUse[] {
  const out: SchemaRefUse[] = [];
  const stack: [unknown, string][] = [[schema, basePointer]];
  let visited = 0;
  while (stack.length > 0 && visited++ < 1_000_000) {
    const [value, pointer] = stack.pop()!;
    // Only objects and arrays can hold a `$ref`: scalars are not visited (nor given a pointer).
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) if (value[i] !== null && typeof value[i] === 'object') stack.push([value[i], joinPointer(pointer, i)]);
    } else if (value !== null && typeof value === 'object') {
      for (const k of Object.keys(value)) {
        const v = (value as Record<string, unknown>)[k];
        if (k === '$ref' && typeof v === 'string') out.push({ ref: v, pointer: joinPointer(pointer, k) });
        else if (v !== null && typeof v === 'object' && k !== 'const' && k !== 'enum' && k !== 'default' && k !== 'examples')
          stack.push([v, joinPointer(pointer, k)]);
      }
    }
  }
  return out;
}

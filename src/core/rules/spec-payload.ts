import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json';
import addFormats from 'ajv-formats';
import type { SourceRange } from '../diagnostic';
import { locatePointer } from '../model/locate';
import type { Model } from '../model/model';
import { dialectOf, type Dialect } from '../model/payload-schema';
import { resolveInsideWorkspace } from '../model/paths';
import type { LoadedFile } from '../model/source';
import type { SchemaSource, SpecPayload } from '../model/types';
import { escapePointerSegment, joinPointer, parsePointer, valueAtPointer } from '../model/yaml-nodes';

/**
 * Validation of the payloads written in specs with real Ajv (formats from ajv-formats), against
 * the schema of the message version they name, `$ref`s into other files resolved from the model
 * (no I/O). Expectations (`then`) are partial: listed properties must be valid, unlisted ones may
 * be missing, so `required` and its relatives are dropped from the schema for them.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const SUBSCHEMA = [
  'additionalProperties',
  'additionalItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'unevaluatedItems',
  'unevaluatedProperties',
];
const SUBSCHEMA_LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMA_MAP = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas', 'dependencies'];
/** Keywords that demand properties to be present: meaningless for a partial expectation. */
const PRESENCE = ['required', 'dependentRequired', 'minProperties'];
const MAX_DEPTH = 200;

class TooDeep extends Error {}

/** A copy of a schema with `visit` applied to every subschema (keyword-aware: a property named `required` is data). */
function mapSchema(schema: unknown, visit: (node: Json, depth: number) => Json, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new TooDeep();
  if (!isObject(schema)) return schema;
  const node = visit(schema, depth);
  const out: Json = {};
  const child = (v: unknown) => mapSchema(v, visit, depth + 1);
  for (const [key, value] of Object.entries(node)) {
    if (SUBSCHEMA.includes(key)) out[key] = child(value);
    else if (key === 'items') out[key] = Array.isArray(value) ? value.map(child) : child(value);
    else if (SUBSCHEMA_LIST.includes(key) && Array.isArray(value)) out[key] = value.map(child);
    else if (SUBSCHEMA_MAP.includes(key) && isObject(value)) {
      const map: Json = {};
      // `dependencies` mixes schemas and property lists (draft-07); lists are left as they are.
      for (const [k, v] of Object.entries(value)) map[k] = Array.isArray(v) ? v : child(v);
      out[key] = map;
    } else out[key] = value;
  }
  return out;
}

/** `$ref` written in `file`: an internal pointer, another file (+ pointer), or nothing usable. */
function resolveRef(file: string, ref: string): { internal: string } | { file: string; fragment: string } | undefined {
  const hash = ref.indexOf('#');
  const path = hash >= 0 ? ref.slice(0, hash) : ref;
  const fragment = hash >= 0 ? ref.slice(hash + 1) : '';
  if (path === '') return { internal: fragment };
  let decoded = path;
  try {
    decoded = decodeURI(path);
  } catch {
    // as written
  }
  const target = resolveInsideWorkspace(file, decoded);
  return target ? { file: target, fragment } : undefined;
}

/** The root of a message schema: a bare `$ref` to a whole file stands for that file (its own dialect, its refs internal). */
function rootOf(files: ReadonlyMap<string, LoadedFile>, source: SchemaSource): { file: string; value: unknown; document?: string } {
  const v = source.value;
  if (isObject(v) && typeof v.$ref === 'string' && Object.keys(v).every((k) => ['$ref', 'description', 'title', '$comment'].includes(k))) {
    const t = resolveRef(source.file, v.$ref);
    if (t && 'file' in t && (t.fragment === '' || t.fragment === '/')) {
      const loaded = files.get(t.file);
      if (loaded?.value !== undefined) return { file: t.file, value: loaded.value, document: t.file };
    }
  }
  return { file: source.file, value: v };
}

/** A self-contained copy: each external document reached is embedded once under `definitions`/`$defs`. */
function bundle(files: ReadonlyMap<string, LoadedFile>, source: SchemaSource): { schema: unknown; dialect: Dialect } {
  const root = rootOf(files, source);
  const d = dialectOf(root.value);
  const dialect = 'dialect' in d ? d.dialect : 'draft-07';
  if (!isObject(root.value)) return { schema: root.value, dialect };
  const container = dialect === 'draft-07' || dialect === 'draft-06' ? 'definitions' : '$defs';
  const keys = new Map<string, string>();
  const queue: string[] = [];
  const keyFor = (file: string) => {
    let key = keys.get(file);
    if (key === undefined) {
      key = `__eventmodel_${keys.size + 1}`;
      keys.set(file, key);
      queue.push(file);
    }
    return key;
  };
  const at = (file: string, fragment: string) => (file === root.document ? `#${fragment}` : `#/${container}/${escapePointerSegment(keyFor(file))}${fragment}`);
  const rewrite =
    (from: string, embedded: boolean) =>
    (node: Json, depth: number): Json => {
      let out = node;
      if (typeof node.$ref === 'string') {
        const t = resolveRef(from, node.$ref);
        // A reference the model cannot follow accepts anything here: unresolved-schema-ref reports it.
        if (!t) return {};
        out = { ...node, $ref: 'internal' in t ? (embedded ? at(from, t.internal) : `#${t.internal}`) : at(t.file, t.fragment) };
      }
      // Nested `$id`s would move the base URI away from the file the model resolves against.
      if (depth === 0 && !embedded) return out;
      return withoutKeys(out, depth === 0 ? ['$id', '$schema'] : ['$id']);
    };
  const schema = mapSchema(root.value, rewrite(root.file, false)) as Json;
  const embedded: Json = {};
  for (let i = 0; i < queue.length; i++) {
    const loaded = files.get(queue[i]);
    embedded[keys.get(queue[i])!] = loaded?.value !== undefined ? mapSchema(loaded.value, rewrite(queue[i], true)) : {};
  }
  if (queue.length > 0) schema[container] = { ...(isObject(schema[container]) ? schema[container] : {}), ...embedded };
  return { schema, dialect };
}

function withoutKeys(node: Json, keys: string[]): Json {
  if (!keys.some((k) => k in node)) return node;
  return Object.fromEntries(Object.entries(node).filter(([k]) => !keys.includes(k)));
}

function withoutPresence(schema: unknown): unknown {
  return mapSchema(schema, (node) => {
    if (!PRESENCE.some((k) => k in node) && !isObject(node.dependencies)) return node;
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) {
      if (PRESENCE.includes(k)) continue;
      if (k === 'dependencies' && isObject(v)) {
        const kept = Object.fromEntries(Object.entries(v).filter(([, d]) => !Array.isArray(d)));
        if (Object.keys(kept).length) out[k] = kept;
        continue;
      }
      out[k] = v;
    }
    return out;
  });
}

// --- compiled validators, shared by content --------------------------------------------------------

const MAX_CACHED = 2000;
let engines: Record<Dialect, Ajv> | undefined;
const compiled = new Map<string, ValidateFunction | null>();

function engine(dialect: Dialect): Ajv {
  if (!engines) {
    const options = { allErrors: true, strict: false } as const;
    const draft07 = new Ajv(options);
    draft07.addMetaSchema(draft06MetaSchema);
    const all = [draft07, new Ajv2019(options), new Ajv2020(options)];
    for (const a of all) addFormats(a);
    engines = { 'draft-07': all[0], 'draft-06': all[0], '2019-09': all[1], '2020-12': all[2] };
  }
  return engines[dialect];
}

/** The compiled validator of a message schema (partial: presence keywords dropped), or undefined when it does not compile. */
function validatorFor(model: Model, source: SchemaSource, partial: boolean): ValidateFunction | undefined {
  let prepared: { schema: unknown; dialect: Dialect };
  try {
    prepared = bundle(model.files, source);
    if (partial) prepared = { ...prepared, schema: withoutPresence(prepared.schema) };
  } catch {
    return undefined; // nested too deep: the schema rules report it
  }
  const key = `${prepared.dialect}\0${JSON.stringify(prepared.schema)}`;
  const hit = compiled.get(key);
  if (hit !== undefined) return hit ?? undefined;
  if (compiled.size >= MAX_CACHED) {
    // A long editor session: start over rather than keep every schema ever typed.
    compiled.clear();
    engines = undefined;
  }
  let fn: ValidateFunction | null = null;
  try {
    fn = typeof prepared.schema === 'boolean' || isObject(prepared.schema) ? engine(prepared.dialect).compile(prepared.schema as Json) : null;
  } catch {
    fn = null; // not a valid schema: invalid-payload-schema / unresolved-schema-ref report it
  }
  compiled.set(key, fn);
  return fn ?? undefined;
}

// --- problems ----------------------------------------------------------------------------------

export interface PayloadProblem {
  message: string;
  location: SourceRange;
  /** JSON pointer of the offending value inside the payload ('' for the payload itself). */
  path: string;
  keyword: string;
}

/** `/lines/0/quantity` → `lines[0].quantity`. */
export function readablePath(pointer: string): string {
  return parsePointer(pointer).reduce((out, seg) => (/^\d+$/.test(seg) ? `${out}[${seg}]` : out ? `${out}.${seg}` : seg), '');
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `has the property '${String(p.additionalProperty)}', which the schema does not allow`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'required':
      return `lacks the required property '${String(p.missingProperty)}'`;
    default:
      return e.message ?? `fails '${e.keyword}'`;
  }
}

/** Drops the noise of combinators whose branches already explain the failure. */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if');
  const kept = errors.filter((e) => !['anyOf', 'oneOf', 'if'].includes(e.keyword) || !specific.some((s) => s.instancePath.startsWith(e.instancePath)));
  const seen = new Set<string>();
  return kept.filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The problems of a payload against a message schema, each at the YAML node of the offending value
 * (the key, for a property the schema does not allow). `label` names what the payload must be
 * (`Shop.ItemAdded v1 data`); `absent` is where to point when the payload is missing altogether.
 */
export function payloadProblems(
  model: Model,
  schema: SchemaSource,
  payload: SpecPayload | undefined,
  options: { label: string; partial: boolean; absent: SourceRange },
): PayloadProblem[] {
  if (!payload && options.partial) return [];
  const validate = validatorFor(model, schema, options.partial);
  if (!validate) return [];
  const value = payload ? payload.value : {};
  if (validate(value)) return [];
  const file = payload ? model.files.get(payload.file) : undefined;
  return simplify(validate.errors ?? []).map((e) => {
    let pointer = e.instancePath;
    let preferKey = false;
    if (e.keyword === 'additionalProperties' && valueAtPointer(value, parsePointer(pointer)) !== undefined) {
      pointer = joinPointer(pointer, String((e.params as { additionalProperty: string }).additionalProperty));
      preferKey = true;
    }
    const where = readablePath(e.instancePath);
    const location = file && payload ? locatePointer(file, payload.pointer + pointer, preferKey) : options.absent;
    const message = payload
      ? `${options.label}: ${where ? `${where} ` : ''}${describe(e)}.`
      : `${options.label} is missing: ${describe(e).replace(/^lacks/, 'it lacks')}.`;
    return { message, location, path: e.instancePath, keyword: e.keyword };
  });
}

import { posix } from 'node:path';
import type { LoadedFile } from '../model/source';
import { dialectOf, type Dialect } from '../model/payload-schema';
import { resolveInsideWorkspace } from '../model/paths';
import { escapePointerSegment, parsePointer, valueAtPointer } from '../model/yaml-nodes';
import { identifierProblem, pascalCase } from './names';

/**
 * Payload schemas as codegen needs them: every `$ref` followed without any I/O (external files are
 * already in the model), external schemas shared by several messages named once, and per message
 * either a schema for type generation (external refs → named shared types) or a bundled,
 * self-contained schema (external documents embedded under `definitions` / `$defs`).
 */

type JsonObject = { [key: string]: unknown };

/** Deepest schema nesting codegen accepts (deeper input is refused rather than overflowing the stack). */
export const MAX_SCHEMA_DEPTH = 200;

export class SchemaTooDeepError extends Error {}

/** Where a message's schema starts: inline in a context file, or a whole external document. */
export interface SchemaRoot {
  /** File that relative `$ref`s are resolved against. */
  file: string;
  /** The schema; internal `#...` refs point into it. */
  value: unknown;
  /** Set when `value` is the whole document of this file (refs back into the file are internal). */
  document?: string;
}

export interface SharedType {
  key: string;
  file: string;
  /** JSON pointer inside the file ('' for the whole document). */
  fragment: string;
  name: string;
  value: unknown;
}

export interface SchemaProblem {
  file: string;
  message: string;
}

type RefTarget = { internal: string } | { file: string; fragment: string } | { error: string };

const ANNOTATIONS = new Set(['$ref', 'description', 'title', '$comment', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'default']);

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
  'contentSchema',
];
const SUBSCHEMA_LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMA_MAP = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas'];

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Returned by a `mapSchema` visitor to put a value in place of a subschema (no descent into it). */
export class Replacement {
  constructor(readonly value: unknown) {}
}

/**
 * Copies a schema, visiting every subschema position (keyword-aware: a property *named* `$ref`
 * or `title` is data, not a keyword). The visitor returns the node to keep (possibly changed; its
 * subschemas are then visited in turn) or a `Replacement`.
 */
export function mapSchema(schema: unknown, visit: (node: JsonObject, depth: number) => JsonObject | Replacement, depth = 0): unknown {
  if (depth > MAX_SCHEMA_DEPTH) throw new SchemaTooDeepError(`the schema is nested more than ${MAX_SCHEMA_DEPTH} levels deep`);
  if (!isObject(schema)) return schema;
  const kept = visit(schema, depth);
  if (kept instanceof Replacement) return kept.value;
  const out: JsonObject = {};
  const child = (v: unknown) => mapSchema(v, visit, depth + 1);
  for (const [key, value] of Object.entries(kept)) {
    if (SUBSCHEMA.includes(key)) out[key] = child(value);
    else if (key === 'items') out[key] = Array.isArray(value) ? value.map(child) : child(value);
    else if (SUBSCHEMA_LIST.includes(key) && Array.isArray(value)) out[key] = value.map(child);
    else if ((SUBSCHEMA_MAP.includes(key) || key === 'dependencies') && isObject(value)) {
      const map: JsonObject = {};
      for (const [k, v] of Object.entries(value)) map[k] = Array.isArray(v) ? v : child(v);
      out[key] = map;
    } else out[key] = value;
  }
  return out;
}

/** Every `$ref` string at a keyword position of a schema (a walk, nothing copied). */
function refsOf(schema: unknown): string[] {
  const refs: string[] = [];
  const stack: [unknown, number][] = [[schema, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isObject(node)) continue;
    if (depth > MAX_SCHEMA_DEPTH) throw new SchemaTooDeepError(`the schema is nested more than ${MAX_SCHEMA_DEPTH} levels deep`);
    if (typeof node.$ref === 'string') refs.push(node.$ref);
    for (const key in node) {
      const value = node[key];
      if (SUBSCHEMA.includes(key)) stack.push([value, depth + 1]);
      else if (key === 'items' || SUBSCHEMA_LIST.includes(key)) {
        if (Array.isArray(value)) for (const v of value) stack.push([v, depth + 1]);
        else if (key === 'items') stack.push([value, depth + 1]);
      } else if ((SUBSCHEMA_MAP.includes(key) || key === 'dependencies') && isObject(value)) {
        for (const k in value) stack.push([value[k], depth + 1]);
      }
    }
  }
  return refs;
}

export class SchemaSet {
  /** Shared (external) schemas by `file#fragment`, in name order. */
  readonly shared = new Map<string, SharedType>();
  readonly problems: SchemaProblem[] = [];

  constructor(
    private readonly files: ReadonlyMap<string, LoadedFile>,
    roots: readonly SchemaRoot[],
  ) {
    this.discover(roots);
  }

  /** The root of a schema written in a context file: a bare `$ref` to a whole file is followed. */
  static rootOf(files: ReadonlyMap<string, LoadedFile>, file: string, value: unknown): SchemaRoot {
    if (isObject(value) && typeof value.$ref === 'string' && Object.keys(value).every((k) => ANNOTATIONS.has(k))) {
      const target = resolveRef(file, value.$ref);
      if ('file' in target && target.fragment === '') {
        const loaded = files.get(target.file);
        if (loaded && loaded.value !== undefined) return { file: target.file, value: loaded.value, document: target.file };
      }
    }
    return { file, value };
  }

  static dialect(root: SchemaRoot): Dialect {
    const d = dialectOf(root.value);
    return 'dialect' in d ? d.dialect : 'draft-07';
  }

  private discover(roots: readonly SchemaRoot[]): void {
    const queue: { file: string; fragment: string }[] = [];
    const seen = new Set<string>();
    const enqueue = (file: string, fragment: string) => {
      const key = `${file}#${fragment}`;
      if (seen.has(key)) return;
      seen.add(key);
      queue.push({ file, fragment });
    };
    for (const root of roots) {
      for (const ref of this.safeRefs(root.file, root.value)) {
        const t = this.ref(root.file, ref, root.value);
        // Refs inside the root (or from a file-rooted message back into its own file) stay internal.
        if ('file' in t && t.file !== root.document) enqueue(t.file, t.fragment);
        else if ('error' in t) this.problems.push({ file: root.file, message: t.error });
      }
    }
    const found: { file: string; fragment: string; value: unknown }[] = [];
    while (queue.length > 0) {
      const { file, fragment } = queue.shift()!;
      const loaded = this.files.get(file);
      if (!loaded || loaded.value === undefined) {
        this.problems.push({ file, message: `Schema file '${file}' is not loaded; its types cannot be generated.` });
        continue;
      }
      const value = valueAtPointer(loaded.value, parsePointer(fragment));
      if (value === undefined) {
        this.problems.push({ file, message: `'${file}' has nothing at '#${fragment}'.` });
        continue;
      }
      found.push({ file, fragment, value });
      for (const ref of this.safeRefs(file, value)) {
        const t = this.ref(file, ref, loaded.value);
        if ('internal' in t) enqueue(file, t.internal);
        else if ('file' in t) enqueue(t.file, t.fragment);
        else this.problems.push({ file, message: t.error });
      }
    }
    found.sort((a, b) => (a.file === b.file ? a.fragment.localeCompare(b.fragment) : a.file.localeCompare(b.file)));
    const used = new Set<string>();
    for (const f of found) {
      let base = sharedName(f.file, f.fragment, f.value);
      if (identifierProblem(base)) base = `Schema${base}`;
      let name = base;
      for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base}${i}`;
      used.add(name.toLowerCase());
      const key = `${f.file}#${f.fragment}`;
      this.shared.set(key, { key, file: f.file, fragment: f.fragment, name, value: f.value });
    }
  }

  /** `resolveRef` with plain-name fragments (`#name`: `$anchor`, or `$id: '#name'` in draft-07) looked up, in `doc` for internal ones. */
  private ref(file: string, ref: string, doc: unknown): RefTarget {
    return resolveRef(file, ref, (target, name) => anchorPointer(target === undefined ? doc : this.files.get(target)?.value, name));
  }

  private safeRefs(file: string, value: unknown): string[] {
    try {
      return refsOf(value);
    } catch (err) {
      this.problems.push({ file, message: `Cannot generate from this schema: ${(err as Error).message}.` });
      return [];
    }
  }

  private sharedFor(t: { file: string; fragment: string }): SharedType | undefined {
    return this.shared.get(`${t.file}#${t.fragment}`);
  }

  /**
   * The schema of a message prepared for json-schema-to-typescript: external refs become
   * `tsType: <sharedNamespace>.<Name>`, definitions are renamed `<prefix><Key>` (the prefix is
   * `typeName` unless that collides) so that types of different messages in one module cannot collide, and `$id`/`title` are dropped so the root is
   * named `typeName`.
   */
  typeSchema(root: SchemaRoot, typeName: string, sharedNamespace: string, prefix = typeName): { schema: unknown; shared: string[] } {
    const used = new Set<string>();
    const renames = new Map<string, string>();
    const renamed = (key: string) => `${prefix}${pascalCase(key) || 'Definition'}`;
    for (const container of ['definitions', '$defs']) {
      const defs = isObject(root.value) ? root.value[container] : undefined;
      if (!isObject(defs)) continue;
      for (const key of Object.keys(defs)) renames.set(`/${container}/${escapePointerSegment(key)}`, `/${container}/${escapePointerSegment(renamed(key))}`);
    }
    const renameRef = (pointer: string): string => {
      for (const [from, to] of renames) if (pointer === from || pointer.startsWith(from + '/')) return to + pointer.slice(from.length);
      return pointer;
    };
    const schema = mapSchema(root.value, (node, depth) => {
      let out = node;
      if (typeof node.$ref === 'string') {
        const t = this.ref(root.file, node.$ref, root.value);
        const internal = 'internal' in t ? t.internal : 'file' in t && t.file === root.document ? t.fragment : undefined;
        if (internal === undefined) {
          const shared = 'file' in t ? this.sharedFor(t) : undefined;
          if (shared) used.add(shared.name);
          return new Replacement(withDescription({ tsType: shared ? `${sharedNamespace}.${shared.name}` : 'unknown' }, node));
        }
        out = { ...node, $ref: `#${renameRef(internal)}` };
      }
      if (depth > 0) return withoutKeys(out, ['$id']);
      out = withoutKeys(out, ['$id', 'title', '$schema']);
      for (const container of ['definitions', '$defs']) {
        const defs = out[container];
        if (!isObject(defs)) continue;
        const map: JsonObject = {};
        for (const [k, v] of Object.entries(defs)) map[renamed(k)] = v;
        out[container] = map;
      }
      return out;
    });
    return { schema, shared: [...used].sort() };
  }

  /** The schema of a shared type: every ref (internal ones included) names another shared type. */
  sharedTypeSchema(shared: SharedType): unknown {
    return mapSchema(shared.value, (node, depth) => {
      if (typeof node.$ref === 'string') {
        const t = this.ref(shared.file, node.$ref, this.files.get(shared.file)?.value);
        const target = 'internal' in t ? this.sharedFor({ file: shared.file, fragment: t.internal }) : 'file' in t ? this.sharedFor(t) : undefined;
        return new Replacement(withDescription({ tsType: target ? target.name : 'unknown' }, node));
      }
      return withoutKeys(node, depth === 0 ? ['$id', 'title', '$schema'] : ['$id']);
    });
  }

  /**
   * A self-contained copy of the schema: what it references in other documents is embedded under
   * `definitions` (draft-06/07) or `$defs` (2019-09, 2020-12) and every ref rewritten to point
   * there. A document is embedded whole when the refs into it point at schemas (its root,
   * `#/definitions/X`, `#/properties/a`…); a pointer elsewhere — `#/components/schemas/Money`
   * in an AsyncAPI or OpenAPI file — embeds that schema alone, since only schema positions of an
   * embedded document are followed and rewritten.
   */
  bundle(root: SchemaRoot): { schema: JsonObject | boolean; dialect: Dialect } {
    const dialect = SchemaSet.dialect(root);
    const container = dialect === 'draft-07' || dialect === 'draft-06' ? 'definitions' : '$defs';
    if (!isObject(root.value)) return { schema: root.value !== false, dialect };
    const taken = new Set(isObject(root.value[container]) ? Object.keys(root.value[container] as JsonObject) : []);
    /** Embedded units (a whole document, fragment '', or one schema of it) by `file#fragment`. */
    const units = new Map<string, Unit>();
    const queue: Unit[] = [];
    const unitFor = (file: string, fragment: string): Unit => {
      const id = `${file}#${fragment}`;
      let unit = units.get(id);
      if (unit === undefined) {
        const base =
          fragment === ''
            ? pascalCase(posix.basename(file).replace(/\.(json|ya?ml)$/i, '')) || 'Schema'
            : (this.shared.get(id)?.name ?? sharedName(file, fragment, undefined));
        let key = base;
        for (let i = 2; taken.has(key); i++) key = `${base}${i}`;
        taken.add(key);
        unit = { file, fragment, key };
        units.set(id, unit);
        queue.push(unit);
      }
      return unit;
    };
    /** Where `file#pointer` is in the bundle, seen from inside `within` (an embedded unit) if given. */
    const locate = (file: string, pointer: string, within?: Unit): string => {
      const segments = parsePointer(pointer);
      if (file === root.document && isSchemaPath(segments)) return pointer;
      if (within && file === within.file && (within.fragment === '' || pointer === within.fragment || pointer.startsWith(within.fragment + '/'))) {
        const rest = pointer.slice(within.fragment.length);
        if (isSchemaPath(parsePointer(rest))) return `/${container}/${escapePointerSegment(within.key)}${rest}`;
      }
      if (isSchemaPath(segments)) return `/${container}/${escapePointerSegment(unitFor(file, '').key)}${pointer}`;
      return `/${container}/${escapePointerSegment(unitFor(file, pointer).key)}`;
    };
    /** Visitor for the root (`within` undefined; internal refs of an inline root stay) or an embedded unit. */
    const rewrite =
      (from: string, within: Unit | undefined) =>
      (node: JsonObject, depth: number): JsonObject => {
        let out = node;
        if (typeof node.$ref === 'string') {
          const t = this.ref(from, node.$ref, within ? this.files.get(within.file)?.value : root.value);
          if ('internal' in t) out = { ...node, $ref: `#${within || root.document ? locate(from, t.internal, within) : t.internal}` };
          else if ('file' in t) out = { ...node, $ref: `#${locate(t.file, t.fragment, within)}` };
        }
        // Refs to anchors are pointers by now; copies of a document must not declare its anchors twice.
        if (within) return withoutKeys(out, depth > 0 ? ['$id', '$anchor', '$dynamicAnchor'] : ['$id', '$schema', '$anchor', '$dynamicAnchor']);
        return depth > 0 ? withoutKeys(out, ['$id']) : out;
      };
    const out = mapSchema(root.value, rewrite(root.file, undefined)) as JsonObject;
    const embedded: JsonObject = {};
    // Embedded units may reach further units: keep going until none is new.
    for (let i = 0; i < queue.length; i++) {
      const unit = queue[i];
      const loaded = this.files.get(unit.file);
      const value = loaded && loaded.value !== undefined ? valueAtPointer(loaded.value, parsePointer(unit.fragment)) : undefined;
      embedded[unit.key] = value === undefined ? {} : mapSchema(value, rewrite(unit.file, unit));
    }
    if (queue.length > 0) out[container] = { ...(isObject(out[container]) ? (out[container] as JsonObject) : {}), ...embedded };
    return { schema: out, dialect };
  }
}

/** One part of another document embedded in a bundle: the whole document (fragment '') or one schema of it. */
interface Unit {
  file: string;
  fragment: string;
  key: string;
}

/** The pointer's segments lead, from a schema, through subschema keywords only (so `mapSchema` visits its target). */
export function isSchemaPath(segments: readonly string[]): boolean {
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    const next = segments[i + 1];
    if (SUBSCHEMA.includes(s)) continue;
    if (s === 'items') {
      if (next !== undefined && /^(0|[1-9][0-9]*)$/.test(next)) i++;
      continue;
    }
    if (SUBSCHEMA_LIST.includes(s) && next !== undefined && /^(0|[1-9][0-9]*)$/.test(next)) {
      i++;
      continue;
    }
    if ((SUBSCHEMA_MAP.includes(s) || s === 'dependencies') && next !== undefined) {
      i++;
      continue;
    }
    return false;
  }
  return true;
}

/**
 * Resolves a `$ref` written in `file`: internal pointer, another file (+ pointer), or an error.
 * A plain-name fragment (`#thing`) is turned into a pointer by `anchor` (given the target file,
 * undefined for an internal ref), when given.
 */
export function resolveRef(file: string, ref: string, anchor?: (file: string | undefined, name: string) => string | undefined): RefTarget {
  const hash = ref.indexOf('#');
  const pathPart = hash >= 0 ? ref.slice(0, hash) : ref;
  let fragment = hash >= 0 ? ref.slice(hash + 1) : '';
  try {
    fragment = decodeURIComponent(fragment);
  } catch {
    // keep as written
  }
  let target: string | undefined;
  if (pathPart !== '') {
    let decoded = pathPart;
    try {
      decoded = decodeURI(pathPart);
    } catch {
      // keep as written
    }
    target = resolveInsideWorkspace(file, decoded);
    if (!target) return { error: `'${ref}' points outside the workspace folder.` };
  }
  if (fragment !== '' && !fragment.startsWith('/')) {
    const pointer = anchor?.(target, fragment);
    if (pointer === undefined) return { error: `'${ref}': no schema declares the anchor '${fragment}' ($anchor, or $id '#${fragment}').` };
    fragment = pointer;
  }
  return target === undefined ? { internal: fragment } : { file: target, fragment };
}

const anchorIndexes = new WeakMap<object, Map<string, string>>();

/** The JSON pointer of the schema that declares the plain-name anchor `name` in a document. */
export function anchorPointer(doc: unknown, name: string): string | undefined {
  if (!isObject(doc)) return undefined;
  let index = anchorIndexes.get(doc);
  if (!index) {
    index = new Map();
    const stack: [unknown, string, number][] = [[doc, '', 0]];
    while (stack.length > 0) {
      const [node, pointer, depth] = stack.pop()!;
      if (node === null || typeof node !== 'object' || depth > MAX_SCHEMA_DEPTH) continue;
      if (Array.isArray(node)) {
        node.forEach((child, i) => stack.push([child, `${pointer}/${i}`, depth + 1]));
        continue;
      }
      const obj = node as JsonObject;
      for (const key of ['$anchor', '$dynamicAnchor'])
        if (typeof obj[key] === 'string' && !index.has(obj[key] as string)) index.set(obj[key] as string, pointer);
      if (typeof obj.$id === 'string' && obj.$id.startsWith('#') && !index.has(obj.$id.slice(1))) index.set(obj.$id.slice(1), pointer);
      for (const [k, child] of Object.entries(obj)) {
        // Data, not schemas.
        if (k === 'enum' || k === 'const' || k === 'default' || k === 'examples') continue;
        stack.push([child, `${pointer}/${escapePointerSegment(k)}`, depth + 1]);
      }
    }
    anchorIndexes.set(doc, index);
  }
  return index.get(name);
}

function sharedName(file: string, fragment: string, value: unknown): string {
  const title = isObject(value) && typeof value.title === 'string' ? pascalCase(value.title) : '';
  if (title && !identifierProblem(title)) return title;
  const segments = parsePointer(fragment);
  const last = segments.length > 0 ? pascalCase(segments[segments.length - 1]) : '';
  if (last && !identifierProblem(last)) return last;
  const base = pascalCase(posix.basename(file).replace(/\.(json|ya?ml)$/i, ''));
  return base || 'Schema';
}

function withDescription(out: JsonObject, sub: JsonObject): JsonObject {
  if (typeof sub.description === 'string') out.description = sub.description;
  return out;
}

function withoutKeys(value: JsonObject, keys: string[]): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (!keys.includes(k)) out[k] = v;
  return out;
}

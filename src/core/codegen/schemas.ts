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

const SUBSCHEMA = ['additionalProperties', 'additionalItems', 'contains', 'propertyNames', 'not', 'if', 'then', 'else', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema'];
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
        const t = resolveRef(root.file, ref);
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
        const t = resolveRef(file, ref);
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
   * `tsType: <sharedNamespace>.<Name>`, definitions are renamed `<typeName><Key>` so that types of
   * different messages in one module cannot collide, and `$id`/`title` are dropped so the root is
   * named `typeName`.
   */
  typeSchema(root: SchemaRoot, typeName: string, sharedNamespace: string): { schema: unknown; shared: string[] } {
    const used = new Set<string>();
    const renames = new Map<string, string>();
    const renamed = (key: string) => `${typeName}${pascalCase(key) || 'Definition'}`;
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
        const t = resolveRef(root.file, node.$ref);
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
        const t = resolveRef(shared.file, node.$ref);
        const target = 'internal' in t ? this.sharedFor({ file: shared.file, fragment: t.internal }) : 'file' in t ? this.sharedFor(t) : undefined;
        return new Replacement(withDescription({ tsType: target ? target.name : 'unknown' }, node));
      }
      return withoutKeys(node, depth === 0 ? ['$id', 'title', '$schema'] : ['$id']);
    });
  }

  /**
   * A self-contained copy of the schema: each external document it reaches is embedded once under
   * `definitions` (draft-06/07) or `$defs` (2019-09, 2020-12) and every ref rewritten to point there.
   */
  bundle(root: SchemaRoot): { schema: JsonObject | boolean; dialect: Dialect } {
    const dialect = SchemaSet.dialect(root);
    const container = dialect === 'draft-07' || dialect === 'draft-06' ? 'definitions' : '$defs';
    if (!isObject(root.value)) return { schema: root.value !== false, dialect };
    const taken = new Set(isObject(root.value[container]) ? Object.keys(root.value[container] as JsonObject) : []);
    const keys = new Map<string, string>();
    const queue: string[] = [];
    const keyFor = (file: string): string => {
      let key = keys.get(file);
      if (key === undefined) {
        const base = pascalCase(posix.basename(file).replace(/\.(json|ya?ml)$/i, '')) || 'Schema';
        key = base;
        for (let i = 2; taken.has(key); i++) key = `${base}${i}`;
        taken.add(key);
        keys.set(file, key);
        queue.push(file);
      }
      return key;
    };
    const at = (file: string, fragment: string) => (file === root.document ? fragment : `/${container}/${escapePointerSegment(keyFor(file))}${fragment}`);
    /** Visitor for the root (`from` = root.file, internal refs stay) or an embedded document (`from` = its file). */
    const rewrite = (from: string, embedded: boolean) => (node: JsonObject, depth: number): JsonObject => {
      let out = node;
      if (typeof node.$ref === 'string') {
        const t = resolveRef(from, node.$ref);
        if ('internal' in t) out = { ...node, $ref: `#${embedded ? at(from, t.internal) : t.internal}` };
        else if ('file' in t) out = { ...node, $ref: `#${at(t.file, t.fragment)}` };
      }
      if (depth > 0) return withoutKeys(out, ['$id']);
      return embedded ? withoutKeys(out, ['$id', '$schema']) : out;
    };
    const out = mapSchema(root.value, rewrite(root.file, false)) as JsonObject;
    const embedded: JsonObject = {};
    // Embedded documents may reach further documents: keep going until none is new.
    for (let i = 0; i < queue.length; i++) {
      const file = queue[i];
      const loaded = this.files.get(file);
      embedded[keys.get(file)!] = loaded && loaded.value !== undefined ? mapSchema(loaded.value, rewrite(file, true)) : {};
    }
    if (queue.length > 0) out[container] = { ...(isObject(out[container]) ? (out[container] as JsonObject) : {}), ...embedded };
    return { schema: out, dialect };
  }
}

/** Resolves a `$ref` written in `file`: internal pointer, another file (+ pointer), or an error. */
export function resolveRef(file: string, ref: string): RefTarget {
  const hash = ref.indexOf('#');
  const pathPart = hash >= 0 ? ref.slice(0, hash) : ref;
  let fragment = hash >= 0 ? ref.slice(hash + 1) : '';
  try {
    fragment = decodeURIComponent(fragment);
  } catch {
    // keep as written
  }
  if (fragment !== '' && !fragment.startsWith('/')) return { error: `'${ref}': only JSON-pointer fragments (#/...) are supported by code generation.` };
  if (pathPart === '') return { internal: fragment };
  let decoded = pathPart;
  try {
    decoded = decodeURI(pathPart);
  } catch {
    // keep as written
  }
  const target = resolveInsideWorkspace(file, decoded);
  if (!target) return { error: `'${ref}' points outside the workspace folder.` };
  return { file: target, fragment };
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


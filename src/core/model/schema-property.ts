import type { Model } from './model';
import { resolveInsideWorkspace } from './paths';
import type { SchemaSource } from './types';
import { parsePointer, valueAtPointer } from './yaml-nodes';

/** What a payload schema says about one property path (`orderId`, `order.id`). */
export interface PropertyFacts {
  /** The property is declared (under `properties`, possibly inside `allOf` branches or a `$ref`). */
  declared: boolean;
  /** Every object on the way requires it. */
  required: boolean;
  /** JSON types the schema allows for it (`type`, or the types of `const`/`enum`), sorted; undefined when it does not say. */
  types?: string[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Follows a dot-separated property path through a payload schema, resolving `$ref`s inside the
 * document and into the model's other files (never outside the workspace), and merging `allOf`
 * branches. Pure: reads only the model.
 */
export function propertyFacts(model: Model, source: SchemaSource, path: string): PropertyFacts {
  const segments = path.split('.');
  // An inline schema is a standalone document: its `#/...` refer to itself.
  let level: { node: Json; file: string; root: unknown }[] = expand(model, source.value, source.file, source.value, 0);
  let required = true;
  let last: { node: Json; file: string; root: unknown }[] = [];
  for (let i = 0; i < segments.length; i++) {
    const name = segments[i];
    const found: { node: Json; file: string; root: unknown }[] = [];
    let requiredHere = false;
    for (const { node, file, root } of level) {
      if (Array.isArray(node.required) && node.required.includes(name)) requiredHere = true;
      const props = node.properties;
      if (isObject(props) && Object.prototype.hasOwnProperty.call(props, name)) found.push(...expand(model, props[name], file, root, 0));
    }
    if (found.length === 0) return { declared: false, required: false };
    required &&= requiredHere;
    last = found;
    level = found;
  }
  const types = new Set<string>();
  for (const { node } of last) {
    if (typeof node.type === 'string') {
      types.add(node.type);
    } else if (Array.isArray(node.type)) {
      for (const t of node.type) if (typeof t === 'string') types.add(t);
    } else if ('const' in node) {
      types.add(jsonType(node.const));
    } else if (Array.isArray(node.enum)) {
      for (const v of node.enum) types.add(jsonType(v));
    }
  }
  return { declared: true, required, types: types.size ? [...types].sort() : undefined };
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** A schema and the schemas it stands for: `$ref` targets and `allOf` branches (bounded depth). */
function expand(model: Model, schema: unknown, file: string, root: unknown, depth: number): { node: Json; file: string; root: unknown }[] {
  if (!isObject(schema) || depth > 32) return [];
  const out: { node: Json; file: string; root: unknown }[] = [{ node: schema, file, root }];
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const hash = ref.indexOf('#');
    const pathPart = hash >= 0 ? ref.slice(0, hash) : ref;
    const fragment = hash >= 0 ? ref.slice(hash + 1) : '';
    let targetFile = file;
    let targetRoot = root;
    if (pathPart) {
      const target = resolveInsideWorkspace(file, pathPart);
      const loaded = target ? model.files.get(target) : undefined;
      if (!target || !loaded || loaded.value === undefined) return out;
      targetFile = target;
      targetRoot = loaded.value;
    }
    const target = fragment && fragment !== '/' ? valueAtPointer(targetRoot, parsePointer(`#${fragment}`)) : targetRoot;
    out.push(...expand(model, target, targetFile, targetRoot, depth + 1));
  }
  if (Array.isArray(schema.allOf)) for (const branch of schema.allOf) out.push(...expand(model, branch, file, root, depth + 1));
  return out;
}

import { resolveInsideWorkspace, type Model, type SchemaSource } from '../../core';

/**
 * Payload schemas as the spec editor features read them: the schema at a property path, its
 * properties (name, type, required, description) and a sample value for skeletons. `$ref`s are
 * followed inside the document and into the model's other files; `allOf`, `anyOf` and `oneOf`
 * branches are merged (completion offers what any branch allows).
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A schema node with the document its `#/...` references point into. */
export interface SchemaNode {
  node: Json;
  file: string;
  root: unknown;
}

const MAX_DEPTH = 24;

function pointerValue(root: unknown, fragment: string): unknown {
  if (fragment === '' || fragment === '/') return root;
  return fragment
    .split('/')
    .slice(1)
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((v, k) => (isObject(v) ? v[k] : Array.isArray(v) ? v[Number(k)] : undefined), root);
}

/** The node and everything it stands for: `$ref` targets and combinator branches. */
export function expand(model: Model, schema: unknown, file: string, root: unknown, depth = 0): SchemaNode[] {
  if (!isObject(schema) || depth > MAX_DEPTH) return [];
  const out: SchemaNode[] = [{ node: schema, file, root }];
  if (typeof schema.$ref === 'string') {
    const ref = schema.$ref;
    const hash = ref.indexOf('#');
    const path = hash >= 0 ? ref.slice(0, hash) : ref;
    const fragment = hash >= 0 ? ref.slice(hash + 1) : '';
    let targetFile = file;
    let targetRoot = root;
    if (path) {
      let decoded = path;
      try {
        decoded = decodeURI(path);
      } catch {
        // as written
      }
      const target = resolveInsideWorkspace(file, decoded);
      const loaded = target ? model.files.get(target) : undefined;
      if (!target || loaded?.value === undefined) return out;
      targetFile = target;
      targetRoot = loaded.value;
    }
    out.push(...expand(model, pointerValue(targetRoot, fragment), targetFile, targetRoot, depth + 1));
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const branches = schema[key];
    if (Array.isArray(branches)) for (const b of branches) out.push(...expand(model, b, file, root, depth + 1));
  }
  return out;
}

export function rootNodes(model: Model, source: SchemaSource): SchemaNode[] {
  return expand(model, source.value, source.file, source.value);
}

/** The schemas of a property (a name) or an array element (a number) below `nodes`. */
export function child(model: Model, nodes: SchemaNode[], segment: string | number): SchemaNode[] {
  const out: SchemaNode[] = [];
  for (const { node, file, root } of nodes) {
    if (typeof segment === 'number' || /^\d+$/.test(segment)) {
      const i = Number(segment);
      const prefix = node.prefixItems ?? (Array.isArray(node.items) ? node.items : undefined);
      const item = Array.isArray(prefix) && i < prefix.length ? prefix[i] : isObject(node.items) ? node.items : undefined;
      if (item !== undefined) out.push(...expand(model, item, file, root));
      if (typeof segment === 'number') continue;
    }
    const props = node.properties;
    if (isObject(props) && Object.prototype.hasOwnProperty.call(props, segment)) out.push(...expand(model, props[segment], file, root));
  }
  return out;
}

export function at(model: Model, source: SchemaSource, path: (string | number)[]): SchemaNode[] {
  let nodes = rootNodes(model, source);
  for (const segment of path) nodes = child(model, nodes, segment);
  return nodes;
}

export interface PropertyInfo {
  name: string;
  required: boolean;
  type: string;
  description?: string;
  schemas: SchemaNode[];
}

/** Properties declared by any of the nodes, required ones first, in declaration order otherwise. */
export function propertiesOf(model: Model, nodes: SchemaNode[]): PropertyInfo[] {
  const byName = new Map<string, PropertyInfo>();
  const required = new Set<string>();
  for (const { node, file, root } of nodes) {
    if (Array.isArray(node.required)) for (const r of node.required) if (typeof r === 'string') required.add(r);
    if (!isObject(node.properties)) continue;
    for (const [name, schema] of Object.entries(node.properties)) {
      const expanded = expand(model, schema, file, root);
      const info = byName.get(name) ?? { name, required: false, type: '', schemas: [] };
      info.schemas.push(...expanded);
      info.description ??= expanded.map((s) => s.node.description).find((d): d is string => typeof d === 'string');
      byName.set(name, info);
    }
  }
  const out = [...byName.values()];
  for (const p of out) {
    p.required = required.has(p.name);
    p.type = typeText(model, p.schemas);
  }
  return out.sort((a, b) => Number(b.required) - Number(a.required));
}

/** The name a `$ref` stands for: the target's `title`, else its last path or pointer segment in PascalCase. */
function refName(nodes: SchemaNode[]): string | undefined {
  const ref = nodes[0]?.node.$ref;
  if (typeof ref !== 'string') return undefined;
  const title = nodes
    .slice(1)
    .map((n) => n.node.title)
    .find((t): t is string => typeof t === 'string' && t !== '');
  if (title) return title;
  const last = ref.split(/[/#]/).filter(Boolean).pop() ?? ref;
  return last
    .replace(/\.(json|ya?ml)$/i, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** A one-line type: `string (uuid)`, `integer ≥ 1`, `array of OrderLine`, `Money`, `"A" | "B"`. */
export function typeText(model: Model, nodes: SchemaNode[]): string {
  const named = refName(nodes);
  if (named) return named;
  for (const { node } of nodes) {
    if (Array.isArray(node.enum)) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
    if ('const' in node) return JSON.stringify(node.const);
  }
  const parts: string[] = [];
  for (const { node, file, root } of nodes) {
    const types = Array.isArray(node.type) ? node.type : typeof node.type === 'string' ? [node.type] : [];
    for (const t of types) {
      let text = String(t);
      if (t === 'string' && typeof node.format === 'string') text += ` (${node.format})`;
      if ((t === 'integer' || t === 'number') && typeof node.minimum === 'number') text += ` ≥ ${node.minimum}`;
      if (t === 'array') text = `array of ${isObject(node.items) ? typeText(model, expand(model, node.items, file, root)) : 'any'}`;
      if (!parts.includes(text)) parts.push(text);
    }
  }
  if (parts.length) return parts.join(' | ');
  return nodes.some(({ node }) => isObject(node.properties)) ? 'object' : 'any';
}

/** Values the schema allows for a scalar (enum, const, booleans), for value completion. */
export function allowedValues(nodes: SchemaNode[]): unknown[] {
  const out: unknown[] = [];
  for (const { node } of nodes) {
    if (Array.isArray(node.enum)) out.push(...node.enum);
    if ('const' in node) out.push(node.const);
    if (node.type === 'boolean') out.push(true, false);
  }
  return [...new Set(out.map((v) => JSON.stringify(v)))].map((v) => JSON.parse(v) as unknown);
}

const SAMPLE_FORMATS: Record<string, string> = {
  uuid: '00000000-0000-4000-8000-000000000001',
  'date-time': '2024-01-01T12:00:00Z',
  date: '2024-01-01',
  time: '12:00:00Z',
  email: 'someone@example.com',
  uri: 'https://example.com/',
};

/**
 * A value that satisfies the schema's required shape, for skeletons: required properties only,
 * the first enum value, the minimum, a sample per format, `TODO` for other strings.
 */
export function sampleValue(model: Model, nodes: SchemaNode[], depth = 0): unknown {
  if (depth > 8) return null;
  for (const { node } of nodes) {
    if ('const' in node) return node.const;
    if (Array.isArray(node.enum) && node.enum.length) return node.enum[0];
    if ('default' in node) return node.default;
  }
  const types = nodes.flatMap(({ node }) => (Array.isArray(node.type) ? node.type : typeof node.type === 'string' ? [node.type] : []));
  const has = (t: string) => types.includes(t);
  const format = nodes.map(({ node }) => node.format).find((f): f is string => typeof f === 'string');
  if (has('object') || (!types.length && nodes.some(({ node }) => isObject(node.properties)))) {
    const out: Record<string, unknown> = {};
    for (const p of propertiesOf(model, nodes)) if (p.required) out[p.name] = sampleValue(model, p.schemas, depth + 1);
    return out;
  }
  if (has('array')) {
    const min = Math.max(0, ...nodes.map(({ node }) => (typeof node.minItems === 'number' ? node.minItems : 0)));
    return min > 0 ? Array.from({ length: min }, (_, i) => sampleValue(model, child(model, nodes, i), depth + 1)) : [];
  }
  if (has('integer') || has('number')) {
    const min = nodes.map(({ node }) => node.minimum).find((m): m is number => typeof m === 'number');
    return min ?? 1;
  }
  if (has('boolean')) return false;
  if (has('string')) return (format && SAMPLE_FORMATS[format]) ?? 'TODO';
  if (has('null')) return null;
  return 'TODO';
}

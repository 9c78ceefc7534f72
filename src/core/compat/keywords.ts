/**
 * Read-only views of JSON Schema keywords across drafts (draft-04/06/07, 2019-09, 2020-12):
 * type sets (with `integer` ⊂ `number`), content models, tuple forms, dependencies.
 */
import { isObject } from './pointer';

export type Family = 'object' | 'array' | 'string' | 'number';

export const FAMILY_KEYWORDS: Record<Family, readonly string[]> = {
  object: [
    'properties', 'required', 'additionalProperties', 'patternProperties', 'minProperties', 'maxProperties',
    'dependencies', 'dependentRequired', 'dependentSchemas', 'propertyNames', 'unevaluatedProperties',
  ],
  array: [
    'items', 'additionalItems', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems', 'contains',
    'minContains', 'maxContains', 'unevaluatedItems',
  ],
  string: ['minLength', 'maxLength', 'pattern', 'format'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
};

export const FAMILIES: readonly Family[] = ['object', 'array', 'string', 'number'];

const COMBINATOR_KEYWORDS = ['allOf', 'anyOf', 'oneOf'] as const;
export type CombinatorKind = (typeof COMBINATOR_KEYWORDS)[number];

/** Keywords that constrain instances (everything else is metadata or container of definitions). */
const VALIDATION_KEYWORDS = new Set<string>([
  'type', 'enum', 'const', 'not', 'if', 'then', 'else', '$ref',
  ...COMBINATOR_KEYWORDS,
  ...FAMILY_KEYWORDS.object, ...FAMILY_KEYWORDS.array, ...FAMILY_KEYWORDS.string, ...FAMILY_KEYWORDS.number,
]);

const JSON_TYPES = new Set(['null', 'boolean', 'object', 'array', 'number', 'integer', 'string']);

/** `true`, or an object without any validation keyword. */
export function isEmptySchema(node: unknown): boolean {
  if (node === true) return true;
  if (!isObject(node)) return false;
  for (const key of Object.keys(node)) if (VALIDATION_KEYWORDS.has(key)) return false;
  return true;
}

/** `false`, or `{ "not": {} }` / `{ "not": true }` alone. */
export function isFalseSchema(node: unknown): boolean {
  if (node === false) return true;
  if (!isObject(node) || !('not' in node)) return false;
  if (!isEmptySchema(node.not)) return false;
  for (const key of Object.keys(node)) if (key !== 'not' && VALIDATION_KEYWORDS.has(key)) return false;
  return true;
}

/** Whether the node has validation keywords other than the combinators. */
export function hasBase(node: Record<string, unknown>): boolean {
  for (const key of Object.keys(node)) {
    if (VALIDATION_KEYWORDS.has(key) && key !== 'allOf' && key !== 'anyOf' && key !== 'oneOf') return true;
  }
  return false;
}

export function combinatorKinds(node: Record<string, unknown>): CombinatorKind[] {
  return COMBINATOR_KEYWORDS.filter((k) => Array.isArray(node[k]) && (node[k] as unknown[]).length > 0);
}

/**
 * The JSON types a schema accepts: its `type` keyword, or (like Schema Registry, whose loader
 * builds an object schema from `properties`, a string schema from `maxLength`...) the families
 * its keywords belong to. `null` means any type. `integer` is dropped when `number` is present.
 */
export function effectiveTypes(node: Record<string, unknown>): Set<string> | null {
  const t = node.type;
  let types: string[] | undefined;
  if (typeof t === 'string' && JSON_TYPES.has(t)) types = [t];
  else if (Array.isArray(t) && t.length > 0 && t.every((x) => typeof x === 'string' && JSON_TYPES.has(x))) types = t as string[];
  if (!types) {
    const inferred: string[] = [];
    for (const family of FAMILIES) {
      if (FAMILY_KEYWORDS[family].some((k) => k in node)) inferred.push(family);
    }
    if (inferred.length === 0) return null;
    types = inferred;
  }
  const set = new Set(types);
  if (set.has('number')) set.delete('integer');
  return set;
}

export function familiesOf(types: Set<string>): Set<Family> {
  const out = new Set<Family>();
  for (const t of types) {
    if (t === 'integer' || t === 'number') out.add('number');
    else if (t === 'object' || t === 'array' || t === 'string') out.add(t);
  }
  return out;
}

/** Whether every type of `inner` is accepted by `outer` (`integer` ⊂ `number`). */
export function typesCover(outer: Set<string>, inner: Set<string>): boolean {
  for (const t of inner) {
    if (outer.has(t)) continue;
    if (t === 'integer' && outer.has('number')) continue;
    return false;
  }
  return true;
}

export function numberAt(node: Record<string, unknown>, key: string): number | undefined {
  const v = node[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function stringAt(node: Record<string, unknown>, key: string): string | undefined {
  const v = node[key];
  return typeof v === 'string' ? v : undefined;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

/** Numeric bounds with the draft-04 boolean `exclusiveMaximum`/`exclusiveMinimum` folded in. */
export function numericBounds(node: Record<string, unknown>): {
  maximum?: number; minimum?: number; exclusiveMaximum?: number; exclusiveMinimum?: number;
} {
  let maximum = numberAt(node, 'maximum');
  let minimum = numberAt(node, 'minimum');
  let exclusiveMaximum = numberAt(node, 'exclusiveMaximum');
  let exclusiveMinimum = numberAt(node, 'exclusiveMinimum');
  if (node.exclusiveMaximum === true && maximum !== undefined) {
    exclusiveMaximum = maximum;
    maximum = undefined;
  }
  if (node.exclusiveMinimum === true && minimum !== undefined) {
    exclusiveMinimum = minimum;
    minimum = undefined;
  }
  return { maximum, minimum, exclusiveMaximum, exclusiveMinimum };
}

/** Whether `a` is an integer multiple of `b` (tolerant of binary fractions such as 0.1). */
export function isMultipleOf(a: number, b: number): boolean {
  if (b === 0) return false;
  const q = a / b;
  return Math.abs(q - Math.round(q)) <= 1e-9 * Math.max(1, Math.abs(q));
}

/** Canonical JSON (sorted keys) used for `enum` values, `default` and duplicate subschemas. */
export function canonical(value: unknown): string {
  const seen = new Set<unknown>();
  const walk = (v: unknown): string => {
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'number' && !Number.isFinite(v)) return 'null';
      return v === undefined ? 'null' : JSON.stringify(v);
    }
    if (seen.has(v)) return '"<cycle>"';
    seen.add(v);
    let out: string;
    if (Array.isArray(v)) out = '[' + v.map(walk).join(',') + ']';
    else {
      const o = v as Record<string, unknown>;
      out = '{' + Object.keys(o).sort().map((k) => JSON.stringify(k) + ':' + walk(o[k])).join(',') + '}';
    }
    seen.delete(v);
    return out;
  };
  return walk(value);
}

export function compileRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    try {
      return new RegExp(pattern);
    } catch {
      return undefined;
    }
  }
}

/**
 * Read-only views of JSON Schema keywords across drafts (draft-04/06/07, 2019-09, 2020-12):
 * type sets (with `integer` ⊂ `number`), tuple forms, bounds, canonical values. Which keywords
 * exist and what they imply is declared by the keyword families (`diff/vocabulary.ts`).
 */

export type Family = 'object' | 'array' | 'string' | 'number';

/** The JSON types whose keywords have families of their own, in the order they are compared. */
export const FAMILIES: readonly Family[] = ['object', 'array', 'string', 'number'];

const COMBINATOR_KEYWORDS = ['allOf', 'anyOf', 'oneOf'] as const;
export type CombinatorKind = (typeof COMBINATOR_KEYWORDS)[number];

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NO_COMBINATORS: CombinatorKind[] = [];

export function combinatorKinds(node: Record<string, unknown>): CombinatorKind[] {
  if (node.allOf === undefined && node.anyOf === undefined && node.oneOf === undefined) return NO_COMBINATORS;
  return COMBINATOR_KEYWORDS.filter((k) => Array.isArray(node[k]) && (node[k] as unknown[]).length > 0);
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
  maximum?: number;
  minimum?: number;
  exclusiveMaximum?: number;
  exclusiveMinimum?: number;
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
      out =
        '{' +
        Object.keys(o)
          .sort()
          .map((k) => JSON.stringify(k) + ':' + walk(o[k]))
          .join(',') +
        '}';
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

/**
 * Whether two schemas are the same, node for node and key for key, with nothing the walker
 * would treat specially: no `$ref` key anywhere (not even inside `enum` data), every subschema
 * position holding an object or a boolean, plain objects only, nesting within `depthBudget`
 * subschema levels and the whole check within a fixed amount of work (cycles and huge shared
 * graphs give up). When this
 * holds, comparing them yields no change, no problem and no depth report, so the walker can skip
 * the pair. `false` only means "not known to be the same": the walker then compares as usual.
 */
export function sameCleanSchema(a: unknown, b: unknown, depthBudget: number): boolean {
  const work = { left: 50_000 };
  return sameSchemaNode(a, b, depthBudget, work);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const enum Slot {
  Data,
  Schema,
  SchemaMap,
  SchemaList,
  Items,
  Dependencies,
}

/** How `sameCleanSchema` reads each keyword's value (data unless listed). */
const SLOTS = new Map<string, Slot>([
  ...['additionalProperties', 'unevaluatedProperties', 'additionalItems', 'unevaluatedItems', 'contains', 'propertyNames', 'if', 'then', 'else', 'not'].map(
    (k): [string, Slot] => [k, Slot.Schema],
  ),
  ...['allOf', 'anyOf', 'oneOf', 'prefixItems'].map((k): [string, Slot] => [k, Slot.SchemaList]),
  ...['properties', 'patternProperties', 'dependentSchemas'].map((k): [string, Slot] => [k, Slot.SchemaMap]),
  ['items', Slot.Items],
  ['dependencies', Slot.Dependencies],
]);

function sameSchemaNode(a: unknown, b: unknown, budget: number, work: { left: number }): boolean {
  if (budget < 0 || --work.left < 0) return false;
  if (typeof a === 'boolean') return a === b;
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  // Keys in the same order (another order is only "not known to be the same").
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i];
    if (k !== kb[i] || k === '$ref') return false;
    const va = a[k];
    const vb = b[k];
    switch (SLOTS.get(k)) {
      case Slot.Schema:
        if (!sameSchemaNode(va, vb, budget - 1, work)) return false;
        break;
      case Slot.SchemaMap:
        if (!sameSchemaMap(va, vb, budget - 1, work, false)) return false;
        break;
      case Slot.SchemaList:
        if (!sameSchemaList(va, vb, budget - 1, work)) return false;
        break;
      case Slot.Items:
        if (Array.isArray(va) ? !sameSchemaList(va, vb, budget - 1, work) : !sameSchemaNode(va, vb, budget - 1, work)) return false;
        break;
      case Slot.Dependencies:
        if (!sameSchemaMap(va, vb, budget - 1, work, true)) return false;
        break;
      default:
        if (!sameData(va, vb, work)) return false;
    }
  }
  return true;
}

function sameSchemaList(a: unknown, b: unknown, budget: number, work: { left: number }): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameSchemaNode(a[i], b[i], budget, work)) return false;
  return true;
}

function sameSchemaMap(a: unknown, b: unknown, budget: number, work: { left: number }, arraysAllowed: boolean): boolean {
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i];
    if (k !== kb[i]) return false;
    const va = a[k];
    if (arraysAllowed && Array.isArray(va)) {
      if (!sameData(va, b[k], work)) return false;
    } else if (!sameSchemaNode(va, b[k], budget, work)) {
      return false;
    }
  }
  return true;
}

/** Structural equality of JSON data (plain objects and arrays only, keys in the same order, no `$ref` key anywhere). */
function sameData(a: unknown, b: unknown, work: { left: number }): boolean {
  if (typeof a !== 'object' || a === null) return a === b;
  if (typeof b !== 'object' || b === null) return false;
  if (--work.left < 0) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i], work)) return false;
    return true;
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i];
    // A `$ref` anywhere (even inside data) makes the walker compare combinator branches instead of pairing equal ones.
    if (k !== kb[i] || k === '$ref' || !sameData(a[k], b[k], work)) return false;
  }
  return true;
}

/**
 * The rest of Schema Registry's `ObjectSchemaDiff`: `required`, dependencies,
 * `additionalProperties` / `unevaluatedProperties` themselves, property counts, `propertyNames`.
 * (Properties added or removed are in `properties.ts`.)
 */
import type { ChangeType } from '../changes';
import { isObject, numberAt, stringList } from '../keywords';
import { listSome } from './change';
import type { NodeContext } from './context';
import type { KeywordFamily } from './family';
import { NO_KEYWORDS, hasOwn, pointerChild, rel } from './paths';
import { hasDefault, requiredSet } from './properties';

export const requiredDiff: KeywordFamily = {
  name: 'required',
  appliesTo: 'object',
  keywords: ['required'],
  consults: ['properties'],
  changeTypes: ['REQUIRED_ATTRIBUTE_ADDED', 'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED', 'REQUIRED_ATTRIBUTE_REMOVED'],
  compare(ctx) {
    if (sameStrings(ctx.on.required, ctx.nn.required)) return;
    const oP = isObject(ctx.on.properties) ? ctx.on.properties : NO_KEYWORDS;
    const nP = isObject(ctx.nn.properties) ? ctx.nn.properties : NO_KEYWORDS;
    const oReq = stringList(ctx.on.required);
    const nReq = stringList(ctx.nn.required);
    const oSet = requiredSet(oReq);
    const nSet = requiredSet(nReq);
    // (Indices are positions in the lists of strings.)
    for (let idx = 0; idx < nReq.length; idx++) {
      const k = nReq[idx];
      const inN = hasOwn(nP, k);
      if (oSet.has(k) || hasOwn(oP, k) !== inN) continue;
      const withDefault = inN && hasDefault(ctx.w.derefR(ctx.nc('properties', k)).node);
      ctx.add(
        withDefault ? 'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED' : 'REQUIRED_ATTRIBUTE_ADDED',
        nearRequired(ctx.on, oP, k),
        rel('required', idx),
        {},
        `property \`${k}\` became required${withDefault ? ' (it has a default)' : ''}`,
      );
    }
    for (let idx = 0; idx < oReq.length; idx++) {
      const k = oReq[idx];
      const inO = hasOwn(oP, k);
      if (nSet.has(k) || inO !== hasOwn(nP, k)) continue;
      const oldDefault = inO && hasDefault(ctx.w.derefL(ctx.oc('properties', k)).node);
      ctx.add(
        'REQUIRED_ATTRIBUTE_REMOVED',
        rel('required', idx),
        nearRequired(ctx.nn, nP, k),
        { mirror: oldDefault ? 'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED' : 'REQUIRED_ATTRIBUTE_ADDED' },
        `property \`${k}\` is no longer required`,
      );
    }
  },
};

/** Where a `required` change is reported on the side that does not list the property. */
function nearRequired(node: Record<string, unknown>, p: Record<string, unknown>, k: string): string {
  return 'required' in node ? '/required' : hasOwn(p, k) ? rel('properties', k) : '';
}

/** Both absent, or the same array of the same values in the same order. */
function sameStrings(a: unknown, b: unknown): boolean {
  if (a === undefined && b === undefined) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export const dependenciesDiff: KeywordFamily = {
  name: 'dependencies',
  appliesTo: 'object',
  keywords: ['dependencies', 'dependentRequired', 'dependentSchemas'],
  changeTypes: [
    'DEPENDENCY_ARRAY_ADDED',
    'DEPENDENCY_ARRAY_REMOVED',
    'DEPENDENCY_ARRAY_EXTENDED',
    'DEPENDENCY_ARRAY_NARROWED',
    'DEPENDENCY_ARRAY_CHANGED',
    'DEPENDENCY_SCHEMA_ADDED',
    'DEPENDENCY_SCHEMA_REMOVED',
  ],
  compare(ctx) {
    const oD = dependencyView(ctx.on);
    const nD = dependencyView(ctx.nn);
    for (const [k, a] of oD.arrays) {
      const b = nD.arrays.get(k);
      if (!b) {
        ctx.add('DEPENDENCY_ARRAY_REMOVED', a.rel, nD.anyRel, {}, `the property dependency of \`${k}\` was removed`);
        continue;
      }
      const aSet = new Set(a.names);
      const bSet = new Set(b.names);
      const added = [...bSet].filter((x) => !aSet.has(x));
      const removed = [...aSet].filter((x) => !bSet.has(x));
      if (added.length === 0 && removed.length === 0) continue;
      if (removed.length === 0) ctx.add('DEPENDENCY_ARRAY_EXTENDED', a.rel, b.rel, {}, `\`${k}\` now also requires ${listSome(added)}`);
      else if (added.length === 0) ctx.add('DEPENDENCY_ARRAY_NARROWED', a.rel, b.rel, {}, `\`${k}\` no longer requires ${listSome(removed)}`);
      else ctx.add('DEPENDENCY_ARRAY_CHANGED', a.rel, b.rel, {}, `\`${k}\` now requires ${listSome(added)} instead of ${listSome(removed)}`);
    }
    for (const [k, b] of nD.arrays) {
      if (!oD.arrays.has(k)) ctx.add('DEPENDENCY_ARRAY_ADDED', oD.anyRel, b.rel, {}, `a property dependency of \`${k}\` on ${listSome(b.names)} was added`);
    }
    for (const [k, a] of oD.schemas) {
      const b = nD.schemas.get(k);
      if (!b) ctx.add('DEPENDENCY_SCHEMA_REMOVED', a, nD.anyRel, {}, `the schema dependency of \`${k}\` was removed`);
      else ctx.include(ctx.sub(a, b, pointerChild(ctx.o, a), pointerChild(ctx.n, b)), a, b);
    }
    for (const [k, b] of nD.schemas) {
      if (!oD.schemas.has(k)) ctx.add('DEPENDENCY_SCHEMA_ADDED', oD.anyRel, b, {}, `a schema dependency of \`${k}\` was added`);
    }
  },
};

function dependencyView(node: Record<string, unknown>): {
  arrays: Map<string, { names: string[]; rel: string }>;
  schemas: Map<string, string>;
  anyRel: string;
} {
  const arrays = new Map<string, { names: string[]; rel: string }>();
  const schemas = new Map<string, string>();
  for (const key of ['dependencies', 'dependentRequired', 'dependentSchemas']) {
    const value = node[key];
    if (!isObject(value)) continue;
    for (const [k, v] of Object.entries(value)) {
      if (Array.isArray(v) && key !== 'dependentSchemas') arrays.set(k, { names: stringList(v), rel: rel(key, k) });
      else if ((isObject(v) || typeof v === 'boolean') && key !== 'dependentRequired') schemas.set(k, rel(key, k));
    }
  }
  const anyRel = ['dependentRequired', 'dependentSchemas', 'dependencies'].find((k) => k in node);
  return { arrays, schemas, anyRel: anyRel ? `/${anyRel}` : '' };
}

/** `additionalProperties` / `unevaluatedProperties`: open, closed (`false`) or a schema. */
function additional(ctx: NodeContext, key: 'additionalProperties' | 'unevaluatedProperties', prefix: string): void {
  const oState = ctx.state(ctx.on, key, 'L');
  const nState = ctx.state(ctx.nn, key, 'R');
  const oRel = key in ctx.on ? `/${key}` : '';
  const nRel = key in ctx.nn ? `/${key}` : '';
  if (oState === nState && oState !== 'schema') return;
  if (oState === 'closed') ctx.add(`${prefix}_ADDED` as ChangeType, oRel, nRel, {}, `\`${key}\` no longer rejects undeclared properties`);
  else if (nState === 'closed') ctx.add(`${prefix}_REMOVED` as ChangeType, oRel, nRel, {}, `\`${key}: false\` now rejects undeclared properties`);
  else if (oState === 'open') ctx.add(`${prefix}_NARROWED` as ChangeType, oRel, nRel, {}, `an \`${key}\` schema now constrains undeclared properties`);
  else if (nState === 'open') ctx.add(`${prefix}_EXTENDED` as ChangeType, oRel, nRel, {}, `the \`${key}\` schema no longer constrains undeclared properties`);
  else ctx.include(ctx.sub(oRel, nRel, ctx.oc(key), ctx.nc(key)), oRel, nRel);
}

export const additionalPropertiesDiff: KeywordFamily = {
  name: 'additionalProperties',
  appliesTo: 'object',
  keywords: ['additionalProperties'],
  changeTypes: ['ADDITIONAL_PROPERTIES_ADDED', 'ADDITIONAL_PROPERTIES_REMOVED', 'ADDITIONAL_PROPERTIES_EXTENDED', 'ADDITIONAL_PROPERTIES_NARROWED'],
  compare(ctx) {
    additional(ctx, 'additionalProperties', 'ADDITIONAL_PROPERTIES');
  },
};

export const unevaluatedPropertiesDiff: KeywordFamily = {
  name: 'unevaluatedProperties',
  appliesTo: 'object',
  keywords: ['unevaluatedProperties'],
  changeTypes: ['UNEVALUATED_PROPERTIES_ADDED', 'UNEVALUATED_PROPERTIES_REMOVED', 'UNEVALUATED_PROPERTIES_EXTENDED', 'UNEVALUATED_PROPERTIES_NARROWED'],
  compare(ctx) {
    if ('unevaluatedProperties' in ctx.on || 'unevaluatedProperties' in ctx.nn) additional(ctx, 'unevaluatedProperties', 'UNEVALUATED_PROPERTIES');
  },
};

export const propertyCountDiff: KeywordFamily = {
  name: 'propertyCount',
  appliesTo: 'object',
  keywords: ['maxProperties', 'minProperties'],
  changeTypes: [
    'MAX_PROPERTIES_ADDED',
    'MAX_PROPERTIES_REMOVED',
    'MAX_PROPERTIES_INCREASED',
    'MAX_PROPERTIES_DECREASED',
    'MIN_PROPERTIES_ADDED',
    'MIN_PROPERTIES_REMOVED',
    'MIN_PROPERTIES_INCREASED',
    'MIN_PROPERTIES_DECREASED',
  ],
  compare(ctx) {
    ctx.bound('MAX_PROPERTIES', 'maxProperties', numberAt(ctx.on, 'maxProperties'), numberAt(ctx.nn, 'maxProperties'));
    ctx.bound('MIN_PROPERTIES', 'minProperties', numberAt(ctx.on, 'minProperties'), numberAt(ctx.nn, 'minProperties'));
  },
};

export const propertyNamesDiff: KeywordFamily = {
  name: 'propertyNames',
  appliesTo: 'object',
  keywords: ['propertyNames'],
  changeTypes: ['SCHEMA_ADDED', 'SCHEMA_REMOVED'],
  compare(ctx) {
    ctx.optionalSubschema('propertyNames');
  },
};

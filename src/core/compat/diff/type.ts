/**
 * Types: boolean schemas, the `type` keyword (or the type the keywords imply) and which JSON
 * types' families are compared further (Schema Registry's `compareTypes`).
 */
import type { ChangeType } from '../changes';
import { type Family, familiesOf, typesCover } from '../keywords';
import type { NodeContext } from './context';
import type { KeywordFamily } from './family';

export type SchemaKind = 'true' | 'false' | 'schema';

export function schemaKind(ctx: NodeContext, node: unknown): SchemaKind {
  if (ctx.isFalse(node)) return 'false';
  if (node === undefined || ctx.isEmpty(node)) return 'true';
  return 'schema';
}

/** When either side accepts everything or nothing, that is the whole story. */
export function compareBooleanSchemas(ctx: NodeContext, oKind: SchemaKind, nKind: SchemaKind): void {
  if (oKind === nKind) return;
  if (oKind === 'false') ctx.add('TYPE_EXTENDED', '', '', {}, 'the old schema accepted nothing (`false`); the new one accepts values');
  else if (nKind === 'false') ctx.add('TYPE_NARROWED', '', '', {}, 'the new schema accepts nothing (`false`)');
  else if (nKind === 'true') ctx.add('TYPE_EXTENDED', '', '', {}, 'every constraint was removed: the new schema accepts any value');
  else ctx.add('TYPE_NARROWED', '', '', {}, 'the old schema accepted any value; the new one constrains it');
}

const NO_FAMILY = new Set<Family>();
const OBJECT_FAMILY = new Set<Family>(['object']);
const ARRAY_FAMILY = new Set<Family>(['array']);
const STRING_FAMILY = new Set<Family>(['string']);
const NUMBER_FAMILY = new Set<Family>(['number']);

/** Families to compare when both sides declare the same single `type` (as `compareTypes` computes them). */
function singleTypeFamily(type: string): Set<Family> | undefined {
  switch (type) {
    case 'object':
      return OBJECT_FAMILY;
    case 'string':
      return STRING_FAMILY;
    case 'number':
    case 'integer':
      return NUMBER_FAMILY;
    case 'array':
      return ARRAY_FAMILY;
    case 'null':
    case 'boolean':
      return NO_FAMILY;
    default:
      return undefined;
  }
}

/** Compares accepted types and returns the JSON types whose families are worth comparing further. */
export function compareTypes(ctx: NodeContext): Set<Family> {
  const t = ctx.on.type;
  if (typeof t === 'string' && t === ctx.nn.type) {
    // The same single type on both sides: nothing to report, one family to compare.
    const family = singleTypeFamily(t);
    if (family !== undefined) return family;
  }
  const O = ctx.vocab.effectiveTypes(ctx.on);
  const N = ctx.vocab.effectiveTypes(ctx.nn);
  const oRel = 'type' in ctx.on ? '/type' : '';
  const nRel = 'type' in ctx.nn ? '/type' : '';
  const show = (s: Set<string> | null) => (s ? [...s].join('|') : 'any');
  if (O === null && N === null) return new Set();
  if (O === null) {
    ctx.add('TYPE_NARROWED', oRel, nRel, {}, `type narrowed from any to ${show(N)}`);
    return new Set();
  }
  if (N === null) {
    ctx.add('TYPE_EXTENDED', oRel, nRel, {}, `type widened from ${show(O)} to any`);
    return new Set();
  }
  const equal = O.size === N.size && [...O].every((t) => N.has(t));
  if (!equal) {
    if (typesCover(N, O)) {
      if (N.size > O.size) ctx.add('SUM_TYPE_EXTENDED', oRel, nRel, {}, `type widened from ${show(O)} to ${show(N)}`);
      else ctx.add('TYPE_EXTENDED', oRel, nRel, {}, `type widened from ${show(O)} to ${show(N)}`);
    } else if (typesCover(O, N)) {
      if (O.size > N.size) ctx.add('SUM_TYPE_NARROWED', oRel, nRel, {}, `type narrowed from ${show(O)} to ${show(N)}`);
      else ctx.add('TYPE_NARROWED', oRel, nRel, {}, `type narrowed from ${show(O)} to ${show(N)}`);
    } else {
      ctx.add('TYPE_CHANGED', oRel, nRel, {}, `type changed from ${show(O)} to ${show(N)}`);
    }
  }
  const oF = familiesOf(O);
  const nF = familiesOf(N);
  return new Set([...oF].filter((x) => nF.has(x)));
}

const TYPE_CHANGES: ChangeType[] = ['TYPE_EXTENDED', 'TYPE_NARROWED', 'TYPE_CHANGED', 'SUM_TYPE_EXTENDED', 'SUM_TYPE_NARROWED'];

/**
 * `type`, and boolean schemas. The walker runs it on every pair that is no boolean schema (the
 * types decide which other families run), so its `keywords` only mark `type` as validating.
 */
export const typeDiff: KeywordFamily = {
  name: 'type',
  appliesTo: 'any',
  ungated: true,
  keywords: ['type'],
  changeTypes: TYPE_CHANGES,
  compare(ctx) {
    compareTypes(ctx);
  },
};

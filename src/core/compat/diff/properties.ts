/**
 * Properties added or removed, judged by the other side's content model (Schema Registry's
 * `ObjectSchemaDiff.compareProperties`), and `patternProperties` entries added or removed.
 */
import type { ChangeType } from '../changes';
import { compileRegExp, isObject, sameCleanSchema, stringList } from '../keywords';
import type { Loc } from '../resolve';
import { fmt } from './change';
import type { NodeContext } from './context';
import type { KeywordFamily } from './family';
import { NO_KEYWORDS, child, rel } from './paths';

type Slot = { kind: 'open' } | { kind: 'closed' } | { kind: 'schema'; loc: Loc; rel: string };

const OPEN_SLOT: Slot = { kind: 'open' };
const CLOSED_SLOT: Slot = { kind: 'closed' };
const CONTENT_MODEL_KEYS = ['additionalProperties', 'unevaluatedProperties'] as const;

export const propertiesDiff: KeywordFamily = {
  name: 'properties',
  appliesTo: 'object',
  keywords: ['properties'],
  consults: ['required', 'patternProperties', 'additionalProperties', 'unevaluatedProperties'],
  changeTypes: [
    'PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL',
    'REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL',
    'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL',
    'PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL',
    'OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL',
    'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL',
    'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL',
    'PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL',
    'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL',
    'PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL',
    'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
  ],
  compare: properties,
};

function properties(ctx: NodeContext): void {
  const oP = isObject(ctx.on.properties) ? ctx.on.properties : NO_KEYWORDS;
  const nP = isObject(ctx.nn.properties) ? ctx.nn.properties : NO_KEYWORDS;
  // Only needed for added or removed properties.
  let oReq: { has(k: string): boolean } | undefined;
  let nReq: { has(k: string): boolean } | undefined;
  const oParent = 'properties' in ctx.on ? '/properties' : '';
  const nParent = 'properties' in ctx.nn ? '/properties' : '';
  const oKeys = Object.keys(oP);
  const cleanBudget = ctx.w.skipIdentical ? ctx.w.maxDepth - ctx.depth - 1 : -1;
  for (let i = 0; i < oKeys.length; i++) {
    const k = oKeys[i];
    const ov = oP[k];
    // The same property on both sides, identical and reference-free: what `ctx.sub()` would
    // conclude without building its locations.
    if (typeof ov === 'object' && ov !== null && Object.prototype.hasOwnProperty.call(nP, k) && sameCleanSchema(ov, nP[k], cleanBudget)) continue;
    const pRel = rel('properties', k);
    // (`ctx.oc('properties', k)`: `oP` is `ctx.on.properties` whenever it has keys.)
    const oLoc: Loc = { node: ov, document: ctx.o.document, pointer: ctx.o.pointer + pRel };
    if (Object.prototype.hasOwnProperty.call(nP, k)) {
      const r = ctx.sub(pRel, pRel, oLoc, { node: nP[k], document: ctx.n.document, pointer: ctx.n.pointer + pRel });
      if (r.changes.length > 0) ctx.include(r, pRel, pRel);
      continue;
    }
    // Removed: the new content model decides.
    const oNode = ctx.w.derefL(oLoc).node;
    const oRequired = (oReq ??= requiredSet(ctx.on.required)).has(k);
    const oReqNoDefault = oRequired && !hasDefault(oNode);
    const slot = slotOf(ctx, ctx.n, ctx.nn, k, 'R');
    if (slot.kind === 'open') {
      const mirror: ChangeType = ctx.isEmpty(oNode)
        ? 'PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL'
        : oRequired
          ? hasDefault(oNode)
            ? 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL'
            : 'REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'
          : 'PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL';
      ctx.add('PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL', pRel, nParent, { mirror }, `property \`${k}\` removed from an open content model`);
    } else if (slot.kind === 'schema') {
      const r = ctx.sub(pRel, slot.rel, oLoc, slot.loc);
      ctx.include(r, pRel, slot.rel);
      const type: ChangeType = r.b
        ? 'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'
        : 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL';
      const fCover = ctx.w.compatible(
        r.f ? 'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
      );
      ctx.add(
        type,
        pRel,
        slot.rel,
        { f: fCover && !oReqNoDefault },
        `property \`${k}\` removed; the new \`${slot.rel.split('/')[1]}\` ${r.b ? 'accepts' : 'does not accept'} its old values`,
      );
    } else if (ctx.isFalse(oNode)) {
      ctx.add(
        'PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL',
        pRel,
        nParent,
        { f: !oReqNoDefault },
        `property \`${k}\` (schema \`false\`) removed from a closed content model`,
      );
    } else {
      ctx.add('PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL', pRel, nParent, { f: !oReqNoDefault }, `property \`${k}\` removed from a closed content model`);
    }
  }
  const nKeys = Object.keys(nP);
  for (let i = 0; i < nKeys.length; i++) {
    const k = nKeys[i];
    if (Object.prototype.hasOwnProperty.call(oP, k)) continue;
    const pRel = rel('properties', k);
    // (`ctx.nc('properties', k)`: `nP` is `ctx.nn.properties` whenever it has keys.)
    const nLoc: Loc = { node: nP[k], document: ctx.n.document, pointer: ctx.n.pointer + pRel };
    const nNode = ctx.w.derefR(nLoc).node;
    const required = (nReq ??= requiredSet(ctx.nn.required)).has(k);
    const withDefault = hasDefault(nNode);
    const slot = slotOf(ctx, ctx.o, ctx.on, k, 'L');
    if (slot.kind === 'open') {
      const type: ChangeType = ctx.isEmpty(nNode)
        ? 'PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL'
        : required
          ? withDefault
            ? 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL'
            : 'REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'
          : 'PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL';
      const kind = required ? (withDefault ? 'required property (with default)' : 'required property') : 'optional property';
      ctx.add(type, oParent, pRel, { f: true }, `${kind} \`${k}\` added to an open content model`);
      continue;
    }
    if (slot.kind === 'schema') {
      const r = ctx.sub(slot.rel, pRel, slot.loc, nLoc);
      ctx.include(r, slot.rel, pRel);
      const type: ChangeType = r.b ? 'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL';
      const fCover = ctx.w.compatible(
        r.f ? 'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
      );
      ctx.add(
        type,
        slot.rel,
        pRel,
        { f: fCover },
        `property \`${k}\` added; its schema ${r.b ? 'accepts' : 'does not accept'} what the old \`${slot.rel.split('/')[1]}\` accepted for it`,
      );
    }
    const type: ChangeType = required
      ? withDefault
        ? 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL'
        : 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL'
      : 'OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL';
    const f = slot.kind === 'schema' ? true : ctx.isFalse(nNode);
    const kind = required ? (withDefault ? 'required property (with default)' : 'required property') : 'optional property';
    ctx.add(
      type,
      slot.kind === 'schema' ? slot.rel : oParent,
      pRel,
      { f },
      `${kind} \`${k}\` added to a ${slot.kind === 'schema' ? 'partially open' : 'closed'} content model`,
    );
  }
}

/** What a content model says about an undeclared property name. */
function slotOf(ctx: NodeContext, loc: Loc, node: Record<string, unknown>, name: string, side: 'L' | 'R'): Slot {
  if (isObject(node.patternProperties)) {
    for (const p of Object.keys(node.patternProperties)) {
      const re = compileRegExp(p);
      if (re && re.test(name)) return { kind: 'schema', loc: child(loc, 'patternProperties', p), rel: rel('patternProperties', p) };
    }
  }
  for (let i = 0; i < CONTENT_MODEL_KEYS.length; i++) {
    const key = CONTENT_MODEL_KEYS[i];
    if (!(key in node)) continue;
    // (`loc` and `node` are this side's `o`/`on` or `n`/`nn`.)
    const d = ctx.childNode(side, key);
    if (ctx.isFalse(d)) return CLOSED_SLOT;
    if (ctx.isEmpty(d)) return OPEN_SLOT;
    return { kind: 'schema', loc: child(loc, key), rel: rel(key) };
  }
  return OPEN_SLOT;
}

export const patternPropertiesDiff: KeywordFamily = {
  name: 'patternProperties',
  appliesTo: 'object',
  keywords: ['patternProperties'],
  consults: ['additionalProperties'],
  changeTypes: ['PATTERN_PROPERTY_ADDED', 'PATTERN_PROPERTY_REMOVED'],
  compare: patternProperties,
};

function patternProperties(ctx: NodeContext): void {
  const oPP = isObject(ctx.on.patternProperties) ? ctx.on.patternProperties : NO_KEYWORDS;
  const nPP = isObject(ctx.nn.patternProperties) ? ctx.nn.patternProperties : NO_KEYWORDS;
  // Nothing to compare (the content-model states below were already read by `additional()`).
  if (isEmptyObject(oPP) && isEmptyObject(nPP)) return;
  const oAP = ctx.state(ctx.on, 'additionalProperties', 'L');
  const nAP = ctx.state(ctx.nn, 'additionalProperties', 'R');
  const lenient = ctx.w.lenient;
  for (const p of Object.keys(oPP)) {
    const pRel = rel('patternProperties', p);
    const oLoc = ctx.oc('patternProperties', p);
    if (Object.prototype.hasOwnProperty.call(nPP, p)) {
      ctx.include(ctx.sub(pRel, pRel, oLoc, ctx.nc('patternProperties', p)), pRel, pRel);
      continue;
    }
    const oNode = ctx.w.derefL(oLoc).node;
    const nParent = 'patternProperties' in ctx.nn ? '/patternProperties' : '';
    let b: boolean;
    let f: boolean;
    if (nAP === 'open') {
      b = true;
      f = ctx.isEmpty(oNode) || lenient;
    } else if (nAP === 'closed') {
      b = ctx.isFalse(oNode);
      f = true;
    } else {
      const r = ctx.sub(pRel, '/additionalProperties', oLoc, ctx.nc('additionalProperties'));
      ctx.include(r, pRel, '/additionalProperties');
      b = r.b || lenient;
      f = r.f || lenient;
    }
    ctx.add('PATTERN_PROPERTY_REMOVED', pRel, nParent, { b, f }, `\`patternProperties\` entry ${fmt(p)} removed`);
  }
  for (const p of Object.keys(nPP)) {
    if (Object.prototype.hasOwnProperty.call(oPP, p)) continue;
    const pRel = rel('patternProperties', p);
    const nLoc = ctx.nc('patternProperties', p);
    const nNode = ctx.w.derefR(nLoc).node;
    const oParent = 'patternProperties' in ctx.on ? '/patternProperties' : '';
    let b: boolean;
    let f: boolean;
    if (oAP === 'open') {
      b = ctx.isEmpty(nNode) || lenient;
      f = true;
    } else if (oAP === 'closed') {
      b = true;
      f = ctx.isFalse(nNode);
    } else {
      const r = ctx.sub('/additionalProperties', pRel, ctx.oc('additionalProperties'), nLoc);
      ctx.include(r, '/additionalProperties', pRel);
      b = r.b || lenient;
      f = r.f || lenient;
    }
    ctx.add('PATTERN_PROPERTY_ADDED', oParent, pRel, { b, f }, `\`patternProperties\` entry ${fmt(p)} added`);
  }
}

function isEmptyObject(o: Record<string, unknown>): boolean {
  for (const _ in o) if (Object.prototype.hasOwnProperty.call(o, _)) return false;
  return true;
}

export function hasDefault(node: unknown): boolean {
  return isObject(node) && 'default' in node;
}

/**
 * Membership in a `required` list, as `new Set(stringList(required)).has(name)`: short lists
 * are searched in place.
 */
export function requiredSet(required: unknown): { has(k: string): boolean } {
  if (!Array.isArray(required)) return NO_NAMES;
  if (required.length > 16) return new Set(stringList(required));
  return new ShortList(required);
}

class ShortList {
  constructor(private readonly list: unknown[]) {}
  has(k: string): boolean {
    const list = this.list;
    for (let i = 0; i < list.length; i++) if (list[i] === k) return true;
    return false;
  }
}
const NO_NAMES = { has: (_k: string) => false };

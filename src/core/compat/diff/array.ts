/**
 * Arrays (Schema Registry's `ArraySchemaDiff`): tuple positions added or removed, judged by the
 * other side's schema for extra items; the items beyond the tuple; counts, `uniqueItems`,
 * `contains`, `unevaluatedItems`. Both tuple forms: `items: [...]` + `additionalItems`
 * (draft-04 to 2019-09) and `prefixItems` + `items` (2020-12).
 */
import type { ChangeType } from '../changes';
import { numberAt } from '../keywords';
import type { NodeContext, OpenState } from './context';
import type { KeywordFamily } from './family';
import { pointerChild, rel } from './paths';

interface TupleView {
  /** Relative pointers of the tuple positions. */
  prefix: string[];
  /** Keyword holding the tuple (`items` in draft-07 array form, `prefixItems` in 2020-12). */
  prefixKey?: string;
  /** Relative pointer of the schema for the other items ('' when none can be written). */
  restRel: string;
}

function tupleView(node: Record<string, unknown>): TupleView {
  if (Array.isArray(node.items)) {
    return { prefix: node.items.map((_, i) => rel('items', i)), prefixKey: 'items', restRel: '/additionalItems' };
  }
  if (Array.isArray(node.prefixItems)) {
    return { prefix: node.prefixItems.map((_, i) => rel('prefixItems', i)), prefixKey: 'prefixItems', restRel: '/items' };
  }
  return { prefix: [], restRel: '/items' };
}

export const arrayDiff: KeywordFamily = {
  name: 'array',
  appliesTo: 'array',
  keywords: ['items', 'additionalItems', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems', 'contains', 'minContains', 'maxContains', 'unevaluatedItems'],
  changeTypes: [
    'ITEM_ADDED_TO_OPEN_CONTENT_MODEL',
    'ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL',
    'ITEM_ADDED_TO_CLOSED_CONTENT_MODEL',
    'ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL',
    'ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL',
    'ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL',
    'ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    'ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    'ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    'ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    'ADDITIONAL_ITEMS_ADDED',
    'ADDITIONAL_ITEMS_REMOVED',
    'ADDITIONAL_ITEMS_EXTENDED',
    'ADDITIONAL_ITEMS_NARROWED',
    'SCHEMA_ADDED',
    'SCHEMA_REMOVED',
    'MAX_ITEMS_ADDED',
    'MAX_ITEMS_REMOVED',
    'MAX_ITEMS_INCREASED',
    'MAX_ITEMS_DECREASED',
    'MIN_ITEMS_ADDED',
    'MIN_ITEMS_REMOVED',
    'MIN_ITEMS_INCREASED',
    'MIN_ITEMS_DECREASED',
    'UNIQUE_ITEMS_ADDED',
    'UNIQUE_ITEMS_REMOVED',
    'MAX_CONTAINS_ADDED',
    'MAX_CONTAINS_REMOVED',
    'MAX_CONTAINS_INCREASED',
    'MAX_CONTAINS_DECREASED',
    'MIN_CONTAINS_ADDED',
    'MIN_CONTAINS_REMOVED',
    'MIN_CONTAINS_INCREASED',
    'MIN_CONTAINS_DECREASED',
    'UNEVALUATED_ITEMS_ADDED',
    'UNEVALUATED_ITEMS_REMOVED',
    'UNEVALUATED_ITEMS_EXTENDED',
    'UNEVALUATED_ITEMS_NARROWED',
  ],
  compare: arrays,
};

function arrays(ctx: NodeContext): void {
  const oT = tupleView(ctx.on);
  const nT = tupleView(ctx.nn);
  const common = Math.min(oT.prefix.length, nT.prefix.length);
  for (let i = 0; i < common; i++) {
    ctx.include(ctx.sub(oT.prefix[i], nT.prefix[i], pointerChild(ctx.o, oT.prefix[i]), pointerChild(ctx.n, nT.prefix[i])), oT.prefix[i], nT.prefix[i]);
  }
  const oRest = restState(ctx, oT, 'L');
  const nRest = restState(ctx, nT, 'R');
  // Positions added or removed are judged by what the other side allows beyond its tuple.
  const oExtra = extraItems(ctx, oT, ctx.on, oRest, 'L');
  const nExtra = extraItems(ctx, nT, ctx.nn, nRest, 'R');
  const nTupleRel = nT.prefixKey ? `/${nT.prefixKey}` : '';
  const oTupleRel = oT.prefixKey ? `/${oT.prefixKey}` : '';
  for (let i = common; i < oT.prefix.length; i++) {
    const iRel = oT.prefix[i];
    const oLoc = pointerChild(ctx.o, iRel);
    const oNode = ctx.w.derefL(oLoc).node;
    if (nExtra.state === 'open') {
      ctx.add('ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL', iRel, nTupleRel, { f: ctx.isEmpty(oNode) }, `tuple position ${i} removed from an open tuple`);
    } else if (nExtra.state === 'schema') {
      const r = ctx.sub(iRel, nExtra.rel, oLoc, pointerChild(ctx.n, nExtra.rel));
      ctx.include(r, iRel, nExtra.rel);
      ctx.add(
        r.b ? 'ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
        iRel,
        nExtra.rel,
        { b: r.b, f: r.f },
        `tuple position ${i} removed; the new schema for extra items ${r.b ? 'accepts' : 'does not accept'} its old values`,
      );
    } else if (ctx.isFalse(oNode)) {
      ctx.add('ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL', iRel, nTupleRel, {}, `tuple position ${i} (schema \`false\`) removed from a closed tuple`);
    } else {
      ctx.add('ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL', iRel, nTupleRel, {}, `tuple position ${i} removed from a closed tuple`);
    }
  }
  for (let i = common; i < nT.prefix.length; i++) {
    const iRel = nT.prefix[i];
    const nLoc = pointerChild(ctx.n, iRel);
    const nNode = ctx.w.derefR(nLoc).node;
    if (oExtra.state === 'open') {
      ctx.add(
        ctx.isEmpty(nNode) ? 'ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL' : 'ITEM_ADDED_TO_OPEN_CONTENT_MODEL',
        oTupleRel,
        iRel,
        { f: true },
        `tuple position ${i} added to an open tuple`,
      );
    } else if (oExtra.state === 'schema') {
      const r = ctx.sub(oExtra.rel, iRel, pointerChild(ctx.o, oExtra.rel), nLoc);
      ctx.include(r, oExtra.rel, iRel);
      ctx.add(
        r.b ? 'ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
        oExtra.rel,
        iRel,
        { b: r.b, f: r.f },
        `tuple position ${i} added; its schema ${r.b ? 'accepts' : 'does not accept'} what the old schema for extra items accepted`,
      );
    } else {
      ctx.add('ITEM_ADDED_TO_CLOSED_CONTENT_MODEL', oTupleRel, iRel, { f: ctx.isFalse(nNode) }, `tuple position ${i} added to a closed tuple`);
    }
  }
  rest(ctx, oT, nT, oRest, nRest);
  ctx.bound('MAX_ITEMS', 'maxItems', numberAt(ctx.on, 'maxItems'), numberAt(ctx.nn, 'maxItems'));
  ctx.bound('MIN_ITEMS', 'minItems', numberAt(ctx.on, 'minItems'), numberAt(ctx.nn, 'minItems'));
  const ou = ctx.on.uniqueItems === true;
  const nu = ctx.nn.uniqueItems === true;
  if (ou !== nu)
    ctx.add(
      nu ? 'UNIQUE_ITEMS_ADDED' : 'UNIQUE_ITEMS_REMOVED',
      ou ? '/uniqueItems' : '',
      nu ? '/uniqueItems' : '',
      {},
      nu ? '`uniqueItems` set' : '`uniqueItems` unset',
    );
  ctx.optionalSubschema('contains');
  ctx.bound('MAX_CONTAINS', 'maxContains', numberAt(ctx.on, 'maxContains'), numberAt(ctx.nn, 'maxContains'));
  ctx.bound('MIN_CONTAINS', 'minContains', numberAt(ctx.on, 'minContains'), numberAt(ctx.nn, 'minContains'));
  if ('unevaluatedItems' in ctx.on || 'unevaluatedItems' in ctx.nn) {
    const a = ctx.state(ctx.on, 'unevaluatedItems', 'L');
    const b = ctx.state(ctx.nn, 'unevaluatedItems', 'R');
    const oRel = 'unevaluatedItems' in ctx.on ? '/unevaluatedItems' : '';
    const nRel = 'unevaluatedItems' in ctx.nn ? '/unevaluatedItems' : '';
    openClosedSchema(ctx, a, b, oRel, nRel, 'UNEVALUATED_ITEMS', 'unevaluatedItems');
  }
}

function restState(ctx: NodeContext, t: TupleView, side: 'L' | 'R'): OpenState {
  if (!t.restRel) return 'open';
  const loc = side === 'L' ? pointerChild(ctx.o, t.restRel) : pointerChild(ctx.n, t.restRel);
  if (loc.node === undefined) return 'open';
  const d = (side === 'L' ? ctx.w.derefL(loc) : ctx.w.derefR(loc)).node;
  if (ctx.isFalse(d)) return 'closed';
  if (ctx.isEmpty(d)) return 'open';
  return 'schema';
}

/**
 * What a tuple allows beyond its positions: its own keyword for them (`additionalItems`, or
 * `items` after `prefixItems`), else `unevaluatedItems` (as Schema Registry reads a partially
 * open tuple: with no other applicator, the items it does not evaluate are exactly those).
 */
function extraItems(ctx: NodeContext, t: TupleView, node: Record<string, unknown>, restOwn: OpenState, side: 'L' | 'R'): { state: OpenState; rel: string } {
  if (present(node, t.restRel) || !('unevaluatedItems' in node)) return { state: restOwn, rel: t.restRel };
  return { state: ctx.state(node, 'unevaluatedItems', side), rel: '/unevaluatedItems' };
}

/** Items beyond the tuple (or all items of a list). */
function rest(ctx: NodeContext, oT: TupleView, nT: TupleView, a: OpenState, b: OpenState): void {
  const oRel = a === 'open' && !present(ctx.on, oT.restRel) ? '' : oT.restRel;
  const nRel = b === 'open' && !present(ctx.nn, nT.restRel) ? '' : nT.restRel;
  const listForm = oT.prefix.length === 0 && nT.prefix.length === 0 && !oT.prefixKey && !nT.prefixKey;
  if (listForm && a !== 'closed' && b !== 'closed' && a !== b) {
    if (b === 'schema') ctx.add('SCHEMA_ADDED', oRel, nRel, {}, 'an `items` schema was added');
    else ctx.add('SCHEMA_REMOVED', oRel, nRel, {}, 'the `items` schema was removed');
    return;
  }
  openClosedSchema(ctx, a, b, oRel, nRel, 'ADDITIONAL_ITEMS', 'items beyond the tuple');
}

function present(node: Record<string, unknown>, relPath: string): boolean {
  return relPath !== '' && relPath.slice(1) in node;
}

function openClosedSchema(ctx: NodeContext, a: OpenState, b: OpenState, oRel: string, nRel: string, prefix: string, what: string): void {
  if (a === b && a !== 'schema') return;
  if (a === 'closed') ctx.add(`${prefix}_ADDED` as ChangeType, oRel, nRel, {}, `${what} are allowed again`);
  else if (b === 'closed') ctx.add(`${prefix}_REMOVED` as ChangeType, oRel, nRel, {}, `${what} are now rejected`);
  else if (a === 'open') ctx.add(`${prefix}_NARROWED` as ChangeType, oRel, nRel, {}, `a schema now constrains ${what}`);
  else if (b === 'open') ctx.add(`${prefix}_EXTENDED` as ChangeType, oRel, nRel, {}, `${what} are no longer constrained`);
  else ctx.include(ctx.sub(oRel, nRel, pointerChild(ctx.o, oRel), pointerChild(ctx.n, nRel)), oRel, nRel);
}

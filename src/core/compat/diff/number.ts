/**
 * Numbers (Schema Registry's `NumberSchemaDiff`), with draft-04's boolean exclusive bounds read
 * as draft-06 numbers. Each side's lower (upper) bound is the tighter of `minimum` and
 * `exclusiveMinimum` (`maximum`, `exclusiveMaximum`), and a change to either keyword is judged
 * by that bound: `exclusiveMinimum: 10` → `minimum: 10` accepts more numbers, though it adds a
 * `minimum`.
 */
import { isMultipleOf, numberAt, numericBounds } from '../keywords';
import type { KeywordFamily } from './family';

function positive(n: number | undefined): number | undefined {
  return n !== undefined && n > 0 ? n : undefined;
}

interface Bound {
  value: number;
  exclusive: boolean;
}

/** The tighter of an inclusive and an exclusive bound; `lower` says which way is tighter. */
function tighter(inclusive: number | undefined, exclusive: number | undefined, lower: boolean): Bound | undefined {
  if (inclusive === undefined) return exclusive === undefined ? undefined : { value: exclusive, exclusive: true };
  if (exclusive === undefined) return { value: inclusive, exclusive: false };
  if (inclusive === exclusive) return { value: exclusive, exclusive: true };
  return (lower ? inclusive > exclusive : inclusive < exclusive) ? { value: inclusive, exclusive: false } : { value: exclusive, exclusive: true };
}

/** Whether every number that `inner` lets through, `outer` lets through (no bound lets everything through). */
function within(outer: Bound | undefined, inner: Bound | undefined, lower: boolean): boolean {
  if (!outer) return true;
  if (!inner) return false;
  if (inner.value !== outer.value) return lower ? inner.value > outer.value : inner.value < outer.value;
  return inner.exclusive || !outer.exclusive;
}

function show(b: Bound | undefined, lower: boolean): string {
  if (!b) return 'none';
  return `${lower ? (b.exclusive ? '>' : '≥') : b.exclusive ? '<' : '≤'} ${b.value}`;
}

type Bounds = ReturnType<typeof numericBounds>;

/**
 * How a change to one side of the interval is judged: by the bound both of its keywords make
 * together, on either side. The note says what the bound became when both kinds of keyword are
 * in play (which neither keyword's own change says).
 */
function judge(a: Bounds, b: Bounds, lower: boolean): { opts: { b: boolean; f: boolean }; note: string } {
  const [incl, excl] = lower ? (['minimum', 'exclusiveMinimum'] as const) : (['maximum', 'exclusiveMaximum'] as const);
  const oldBound = tighter(a[incl], a[excl], lower);
  const newBound = tighter(b[incl], b[excl], lower);
  const opts = { b: within(newBound, oldBound, lower), f: within(oldBound, newBound, lower) };
  const mixed = (a[incl] !== undefined || b[incl] !== undefined) && (a[excl] !== undefined || b[excl] !== undefined);
  const note = mixed ? `; the ${lower ? 'lower' : 'upper'} bound goes from ${show(oldBound, lower)} to ${show(newBound, lower)}` : '';
  return { opts, note };
}

export const numberDiff: KeywordFamily = {
  name: 'number',
  appliesTo: 'number',
  keywords: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  changeTypes: [
    'MAXIMUM_ADDED',
    'MAXIMUM_REMOVED',
    'MAXIMUM_INCREASED',
    'MAXIMUM_DECREASED',
    'MINIMUM_ADDED',
    'MINIMUM_REMOVED',
    'MINIMUM_INCREASED',
    'MINIMUM_DECREASED',
    'EXCLUSIVE_MAXIMUM_ADDED',
    'EXCLUSIVE_MAXIMUM_REMOVED',
    'EXCLUSIVE_MAXIMUM_INCREASED',
    'EXCLUSIVE_MAXIMUM_DECREASED',
    'EXCLUSIVE_MINIMUM_ADDED',
    'EXCLUSIVE_MINIMUM_REMOVED',
    'EXCLUSIVE_MINIMUM_INCREASED',
    'EXCLUSIVE_MINIMUM_DECREASED',
    'MULTIPLE_OF_ADDED',
    'MULTIPLE_OF_REMOVED',
    'MULTIPLE_OF_EXPANDED',
    'MULTIPLE_OF_REDUCED',
    'MULTIPLE_OF_CHANGED',
  ],
  compare(ctx) {
    const a = numericBounds(ctx.on);
    const b = numericBounds(ctx.nn);
    const upper = judge(a, b, false);
    const lower = judge(a, b, true);
    ctx.bound('MAXIMUM', 'maximum', a.maximum, b.maximum, upper.opts, upper.note);
    ctx.bound('MINIMUM', 'minimum', a.minimum, b.minimum, lower.opts, lower.note);
    ctx.bound('EXCLUSIVE_MAXIMUM', 'exclusiveMaximum', a.exclusiveMaximum, b.exclusiveMaximum, upper.opts, upper.note);
    ctx.bound('EXCLUSIVE_MINIMUM', 'exclusiveMinimum', a.exclusiveMinimum, b.exclusiveMinimum, lower.opts, lower.note);
    const om = positive(numberAt(ctx.on, 'multipleOf'));
    const nm = positive(numberAt(ctx.nn, 'multipleOf'));
    if (om === nm) return;
    if (om === undefined) ctx.add('MULTIPLE_OF_ADDED', '', '/multipleOf', {}, `\`multipleOf\` ${nm} added`);
    else if (nm === undefined) ctx.add('MULTIPLE_OF_REMOVED', '/multipleOf', '', {}, `\`multipleOf\` ${om} removed`);
    else if (isMultipleOf(nm, om)) ctx.add('MULTIPLE_OF_EXPANDED', '/multipleOf', '/multipleOf', {}, `\`multipleOf\` changed from ${om} to its multiple ${nm}`);
    else if (isMultipleOf(om, nm)) ctx.add('MULTIPLE_OF_REDUCED', '/multipleOf', '/multipleOf', {}, `\`multipleOf\` changed from ${om} to its divisor ${nm}`);
    else ctx.add('MULTIPLE_OF_CHANGED', '/multipleOf', '/multipleOf', {}, `\`multipleOf\` changed from ${om} to ${nm}`);
  },
};

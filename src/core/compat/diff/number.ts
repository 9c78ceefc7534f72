/** Numbers (Schema Registry's `NumberSchemaDiff`), with draft-04's boolean exclusive bounds read as draft-06 numbers. */
import { isMultipleOf, numberAt, numericBounds } from '../keywords';
import type { KeywordFamily } from './family';

function positive(n: number | undefined): number | undefined {
  return n !== undefined && n > 0 ? n : undefined;
}

export const numberDiff: KeywordFamily = {
  name: 'number',
  appliesTo: 'number',
  keywords: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  changeTypes: [
    'MAXIMUM_ADDED', 'MAXIMUM_REMOVED', 'MAXIMUM_INCREASED', 'MAXIMUM_DECREASED',
    'MINIMUM_ADDED', 'MINIMUM_REMOVED', 'MINIMUM_INCREASED', 'MINIMUM_DECREASED',
    'EXCLUSIVE_MAXIMUM_ADDED', 'EXCLUSIVE_MAXIMUM_REMOVED', 'EXCLUSIVE_MAXIMUM_INCREASED', 'EXCLUSIVE_MAXIMUM_DECREASED',
    'EXCLUSIVE_MINIMUM_ADDED', 'EXCLUSIVE_MINIMUM_REMOVED', 'EXCLUSIVE_MINIMUM_INCREASED', 'EXCLUSIVE_MINIMUM_DECREASED',
    'MULTIPLE_OF_ADDED', 'MULTIPLE_OF_REMOVED', 'MULTIPLE_OF_EXPANDED', 'MULTIPLE_OF_REDUCED', 'MULTIPLE_OF_CHANGED',
  ],
  compare(ctx) {
    const a = numericBounds(ctx.on);
    const b = numericBounds(ctx.nn);
    ctx.bound('MAXIMUM', 'maximum', a.maximum, b.maximum);
    ctx.bound('MINIMUM', 'minimum', a.minimum, b.minimum);
    ctx.bound('EXCLUSIVE_MAXIMUM', 'exclusiveMaximum', a.exclusiveMaximum, b.exclusiveMaximum);
    ctx.bound('EXCLUSIVE_MINIMUM', 'exclusiveMinimum', a.exclusiveMinimum, b.exclusiveMinimum);
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

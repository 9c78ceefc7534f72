/** Strings (Schema Registry's `StringSchemaDiff`, plus `format`). */
import { numberAt, stringAt } from '../keywords';
import { fmt } from './change';
import type { KeywordFamily } from './family';

export const stringDiff: KeywordFamily = {
  name: 'string',
  appliesTo: 'string',
  keywords: ['minLength', 'maxLength', 'pattern', 'format'],
  changeTypes: [
    'MAX_LENGTH_ADDED',
    'MAX_LENGTH_REMOVED',
    'MAX_LENGTH_INCREASED',
    'MAX_LENGTH_DECREASED',
    'MIN_LENGTH_ADDED',
    'MIN_LENGTH_REMOVED',
    'MIN_LENGTH_INCREASED',
    'MIN_LENGTH_DECREASED',
    'PATTERN_ADDED',
    'PATTERN_REMOVED',
    'PATTERN_CHANGED',
    'FORMAT_ADDED',
    'FORMAT_REMOVED',
    'FORMAT_CHANGED',
  ],
  compare(ctx) {
    const o = ctx.on;
    const n = ctx.nn;
    ctx.bound('MAX_LENGTH', 'maxLength', numberAt(o, 'maxLength'), numberAt(n, 'maxLength'));
    ctx.bound('MIN_LENGTH', 'minLength', numberAt(o, 'minLength'), numberAt(n, 'minLength'));
    for (const [key, prefix] of [
      ['pattern', 'PATTERN'],
      ['format', 'FORMAT'],
    ] as const) {
      const a = stringAt(o, key);
      const b = stringAt(n, key);
      if (a === b) continue;
      if (a === undefined) ctx.add(`${prefix}_ADDED`, '', `/${key}`, {}, `\`${key}\` ${fmt(b)} added`);
      else if (b === undefined) ctx.add(`${prefix}_REMOVED`, `/${key}`, '', {}, `\`${key}\` ${fmt(a)} removed`);
      else ctx.add(`${prefix}_CHANGED`, `/${key}`, `/${key}`, {}, `\`${key}\` changed from ${fmt(a)} to ${fmt(b)}`);
    }
  },
};

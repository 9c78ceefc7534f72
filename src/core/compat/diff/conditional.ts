/** `if` / `then` / `else`. */
import type { KeywordFamily } from './family';

export const conditionalDiff: KeywordFamily = {
  name: 'conditional',
  appliesTo: 'any',
  keywords: ['if', 'then', 'else'],
  changeTypes: ['SCHEMA_ADDED', 'SCHEMA_REMOVED'],
  compare(ctx) {
    ctx.optionalSubschema('if');
    ctx.optionalSubschema('then');
    ctx.optionalSubschema('else');
  },
};

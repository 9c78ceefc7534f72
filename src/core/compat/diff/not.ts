/** `not` (Schema Registry's `NotSchemaDiff`): its subschemas compare contravariantly. */
import type { KeywordFamily } from './family';

export const notDiff: KeywordFamily = {
  name: 'not',
  appliesTo: 'any',
  keywords: ['not'],
  changeTypes: ['NOT_TYPE_EXTENDED', 'NOT_TYPE_NARROWED'],
  compare(ctx) {
    const inO = 'not' in ctx.on;
    const inN = 'not' in ctx.nn;
    if (inO && inN) {
      // not A → not B is compatible when B's values are a subset of A's: compare B against A.
      const r = ctx.w.compareSwapped(ctx.oc('not'), ctx.nc('not'), ctx.depth + 1);
      if (r.changes.length === 0 && r.b && r.f) return;
      if (r.b) ctx.add('NOT_TYPE_NARROWED', '/not', '/not', { b: true, f: r.f }, 'the `not` subschema now excludes fewer values');
      else ctx.add('NOT_TYPE_EXTENDED', '/not', '/not', { b: false, f: r.f }, 'the `not` subschema now excludes values the old schema accepted');
    } else if (inN) {
      ctx.add('NOT_TYPE_EXTENDED', '', '/not', {}, 'a `not` constraint was added');
    } else if (inO) {
      ctx.add('NOT_TYPE_NARROWED', '/not', '', {}, 'the `not` constraint was removed');
    }
  },
};

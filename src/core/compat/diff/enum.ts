/** `enum` and `const` (Schema Registry's `EnumSchemaDiff` and `ConstSchemaDiff`), compared as sets. */
import { canonical } from '../keywords';
import { listSome } from './change';
import type { KeywordFamily } from './family';

function enumOf(node: Record<string, unknown>): { values: unknown[]; rel: string } | undefined {
  if (Array.isArray(node.enum)) return { values: node.enum, rel: '/enum' };
  if ('const' in node) return { values: [node.const], rel: '/const' };
  return undefined;
}

export const enumDiff: KeywordFamily = {
  name: 'enum',
  appliesTo: 'any',
  keywords: ['enum', 'const'],
  changeTypes: ['ENUM_ARRAY_EXTENDED', 'ENUM_ARRAY_NARROWED', 'ENUM_ARRAY_CHANGED', 'PRODUCT_TYPE_EXTENDED', 'PRODUCT_TYPE_NARROWED'],
  compare(ctx) {
    const oe = enumOf(ctx.on);
    const ne = enumOf(ctx.nn);
    if (!oe && !ne) return;
    if (!oe) {
      ctx.add(
        'PRODUCT_TYPE_EXTENDED',
        '',
        ne!.rel,
        {},
        `an \`${ne!.rel.slice(1)}\` constraint was added: only ${ne!.values.length} listed value(s) are accepted`,
      );
      return;
    }
    if (!ne) {
      ctx.add('PRODUCT_TYPE_NARROWED', oe.rel, '', {}, `the \`${oe.rel.slice(1)}\` constraint was removed`);
      return;
    }
    const oSet = new Map<string, unknown>();
    for (const v of oe.values) oSet.set(canonical(v), v);
    const nSet = new Map<string, unknown>();
    for (const v of ne.values) nSet.set(canonical(v), v);
    const added: string[] = [];
    const removed: string[] = [];
    for (const k of nSet.keys()) if (!oSet.has(k)) added.push(k);
    for (const k of oSet.keys()) if (!nSet.has(k)) removed.push(k);
    if (added.length === 0 && removed.length === 0) return;
    const kw = ne.rel.slice(1);
    if (removed.length === 0) ctx.add('ENUM_ARRAY_EXTENDED', oe.rel, ne.rel, {}, `\`${kw}\` values added: ${listSome(added)}`);
    else if (added.length === 0) ctx.add('ENUM_ARRAY_NARROWED', oe.rel, ne.rel, {}, `\`${kw}\` values removed: ${listSome(removed)}`);
    else ctx.add('ENUM_ARRAY_CHANGED', oe.rel, ne.rel, {}, `\`${kw}\` values added: ${listSome(added)}; removed: ${listSome(removed)}`);
  },
};

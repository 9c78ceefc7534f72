/** Annotations that never change which data is valid: `$id`, `title`, `description`, `default`, `contentEncoding`, `contentMediaType`. */
import { type ChangeType } from '../changes';
import { canonical, stringAt } from '../keywords';
import { fmt } from './change';
import type { NodeContext } from './context';
import type { KeywordFamily } from './family';

function annotation(ctx: NodeContext, key: 'title' | 'description', type: ChangeType): void {
  const a = stringAt(ctx.on, key);
  const b = stringAt(ctx.nn, key);
  if (a !== b) ctx.add(type, a === undefined ? '' : `/${key}`, b === undefined ? '' : `/${key}`, {}, `\`${key}\` changed`);
}

/**
 * `contentEncoding` / `contentMediaType`: annotations since draft-07 (validators, ajv among them,
 * do not reject a string for them, and Schema Registry ignores them), reported so that a change
 * of encoding consumers decode is visible.
 */
function content(ctx: NodeContext, key: 'contentEncoding' | 'contentMediaType', type: ChangeType): void {
  const a = stringAt(ctx.on, key);
  const b = stringAt(ctx.nn, key);
  if (a !== b)
    ctx.add(
      type,
      a === undefined ? '' : `/${key}`,
      b === undefined ? '' : `/${key}`,
      {},
      `\`${key}\` changed from ${a === undefined ? 'none' : fmt(a)} to ${b === undefined ? 'none' : fmt(b)}`,
    );
}

export const metadataDiff: KeywordFamily = {
  name: 'metadata',
  appliesTo: 'any',
  annotations: true,
  keywords: ['$id', 'id', 'title', 'description', 'default', 'contentEncoding', 'contentMediaType'],
  changeTypes: ['ID_CHANGED', 'TITLE_CHANGED', 'DESCRIPTION_CHANGED', 'DEFAULT_CHANGED', 'CONTENT_ENCODING_CHANGED', 'CONTENT_MEDIA_TYPE_CHANGED'],
  compare(ctx) {
    const o = ctx.on;
    const n = ctx.nn;
    const oId = stringAt(o, '$id') ?? stringAt(o, 'id');
    const nId = stringAt(n, '$id') ?? stringAt(n, 'id');
    if (oId !== nId) {
      const k = (node: Record<string, unknown>) => ('$id' in node ? '/$id' : 'id' in node ? '/id' : '');
      ctx.add('ID_CHANGED', k(o), k(n), {}, `\`$id\` changed from ${fmt(oId)} to ${fmt(nId)}`);
    }
    annotation(ctx, 'title', 'TITLE_CHANGED');
    annotation(ctx, 'description', 'DESCRIPTION_CHANGED');
    const hasOD = 'default' in o;
    const hasND = 'default' in n;
    if (hasOD !== hasND || (hasOD && canonical(o.default) !== canonical(n.default))) {
      ctx.add(
        'DEFAULT_CHANGED',
        hasOD ? '/default' : '',
        hasND ? '/default' : '',
        {},
        `\`default\` changed from ${hasOD ? fmt(o.default) : 'none'} to ${hasND ? fmt(n.default) : 'none'}`,
      );
    }
    content(ctx, 'contentEncoding', 'CONTENT_ENCODING_CHANGED');
    content(ctx, 'contentMediaType', 'CONTENT_MEDIA_TYPE_CHANGED');
  },
};

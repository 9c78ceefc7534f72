/**
 * `if` / `then` / `else`. A value is checked against `then` when it matches `if`, against `else`
 * otherwise; `if` alone, or `then`/`else` without `if`, validate nothing (as validators read
 * them). So `if` is no constraint to compare covariantly: when it changes, some values move to
 * the other branch, and the change is compatible only where the branch they move to accepts
 * what the one they left did. (Schema Registry's diff does not compare conditionals; Apicurio
 * reports any change of `if` as incompatible both ways.)
 */
import type { Result } from './change';
import type { NodeContext } from './context';
import type { KeywordFamily } from './family';

export const conditionalDiff: KeywordFamily = {
  name: 'conditional',
  appliesTo: 'any',
  keywords: ['if', 'then', 'else'],
  changeTypes: ['CONDITION_ADDED', 'CONDITION_REMOVED', 'CONDITION_CHANGED', 'SCHEMA_ADDED', 'SCHEMA_REMOVED'],
  compare: conditionals,
};

/** Whether a side has a conditional that can reject anything: a non-empty `if` and a `then` or an `else`. */
function hasCondition(ctx: NodeContext, side: 'L' | 'R'): boolean {
  const node = side === 'L' ? ctx.on : ctx.nn;
  if (!('if' in node) || ctx.isEmpty(ctx.childNode(side, 'if'))) return false;
  return (['then', 'else'] as const).some((k) => k in node && !ctx.isEmpty(ctx.childNode(side, k)));
}

function conditionals(ctx: NodeContext): void {
  const inO = hasCondition(ctx, 'L');
  const inN = hasCondition(ctx, 'R');
  if (!inO && !inN) return;
  if (!inO) {
    ctx.add('CONDITION_ADDED', '', '/if', { b: false, f: true }, 'an `if` condition was added: the values it selects must now match `then`, the others `else`');
    return;
  }
  if (!inN) {
    ctx.add('CONDITION_REMOVED', '/if', '', { b: true, f: false }, 'the `if` condition was removed: `then` and `else` no longer apply');
    return;
  }
  // rI.b: what the old `if` selects, the new one selects too; rI.f: the reverse.
  const rI = ctx.sub('/if', '/if', ctx.oc('if'), ctx.nc('if'));
  if (rI.b && rI.f) ctx.include(rI, '/if', '/if');
  else conditionChanged(ctx, rI);
  ctx.optionalSubschema('then');
  ctx.optionalSubschema('else');
}

function conditionChanged(ctx: NodeContext, rI: Result): void {
  // Values the old `if` selected and the new one does not move from `then` to `else` (unless
  // rI.b); values the new `if` selects and the old one did not move from `else` to `then`.
  const toElse = ctx.sub('/then', '/else', ctx.oc('then'), ctx.nc('else'));
  const toThen = ctx.sub('/else', '/then', ctx.oc('else'), ctx.nc('then'));
  const b = (rI.b || toElse.b) && (rI.f || toThen.b);
  const f = (rI.b || toElse.f) && (rI.f || toThen.f);
  const moves: string[] = [];
  if (!rI.b && !(toElse.b && toElse.f))
    moves.push(
      `values the old \`if\` selected may now be checked against \`else\`, which ${toElse.b ? 'accepts more than' : 'rejects some of what'} the old \`then\` ${toElse.b ? 'did' : 'accepted'}`,
    );
  if (!rI.f && !(toThen.b && toThen.f))
    moves.push(
      `values the old \`if\` did not select may now be checked against \`then\`, which ${toThen.b ? 'accepts more than' : 'rejects some of what'} the old \`else\` ${toThen.b ? 'did' : 'accepted'}`,
    );
  const first = rI.changes[0];
  const how = first ? ` (${first.detail}${first.newPath ? ` at \`if${first.newPath}\`` : ''})` : '';
  ctx.add('CONDITION_CHANGED', '/if', '/if', { b, f }, `the \`if\` condition changed${how}${moves.length > 0 ? ': ' + moves.join('; ') : ''}`);
}

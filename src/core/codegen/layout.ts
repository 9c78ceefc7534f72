import type { SourceRange } from '../diagnostic';
import type { ContextDef, EventDef, EventVersion } from '../model/types';
import { ARTIFACTS, expandPath, type Artifact, type Scope, type TemplateName } from './artifacts';
import { kebabCase } from './names';
import { importSpecifier } from './paths';
import { MODEL_ITEM, type PlanState } from './plan-state';

/** One element an artifact is rendered for. */
export interface ScopeItem {
  scope: Scope;
  /** Layout key: the element's definition (ContextDef, CommandDef, EventVersion, …) or `MODEL_ITEM`. */
  key: object;
  ctx?: ContextDef;
  /** Name of the element (`{name}` is its kebab case). */
  name?: string;
  event?: EventDef;
  version?: EventVersion;
  /** Who needs the file, for problems (`command Ordering.PlaceOrder`). */
  owner: string;
  range?: SourceRange;
}

/** Scopes below a context, in the order their paths are claimed. */
export const CONTEXT_SCOPES: readonly Scope[] = ['context', 'command', 'eventVersion', 'upcast', 'aggregate', 'policy', 'readModel'];

function sortedVersions(e: EventDef): EventVersion[] {
  return [...e.versions].sort((a, b) => a.number - b.number);
}

/** The elements of a scope within one context (every scope but `model`). */
export function scopeItems(ctx: ContextDef, scope: Scope): ScopeItem[] {
  const at = (what: string, name: string) => `${what} ${ctx.name}.${name}`;
  switch (scope) {
    case 'model':
      return [];
    case 'context':
      return [{ scope, key: ctx, ctx, owner: `context ${ctx.name}` }];
    case 'command':
      return ctx.commands.map((c) => ({ scope, key: c, ctx, name: c.name, owner: at('command', c.name), range: c.nameRange }));
    case 'eventVersion':
      return ctx.events.flatMap((e) => sortedVersions(e).map((v) => ({ scope, key: v, ctx, name: e.name, event: e, version: v, owner: `${at('event', e.name)} v${v.number}`, range: v.numberRange })));
    case 'upcast':
      return ctx.events.flatMap((e) =>
        sortedVersions(e)
          .filter((v, i) => v.upcast && i > 0)
          .map((v) => ({ scope, key: v, ctx, name: e.name, event: e, version: v, owner: `${at('event', e.name)} v${v.number} upcaster`, range: v.numberRange })),
      );
    case 'aggregate':
      return ctx.aggregates.map((a) => ({ scope, key: a, ctx, name: a.name, owner: at('aggregate', a.name), range: a.nameRange }));
    case 'policy':
      return ctx.policies.map((p) => ({ scope, key: p, ctx, name: p.name, owner: at('policy', p.name), range: p.nameRange }));
    case 'readModel':
      return ctx.readModels.map((r) => ({ scope, key: r, ctx, name: r.name, owner: at('read model', r.name), range: r.nameRange }));
  }
}

export const MODEL_SCOPE_ITEM: ScopeItem = { scope: 'model', key: MODEL_ITEM, owner: 'the model' };

export function artifactsOf(scope: Scope): Artifact[] {
  return ARTIFACTS.filter((a) => a.scope === scope);
}

/**
 * Lays out every artifact of the table for every element of its scope: computes and claims each
 * output path (a path two elements need, or one leaving its folder, is a problem) and records it
 * in `state.layout`, where views look up the paths they refer to.
 */
export function layOut(state: PlanState): void {
  for (const a of artifactsOf('model')) place(state, a, MODEL_SCOPE_ITEM, `the ${a.module ?? a.template} module`);
  for (const ctx of state.model.contexts) {
    for (const scope of CONTEXT_SCOPES) for (const a of artifactsOf(scope)) for (const item of scopeItems(ctx, scope)) place(state, a, item, item.owner);
  }
}

function place(state: PlanState, a: Artifact, item: ScopeItem, owner: string): void {
  const { root, rel } = expandPath(a.path, {
    outDir: state.outDir,
    scaffoldDir: state.scaffoldDir,
    context: item.ctx ? state.dirOf(item.ctx.name) : undefined,
    name: item.name === undefined ? undefined : kebabCase(item.name),
    version: item.version?.number,
  });
  const path = root === 'outDir' ? state.outPath(rel, owner, item.range) : state.scaffoldPath(rel, owner, item.range);
  let byTemplate = state.layout.get(item.key);
  if (!byTemplate) state.layout.set(item.key, (byTemplate = new Map()));
  byTemplate.set(a.template as TemplateName, path);
}

/**
 * `imports` of a view: the relative specifier, from `from`, of every module of the table (model
 * modules, and the context's modules when a context is given).
 */
export function importsFor(state: PlanState, from: string, ctx?: ContextDef): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of ARTIFACTS) {
    if (!a.module) continue;
    const key = a.scope === 'model' ? MODEL_ITEM : a.scope === 'context' && ctx ? ctx : undefined;
    if (key) out[a.module] = importSpecifier(from, state.pathOf(key, a.template));
  }
  return out;
}

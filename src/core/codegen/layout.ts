import type { SourceRange } from '../diagnostic';
import type { CommandDef, ContextDef, EventDef, EventVersion } from '../model/types';
import { ARTIFACTS, expandPath, type Artifact, type Scope } from './artifacts';
import { fileStem } from './names';
import { isInside } from './paths';
import { MODEL_ITEM, type PlanState } from './plan-state';

/** One element an artifact is rendered for. */
export interface ScopeItem {
  scope: Scope;
  /** Layout key: the element's definition (ContextDef, CommandDef, EventVersion, …) or `MODEL_ITEM`. */
  key: object;
  ctx?: ContextDef;
  /** The definition whose file stem `{name}` is (the event, for event versions). */
  named?: object;
  /** Its name. */
  name?: string;
  event?: EventDef;
  command?: CommandDef;
  version?: EventVersion;
  /** Who needs the file, for problems (`command Ordering.PlaceOrder`). */
  owner: string;
  range?: SourceRange;
}

/** Scopes below a context, in the order their paths are claimed. */
export const CONTEXT_SCOPES: readonly Scope[] = [
  'context',
  'command',
  'eventVersion',
  'upcast',
  'downcast',
  'commandUpcast',
  'aggregate',
  'policy',
  'readModel',
];

const implicitVersions = new WeakMap<EventDef | CommandDef, EventVersion[]>();

/**
 * An event's (or command's) versions, sorted. One declared without `schema:` or `versions:` has
 * one implicit version 1 with no schema (its payload is `unknown`).
 */
export function versionsOf(e: EventDef | CommandDef): EventVersion[] {
  if (e.versions.length > 0) return [...e.versions].sort((a, b) => a.number - b.number);
  let implicit = implicitVersions.get(e);
  if (!implicit) {
    implicit = [{ number: 1, numberRange: e.nameRange, range: e.range, upcast: false, downcast: false }];
    implicitVersions.set(e, implicit);
  }
  return implicit;
}

/** The elements of a scope within one context (every scope but `model`). */
export function scopeItems(ctx: ContextDef, scope: Scope): ScopeItem[] {
  const at = (what: string, name: string) => `${what} ${ctx.name}.${name}`;
  /** One item per version (after the first) that declares the converter. */
  const converters = (defs: readonly (EventDef | CommandDef)[], flag: 'upcast' | 'downcast', kind: 'event' | 'command', label: string): ScopeItem[] =>
    defs.flatMap((d) =>
      versionsOf(d)
        .filter((v, i) => v[flag] && i > 0)
        .map((v) => ({
          scope,
          key: v,
          ctx,
          named: d,
          name: d.name,
          ...(kind === 'event' ? { event: d as EventDef } : { command: d as CommandDef }),
          version: v,
          owner: `${at(kind, d.name)} v${v.number} ${label}`,
          range: v.numberRange,
        })),
    );
  switch (scope) {
    case 'model':
      return [];
    case 'context':
      return [{ scope, key: ctx, ctx, owner: `context ${ctx.name}` }];
    case 'command':
      return ctx.commands.map((c) => ({ scope, key: c, ctx, named: c, name: c.name, owner: at('command', c.name), range: c.nameRange }));
    case 'eventVersion':
      return ctx.events.flatMap((e) =>
        versionsOf(e).map((v) => ({
          scope,
          key: v,
          ctx,
          named: e,
          name: e.name,
          event: e,
          version: v,
          owner: `${at('event', e.name)} v${v.number}`,
          range: v.numberRange,
        })),
      );
    case 'upcast':
      return converters(ctx.events, 'upcast', 'event', 'upcaster');
    case 'downcast':
      return converters(ctx.events, 'downcast', 'event', 'downcaster');
    case 'commandUpcast':
      return converters(ctx.commands, 'upcast', 'command', 'upcaster');
    case 'aggregate':
      return ctx.aggregates.map((a) => ({ scope, key: a, ctx, named: a, name: a.name, owner: at('aggregate', a.name), range: a.nameRange }));
    case 'policy':
      return ctx.policies.map((p) => ({ scope, key: p, ctx, named: p, name: p.name, owner: at('policy', p.name), range: p.nameRange }));
    case 'readModel':
      return ctx.readModels.map((r) => ({ scope, key: r, ctx, named: r, name: r.name, owner: at('read model', r.name), range: r.nameRange }));
  }
}

export const MODEL_SCOPE_ITEM: ScopeItem = { scope: 'model', key: MODEL_ITEM, owner: 'the model' };

export function artifactsOf(scope: Scope): Artifact[] {
  return ARTIFACTS.filter((a) => a.scope === scope);
}

/** Folder names a context folder may not take (files or folders of the output root). */
const RESERVED_DIRS = new Set(['index', 'runtime', 'registry', 'shared-types', 'schemas', 'spec-runtime', 'emmett']);

/**
 * Gives every context its folder (under outDir and scaffoldDir): the kebab case of its name, or
 * with `-context` (then `-2`, …) when that is a reserved name, is taken by an earlier context
 * (compared case-insensitively: `Sales` and `sales`), or would put its scaffolds inside outDir.
 */
export function assignDirs(state: PlanState): void {
  const taken = new Map<string, string>();
  const clashes = (dir: string) => {
    const scaffolds = state.scaffoldDir === '.' ? dir : `${state.scaffoldDir}/${dir}`;
    // Scaffolds go to <folder>/, <folder>/upcasters/ and <folder>/downcasters/: none may be (inside) outDir.
    return RESERVED_DIRS.has(dir) || taken.has(dir) || isInside(`${scaffolds}/upcasters`, state.outDir) || isInside(`${scaffolds}/downcasters`, state.outDir);
  };
  for (const ctx of state.model.contexts) {
    const base = fileStem(ctx.name);
    let dir = base;
    if (clashes(dir)) dir = `${base}-context`;
    for (let n = 2; clashes(dir); n++) dir = `${base}-context-${n}`;
    if (dir !== base && !RESERVED_DIRS.has(base)) {
      const other = taken.get(base);
      const why =
        other !== undefined
          ? `context ${other} has '${base}' (folder names are compared case-insensitively)`
          : `'${base}' would put its scaffolds inside generate.outDir '${state.outDir}'`;
      state.warn('renamed', `The folder of context ${ctx.name} is '${dir}': ${why}.`, ctx.nameRange);
    }
    taken.set(dir, ctx.name);
    state.contextDirs.set(ctx.name, dir);
  }
}

/**
 * Gives every definition the stem of its file names: its kebab case, unique (case-insensitively)
 * among the definitions of its kind in its context; a later `order` beside `Order` gets `order-2`.
 */
function assignStems(state: PlanState, ctx: ContextDef): void {
  const kinds: [string, { name: string; nameRange: SourceRange }[]][] = [
    ['command', ctx.commands],
    ['event', ctx.events],
    ['aggregate', ctx.aggregates],
    ['policy', ctx.policies],
    ['read model', ctx.readModels],
  ];
  for (const [kind, defs] of kinds) {
    const taken = new Map<string, string>();
    for (const def of defs) {
      const base = fileStem(def.name);
      let stem = base;
      for (let n = 2; taken.has(stem); n++) stem = `${base}-${n}`;
      if (stem !== base)
        state.warn(
          'renamed',
          `The files of ${kind} ${ctx.name}.${def.name} are named '${stem}': ${kind} ${ctx.name}.${taken.get(base)} has '${base}' (file names are compared case-insensitively).`,
          def.nameRange,
        );
      taken.set(stem, def.name);
      state.stems.set(def, stem);
    }
  }
}

/**
 * Lays out every artifact of the table for every element of its scope: computes and claims each
 * output path (a path two elements need, or one leaving its folder, is a problem) and records it
 * in `state.layout`, where views look up the paths they refer to.
 */
export function layOut(state: PlanState): void {
  for (const a of artifactsOf('model')) place(state, a, MODEL_SCOPE_ITEM, `the ${a.module ?? a.template} module`);
  for (const ctx of state.model.contexts) {
    assignStems(state, ctx);
    for (const scope of CONTEXT_SCOPES) for (const a of artifactsOf(scope)) for (const item of scopeItems(ctx, scope)) place(state, a, item, item.owner);
  }
}

function place(state: PlanState, a: Artifact, item: ScopeItem, owner: string): void {
  const { root, rel } = expandPath(a.path, {
    outDir: state.outDir,
    scaffoldDir: state.scaffoldDir,
    context: item.ctx ? state.dirOf(item.ctx.name) : undefined,
    name: item.named ? state.stems.get(item.named) : undefined,
    version: item.version?.number,
  });
  const path = root === 'outDir' ? state.outPath(rel, owner, item.range) : state.scaffoldPath(rel, owner, item.range);
  let byTemplate = state.layout.get(item.key);
  if (!byTemplate) state.layout.set(item.key, (byTemplate = new Map()));
  byTemplate.set(a.template, path);
}

/**
 * `imports` of a view: the relative specifier, from `from`, of every module of the table (model
 * modules, and the context's modules when a context is given). Equal for files of one folder.
 */
export function importsFor(state: PlanState, from: string, ctx?: ContextDef): Record<string, string> {
  const dir = from.slice(0, from.lastIndexOf('/') + 1);
  const key = `${dir}\u0000${ctx ? state.dirOf(ctx.name) : ''}`;
  const known = state.importsCache.get(key);
  if (known) return known;
  const out: Record<string, string> = {};
  for (const a of ARTIFACTS) {
    if (!a.module) continue;
    const item = a.scope === 'model' ? MODEL_ITEM : a.scope === 'context' && ctx ? ctx : undefined;
    if (item) out[a.module] = state.importPath(from, state.pathOf(item, a.template));
  }
  state.importsCache.set(key, out);
  return out;
}

/** `importsFor` a context's modules only, from a file directly in outDir (index.ts, registry.ts). */
export function contextModules(state: PlanState, ctx: ContextDef): Record<string, string> {
  const from = `${state.outDir}/index.ts`;
  const out: Record<string, string> = {};
  for (const a of artifactsOf('context')) if (a.module) out[a.module] = state.importPath(from, state.pathOf(ctx, a.template));
  return out;
}

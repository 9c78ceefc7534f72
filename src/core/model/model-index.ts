import type {
  ActorDef,
  AnyDefinition,
  CommandDef,
  ContextDef,
  EventDef,
  EventVersion,
  ExternalSystemDef,
  PolicyDef,
  ReadModelDef,
  Reference,
  SpecDef,
  SpecFileDef,
} from './types';
import { capitalise, closest } from '../text';
import { KIND_LABEL } from './labels';
import { isSpecReference } from './spec-types';

export type Resolution =
  | { ok: true; target: AnyDefinition; version?: EventVersion }
  | {
      ok: false;
      reason: 'unknown-context' | 'unknown-name' | 'unknown-version' | 'wrong-kind';
      message: string;
      /** The definition found when only the version (or kind) is wrong. */
      target?: AnyDefinition;
      /** A close existing name, for "did you mean" and quick fixes. */
      suggestion?: string;
    };

/** Per-context lookup tables, built once per parsed context and reused while its file is unchanged. */
interface ContextTable {
  byKind: Map<string, Map<string, AnyDefinition[]>>;
  /** Every definition name regardless of kind, for kind-mismatch hints. */
  anyKind: Map<string, AnyDefinition>;
  references: Reference[];
  /** The context names this context's references point into (what it refers to). */
  targets: Set<string>;
}

/**
 * What a model-scoped check read, so the workspace can tell when its findings still hold (see
 * `core/workspace`). Set on an index only while such a check runs; every lookup reports itself.
 */
export interface ReadRecorder {
  /** The contexts named `name` were looked up (`found`: the index's list, possibly empty). */
  context(name: string, found: readonly ContextDef[]): void;
  /** The list of every context name was read (e.g. for a "did you mean"); `key` identifies it. */
  contextNames(key: string): void;
  /** The references into contexts named `name` were read; `from` are the contexts holding them. */
  referencesInto(name: string, from: readonly ContextDef[]): void;
  /** Something no dependency describes was read (every reference, every definition). */
  untracked(): void;
}

const NO_CONTEXTS: readonly ContextDef[] = [];

/** The context name a reference is looked up in. */
export function targetContextName(ref: Reference): string {
  return ref.kind === 'context' ? ref.name.value : (ref.context?.value ?? ref.fromContext);
}

const tables = new WeakMap<ContextDef, ContextTable>();

/**
 * Resolutions survive index rebuilds: a reference's result depends only on the (immutable) context
 * it points into, so it stays valid while that context is the same parsed object. Kept on the
 * reference itself (a hidden field): this is the hottest lookup of every re-check.
 */
interface CachedResolution {
  target: ContextDef;
  result: Resolution;
}
const RESOLUTION = Symbol('resolution');
type CachingReference = Reference & { [RESOLUTION]?: CachedResolution };

function tableOf(ctx: ContextDef): ContextTable {
  let table = tables.get(ctx);
  if (table) return table;
  table = { byKind: new Map(), anyKind: new Map(), references: [], targets: new Set() };
  for (const def of definitionsIn(ctx)) {
    let names = table.byKind.get(def.kind);
    if (!names) table.byKind.set(def.kind, (names = new Map()));
    push(names, def.name, def);
    if (!table.anyKind.has(def.name)) table.anyKind.set(def.name, def);
  }
  const refs = table.references;
  for (const rel of ctx.relationships) if (rel.other) refs.push(rel.other);
  for (const c of ctx.commands) {
    if (c.aggregate) refs.push(c.aggregate);
    refs.push(...c.emits);
  }
  for (const e of ctx.events) if (e.aggregate) refs.push(e.aggregate);
  for (const p of ctx.policies) {
    refs.push(...p.when);
    if (p.issue) refs.push(p.issue);
  }
  for (const r of ctx.readModels) refs.push(...r.from);
  for (const a of ctx.actors) refs.push(...a.sends);
  for (const x of ctx.externalSystems) refs.push(...x.sends, ...x.emits);
  for (const owner of [...ctx.commands, ...ctx.policies, ...ctx.readModels]) for (const spec of owner.specs) refs.push(...specReferences(spec));
  for (const ref of refs) table.targets.add(targetContextName(ref));
  tables.set(ctx, table);
  return table;
}

/** The references written in a spec: given events, the policy's event, expected events or command. */
export function specReferences(spec: SpecDef): Reference[] {
  const out: Reference[] = spec.given.map((g) => g.ref);
  if (spec.whenEvent) out.push(spec.whenEvent.ref);
  if (spec.then?.kind === 'events') for (const e of spec.then.events) out.push(e.ref);
  if (spec.then?.kind === 'command' && spec.then.command) out.push(spec.then.command.ref);
  return out;
}

const inlineSpecs = new WeakMap<ContextDef, SpecDef[]>();

/** The specs written inline in a context (under its commands, policies and read models), once per parse. */
function inlineSpecsOf(ctx: ContextDef): readonly SpecDef[] {
  let specs = inlineSpecs.get(ctx);
  if (!specs) {
    specs = [];
    for (const owner of [...ctx.commands, ...ctx.policies, ...ctx.readModels]) for (const spec of owner.specs) specs.push(spec);
    inlineSpecs.set(ctx, specs);
  }
  return specs;
}

const specFileRefs = new WeakMap<SpecFileDef, Reference[]>();

function specFileReferences(file: SpecFileDef): Reference[] {
  let refs = specFileRefs.get(file);
  if (!refs) {
    refs = [...(file.context ? [file.context] : []), ...file.owners, ...file.specs.flatMap(specReferences)];
    specFileRefs.set(file, refs);
  }
  return refs;
}

/**
 * Every definition and reference of the model, with resolution. Rebuilt after each edit from the
 * parsed contexts; per-context tables are reused, so the rebuild is a few map insertions. Knows,
 * for each context name, which contexts refer into it (who depends on whom), so a model-scoped
 * check of one context can be reused while the contexts it read stay the same objects.
 */
export class ModelIndex {
  private readonly contexts = new Map<string, ContextDef[]>();
  /** Context name → the contexts (model order) with a reference into it. */
  private readonly incoming = new Map<string, ContextDef[]>();
  private everyReference?: Reference[];
  private referencesByTarget?: Map<AnyDefinition, Reference[]>;
  private names?: { list: string[]; key: string };
  private specsByOwner?: Map<AnyDefinition, SpecDef[]>;
  private specs?: SpecDef[];
  private specRefs?: Reference[];
  /** Set by the workspace while a dependency-tracked check runs (see {@link ReadRecorder}). */
  recorder?: ReadRecorder;

  constructor(
    private readonly list: readonly ContextDef[],
    /** Files of the manifest's `specs:` globs. */
    readonly specFiles: readonly SpecFileDef[] = [],
  ) {
    for (const ctx of list) {
      push(this.contexts, ctx.name, ctx);
      const table = tableOf(ctx);
      for (const name of table.targets) push(this.incoming, name, ctx);
    }
  }

  /** Every spec of the model: inline ones (context by context), then those of spec files. */
  allSpecs(): readonly SpecDef[] {
    this.recorder?.untracked();
    if (!this.specs) {
      this.specs = [];
      for (const ctx of this.list) for (const spec of inlineSpecsOf(ctx)) this.specs.push(spec);
      for (const file of this.specFiles) for (const spec of file.specs) this.specs.push(spec);
    }
    return this.specs;
  }

  /** The references written in specs (inline and in spec files), in the order of {@link references}. */
  specReferences(): readonly Reference[] {
    this.recorder?.untracked();
    if (!this.specRefs) {
      this.specRefs = [];
      for (const ctx of this.list)
        for (const ref of inlineSpecsOf(ctx).length > 0 ? tableOf(ctx).references : []) if (isSpecReference(ref)) this.specRefs.push(ref);
      for (const file of this.specFiles) for (const ref of specFileReferences(file)) this.specRefs.push(ref);
    }
    return this.specRefs;
  }

  /** The command, policy or read model a spec is about (undefined when its name resolves to nothing). */
  ownerOf(spec: SpecDef): CommandDef | PolicyDef | ReadModelDef | undefined {
    return this.find(spec.ownerKind, spec.context, spec.ownerName);
  }

  /** The specs of a command, policy or read model, wherever they are written. */
  specsOf(owner: AnyDefinition): readonly SpecDef[] {
    if (!this.specsByOwner) {
      this.specsByOwner = new Map();
      for (const spec of this.allSpecs()) {
        const o = this.ownerOf(spec);
        if (o) push(this.specsByOwner, o, spec);
      }
    }
    return this.specsByOwner.get(owner) ?? [];
  }

  /** The parsed contexts, in model order. */
  get contextList(): readonly ContextDef[] {
    this.recorder?.untracked();
    return this.list;
  }

  /** Every reference of the model. */
  get references(): readonly Reference[] {
    this.recorder?.untracked();
    return this.allReferences;
  }

  /** Built on first use: an edit's re-check reads references per context. */
  private get allReferences(): Reference[] {
    if (!this.everyReference) {
      this.everyReference = [];
      for (const ctx of this.list) for (const ref of tableOf(ctx).references) this.everyReference.push(ref);
      // Spec files refer into contexts too, but only spec rules read them (model-scoped, untracked).
      for (const file of this.specFiles) for (const ref of specFileReferences(file)) this.everyReference.push(ref);
    }
    return this.everyReference;
  }

  /** The references written in one context (that context's own content: no dependency). */
  referencesIn(ctx: ContextDef): readonly Reference[] {
    return tableOf(ctx).references;
  }

  /** The contexts, in model order, with a reference into a context of that name (policies, emits, relationships…). */
  contextsReferringTo(name: string): readonly ContextDef[] {
    const from = this.incoming.get(name) ?? NO_CONTEXTS;
    this.recorder?.referencesInto(name, from);
    return from;
  }

  /** The references, in model order, that are looked up in a context of that name. */
  referencesInto(name: string): Reference[] {
    const out: Reference[] = [];
    for (const ctx of this.contextsReferringTo(name)) for (const ref of tableOf(ctx).references) if (targetContextName(ref) === name) out.push(ref);
    return out;
  }

  contextNames(): string[] {
    const names = this.nameList();
    this.recorder?.contextNames(names.key);
    return [...names.list];
  }

  /** The first context of that name (duplicates are reported by `duplicate-name`). */
  context(name: string): ContextDef | undefined {
    const found = this.contexts.get(name);
    this.recorder?.context(name, found ?? NO_CONTEXTS);
    return found?.[0];
  }

  contextsNamed(name: string): readonly ContextDef[] {
    const found = this.contexts.get(name) ?? NO_CONTEXTS;
    this.recorder?.context(name, found);
    return found;
  }

  /** Whether a check that read these contexts of that name would read the same ones now (no recording). */
  sameContexts(name: string, found: readonly ContextDef[]): boolean {
    return sameList(this.contexts.get(name) ?? NO_CONTEXTS, found);
  }

  /** Likewise for the contexts referring into a name. */
  sameReferrers(name: string, from: readonly ContextDef[]): boolean {
    return sameList(this.incoming.get(name) ?? NO_CONTEXTS, from);
  }

  /** Identifies the list of context names (same key: same names in the same order). */
  contextNamesKey(): string {
    return this.nameList().key;
  }

  private nameList(): { list: string[]; key: string } {
    if (!this.names) {
      const list = [...this.contexts.keys()];
      this.names = { list, key: list.join('\u0000') };
    }
    return this.names;
  }

  find<K extends AnyDefinition['kind']>(kind: K, context: string, name: string): Extract<AnyDefinition, { kind: K }> | undefined {
    if (kind === 'context') return this.context(name) as Extract<AnyDefinition, { kind: K }> | undefined;
    const ctx = this.context(context);
    return (ctx && tableOf(ctx).byKind.get(kind)?.get(name)?.[0]) as Extract<AnyDefinition, { kind: K }> | undefined;
  }

  /** Resolves a reference (memoised while the context it points into is unchanged). */
  resolve(ref: Reference): Resolution {
    const target = this.context(targetContextName(ref));
    const holder = ref as CachingReference;
    const cached = holder[RESOLUTION];
    if (cached && cached.target === target) return cached.result;
    const result = this.resolveUncached(ref);
    // A lookup into a missing context may succeed once it appears: only lookups into a context are kept.
    if (target) holder[RESOLUTION] = { target, result };
    return result;
  }

  private resolveUncached(ref: Reference): Resolution {
    if (ref.kind === 'context') {
      const target = this.context(ref.name.value);
      if (target) return { ok: true, target };
      const suggestion = closest(ref.name.value, this.contextNames());
      return {
        ok: false,
        reason: 'unknown-context',
        message: `Unknown context '${ref.name.value}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
        suggestion,
      };
    }
    const contextName = ref.context?.value ?? ref.fromContext;
    const ctx = this.context(contextName);
    if (!ctx) {
      const suggestion = closest(contextName, this.contextNames());
      return {
        ok: false,
        reason: 'unknown-context',
        message: `Unknown context '${contextName}' in '${ref.text}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
        suggestion,
      };
    }
    const target = this.find(ref.kind, contextName, ref.name.value);
    if (!target) {
      const other = tableOf(ctx).anyKind.get(ref.name.value);
      if (other) {
        return {
          ok: false,
          reason: 'wrong-kind',
          message: `'${ref.name.value}' in ${contextName} is ${article(KIND_LABEL[other.kind])}, not ${article(KIND_LABEL[ref.kind])}.`,
          target: other,
        };
      }
      const candidates = namesOfKind(ctx, ref.kind);
      const suggestion = closest(ref.name.value, candidates);
      const where = ref.context
        ? ` in context ${contextName}`
        : contextName === ref.fromContext
          ? ` in ${contextName}${ref.kind === 'aggregate' ? '' : ' (use Context.Name for another context)'}`
          : '';
      return {
        ok: false,
        reason: 'unknown-name',
        message: `Unknown ${KIND_LABEL[ref.kind]} '${ref.name.value}'${where}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
        suggestion,
      };
    }
    if (ref.version) {
      if (target.kind !== 'event' && target.kind !== 'command') {
        return {
          ok: false,
          reason: 'unknown-version',
          message: `${capitalise(article(KIND_LABEL[target.kind]))} has no versions: remove '@${ref.version.value}'.`,
          target,
        };
      }
      const version = target.versions.find((v) => v.number === ref.version!.value);
      if (!version) {
        const known = target.versions.map((v) => v.number);
        return {
          ok: false,
          reason: 'unknown-version',
          message: `${contextName}.${target.name} has no version ${ref.version.value}${known.length ? ` (versions: ${known.join(', ')})` : ''}.`,
          target,
        };
      }
      return { ok: true, target, version };
    }
    return { ok: true, target };
  }

  /** References that resolve to `def` (for find-references, rename, hover). */
  referencesTo(def: AnyDefinition): readonly Reference[] {
    this.recorder?.untracked();
    if (!this.referencesByTarget) {
      this.referencesByTarget = new Map();
      for (const ref of this.allReferences) {
        const r = this.resolve(ref);
        const target = r.ok ? r.target : r.reason === 'unknown-version' ? r.target : undefined;
        if (target) push(this.referencesByTarget, target, ref);
      }
    }
    return this.referencesByTarget.get(def) ?? [];
  }

  /** Definitions that some reference with one of `roles` resolves to (one pass over the references). */
  targetsOf(roles: readonly Reference['role'][]): ReadonlySet<AnyDefinition> {
    this.recorder?.untracked();
    const out = new Set<AnyDefinition>();
    for (const ref of this.allReferences) {
      if (!roles.includes(ref.role)) continue;
      const r = this.resolve(ref);
      // A wrong version still names the definition (unknown-version reports the version).
      const target = r.ok ? r.target : r.reason === 'unknown-version' ? r.target : undefined;
      if (target) out.add(target);
    }
    return out;
  }

  /**
   * Definitions of the context named `name` that some reference with one of `roles` resolves to:
   * {@link targetsOf} for one context, reading only the contexts that refer to it.
   */
  targetsIn(name: string, roles: readonly Reference['role'][]): ReadonlySet<AnyDefinition> {
    const out = new Set<AnyDefinition>();
    for (const ref of this.referencesInto(name)) {
      if (!roles.includes(ref.role)) continue;
      const r = this.resolve(ref);
      const target = r.ok ? r.target : r.reason === 'unknown-version' ? r.target : undefined;
      if (target) out.add(target);
    }
    return out;
  }

  /** Commands that list the event in `emits`. */
  emittersOf(event: EventDef): CommandDef[] {
    return this.referencesTo(event)
      .filter((r) => r.role === 'emits')
      .map((r) => this.owner(r, 'command'))
      .filter((c): c is CommandDef => c !== undefined);
  }

  /** External systems (devices, timers…) that are the source of the event. */
  sourcesOf(event: EventDef): ExternalSystemDef[] {
    return this.referencesTo(event)
      .filter((r) => r.role === 'emits')
      .map((r) => this.owner(r, 'externalSystem'))
      .filter((x): x is ExternalSystemDef => x !== undefined);
  }

  /** Who sends the command: policies issuing it, actors and external systems listing it in `sends`. */
  sendersOf(command: CommandDef): (PolicyDef | ActorDef | ExternalSystemDef)[] {
    const out: (PolicyDef | ActorDef | ExternalSystemDef)[] = [];
    for (const r of this.referencesTo(command)) {
      const owner = r.role === 'issue' ? this.owner(r, 'policy') : r.role === 'sends' ? (this.owner(r, 'actor') ?? this.owner(r, 'externalSystem')) : undefined;
      if (owner) out.push(owner);
    }
    return out;
  }

  /** Policies and read models that react to the event. */
  consumersOf(event: EventDef): (PolicyDef | ReadModelDef)[] {
    const out: (PolicyDef | ReadModelDef)[] = [];
    for (const r of this.referencesTo(event)) {
      if (r.role === 'when') {
        const p = this.owner(r, 'policy');
        if (p) out.push(p);
      } else if (r.role === 'from') {
        const m = this.owner(r, 'readModel');
        if (m) out.push(m);
      }
    }
    return out;
  }

  /** The definition that contains a reference. */
  owner<K extends 'command' | 'policy' | 'readModel' | 'actor' | 'externalSystem'>(ref: Reference, kind: K): Extract<AnyDefinition, { kind: K }> | undefined {
    if (ref.ownerName === undefined) return undefined;
    return this.find(kind, ref.fromContext, ref.ownerName) as Extract<AnyDefinition, { kind: K }> | undefined;
  }

  /** Every definition, contexts first. */
  allDefinitions(): AnyDefinition[] {
    this.recorder?.untracked();
    const out: AnyDefinition[] = [];
    for (const ctx of this.list) out.push(ctx, ...definitionsIn(ctx));
    return out;
  }
}

function namesOfKind(ctx: ContextDef, kind: Reference['kind']): string[] {
  switch (kind) {
    case 'aggregate':
      return ctx.aggregates.map((d) => d.name);
    case 'command':
      return ctx.commands.map((d) => d.name);
    case 'event':
      return ctx.events.map((d) => d.name);
    case 'policy':
      return ctx.policies.map((d) => d.name);
    case 'readModel':
      return ctx.readModels.map((d) => d.name);
    default:
      return [];
  }
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The definitions of a context (not the context itself), section by section. */
export function definitionsIn(ctx: ContextDef): AnyDefinition[] {
  return [...ctx.aggregates, ...ctx.commands, ...ctx.events, ...ctx.policies, ...ctx.readModels, ...ctx.actors, ...ctx.externalSystems];
}

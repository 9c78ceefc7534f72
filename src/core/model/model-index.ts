import type {
  AnyDefinition,
  CommandDef,
  ContextDef,
  EventDef,
  EventVersion,
  PolicyDef,
  ReadModelDef,
  Reference,
} from './types';
import { closest } from '../text';

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

const KIND_LABEL: Record<AnyDefinition['kind'], string> = {
  context: 'context',
  aggregate: 'aggregate',
  command: 'command',
  event: 'event',
  policy: 'policy',
  readModel: 'read model',
};

function defKey(kind: string, context: string, name: string): string {
  return `${kind}\u0000${context}\u0000${name}`;
}

/**
 * Every definition and reference of the model, with resolution. Rebuilt from the parsed contexts
 * after each edit: building it is linear and needs no re-parse.
 */
export class ModelIndex {
  private readonly contexts = new Map<string, ContextDef[]>();
  private readonly defs = new Map<string, AnyDefinition[]>();
  /** Every definition name of a context regardless of kind, for kind-mismatch hints. */
  private readonly anyKind = new Map<string, AnyDefinition>();
  readonly references: Reference[] = [];
  private referencesByTarget?: Map<AnyDefinition, Reference[]>;

  constructor(readonly contextList: readonly ContextDef[]) {
    for (const ctx of contextList) {
      push(this.contexts, ctx.name, ctx);
      for (const def of [...ctx.aggregates, ...ctx.commands, ...ctx.events, ...ctx.policies, ...ctx.readModels]) {
        push(this.defs, defKey(def.kind, ctx.name, def.name), def);
        const anyKey = `${ctx.name}\u0000${def.name}`;
        if (!this.anyKind.has(anyKey)) this.anyKind.set(anyKey, def);
      }
      for (const rel of ctx.relationships) if (rel.other) this.references.push(rel.other);
      for (const c of ctx.commands) {
        if (c.aggregate) this.references.push(c.aggregate);
        this.references.push(...c.emits);
      }
      for (const e of ctx.events) if (e.aggregate) this.references.push(e.aggregate);
      for (const p of ctx.policies) {
        this.references.push(...p.when);
        if (p.issue) this.references.push(p.issue);
      }
      for (const r of ctx.readModels) this.references.push(...r.from);
    }
  }

  contextNames(): string[] {
    return [...this.contexts.keys()];
  }

  /** The first context of that name (duplicates are reported by `duplicate-name`). */
  context(name: string): ContextDef | undefined {
    return this.contexts.get(name)?.[0];
  }

  contextsNamed(name: string): readonly ContextDef[] {
    return this.contexts.get(name) ?? [];
  }

  find<K extends AnyDefinition['kind']>(kind: K, context: string, name: string): Extract<AnyDefinition, { kind: K }> | undefined {
    if (kind === 'context') return this.context(name) as Extract<AnyDefinition, { kind: K }> | undefined;
    return this.defs.get(defKey(kind, context, name))?.[0] as Extract<AnyDefinition, { kind: K }> | undefined;
  }

  /** All definitions sharing a kind and qualified name (more than one means a duplicate). */
  findAll(kind: AnyDefinition['kind'], context: string, name: string): readonly AnyDefinition[] {
    if (kind === 'context') return this.contextsNamed(name);
    return this.defs.get(defKey(kind, context, name)) ?? [];
  }

  resolve(ref: Reference): Resolution {
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
      const other = this.anyKind.get(`${contextName}\u0000${ref.name.value}`);
      if (other) {
        return {
          ok: false,
          reason: 'wrong-kind',
          message: `'${ref.name.value}' in ${contextName} is a ${KIND_LABEL[other.kind]}, not ${article(KIND_LABEL[ref.kind])}.`,
          target: other,
        };
      }
      const candidates = namesOfKind(ctx, ref.kind);
      const suggestion = closest(ref.name.value, candidates);
      const where = ref.context ? ` in context ${contextName}` : contextName === ref.fromContext ? ` in ${contextName} (use Context.Name for another context)` : '';
      return {
        ok: false,
        reason: 'unknown-name',
        message: `Unknown ${KIND_LABEL[ref.kind]} '${ref.name.value}'${where}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
        suggestion,
      };
    }
    if (ref.version) {
      if (target.kind !== 'event') {
        return { ok: false, reason: 'unknown-version', message: `A ${KIND_LABEL[target.kind]} has no versions: remove '@${ref.version.value}'.`, target };
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
    if (!this.referencesByTarget) {
      this.referencesByTarget = new Map();
      for (const ref of this.references) {
        const r = this.resolve(ref);
        const target = r.ok ? r.target : r.reason === 'unknown-version' ? r.target : undefined;
        if (target) push(this.referencesByTarget, target, ref);
      }
    }
    return this.referencesByTarget.get(def) ?? [];
  }

  /** Commands that list the event in `emits`. */
  emittersOf(event: EventDef): CommandDef[] {
    return this.referencesTo(event)
      .filter((r) => r.role === 'emits')
      .map((r) => this.owner(r, 'command'))
      .filter((c): c is CommandDef => c !== undefined);
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
  owner<K extends 'command' | 'policy' | 'readModel'>(ref: Reference, kind: K): Extract<AnyDefinition, { kind: K }> | undefined {
    const ctx = this.context(ref.fromContext);
    if (!ctx) return undefined;
    const list = (kind === 'command' ? ctx.commands : kind === 'policy' ? ctx.policies : ctx.readModels) as AnyDefinition[];
    return list.find((d) => d.range.file === ref.range.file && d.range.startOffset <= ref.range.startOffset && ref.range.endOffset <= d.range.endOffset) as
      | Extract<AnyDefinition, { kind: K }>
      | undefined;
  }

  /** Every definition, contexts first. */
  allDefinitions(): AnyDefinition[] {
    const out: AnyDefinition[] = [];
    for (const ctx of this.contextList) out.push(ctx, ...ctx.aggregates, ...ctx.commands, ...ctx.events, ...ctx.policies, ...ctx.readModels);
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
    default:
      return [];
  }
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

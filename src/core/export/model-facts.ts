import { SchemaSet, type SchemaRoot } from '../codegen/schemas';
import type { Model } from '../model/model';
import type { CommandDef, ContextDef, EventDef, EventVersion, MessageDef, Reference, SchemaSource } from '../model/types';
import { wireIdentity, type WireIdentity } from '../model/wire';
import { kebabCase } from '../text';

/**
 * What every exporter reads off a model: self-contained payload schemas, wire identities of event
 * and command versions, who emits, sends and consumes what. Pure: the model holds every file.
 */

type JsonObject = Record<string, unknown>;

export interface BundledSchema {
  schema: JsonObject | boolean;
  dialect: 'draft-06' | 'draft-07' | '2019-09' | '2020-12';
}

/** A consumer of an event: a policy or a read model, and the version it pins (if any). */
export interface Consumer {
  kind: 'policy' | 'readModel';
  context: string;
  name: string;
  version?: number;
  description?: string;
}

/** A sender of a command: a policy's context, an actor or an external system. */
export interface Sender {
  kind: 'policy' | 'actor' | 'externalSystem';
  context: string;
  name: string;
}

export class ModelFacts {
  private readonly schemas: SchemaSet;
  private readonly roots = new Map<SchemaSource, SchemaRoot>();
  readonly consumers = new Map<EventDef, Consumer[]>();
  readonly senders = new Map<CommandDef, Sender[]>();
  /** Events some command or external system emits. */
  readonly emitted = new Set<EventDef>();

  constructor(readonly model: Model) {
    const all: SchemaRoot[] = [];
    for (const source of this.allSources()) {
      const root = SchemaSet.rootOf(model.files, source.file, source.value);
      this.roots.set(source, root);
      all.push(root);
    }
    this.schemas = new SchemaSet(model.files, all);
    for (const ctx of model.contexts) {
      for (const p of ctx.policies) {
        for (const ref of p.when)
          this.addConsumer(ref, { kind: 'policy', context: ctx.name, name: p.name, version: ref.version?.value, description: p.description });
        const cmd = p.issue && this.resolve(p.issue, 'command');
        if (cmd) push(this.senders, cmd, { kind: 'policy', context: ctx.name, name: p.name });
      }
      for (const r of ctx.readModels) {
        for (const ref of r.from)
          this.addConsumer(ref, { kind: 'readModel', context: ctx.name, name: r.name, version: ref.version?.value, description: r.description });
      }
      for (const a of ctx.actors) for (const ref of a.sends) this.addSender(ref, { kind: 'actor', context: ctx.name, name: a.name });
      for (const x of ctx.externalSystems) {
        for (const ref of x.sends) this.addSender(ref, { kind: 'externalSystem', context: ctx.name, name: x.name });
        for (const ref of x.emits) this.markEmitted(ref);
      }
      for (const c of ctx.commands) for (const ref of c.emits) this.markEmitted(ref);
    }
  }

  /** Problems met while bundling (a schema file not loaded, a ref that leaves the workspace). */
  get schemaProblems(): readonly { file: string; message: string }[] {
    return this.schemas.problems;
  }

  /** A self-contained copy of a schema (external documents embedded), or `true` when there is none. */
  bundled(source: SchemaSource | undefined): BundledSchema {
    const root = source && this.roots.get(source);
    if (!root) return { schema: true, dialect: 'draft-07' };
    return this.schemas.bundle(root) as BundledSchema;
  }

  resolve<K extends 'event' | 'command'>(ref: Reference, kind: K): Extract<MessageDef, { kind: K }> | undefined {
    const r = this.model.index.resolve(ref);
    return r.ok && r.target.kind === kind ? (r.target as Extract<MessageDef, { kind: K }>) : undefined;
  }

  /** The CloudEvents type, source, dataschema and channel of one version of an event or command. */
  wire(message: MessageDef, version: Pick<EventVersion, 'number' | 'channel'>): WireIdentity {
    // Commands travel like events: wire.ts derives their identity from context and name the same way.
    return wireIdentity(this.model, message as EventDef, version);
  }

  /**
   * The address a version is published on: its declared (or strategy-derived) channel, else the
   * default `<namespace>.<context>.<name>` — marked `derived` so exports can say so.
   */
  address(message: MessageDef, version: EventVersion): { address: string; derived: boolean } {
    const w = this.wire(message, version);
    const declared = version.channel !== undefined || (message.kind === 'event' && message.channel !== undefined);
    if (w.channel !== null) return { address: w.channel, derived: !declared };
    const prefix = [this.model.manifest?.namespace, kebabCase(message.context)].filter(Boolean).join('.');
    return { address: `${prefix}.${kebabCase(message.name)}`, derived: true };
  }

  contextOf(message: MessageDef): ContextDef | undefined {
    return this.model.index.context(message.context);
  }

  private *allSources(): Iterable<SchemaSource> {
    for (const ctx of this.model.contexts) {
      for (const c of ctx.commands) {
        if (c.headers) yield c.headers;
        for (const v of c.versions) if (v.schema) yield v.schema;
      }
      for (const e of ctx.events) {
        if (e.headers) yield e.headers;
        for (const v of e.versions) if (v.schema) yield v.schema;
      }
      for (const r of ctx.readModels) {
        if (r.schema) yield r.schema;
        for (const q of r.queries) if (q.schema) yield q.schema;
      }
      for (const a of ctx.aggregates) if (a.state) yield a.state;
    }
  }

  private addConsumer(ref: Reference, consumer: Consumer): void {
    const event = this.resolve(ref, 'event');
    if (event) push(this.consumers, event, consumer);
  }

  private addSender(ref: Reference, sender: Sender): void {
    const cmd = this.resolve(ref, 'command');
    if (cmd) push(this.senders, cmd, sender);
  }

  private markEmitted(ref: Reference): void {
    const event = this.resolve(ref, 'event');
    if (event) this.emitted.add(event);
  }
}

/** Owners of an element, else of its context (a context's `owner` is among its owners). */
export function ownersOf(def: { owners?: string[] }, ctx?: { owners?: string[] }): string[] {
  return def.owners?.length ? def.owners : (ctx?.owners ?? []);
}

/** Versions sorted by number. */
export function versionsOf(message: MessageDef): EventVersion[] {
  return [...message.versions].sort((a, b) => a.number - b.number);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

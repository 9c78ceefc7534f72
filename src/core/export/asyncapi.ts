import { mapSchema } from '../codegen/schemas';
import { effectiveSettings, type Model } from '../model/model';
import { escapePointerSegment } from '../model/yaml-nodes';
import type { ContextDef, EventDef, EventVersion, MessageDef, PolicyDef } from '../model/types';
import { kebabCase } from '../text';
import { ModelFacts, ownersOf, versionsOf, type BundledSchema } from './model-facts';

/**
 * The model as AsyncAPI 3.0: a channel per address (events' channels, one per version under
 * `versioning: channel`, and command channels), a message per event or command version (payload =
 * the bundled schema, headers = the CloudEvents attributes of binary content mode plus the
 * message's own `headers`), and per context the operations it performs: `send` for its events and
 * for the commands its policies issue, `receive` for the events its policies and read models
 * consume and for its own commands. One document for the model, or one per context.
 */

type JsonObject = Record<string, unknown>;

export interface AsyncApiExportOptions {
  /** One document per bounded context (its operations and what they use) instead of one for the model. */
  perContext?: boolean;
}

export interface AsyncApiDocument {
  /** The context a per-context document describes. */
  context?: string;
  /** Suggested file name (`asyncapi.yaml`, `ordering.asyncapi.yaml`). */
  fileName: string;
  document: JsonObject;
}

export interface AsyncApiExport {
  documents: AsyncApiDocument[];
  /** What the export could not carry over exactly (schema dialects, unbundled refs). */
  notes: string[];
}

/** `schemaFormat` of a payload or headers schema by JSON Schema dialect. */
export function schemaFormat(dialect: BundledSchema['dialect']): string {
  return `application/schema+json;version=${dialect === 'draft-06' ? 'draft-07' : dialect}`;
}

/** The CloudEvents attributes each message carries as headers (binary content mode, unprefixed names). */
const CORRELATION = {
  description: 'Id shared by every message of one business transaction (CloudEvents extension `correlationid`).',
  location: '$message.header#/correlationid',
};

interface MessageEntry {
  key: string;
  def: MessageDef;
  version: EventVersion;
  channelKey: string;
  json: JsonObject;
}

interface ChannelEntry {
  key: string;
  address: string;
  derived: boolean;
  messages: string[];
  contexts: Set<string>;
}

interface OperationEntry {
  key: string;
  context: string;
  action: 'send' | 'receive';
  channelKey: string;
  messages: string[];
  json: JsonObject;
}

export function exportAsyncApi(model: Model, options: AsyncApiExportOptions = {}): AsyncApiExport {
  return new AsyncApiBuilder(model).build(options);
}

class AsyncApiBuilder {
  private readonly facts: ModelFacts;
  private readonly messages = new Map<string, MessageEntry>();
  private readonly byVersion = new Map<EventVersion, MessageEntry>();
  private readonly channels = new Map<string, ChannelEntry>();
  private readonly channelKeys = new Set<string>();
  private readonly operations: OperationEntry[] = [];
  private readonly operationKeys = new Set<string>();
  private readonly notes: string[] = [];

  constructor(private readonly model: Model) {
    this.facts = new ModelFacts(model);
    for (const p of this.facts.schemaProblems) this.notes.push(`${p.file}: ${p.message}`);
  }

  build(options: AsyncApiExportOptions): AsyncApiExport {
    for (const ctx of this.model.contexts) {
      for (const e of ctx.events) for (const v of versionsOf(e)) this.addMessage(e, v);
      for (const c of ctx.commands) for (const v of versionsOf(c)) this.addMessage(c, v);
    }
    for (const ctx of this.model.contexts) this.addOperations(ctx);
    const documents: AsyncApiDocument[] = options.perContext
      ? this.model.contexts.map((ctx) => ({ context: ctx.name, fileName: `${kebabCase(ctx.name)}.asyncapi.yaml`, document: this.document(ctx) }))
      : [{ fileName: 'asyncapi.yaml', document: this.document(undefined) }];
    return { documents, notes: [...new Set(this.notes)] };
  }

  // --- messages ----------------------------------------------------------------------------------

  private addMessage(def: MessageDef, version: EventVersion): void {
    const ctx = this.facts.contextOf(def);
    const wire = this.facts.wire(def, version);
    const { address, derived } = this.facts.address(def, version);
    const channel = this.channel(address, derived);
    channel.contexts.add(def.context);
    const key = uniqueKey(`${def.context}.${def.name}.v${version.number}`, new Set(this.messages.keys()));
    const payload = this.facts.bundled(version.schema);
    if (payload.dialect === '2019-09' || payload.dialect === '2020-12') {
      this.notes.push(
        `${def.context}.${def.name} v${version.number}: its payload is JSON Schema ${payload.dialect}; AsyncAPI tools that only read draft-07 (such as @asyncapi/parser) cannot parse it.`,
      );
    }
    const latest = versionsOf(def).at(-1)?.number === version.number;
    const at = `#/components/messages/${escapePointerSegment(key)}`;
    const json: JsonObject = {
      name: wire.type,
      title: `${def.name} v${version.number}`,
      ...(def.description ? { summary: def.description } : {}),
      ...(version.description ? { description: version.description } : {}),
      contentType: 'application/json',
      headers: { schemaFormat: 'application/schema+json;version=draft-07', schema: this.headers(def, wire, `${at}/headers/schema`) },
      payload: { schemaFormat: schemaFormat(payload.dialect), schema: rebase(payload.schema, `${at}/payload/schema`) },
      correlationId: CORRELATION,
      ...(tagsOf(def.tags) ? { tags: tagsOf(def.tags) } : {}),
      ...extensions(def, ctx),
      'x-eventmodel': {
        kind: def.kind,
        context: def.context,
        name: def.name,
        version: version.number,
        latest,
        // The settings that decide the wire identity and the evolution rules, so an import restores them.
        ...effectiveSettings(this.model, def),
        ...(version.upcast ? { upcast: true } : {}),
        ...(version.downcast ? { downcast: true } : {}),
      },
      'x-cloudevents': { type: wire.type, source: wire.source, dataschema: wire.dataschema, ...(wire.schemaId ? { schemaid: wire.schemaId } : {}) },
      ...(version.deprecated ? { 'x-deprecated': true } : {}),
    };
    const entry: MessageEntry = { key, def, version, channelKey: channel.key, json };
    this.messages.set(key, entry);
    this.byVersion.set(version, entry);
    channel.messages.push(key);
  }

  /** The CloudEvents context attributes with their fixed values, then the message's own extension attributes. */
  private headers(def: MessageDef, wire: ReturnType<ModelFacts['wire']>, at: string): JsonObject {
    const ce: JsonObject = {
      type: 'object',
      required: ['specversion', 'id', 'source', 'type', 'time'],
      properties: {
        specversion: { type: 'string', const: '1.0', description: 'CloudEvents version.' },
        id: { type: 'string', description: 'Unique id of this message.' },
        source: { type: 'string', const: wire.source, description: 'The context that produced the message.' },
        type: { type: 'string', const: wire.type, description: 'What the message is, with its version.' },
        time: { type: 'string', format: 'date-time', description: 'When it happened.' },
        dataschema: { type: 'string', const: wire.dataschema, description: 'The payload schema.' },
        subject: { type: 'string', description: 'The entity the message is about (e.g. the aggregate id).' },
        correlationid: { type: 'string', description: 'Id shared by every message of one business transaction.' },
        causationid: { type: 'string', description: 'Id of the message that caused this one.' },
        ...(wire.schemaId ? { schemaid: { type: 'string', const: wire.schemaId, description: 'Schema registry id.' } } : {}),
      },
    };
    if (!def.headers) return ce;
    const own = this.facts.bundled(def.headers);
    if (own.dialect !== 'draft-07' && own.dialect !== 'draft-06') {
      this.notes.push(`${def.context}.${def.name}: its headers schema is JSON Schema ${own.dialect}; it is embedded under draft-07 headers.`);
    }
    const mergeable = ['type', 'properties', 'required', 'definitions', '$defs', '$schema', 'description', 'title', 'additionalProperties'];
    const merge =
      isObject(own.schema) && Object.keys(own.schema).every((k) => mergeable.includes(k)) && (own.schema.type === undefined || own.schema.type === 'object');
    const schema = rebase(own.schema, merge ? at : `${at}/allOf/1`);
    if (merge && isObject(schema)) {
      const properties = { ...(isObject(schema.properties) ? schema.properties : {}), ...(ce.properties as JsonObject) };
      const required = [...new Set([...(ce.required as string[]), ...(Array.isArray(schema.required) ? (schema.required as string[]) : [])])];
      const out: JsonObject = { ...ce, properties, required };
      for (const k of ['definitions', '$defs', 'additionalProperties', 'description'] as const) if (schema[k] !== undefined) out[k] = schema[k];
      return out;
    }
    return { type: 'object', allOf: [ce, schema] };
  }

  private channel(address: string, derived: boolean): ChannelEntry {
    let entry = this.channels.get(address);
    if (!entry) {
      const key = uniqueKey(address.replace(/[^A-Za-z0-9_.-]/g, '_') || 'channel', this.channelKeys);
      this.channelKeys.add(key);
      entry = { key, address, derived, messages: [], contexts: new Set() };
      this.channels.set(address, entry);
    }
    entry.derived &&= derived;
    return entry;
  }

  // --- operations --------------------------------------------------------------------------------

  private addOperations(ctx: ContextDef): void {
    for (const e of ctx.events) {
      this.group(
        ctx.name,
        'send',
        versionsOf(e).map((v) => this.byVersion.get(v)!),
        () => ({
          summary: `${ctx.name} publishes ${e.name}.`,
          'x-eventmodel': { role: 'publisher', emittedBy: this.emitters(e) },
        }),
      );
    }
    for (const c of ctx.commands) {
      const senders = this.facts.senders.get(c) ?? [];
      this.group(
        ctx.name,
        'receive',
        versionsOf(c).map((v) => this.byVersion.get(v)!),
        () => ({
          summary: `${ctx.name} handles ${c.name}.`,
          'x-eventmodel': { role: 'handler', ...(c.aggregate ? { aggregate: c.aggregate.name.value } : {}), senders },
        }),
      );
    }
    for (const p of ctx.policies) {
      for (const ref of p.when) {
        const event = this.facts.resolve(ref, 'event');
        if (!event) continue;
        this.group(ctx.name, 'receive', this.read(event, ref.version?.value), () => ({
          summary: `Policy ${p.name} reacts to ${event.context}.${event.name}.`,
          ...(p.description ? { description: p.description } : {}),
          'x-eventmodel': {
            role: 'policy',
            policy: p.name,
            event: `${event.context}.${event.name}`,
            ...(ref.version ? { pinned: ref.version.value } : {}),
            ...(p.delivery ? { delivery: delivery(p.delivery) } : {}),
          },
        }));
      }
      const cmd = p.issue && this.facts.resolve(p.issue, 'command');
      if (cmd) {
        this.group(ctx.name, 'send', this.read(cmd, p.issue?.version?.value), () => ({
          summary: `Policy ${p.name} issues ${cmd.context}.${cmd.name}.`,
          'x-eventmodel': { role: 'policy', policy: p.name },
        }));
      }
    }
    for (const r of ctx.readModels) {
      for (const ref of r.from) {
        const event = this.facts.resolve(ref, 'event');
        if (!event) continue;
        this.group(ctx.name, 'receive', this.read(event, ref.version?.value), () => ({
          summary: `Read model ${r.name} projects ${event.context}.${event.name}.`,
          ...(r.description ? { description: r.description } : {}),
          'x-eventmodel': {
            role: 'readModel',
            readModel: r.name,
            event: `${event.context}.${event.name}`,
            ...(ref.version ? { pinned: ref.version.value } : {}),
            ...(r.key ? { key: r.key.value } : {}),
          },
        }));
      }
    }
  }

  /** What a reader receives: the pinned version, else every version (older ones reach it through upcasters). */
  private read(message: MessageDef, pinned: number | undefined): MessageEntry[] {
    const versions = versionsOf(message).filter((v) => pinned === undefined || v.number === pinned);
    return versions.map((v) => this.byVersion.get(v)!).filter(Boolean);
  }

  /** One operation per channel the messages travel on (several under `versioning: channel`). */
  private group(context: string, action: 'send' | 'receive', entries: MessageEntry[], extra: (channelKey: string) => JsonObject): void {
    const byChannel = new Map<string, string[]>();
    for (const m of entries) byChannel.set(m.channelKey, [...(byChannel.get(m.channelKey) ?? []), m.key]);
    for (const [channelKey, keys] of byChannel) {
      // Two policies of a context reading the same channel are one operation of that context.
      const existing = this.operations.find((o) => o.context === context && o.action === action && o.channelKey === channelKey);
      if (existing) {
        for (const k of keys) if (!existing.messages.includes(k)) existing.messages.push(k);
        const ext = existing.json['x-eventmodel'] as JsonObject;
        const also = (ext.also as JsonObject[] | undefined) ?? [];
        also.push(extra(channelKey)['x-eventmodel'] as JsonObject);
        ext.also = also;
        continue;
      }
      const key = uniqueKey(`${context}.${action}.${channelKey}`, this.operationKeys);
      this.operationKeys.add(key);
      this.operations.push({ key, context, action, channelKey, messages: keys, json: { ...extra(channelKey) } });
    }
  }

  private emitters(e: EventDef): string[] {
    const out: string[] = [];
    const ctx = this.facts.contextOf(e);
    for (const c of ctx?.commands ?? []) if (c.emits.some((r) => this.facts.resolve(r, 'event') === e)) out.push(`command ${c.name}`);
    for (const x of ctx?.externalSystems ?? []) if (x.emits.some((r) => this.facts.resolve(r, 'event') === e)) out.push(`${x.systemKind} ${x.name}`);
    return out;
  }

  // --- documents ---------------------------------------------------------------------------------

  private document(only: ContextDef | undefined): JsonObject {
    const manifest = this.model.manifest;
    const manifestValue = manifest ? this.model.files.get(manifest.file)?.value : undefined;
    const manifestDescription = isObject(manifestValue) && typeof manifestValue.description === 'string' ? manifestValue.description : undefined;
    const modelName = manifest?.model ?? 'Event model';
    const operations = this.operations.filter((o) => !only || o.context === only.name);
    const channelKeys = new Set(operations.map((o) => o.channelKey));
    // The whole-model document also lists channels no operation uses (none today: every message has its publisher or handler).
    if (!only) for (const c of this.channels.values()) channelKeys.add(c.key);
    const channels: JsonObject = {};
    const messages: JsonObject = {};
    for (const c of this.channels.values()) {
      if (!channelKeys.has(c.key)) continue;
      const used = only ? new Set(operations.filter((o) => o.channelKey === c.key).flatMap((o) => o.messages)) : new Set(c.messages);
      const refs: JsonObject = {};
      for (const m of c.messages) {
        if (!used.has(m)) continue;
        refs[m] = { $ref: `#/components/messages/${m}` };
        messages[m] = this.messages.get(m)!.json;
      }
      channels[c.key] = {
        address: c.address,
        messages: refs,
        ...(c.derived ? { 'x-eventmodel-address': 'derived' } : {}),
      };
    }
    const ops: JsonObject = {};
    for (const o of operations) {
      ops[o.key] = {
        action: o.action,
        channel: { $ref: `#/channels/${o.channelKey}` },
        messages: o.messages.map((m) => ({ $ref: `#/channels/${o.channelKey}/messages/${m}` })),
        tags: [{ name: o.context }],
        ...o.json,
        'x-eventmodel': { context: o.context, ...(o.json['x-eventmodel'] as JsonObject) },
      };
    }
    const contextTags = this.model.contexts
      .filter((c) => !only || c === only)
      .map((c) => ({ name: c.name, ...(c.description ? { description: c.description } : {}) }));
    const info: JsonObject = {
      title: only ? `${modelName}: ${only.name}` : modelName,
      version: '1.0.0',
      ...((only ? only.description : manifestDescription) ? { description: only ? only.description : manifestDescription } : {}),
      tags: only ? [...contextTags, ...(tagsOf(only.tags) ?? []).filter((t) => t.name !== only.name)] : contextTags,
      ...(only ? extensions(only, undefined) : {}),
    };
    return {
      asyncapi: '3.0.0',
      info,
      defaultContentType: 'application/json',
      channels,
      operations: ops,
      components: { messages },
      'x-eventmodel': {
        model: modelName,
        ...(manifest?.namespace ? { namespace: manifest.namespace } : {}),
        ...(manifest
          ? {
              defaults: {
                compatibility: manifest.defaults.compatibility,
                compatibilityPolicy: manifest.defaults.compatibilityPolicy,
                versioning: manifest.defaults.versioning,
              },
            }
          : {}),
        ...(only ? { context: only.name } : {}),
        ...(only ? relationships(only) : {}),
      },
    };
  }
}

/**
 * `#/...` refs of a bundled schema are relative to the schema; inside an AsyncAPI document they
 * resolve against the document, so they are prefixed with where the schema sits.
 */
export function rebase(schema: unknown, at: string): JsonObject | boolean {
  return mapSchema(schema, (node) => (typeof node.$ref === 'string' && node.$ref.startsWith('#') ? { ...node, $ref: `${at}${node.$ref.slice(1)}` } : node)) as
    JsonObject | boolean;
}

function relationships(ctx: ContextDef): JsonObject {
  const rels = ctx.relationships
    .filter((r) => r.other)
    .map((r) => ({
      [r.direction]: r.other!.name.value,
      ...(r.patterns.length ? { patterns: r.patterns.map((p) => p.value) } : {}),
      ...(r.label ? { label: r.label } : {}),
    }));
  return rels.length ? { relationships: rels } : {};
}

function delivery(d: NonNullable<PolicyDef['delivery']>): JsonObject {
  return {
    ...(d.mode ? { mode: d.mode.value } : {}),
    ...(d.retry ? { retry: withoutRange(d.retry) } : {}),
    ...(d.deadLetter ? { deadLetter: d.deadLetter.value } : {}),
    ...(d.poll ? { poll: withoutRange(d.poll) } : {}),
  };
}

function withoutRange<T extends { range: unknown }>(value: T): Omit<T, 'range'> {
  const { range: _range, ...rest } = value;
  return rest;
}

function tagsOf(tags: string[] | undefined): { name: string }[] | undefined {
  return tags?.length ? [...new Set(tags)].map((name) => ({ name })) : undefined;
}

/** Owners and custom metadata, which AsyncAPI has no field for. */
function extensions(def: { owners?: string[]; metadata?: Record<string, unknown> }, ctx: ContextDef | undefined): JsonObject {
  const owners = ownersOf(def, ctx);
  return {
    ...(owners.length ? { 'x-owners': owners } : {}),
    ...(def.metadata && Object.keys(def.metadata).length ? { 'x-metadata': def.metadata } : {}),
  };
}

function uniqueKey(base: string, taken: ReadonlySet<string>): string {
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}_${i}`;
  return key;
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

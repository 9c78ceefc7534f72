import { stringify } from 'yaml';
import { COMPATIBILITY_MODES, VERSIONING_STRATEGIES } from '../model/types';
import { kebabCase } from '../text';
import { guessKind, identifier, unique, type MessageKind } from './naming';
import { follow, isObject, normalize, type JsonObject, type NMessage, type NormalizedDocument, type NOperation } from './normalize';
import { SchemaFiles, type ExternalLoader } from './schema-files';

/**
 * An AsyncAPI 2.x / 3.0 document as an Event Modeler model: a manifest, one context file per
 * bounded context, payloads as schema files under `schemas/`. Pure: the caller reads the
 * document (and any file it references) and writes the files.
 */

export type ContextSource = 'tags' | 'servers' | 'operations';
export type KindChoice = MessageKind | 'auto';

export interface AsyncApiImportOptions {
  contextFrom?: ContextSource;
  messageKind?: KindChoice;
  /** Reads a relative file `$ref` (relative to `fromFile`, or to the document when undefined). */
  loadExternal?: ExternalLoader;
}

/** How one message became a definition: what the import report prints. */
export interface ImportedMessage {
  /** JSON pointer of the message in the document. */
  source: string;
  context: string;
  name: string;
  kind: MessageKind;
  version: number;
  reason: string;
  channel?: string;
}

export interface AsyncApiImport {
  /** Model-relative path → file text. */
  files: Map<string, string>;
  messages: ImportedMessage[];
  contexts: string[];
  notes: string[];
}

interface Reaction {
  kind: 'policy' | 'readModel';
  /** The name an Event Modeler export gave it. */
  source?: string;
  name: string;
  when: string[];
  issue?: string;
  description?: string;
  operations: string[];
}

interface Definition {
  context: string;
  name: string;
  kind: MessageKind;
  versions: { number: number; message: NMessage; schemaPath?: string; headersPath?: string; description?: string; deprecated?: boolean }[];
  message: NMessage;
  channel?: string;
  reason: string;
}

const CE_ATTRIBUTES = ['specversion', 'id', 'source', 'type', 'time', 'dataschema', 'subject', 'correlationid', 'causationid', 'schemaid', 'datacontenttype'];

export function importAsyncApi(document: unknown, options: AsyncApiImportOptions = {}): AsyncApiImport {
  if (!isObject(document)) throw new Error('the AsyncAPI document is not a mapping');
  return new Importer(document, normalize(document), options).run();
}

class Importer {
  private readonly schemas: SchemaFiles;
  private readonly notes: string[] = [];
  private readonly contextNames = new Map<string, string>();
  private readonly namesIn = new Map<string, Set<string>>();
  private readonly defs: Definition[] = [];
  private readonly defaultContext: string;
  private reactionsCache?: Map<string, Reaction[]>;

  constructor(
    private readonly raw: JsonObject,
    private readonly doc: NormalizedDocument,
    private readonly options: AsyncApiImportOptions,
  ) {
    this.schemas = new SchemaFiles(raw, options.loadExternal ?? (() => undefined));
    const title = typeof doc.info.title === 'string' ? doc.info.title : 'Imported';
    this.defaultContext = this.context(
      typeof doc.extension?.context === 'string' ? doc.extension.context : title.replace(/\b(api|service|application)\b/gi, ' '),
    );
  }

  run(): AsyncApiImport {
    for (const m of this.doc.messages) this.define(m);
    const files = new Map<string, string>();
    const byContext = new Map<string, Definition[]>();
    for (const d of this.defs) byContext.set(d.context, [...(byContext.get(d.context) ?? []), d]);
    const policies = this.reactions();
    this.reactionsCache = policies;
    for (const ctx of policies.keys()) if (!byContext.has(ctx)) byContext.set(ctx, []);
    for (const [ctx, defs] of [...byContext].sort(([a], [b]) => a.localeCompare(b))) {
      files.set(`contexts/${kebabCase(ctx) || 'context'}.yaml`, this.contextFile(ctx, defs, policies.get(ctx) ?? []));
    }
    for (const [path, value] of this.schemas.files) files.set(path, JSON.stringify(value, null, 2) + '\n');
    files.set('eventmodel.yaml', this.manifest());
    const messages: ImportedMessage[] = this.defs.flatMap((d) =>
      d.versions.map((v) => ({
        source: `#${v.message.pointer}`,
        context: d.context,
        name: d.name,
        kind: d.kind,
        version: v.number,
        reason: d.reason,
        ...(d.channel ? { channel: d.channel } : {}),
      })),
    );
    return { files, messages, contexts: [...byContext.keys()].sort(), notes: [...new Set([...this.notes, ...this.schemas.notes])] };
  }

  // --- contexts and kinds ------------------------------------------------------------------------

  /** The model context for a name found in the document (tags, servers, operation ids, title). */
  private context(raw: string): string {
    let name = this.contextNames.get(raw);
    if (!name) {
      name = identifier(raw, 'Context');
      this.contextNames.set(raw, name);
    }
    return name;
  }

  private kindOf(m: NMessage, name: string): { kind: MessageKind; reason: string } {
    const ext = isObject(m.value['x-eventmodel']) ? m.value['x-eventmodel'] : undefined;
    if (ext && (ext.kind === 'event' || ext.kind === 'command')) return { kind: ext.kind, reason: 'x-eventmodel.kind' };
    const choice = this.options.messageKind ?? 'auto';
    if (choice !== 'auto') return { kind: choice, reason: `--message-kind ${choice}` };
    const guess = guessKind(name);
    if (guess) return guess;
    const sends = m.operations.some((o) => o.action === 'send');
    return { kind: 'event', reason: `the name states no tense and no verb: an event by default${sends ? '' : ' (only received by the application)'}` };
  }

  private contextOf(m: NMessage, kind: MessageKind): string {
    const ext = isObject(m.value['x-eventmodel']) ? m.value['x-eventmodel'] : undefined;
    if (ext && typeof ext.context === 'string') return this.context(ext.context);
    // Events belong to their publisher, commands to their handler.
    const own = m.operations.filter((o) => o.action === (kind === 'event' ? 'send' : 'receive'));
    const others = m.operations.filter((o) => !own.includes(o));
    const from = this.options.contextFrom ?? 'tags';
    if (from === 'tags') {
      const tag = [...own, ...others].flatMap((o) => o.tags)[0] ?? tagsOf(m.value)[0] ?? m.channels.flatMap((c) => c.tags)[0];
      return tag ? this.context(tag) : this.defaultContext;
    }
    if (from === 'servers') {
      const servers = m.channels.flatMap((c) => (c.servers.length ? c.servers : this.doc.servers));
      const distinct = [...new Set(servers)];
      return distinct.length >= 1 ? this.context(distinct[0]) : this.defaultContext;
    }
    const prefixed = [...own, ...others].map((o) => /^([A-Za-z][A-Za-z0-9]*)[._/:]/.exec(o.key)?.[1]).find(Boolean);
    return prefixed ? this.context(prefixed) : this.defaultContext;
  }

  private define(m: NMessage): void {
    const ext = isObject(m.value['x-eventmodel']) ? m.value['x-eventmodel'] : undefined;
    const rawName =
      (typeof ext?.name === 'string' && ext.name) ||
      (typeof m.value.name === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(m.value.name) && m.value.name) ||
      m.key ||
      (typeof m.value.title === 'string' && m.value.title) ||
      'Message';
    const { kind, reason } = this.kindOf(m, rawName);
    const context = this.contextOf(m, kind);
    const version = typeof ext?.version === 'number' && Number.isInteger(ext.version) && ext.version > 0 ? ext.version : 1;
    let base = identifier(rawName, kind === 'event' ? 'Event' : 'Command');
    // Two messages of one context (an imported v1 and v2, or 2.x duplicates) share a definition only through x-eventmodel.
    const existing = ext
      ? this.defs.find((d) => d.context === context && d.name === base && d.kind === kind && !d.versions.some((v) => v.number === version))
      : undefined;
    if (!existing) {
      const taken = this.namesIn.get(context) ?? new Set<string>();
      this.namesIn.set(context, taken);
      base = unique(base, taken);
    }
    const def: Definition = existing ?? { context, name: base, kind, versions: [], message: m, reason, channel: m.channels[0]?.address };
    if (!existing) this.defs.push(def);
    const dir = `schemas/${kebabCase(context) || 'context'}`;
    const file = `${kebabCase(def.name) || 'message'}.v${version}`;
    const payload = this.payloadOf(m);
    const schemaPath = payload === undefined ? undefined : this.schemas.place(payload.value, payload.pointer, `${dir}/${file}.json`);
    const headers = this.headersOf(m);
    const headersPath = headers === undefined ? undefined : this.schemas.place(headers.value, headers.pointer, `${dir}/${file}.headers.json`);
    const description = typeof m.value.description === 'string' ? m.value.description : undefined;
    def.versions.push({
      number: version,
      message: m,
      schemaPath,
      headersPath,
      description,
      deprecated: m.value['x-deprecated'] === true || m.value.deprecated === true,
    });
    def.versions.sort((a, b) => a.number - b.number);
    if (m.channels.length > 1)
      this.notes.push(
        `${context}.${def.name}: travels on ${m.channels.length} channels (${m.channels.map((c) => c.address).join(', ')}); the model keeps the first, the others are listed under x-asyncapi.`,
      );
  }

  private payloadOf(m: NMessage): { value: unknown; pointer: string } | undefined {
    // A payload that is a component schema stays a reference: the component becomes a shared file.
    const bareComponent = (v: unknown, pointer: string) =>
      isObject(v) && typeof v.$ref === 'string' && v.$ref.startsWith('#/components/schemas/') ? { value: v, pointer } : undefined;
    const direct = bareComponent(m.value.payload, `${m.pointer}/payload`);
    if (direct) return direct;
    const hit = follow(this.raw, m.value.payload, `${m.pointer}/payload`);
    if (hit.value === undefined) return undefined;
    // AsyncAPI 3.0 Multi Format Schema Object, and 2.x `schemaFormat` on the message.
    const wrapped = isObject(hit.value) && typeof hit.value.schemaFormat === 'string' && 'schema' in hit.value;
    const format = wrapped ? (hit.value as JsonObject).schemaFormat : m.value.schemaFormat;
    if (typeof format === 'string' && !/^application\/(schema\+(json|yaml)|vnd\.aai\.asyncapi(\+(json|yaml))?)(;|$)/.test(format)) {
      this.notes.push(`${m.key}: its payload is in '${format}', not JSON Schema; imported as an open schema (keep the original next to the model).`);
      return { value: {}, pointer: '' };
    }
    if (wrapped)
      return (
        bareComponent((hit.value as JsonObject).schema, `${hit.pointer}/schema`) ?? follow(this.raw, (hit.value as JsonObject).schema, `${hit.pointer}/schema`)
      );
    return hit;
  }

  private headersOf(m: NMessage): { value: unknown; pointer: string } | undefined {
    let hit = follow(this.raw, m.value.headers, `${m.pointer}/headers`);
    if (isObject(hit.value) && typeof hit.value.schemaFormat === 'string' && 'schema' in hit.value)
      hit = follow(this.raw, hit.value.schema, `${hit.pointer}/schema`);
    if (!isObject(hit.value)) return undefined;
    // An Event Modeler export lists the CloudEvents attributes as headers: the model adds them itself.
    if (isObject(m.value['x-cloudevents'])) {
      const schema = hit.value;
      const properties = Object.fromEntries(Object.entries(isObject(schema.properties) ? schema.properties : {}).filter(([k]) => !CE_ATTRIBUTES.includes(k)));
      if (Object.keys(properties).length === 0) return undefined;
      const required = Array.isArray(schema.required) ? schema.required.filter((r) => !CE_ATTRIBUTES.includes(String(r))) : [];
      return { value: { ...schema, properties, ...(required.length ? { required } : { required: undefined }) }, pointer: hit.pointer };
    }
    return hit;
  }

  /**
   * Who reacts to what: in each context that receives an event another context owns, a policy
   * (without a command, unless an Event Modeler export says which command it issues) or, when the
   * export says so, a read model.
   */
  private reactions(): Map<string, Reaction[]> {
    const out = new Map<string, Reaction[]>();
    const get = (ctx: string, kind: Reaction['kind'], named: string | undefined, fallback: string): Reaction => {
      const list = out.get(ctx) ?? [];
      out.set(ctx, list);
      let r = named ? list.find((x) => x.kind === kind && x.source === named) : undefined;
      if (!r) {
        const taken = this.namesIn.get(ctx) ?? new Set<string>();
        this.namesIn.set(ctx, taken);
        r = { kind, source: named, name: unique(identifier(named ?? fallback, kind === 'policy' ? 'Policy' : 'View'), taken), when: [], operations: [] };
        list.push(r);
      }
      return r;
    };
    for (const d of this.defs) {
      for (const op of new Set(d.versions.flatMap((v) => v.message.operations))) {
        const ext = isObject(op.value['x-eventmodel']) ? op.value['x-eventmodel'] : undefined;
        const ctx = ext && typeof ext.context === 'string' ? this.context(ext.context) : this.receiverContext(op);
        const roles = ext ? [ext, ...(Array.isArray(ext.also) ? ext.also.filter(isObject) : [])] : [undefined];
        for (const role of roles) {
          // One operation may carry several readers' roles, each naming the event it reads.
          if (role && typeof role.event === 'string' && role.event !== `${d.context}.${d.name}`) continue;
          if (d.kind === 'event' && op.action === 'receive') {
            const readModel = role?.role === 'readModel' && typeof role.readModel === 'string' ? role.readModel : undefined;
            const policy = role?.role === 'policy' && typeof role.policy === 'string' ? role.policy : undefined;
            // A context reacting to its own event says nothing, unless the event comes from outside (only received).
            if (!readModel && !policy && ctx === d.context && !onlyReceived(d)) continue;
            const r = get(ctx, readModel ? 'readModel' : 'policy', readModel ?? policy, `On${d.name}`);
            const pinned = typeof role?.pinned === 'number' ? `@${role.pinned}` : '';
            const target = `${d.context === ctx ? '' : `${d.context}.`}${d.name}${pinned}`;
            if (!r.when.includes(target)) r.when.push(target);
            if (!r.operations.includes(op.key)) r.operations.push(op.key);
            if (!r.description && typeof op.value.description === 'string') r.description = op.value.description;
          } else if (d.kind === 'command' && op.action === 'send' && role?.role === 'policy' && typeof role.policy === 'string') {
            const r = get(ctx, 'policy', role.policy, role.policy);
            r.issue = `${d.context === ctx ? '' : `${d.context}.`}${d.name}`;
          }
        }
      }
    }
    // A policy needs a trigger: one that only issues a command (its trigger was not exported) is dropped.
    for (const [ctx, list] of out)
      out.set(
        ctx,
        list.filter((r) => r.when.length > 0),
      );
    return out;
  }

  private receiverContext(op: NOperation): string {
    const from = this.options.contextFrom ?? 'tags';
    if (from === 'tags') return op.tags[0] ? this.context(op.tags[0]) : this.defaultContext;
    if (from === 'servers')
      return op.channel.servers[0]
        ? this.context(op.channel.servers[0])
        : this.doc.servers.length === 1
          ? this.context(this.doc.servers[0])
          : this.defaultContext;
    const prefix = /^([A-Za-z][A-Za-z0-9]*)[._/:]/.exec(op.key)?.[1];
    return prefix ? this.context(prefix) : this.defaultContext;
  }

  // --- files -------------------------------------------------------------------------------------

  private contextFile(ctx: string, defs: Definition[], reactions: Reaction[]): string {
    const ref = (path: string) => ({ $ref: `../${path}` });
    const body: JsonObject = { context: ctx };
    const info = this.doc.info;
    if (ctx === this.defaultContext && typeof info.description === 'string') body.description = info.description;
    const relationships = this.relationships(ctx);
    if (relationships.length) body.relationships = relationships;
    const section = (kind: MessageKind) => {
      const out: JsonObject = {};
      for (const d of defs.filter((x) => x.kind === kind)) {
        const m = d.message.value;
        const entry: JsonObject = {};
        const summary = typeof m.summary === 'string' ? m.summary : typeof m.title === 'string' ? m.title : undefined;
        if (summary) entry.description = summary;
        const tags = tagsOf(m).filter((t) => (this.options.contextFrom ?? 'tags') !== 'tags' || this.context(t) !== ctx);
        if (tags.length) entry.tags = tags;
        if (Array.isArray(m['x-owners']) && m['x-owners'].every((o) => typeof o === 'string')) entry.owners = m['x-owners'];
        if (isObject(m['x-metadata'])) entry.metadata = m['x-metadata'];
        const settings = this.settingsOf(d);
        if (kind === 'event' && settings.versioning) entry.versioning = settings.versioning;
        if (settings.compatibility) entry.compatibility = settings.compatibility;
        if (settings.compatibilityPolicy) entry.compatibilityPolicy = settings.compatibilityPolicy;
        // One address for every version: the event's channel; several (versioning: channel): each version's own.
        const addresses = d.versions.map((v) => v.message.channels[0]?.address);
        // Under versioning: channel the strategy appends `.v<N>` to an event-level channel, so each version keeps its own.
        const versioning = settings.versioning ?? this.defaults()?.versioning;
        const perVersion = kind === 'event' && addresses.every(Boolean) && (versioning === 'channel' || new Set(addresses).size > 1);
        if (kind === 'event' && d.channel && !perVersion) entry.channel = d.channel;
        const headers = d.versions.map((v) => v.headersPath).find(Boolean);
        if (headers) entry.headers = ref(headers);
        entry.versions = Object.fromEntries(
          d.versions.map((v) => [
            String(v.number),
            {
              ...(v.description && v.description !== summary ? { description: v.description } : {}),
              schema: v.schemaPath ? ref(v.schemaPath) : { type: 'object' },
              ...(perVersion ? { channel: v.message.channels[0].address } : {}),
              ...(v.deprecated ? { deprecated: true } : {}),
              ...(isObject(v.message.value['x-eventmodel']) && v.message.value['x-eventmodel'].upcast === true ? { upcast: true } : {}),
              ...(isObject(v.message.value['x-eventmodel']) && v.message.value['x-eventmodel'].downcast === true ? { downcast: true } : {}),
            },
          ]),
        );
        entry['x-asyncapi'] = {
          message: `#${d.message.pointer}`,
          channels: d.message.channels.map((c) => ({
            key: c.key,
            address: c.address,
            ...(c.servers.length ? { servers: c.servers } : {}),
            // Kept as written (the model has no field for them yet), so nothing of the channel is lost.
            ...(isObject(c.value.parameters) ? { parameters: c.value.parameters } : {}),
            ...(isObject(c.value.bindings) ? { bindings: c.value.bindings } : {}),
          })),
          operations: d.message.operations.map((o) => ({ key: o.key, action: o.action })),
        };
        out[d.name] = entry;
      }
      return out;
    };
    const commands = section('command');
    const events = section('event');
    if (Object.keys(commands).length) body.commands = commands;
    if (Object.keys(events).length) body.events = events;
    // Events the application only receives come from outside the document: an external system is their source.
    const outside = defs.filter((d) => d.kind === 'event' && onlyReceived(d));
    if (outside.length) {
      const taken = this.namesIn.get(ctx) ?? new Set<string>();
      this.namesIn.set(ctx, taken);
      body.externalSystems = {
        [unique('ExternalSource', taken)]: {
          description: 'Publishes the events this application only receives (the AsyncAPI document does not say who sends them).',
          emits: outside.map((d) => d.name),
        },
      };
    }
    const policies = reactions.filter((r) => r.kind === 'policy');
    const readModels = reactions.filter((r) => r.kind === 'readModel');
    if (policies.length) {
      body.policies = Object.fromEntries(
        policies.map((p) => [
          p.name,
          {
            ...(p.description ? { description: p.description } : {}),
            when: p.when.length === 1 ? p.when[0] : p.when,
            ...(p.issue ? { issue: p.issue } : {}),
            'x-asyncapi': { operations: p.operations },
          },
        ]),
      );
    }
    if (readModels.length) {
      body.readModels = Object.fromEntries(
        readModels.map((r) => [r.name, { ...(r.description ? { description: r.description } : {}), from: r.when, 'x-asyncapi': { operations: r.operations } }]),
      );
    }
    return `# Imported from AsyncAPI ${this.doc.version} (${typeof info.title === 'string' ? info.title : 'untitled'}) by eventmodel import asyncapi.\n${stringify(body, { aliasDuplicateObjects: false, lineWidth: 0 })}`;
  }

  /** An Event Modeler export's manifest defaults (compatibility, policy, versioning), when valid. */
  private defaults(): JsonObject | undefined {
    const d = this.doc.extension?.defaults;
    if (!isObject(d)) return undefined;
    const out: JsonObject = {};
    if (typeof d.compatibility === 'string' && COMPATIBILITY_MODES.includes(d.compatibility as never)) out.compatibility = d.compatibility;
    if (d.compatibilityPolicy === 'strict' || d.compatibilityPolicy === 'lenient') out.compatibilityPolicy = d.compatibilityPolicy;
    if (typeof d.versioning === 'string' && VERSIONING_STRATEGIES.includes(d.versioning as never)) out.versioning = d.versioning;
    return Object.keys(out).length ? out : undefined;
  }

  /** Plain relationships from who consumes whose events: upstream, or partners when both consume each other's (declared once). */
  /** Settings an Event Modeler export recorded for a definition that differ from the manifest defaults. */
  private settingsOf(d: Definition): { versioning?: string; compatibility?: string; compatibilityPolicy?: string } {
    const ext = d.message.value['x-eventmodel'];
    if (!isObject(ext)) return {};
    const defaults = this.defaults() ?? {};
    const base = { versioning: 'payload', compatibility: 'BACKWARD', compatibilityPolicy: 'strict', ...defaults } as Record<string, unknown>;
    const out: Record<string, string> = {};
    if (typeof ext.versioning === 'string' && VERSIONING_STRATEGIES.includes(ext.versioning as never) && ext.versioning !== base.versioning)
      out.versioning = ext.versioning;
    if (typeof ext.compatibility === 'string' && COMPATIBILITY_MODES.includes(ext.compatibility as never) && ext.compatibility !== base.compatibility)
      out.compatibility = ext.compatibility;
    if ((ext.compatibilityPolicy === 'strict' || ext.compatibilityPolicy === 'lenient') && ext.compatibilityPolicy !== base.compatibilityPolicy)
      out.compatibilityPolicy = ext.compatibilityPolicy;
    return out;
  }

  private relationships(ctx: string): JsonObject[] {
    const consumes = new Map<string, Set<string>>();
    for (const [c, list] of this.reactionsCache ?? []) {
      for (const r of list) for (const w of r.when) if (w.includes('.')) (consumes.get(c) ?? consumes.set(c, new Set()).get(c)!).add(w.split('.')[0]);
    }
    const out: JsonObject[] = [];
    for (const other of [...(consumes.get(ctx) ?? [])].sort()) {
      if (other === ctx) continue;
      if (consumes.get(other)?.has(ctx)) {
        if (ctx < other) out.push({ partner: other, label: 'exchange events' });
      } else out.push({ upstream: other, label: 'consumes its events' });
    }
    return out;
  }

  private manifest(): string {
    const info = this.doc.info;
    const ext = this.doc.extension;
    const title = typeof info.title === 'string' ? info.title : 'imported';
    const namespace = typeof ext?.namespace === 'string' && /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(ext.namespace) ? ext.namespace : undefined;
    const body: JsonObject = {
      model: typeof ext?.model === 'string' ? ext.model : kebabCase(title.replace(/[^A-Za-z0-9]+/g, ' ')) || 'imported',
      ...(typeof info.description === 'string' ? { description: info.description } : {}),
      ...(namespace ? { namespace } : {}),
      include: ['contexts/*.yaml'],
      ...(this.defaults() ? { defaults: this.defaults() } : {}),
    };
    return `# Imported from AsyncAPI ${this.doc.version} by eventmodel import asyncapi.\n${stringify(body, { lineWidth: 0 })}`;
  }
}

/** An event no operation of the document sends, only receives. */
function onlyReceived(d: Definition): boolean {
  const ops = d.versions.flatMap((v) => v.message.operations);
  return ops.length > 0 && ops.every((o) => o.action === 'receive');
}

function tagsOf(value: JsonObject): string[] {
  return Array.isArray(value.tags) ? value.tags.map((t) => (isObject(t) && typeof t.name === 'string' ? t.name : '')).filter(Boolean) : [];
}

import type { Model } from '../model/model';
import type { ContextDef, MessageDef } from '../model/types';
import { pascalCase } from '../codegen/names';
import { kebabCase } from '../text';
import { ModelFacts, ownersOf, versionsOf } from './model-facts';

/**
 * The model as an EventCatalog, planned without I/O (src/node/eventcatalog.ts writes it with
 * `@eventcatalog/sdk`). Like EventCatalog's own example catalog: the model is a domain whose
 * subdomains are the bounded contexts; each context has one service that sends its events, receives
 * its commands and the events its policies and read models consume, and answers its queries.
 * Versions N become semver `N.0.0`; earlier versions land in `versioned/` as the SDK writes them.
 */

type Json = Record<string, unknown>;

export interface Pointer {
  id: string;
  version?: string;
}

export interface CatalogMessageVersion {
  version: string;
  summary: string;
  markdown: string;
  owners: string[];
  /** Bundled JSON Schema (`schema.json` next to the message). */
  schema: unknown;
  channels: Pointer[];
  deprecated?: boolean;
  badges?: Badge[];
  extensions: Json;
}

export interface CatalogMessage {
  kind: 'event' | 'command' | 'query';
  service: string;
  id: string;
  name: string;
  versions: CatalogMessageVersion[];
}

export interface Badge {
  content: string;
  backgroundColor: string;
  textColor: string;
}

export interface CatalogResource {
  id: string;
  name: string;
  version: string;
  summary: string;
  markdown: string;
  owners: string[];
  badges?: Badge[];
  [key: string]: unknown;
}

export interface CatalogPlan {
  domains: CatalogResource[];
  /** Services with the domain (context) they belong to. */
  services: { domain: string; service: CatalogResource }[];
  messages: CatalogMessage[];
  channels: CatalogResource[];
  teams: { id: string; name: string; summary?: string; markdown: string }[];
  users: { id: string; name: string; summary: string; email?: string; markdown: string }[];
  notes: string[];
}

export const semver = (n: number) => `${n}.0.0`;
const RESOURCE_VERSION = '1.0.0';

export function planEventCatalog(model: Model): CatalogPlan {
  const facts = new ModelFacts(model);
  const notes: string[] = facts.schemaProblems.map((p) => `${p.file}: ${p.message}`);
  const modelName = model.manifest?.model ?? 'model';
  const manifestValue = model.manifest ? model.files.get(model.manifest.file)?.value : undefined;
  const modelDescription = isObject(manifestValue) && typeof manifestValue.description === 'string' ? manifestValue.description : undefined;

  // Ids are global in a catalog: a message name two contexts share is qualified by its context.
  const nameCount = new Map<string, number>();
  for (const ctx of model.contexts)
    for (const m of [...ctx.events, ...ctx.commands, ...ctx.readModels.flatMap((r) => r.queries)]) nameCount.set(m.name, (nameCount.get(m.name) ?? 0) + 1);
  const taken = new Set<string>();
  const contextIds = new Map(model.contexts.map((c) => [c.name, claim(c.name, taken)]));
  const serviceIds = new Map(model.contexts.map((c) => [c.name, claim(`${c.name}Service`, taken)]));
  const messageIds = new Map<string, string>();
  const messageId = (context: string, name: string) => {
    const key = `${context}.${name}`;
    let id = messageIds.get(key);
    if (!id) {
      id = claim((nameCount.get(name) ?? 0) > 1 ? `${context}${name}` : name, taken);
      messageIds.set(key, id);
    }
    return id;
  };
  for (const ctx of model.contexts) for (const m of [...ctx.events, ...ctx.commands]) messageId(ctx.name, m.name);
  const modelDomainId = claim(pascalCase(modelName) || 'Model', taken);

  // Owners: teams, or users when they look like a person (an e-mail, or first.last).
  const ownerIds = new Map<string, { id: string; kind: 'team' | 'user'; raw: string }>();
  const owner = (raw: string) => {
    let o = ownerIds.get(raw);
    if (!o) {
      const person = /@/.test(raw) || (/^[a-z]+\.[a-z]+$/i.test(raw) && !/team/i.test(raw));
      o = { id: kebabCase(raw.replace(/@.*$/, '').replace(/\./g, ' ')) || 'owner', kind: person ? 'user' : 'team', raw };
      ownerIds.set(raw, o);
    }
    return o.id;
  };
  const everyOwner = model.contexts.flatMap((c) => c.owners ?? []);
  const fallbackOwner = everyOwner[0];
  let placeholder: string | undefined;
  const ownersFor = (def: { owners?: string[] }, ctx?: ContextDef): string[] => {
    const list = ownersOf(def, ctx);
    if (list.length) return list.map(owner);
    if (fallbackOwner) return [owner(fallbackOwner)];
    placeholder ??= `${kebabCase(modelName) || 'model'}-owners`;
    return [placeholder];
  };

  const channels = new Map<string, CatalogResource>();
  const channel = (address: string, derived: boolean, ctx: ContextDef): Pointer => {
    let c = channels.get(address);
    if (!c) {
      const id = claim(address.replace(/[^A-Za-z0-9._{}-]+/g, '-'), taken);
      c = {
        id,
        name: address,
        version: RESOURCE_VERSION,
        address,
        summary: derived ? `Channel of ${ctx.name} (address derived from the namespace and names; declare \`channel:\` to fix it).` : `Channel ${address}.`,
        markdown: `Messages on \`${address}\`.\n\n<NodeGraph />`,
        owners: ownersFor({}, ctx),
      };
      channels.set(address, c);
    }
    return { id: c.id };
  };

  const messages: CatalogMessage[] = [];
  const services: CatalogPlan['services'] = [];
  const domains: CatalogResource[] = [];
  for (const ctx of model.contexts) {
    const serviceId = serviceIds.get(ctx.name)!;
    const sends: Json[] = [];
    const receives: Json[] = [];
    const messageOf = (def: MessageDef): CatalogMessage => {
      const versions = versionsOf(def);
      return {
        kind: def.kind,
        service: serviceId,
        id: messageId(def.context, def.name),
        name: def.name,
        versions: versions.map((v) => {
          const wire = facts.wire(def, v);
          const { address, derived } = facts.address(def, v);
          const ch = channel(address, derived, ctx);
          const bundled = facts.bundled(v.schema).schema;
          return {
            version: semver(v.number),
            summary: def.description ?? `${def.kind === 'event' ? 'Event' : 'Command'} ${def.name} of the ${ctx.name} context.`,
            markdown: messageMarkdown(def, v.number, v.description, wire.type, facts, ctx),
            owners: ownersFor(def, ctx),
            schema: bundled,
            channels: [ch],
            ...(v.deprecated ? { deprecated: true } : {}),
            ...(badges(def.tags) ? { badges: badges(def.tags) } : {}),
            extensions: {
              'x-eventmodel': {
                context: ctx.name,
                name: def.name,
                version: v.number,
                cloudevents: { type: wire.type, source: wire.source, dataschema: wire.dataschema, ...(wire.schemaId ? { schemaid: wire.schemaId } : {}) },
                ...(def.metadata ? { metadata: def.metadata } : {}),
              },
            },
          };
        }),
      };
    };
    for (const e of ctx.events) {
      const m = messageOf(e);
      messages.push(m);
      const latest = m.versions.at(-1);
      if (latest) sends.push({ id: m.id, version: latest.version, to: latest.channels });
    }
    for (const c of ctx.commands) {
      const m = messageOf(c);
      messages.push(m);
      const latest = m.versions.at(-1);
      if (latest) receives.push({ id: m.id, version: latest.version, from: latest.channels });
    }
    // What the context's policies and read models consume, and the commands its policies issue.
    const consumed = new Map<string, Json>();
    for (const [event, consumers] of facts.consumers) {
      for (const c of consumers.filter((x) => x.context === ctx.name)) {
        const v = c.version ?? versionsOf(event).at(-1)?.number;
        if (v === undefined) continue;
        const id = messageIds.get(`${event.context}.${event.name}`)!;
        const version = event.versions.find((x) => x.number === v)!;
        const { address, derived } = facts.address(event, version);
        consumed.set(`${id}@${v}`, { id, version: semver(v), from: [channel(address, derived, model.index.context(event.context) ?? ctx)] });
      }
    }
    receives.push(...consumed.values());
    const issued = new Map<string, Json>();
    for (const [cmd, senders] of facts.senders) {
      if (!senders.some((s) => s.kind === 'policy' && s.context === ctx.name) || cmd.context === ctx.name) continue;
      const latest = versionsOf(cmd).at(-1);
      if (!latest) continue;
      const { address, derived } = facts.address(cmd, latest);
      issued.set(cmd.name, { id: messageIds.get(`${cmd.context}.${cmd.name}`)!, version: semver(latest.number), to: [channel(address, derived, ctx)] });
    }
    sends.push(...issued.values());
    for (const r of ctx.readModels) {
      for (const q of r.queries) {
        const id = claim((nameCount.get(q.name) ?? 0) > 1 ? `${ctx.name}${q.name}` : q.name, taken);
        messages.push({
          kind: 'query',
          service: serviceId,
          id,
          name: q.name,
          versions: [
            {
              version: RESOURCE_VERSION,
              summary:
                q.description ?? `Query ${q.name} of read model ${r.name} (${q.returns === 'one' ? 'one view by its key' : 'the views matching the request'}).`,
              markdown:
                `${q.description ?? ''}\n\nAnswered by the read model **${r.name}** of ${ctx.name}${r.key ? `, keyed by \`${r.key.value}\`` : ''}; returns ${q.returns === 'one' ? 'one view' : 'every matching view'}.\n\n<NodeGraph />`.trim(),
              owners: ownersFor(r, ctx),
              schema: facts.bundled(q.schema).schema,
              channels: [],
              extensions: { 'x-eventmodel': { context: ctx.name, readModel: r.name, returns: q.returns } },
            },
          ],
        });
        receives.push({ id, version: RESOURCE_VERSION });
      }
    }
    services.push({
      domain: contextIds.get(ctx.name)!,
      service: {
        id: serviceId,
        name: `${ctx.name} service`,
        version: RESOURCE_VERSION,
        summary: ctx.description ?? `The implementation of the ${ctx.name} bounded context.`,
        markdown: serviceMarkdown(ctx),
        owners: ownersFor(ctx),
        sends,
        receives,
        ...(badges(ctx.tags) ? { badges: badges(ctx.tags) } : {}),
        ...(ctx.metadata ? { 'x-eventmodel': { metadata: ctx.metadata } } : {}),
      },
    });
    domains.push({
      id: contextIds.get(ctx.name)!,
      name: ctx.name,
      version: RESOURCE_VERSION,
      summary: ctx.description ?? `The ${ctx.name} bounded context.`,
      markdown: domainMarkdown(ctx),
      owners: ownersFor(ctx),
      services: [{ id: serviceId, version: RESOURCE_VERSION }],
      ...(badges(ctx.tags) ? { badges: badges(ctx.tags) } : {}),
    });
  }
  domains.unshift({
    id: modelDomainId,
    name: modelName,
    version: RESOURCE_VERSION,
    summary: modelDescription ?? `The ${modelName} event model: ${model.contexts.length} bounded context(s).`,
    markdown: `${modelDescription ?? ''}\n\nBounded contexts: ${model.contexts.map((c) => c.name).join(', ')}.\n\n<NodeGraph />`.trim(),
    owners: [...new Set(model.contexts.flatMap((c) => ownersFor(c)))],
    domains: model.contexts.map((c) => ({ id: contextIds.get(c.name)!, version: RESOURCE_VERSION })),
  });
  if (placeholder) notes.push(`no context names an owner: everything is owned by the placeholder team '${placeholder}' (set \`owner:\` in the context files).`);
  const teams = [...ownerIds.values()]
    .filter((o) => o.kind === 'team')
    .map((o) => ({ id: o.id, name: o.raw, summary: `Owner in the ${modelName} model.`, markdown: `Owns parts of the ${modelName} event model.` }));
  if (placeholder)
    teams.push({
      id: placeholder,
      name: placeholder,
      summary: 'Placeholder owner: the model names none.',
      markdown: 'Set `owner:` or `owners:` in the model to replace this team.',
    });
  const users = [...ownerIds.values()]
    .filter((o) => o.kind === 'user')
    .map((o) => ({
      id: o.id,
      name: o.raw.replace(/@.*$/, ''),
      summary: `Owner in the ${modelName} model.`,
      ...(o.raw.includes('@') ? { email: o.raw } : {}),
      markdown: `Owns parts of the ${modelName} event model.`,
    }));
  return { domains, services, messages, channels: [...channels.values()], teams, users, notes };
}

function messageMarkdown(def: MessageDef, version: number, versionDescription: string | undefined, type: string, facts: ModelFacts, ctx: ContextDef): string {
  const lines: string[] = [];
  if (def.description) lines.push(def.description, '');
  if (versionDescription) lines.push(`**Version ${version}:** ${versionDescription}`, '');
  lines.push(`CloudEvents type \`${type}\`.`, '');
  if (def.kind === 'event') {
    const consumers = facts.consumers.get(def) ?? [];
    if (consumers.length)
      lines.push(
        'Consumed by:',
        ...consumers.map((c) => `- ${c.kind === 'policy' ? 'policy' : 'read model'} ${c.context}.${c.name}${c.version ? ` (pinned to v${c.version})` : ''}`),
        '',
      );
  } else {
    const senders = facts.senders.get(def) ?? [];
    if (senders.length)
      lines.push('Sent by:', ...senders.map((s) => `- ${s.kind === 'externalSystem' ? 'external system' : s.kind} ${s.context}.${s.name}`), '');
    if (def.emits.length) lines.push(`Results in: ${def.emits.map((e) => e.text).join(', ')}.`, '');
  }
  lines.push(`Part of the ${ctx.name} context.`, '', '<NodeGraph />', '', '<SchemaViewer file="schema.json" />');
  return lines.join('\n');
}

function serviceMarkdown(ctx: ContextDef): string {
  const lines = [ctx.description ?? `The ${ctx.name} bounded context.`, ''];
  if (ctx.actors.length)
    lines.push(
      'Actors:',
      ...ctx.actors.map((a) => `- ${a.name}${a.description ? `: ${a.description}` : ''} (sends ${a.sends.map((s) => s.text).join(', ')})`),
      '',
    );
  if (ctx.externalSystems.length)
    lines.push(
      'External systems:',
      ...ctx.externalSystems.map(
        (x) =>
          `- ${x.name} (${x.systemKind})${x.emits.length ? `, source of ${x.emits.map((e) => e.text).join(', ')}` : ''}${x.sends.length ? `, sends ${x.sends.map((e) => e.text).join(', ')}` : ''}`,
      ),
      '',
    );
  if (ctx.policies.length)
    lines.push(
      'Policies:',
      ...ctx.policies.map((p) => `- ${p.name}: when ${p.when.map((w) => w.text).join(' or ')}${p.issue ? `, issue ${p.issue.text}` : ' (reaction)'}`),
      '',
    );
  if (ctx.readModels.length) lines.push('Read models:', ...ctx.readModels.map((r) => `- ${r.name}: from ${r.from.map((f) => f.text).join(', ')}`), '');
  lines.push('<NodeGraph />');
  return lines.join('\n');
}

function domainMarkdown(ctx: ContextDef): string {
  const lines = [ctx.description ?? `The ${ctx.name} bounded context.`, ''];
  const rels = ctx.relationships.filter((r) => r.other);
  if (rels.length) {
    lines.push(
      'Relationships:',
      ...rels.map(
        (r) =>
          `- ${r.direction} ${r.other!.name.value}${r.patterns.length ? ` (${r.patterns.map((p) => p.value).join(', ')})` : ''}${r.label ? `: ${r.label}` : ''}`,
      ),
      '',
    );
  }
  lines.push('<NodeGraph />');
  return lines.join('\n');
}

function badges(tags: string[] | undefined): Badge[] | undefined {
  return tags?.length ? tags.map((t) => ({ content: t, backgroundColor: 'blue', textColor: 'blue' })) : undefined;
}

function claim(base: string, taken: Set<string>): string {
  let id = base;
  for (let i = 2; taken.has(id.toLowerCase()); i++) id = `${base}${i}`;
  taken.add(id.toLowerCase());
  return id;
}

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

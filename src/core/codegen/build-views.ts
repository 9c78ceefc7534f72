import { pinnedRoutes } from '../evolution/model-compatibility';
import { effectiveSettings } from '../model/model';
import type { AggregateDef, CommandDef, ContextDef, DeliverySpec, EventDef, PolicyDef, ReadModelDef, Reference, SchemaSource } from '../model/types';
import { wireIdentity } from '../model/wire';
import { camelCase, kebabCase } from './names';
import { NameRegistry } from './name-registry';
import { versionsOf } from './layout';
import type { PlanState } from './plan-state';
import type {
  AggregateView,
  CommandVersionView,
  CommandView,
  ContextView,
  DowncasterImportView,
  EventView,
  HeadersView,
  NewerVersionView,
  PolicyView,
  QueryView,
  ReadModelView,
  TriggerView,
  VersionView,
} from './views';

/** Contexts whose messages and upcasters a module uses (its namespace imports), and the user downcasters it calls. */
interface Uses {
  messages: Set<string>;
  upcasters: Set<string>;
  downcasters: Map<string, DowncasterImportView>;
}

/** Identifiers the templates of a context's modules use verbatim. */
const FIXED_NAMES = [
  'runtime',
  'shared',
  'compiled',
  'SOURCE',
  'toEnvelope',
  'fromEnvelope',
  'envelopeRoutes',
  'validateEvent',
  'validateCommand',
  'upcastEvent',
  'upcastCommand',
  'commandRoutes',
  'eventRoutes',
];

/** A property path as written (`order.id`) split into its segments. */
function pathOf(text: string | undefined): string[] | null {
  return text === undefined || text === '' ? null : text.split('.');
}

/** Top-level property names a headers schema declares, or null when it declares none. */
function headerNames(source: SchemaSource | undefined): string[] | null {
  const value = source?.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const properties = (value as Record<string, unknown>).properties;
  if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) return null;
  return Object.keys(properties).sort();
}

/**
 * The view of one context, first part: every identifier its commands, events and aggregates
 * declare, claimed in its name registry in a fixed order — names the templates use, then the
 * model's own names (a command's payload type, an event's latest alias: a name written in the
 * model keeps it), then derived names in definition order — and every path it refers to, from the
 * layout. `bindHandlers` adds policies and read models once every context is named; types and
 * validators come later (context-code.ts).
 */
export function contextView(state: PlanState, ctx: ContextDef): ContextView {
  const dir = state.dirOf(ctx.name);
  const names = new NameRegistry(state, `In context ${ctx.name}`);
  names.reserve(FIXED_NAMES);
  for (const c of ctx.commands) names.claim(c.name, `command ${ctx.name}.${c.name}`, c.nameRange, `${c.name}Payload`);
  for (const e of ctx.events) names.claim(e.name, `event ${ctx.name}.${e.name}`, e.nameRange, `${e.name}Payload`);
  // The wire identity (CloudEvents type, source, dataschema, channel, schema id) is wireIdentity()'s: the published contract.
  const namespace = state.model.manifest?.namespace;
  const wireDir = kebabCase(ctx.name);
  const typePrefix = [namespace, wireDir].filter(Boolean).join('.');
  const source = namespace ? `${namespace}/${wireDir}` : wireDir;
  const union = (suffix: string) => names.claim(`${ctx.name}Context${suffix}`, `context ${ctx.name}`, ctx.nameRange, `${ctx.name}Context${suffix}Union`);
  const u = { command: union('Command'), event: union('Event'), latestEvent: union('LatestEvent'), envelope: union('Envelope'), anyCommand: '' };

  const commands = ctx.commands.map((c) => commandView(state, ctx, c, names));
  const events = ctx.events.map((e) => eventView(state, ctx, e, names, typePrefix));
  const aggregates = ctx.aggregates.map((a) => aggregateView(state, ctx, a, names, commands, events));
  // Names added for the runtime come after every earlier claim, so they never rename what existed before.
  u.anyCommand = union('AnyCommand');
  for (const c of ctx.commands)
    commandVersions(
      state,
      ctx,
      c,
      names,
      commands.find((v) => v.name === c.name)!,
    );
  for (const e of ctx.events) {
    const view = events.find((v) => v.name === e.name)!;
    view.headers = headersView(names, e.name, `event ${ctx.name}.${e.name}`, e.headers, e.nameRange);
  }
  for (const a of aggregates) {
    const def = ctx.aggregates.find((x) => x.name === a.name)!;
    const claim = (preferred: string, alternative: string) => names.claim(preferred, `aggregate ${ctx.name}.${a.name}`, def.nameRange, alternative);
    a.definition = claim(`${a.name}Aggregate`, `${a.name}AggregateDefinition`);
    a.upcastFn = claim(`upcast${a.name}Event`, `upcast${a.name}AggregateEvent`);
  }
  for (const c of commands) c.aggregateDefinition = aggregates.find((a) => a.name === c.aggregate)?.definition ?? null;
  for (const e of events) {
    const def = ctx.events.find((x) => x.name === e.name)!;
    const declared = def.aggregate ? resolvedName(state, def.aggregate) : null;
    const owner = aggregates.find((a) => a.name === declared) ?? aggregates.find((a) => a.events.some((x) => x.name === e.name));
    e.aggregate = owner ? { name: owner.name, definition: owner.definition } : null;
  }
  state.names.set(ctx.name, names);
  const unique = (list: string[]) => [...new Set(list)];
  const aggregateImports = {
    messages: unique([
      ...aggregates.flatMap((a) => [a.commandUnion, a.eventUnion, ...a.eventUpcasters.map((e) => e.messageUnion)]),
      ...commands.filter((c) => c.versioned).map((c) => c.anyVersion),
    ]),
    types: unique(aggregates.map((a) => a.stateType)),
    upcasters: unique([
      ...aggregates.flatMap((a) => a.eventUpcasters.map((e) => e.upcastLatest)),
      ...commands.filter((c) => c.versioned).map((c) => c.upcastLatest),
    ]),
    validate: unique([
      ...(aggregates.length > 0 ? ['validateEvent'] : []),
      ...commands.flatMap((c) => [...c.versions.map((v) => v.validator), ...(c.headers ? [c.headers.validator] : [])]),
      ...(aggregates.length > 0 ? events.flatMap((e) => (e.headers ? [e.headers.validator] : [])) : []),
    ]),
  };
  return {
    name: ctx.name,
    dir,
    description: ctx.description ?? null,
    source: events[0] ? wireIdentity(state.model, ctx.events[0], versionsOf(ctx.events[0])[0], state.schemaBase).source : source,
    unions: u,
    commands,
    events,
    aggregates,
    policies: [],
    readModels: [],
    typeBlocks: [],
    usesShared: false,
    validators: { chunks: [], exports: [], imports: [] },
    policyImports: { messages: [], upcasters: [], downcasters: [] },
    readModelImports: { messages: [], upcasters: [], downcasters: [] },
    upcasters: [
      ...events.flatMap((e) => e.versions.flatMap((v) => (v.upcaster ? [{ fn: v.upcaster.fn, path: v.upcaster.path }] : []))),
      ...commands.flatMap((c) => c.versions.flatMap((v) => (v.upcaster ? [{ fn: v.upcaster.fn, path: v.upcaster.path }] : []))),
    ],
    hasUpcasters: events.some((e) => e.versions.some((v) => v.upcaster !== null)) || commands.some((c) => c.versions.some((v) => v.upcaster !== null)),
    hasCompatibleSteps:
      events.some((e) => e.versions.some((v) => v.previous !== null && !v.upcast)) ||
      commands.some((c) => c.versions.some((v) => v.previous !== null && !v.upcast)),
    downcasters: events.flatMap((e) => e.versions.flatMap((v) => (v.downcaster ? [v.downcaster] : []))),
    hasVersionedCommands: commands.some((c) => c.versioned),
    hasQueryRequests: false,
    queryTypes: [],
    aggregateImports,
    externalSystems: ctx.externalSystems.map((x) => ({
      name: x.name,
      description: x.description ?? null,
      kind: x.systemKind,
      emits: x.emits.map((r) => r.text),
      sends: x.sends.map((r) => r.text),
    })),
  };
}

/** The versions of a command (payload types, validators, upcaster chain) and its headers. */
function commandVersions(state: PlanState, ctx: ContextDef, c: CommandDef, names: NameRegistry, view: CommandView): void {
  const owner = `command ${ctx.name}.${c.name}`;
  const defs = versionsOf(c);
  const versioned = defs.length > 1;
  const upcastersPath = state.pathOf(ctx, 'upcasters.ts.hbs');
  const versions: CommandVersionView[] = [];
  defs.forEach((v, i) => {
    const n = v.number;
    const latest = i === defs.length - 1;
    const claim = (preferred: string, alternative: string) => names.claim(preferred, owner, v.numberRange, alternative);
    const previous = versions[versions.length - 1];
    const payloadType = latest ? view.payloadType : claim(`${c.name}V${n}`, `${c.name}CommandV${n}`);
    const messageType = latest ? view.messageType : claim(`${c.name}V${n}Command`, `${c.name}V${n}CommandMessage`);
    let upcaster: CommandVersionView['upcaster'] = null;
    if (v.upcast && !previous)
      state.warn(
        'upcast-first-version',
        `${ctx.name}.${c.name} v${n} asks for an upcaster but has no earlier version; nothing is generated for it.`,
        v.upcastRange ?? v.numberRange,
      );
    if (v.upcast && previous) {
      const path = state.pathOf(v, 'command-upcaster.ts.hbs');
      upcaster = {
        fn: claim(`upcast${c.name}V${previous.number}ToV${n}`, `upcast${c.name}CommandV${previous.number}ToV${n}`),
        path,
        import: state.importPath(upcastersPath, path),
      };
    }
    versions.push({
      number: n,
      label: `${ctx.name}.${c.name} v${n}`,
      payloadType,
      messageType,
      validator: latest ? view.validator : claim(`validate${c.name}V${n}`, `validate${c.name}CommandV${n}`),
      compiled: payloadType,
      upcastTo: versioned ? claim(`upcast${c.name}ToV${n}`, `upcast${c.name}CommandToV${n}`) : '',
      upTo: [...versions.map((p) => p.messageType), messageType],
      previous: previous
        ? { number: previous.number, payloadType: previous.payloadType, messageType: previous.messageType, upcastTo: previous.upcastTo }
        : null,
      upcast: upcaster !== null,
      upcaster,
      isLatest: latest,
    });
  });
  view.versions = versions;
  view.latestVersion = versions[versions.length - 1].number;
  view.versioned = versioned;
  if (versioned) {
    view.upcastLatest = names.claim(`upcast${c.name}`, owner, c.nameRange, `upcast${c.name}Command`);
    view.anyVersion = names.claim(`${c.name}AnyVersion`, owner, c.nameRange, `${c.name}CommandAnyVersion`);
  }
  view.headers = headersView(names, c.name, owner, c.headers, c.nameRange);
}

function headersView(names: NameRegistry, name: string, owner: string, source: SchemaSource | undefined, range: ContextDef['nameRange']): HeadersView | null {
  if (!source) return null;
  const type = names.claim(`${name}Headers`, owner, range, `${name}HeadersType`);
  return { type, validator: names.claim(`validate${name}Headers`, owner, range, `validate${name}HeadersType`), compiled: type, names: headerNames(source) };
}

/**
 * The view of one context, second part: its policies and read models, which refer to the messages
 * of other contexts by the names those contexts gave them (`views` holds every context's view).
 */
export function bindHandlers(state: PlanState, ctx: ContextDef, view: ContextView, views: ReadonlyMap<string, ContextView>): void {
  const names = state.names.get(ctx.name)!;
  const policyUses: Uses = { messages: new Set(), upcasters: new Set(), downcasters: new Map() };
  const readModelUses: Uses = { messages: new Set(), upcasters: new Set(), downcasters: new Map() };
  const alias = (other: string, module: 'Messages' | 'Upcasters') =>
    names.claim(`${other}${module}`, `the import of context ${other}'s ${module.toLowerCase()}`, ctx.nameRange, `${other}Context${module}`);
  const policiesFile = state.pathOf(ctx, 'policies.ts.hbs');
  const readModelsFile = state.pathOf(ctx, 'read-models.ts.hbs');
  view.policies = ctx.policies.map((p) => policyView(state, ctx, p, names, policyUses, { views, alias, from: policiesFile }));
  view.readModels = ctx.readModels.map((r) => readModelView(state, ctx, r, names, readModelUses, { views, alias, from: readModelsFile }));
  view.hasQueryRequests = view.readModels.some((r) => r.queries.some((q) => q.requestType !== null));
  view.queryTypes = [
    ...new Set(view.readModels.flatMap((r) => (r.queries.length > 0 ? [r.viewType, ...r.queries.flatMap((q) => (q.requestType ? [q.requestType] : []))] : []))),
  ];
  const importsOf = (uses: Uses, from: string) => {
    const path = (other: string, template: 'messages.ts.hbs' | 'upcasters.ts.hbs') =>
      state.importPath(from, state.pathOf(state.model.index.context(other)!, template));
    return {
      messages: [...uses.messages].sort().map((other) => ({ alias: alias(other, 'Messages'), from: path(other, 'messages.ts.hbs') })),
      upcasters: [...uses.upcasters].sort().map((other) => ({ alias: alias(other, 'Upcasters'), from: path(other, 'upcasters.ts.hbs') })),
      downcasters: [...uses.downcasters.values()].sort((a, b) => (a.local < b.local ? -1 : a.local > b.local ? 1 : 0)),
    };
  };
  view.policyImports = importsOf(policyUses, policiesFile);
  view.readModelImports = importsOf(readModelUses, readModelsFile);
}

/** How a handler refers to another context's messages. */
interface Linker {
  views: ReadonlyMap<string, ContextView>;
  alias(other: string, module: 'Messages' | 'Upcasters'): string;
  /** The module being planned (downcaster imports are relative to it). */
  from: string;
}

function commandView(state: PlanState, ctx: ContextDef, c: CommandDef, names: NameRegistry): CommandView {
  const owner = `command ${ctx.name}.${c.name}`;
  const claim = (preferred: string, alternative: string) => names.claim(preferred, owner, c.nameRange, alternative);
  const payloadType = claim(c.name, `${c.name}Payload`);
  return {
    name: c.name,
    context: ctx.name,
    description: c.description ?? null,
    label: `${ctx.name}.${c.name}`,
    payloadType,
    messageType: claim(`${c.name}Command`, `${c.name}CommandMessage`),
    guard: claim(`is${c.name}Command`, `is${c.name}CommandMessage`),
    validator: claim(`validate${c.name}`, `validate${c.name}Command`),
    compiled: payloadType,
    aggregate: c.aggregate ? resolvedName(state, c.aggregate) : null,
    emits: c.emits.map((r) => r.name.value),
    schemaFile: state.pathOf(c, 'schema.json.hbs'),
    // Filled in by commandVersions (after every older claim).
    versions: [],
    latestVersion: 1,
    versioned: false,
    upcastLatest: '',
    anyVersion: '',
    headers: null,
    aggregateDefinition: null,
  };
}

function eventView(state: PlanState, ctx: ContextDef, e: EventDef, names: NameRegistry, typePrefix: string): EventView {
  const owner = `event ${ctx.name}.${e.name}`;
  const versioning = effectiveSettings(state.model, e).versioning;
  const subject = `${typePrefix}.${e.name}`;
  const upcastersPath = state.pathOf(ctx, 'upcasters.ts.hbs');
  const versions: VersionView[] = [];
  for (const v of versionsOf(e)) {
    const n = v.number;
    const base = `${e.name}V${n}`;
    const claim = (preferred: string, alternative: string) => names.claim(preferred, owner, v.numberRange, alternative);
    const previous = versions[versions.length - 1];
    const schemaFile = state.pathOf(v, 'schema.json.hbs');
    const wire = wireIdentity(state.model, e, v, state.schemaBase);
    let upcaster: VersionView['upcaster'] = null;
    if (v.upcast && !previous)
      state.warn(
        'upcast-first-version',
        `${ctx.name}.${e.name} v${n} asks for an upcaster but has no earlier version; nothing is generated for it.`,
        v.upcastRange ?? v.numberRange,
      );
    if (v.upcast && previous) {
      const path = state.pathOf(v, 'upcaster.ts.hbs');
      upcaster = {
        fn: claim(`upcast${e.name}V${previous.number}ToV${n}`, `upcast${e.name}EventV${previous.number}ToV${n}`),
        path,
        import: state.importPath(upcastersPath, path),
      };
    }
    if (v.downcast && !previous)
      state.warn(
        'downcast-first-version',
        `${ctx.name}.${e.name} v${n} asks for a downcaster but has no earlier version; nothing is generated for it.`,
        v.downcastRange ?? v.numberRange,
      );
    // The downcaster's name is its scaffold's export, imported under a `$` alias by consumers: not claimed here.
    const downcaster = v.downcast && previous ? { fn: `downcast${e.name}V${n}ToV${previous.number}`, path: state.pathOf(v, 'downcaster.ts.hbs') } : null;
    const payloadType = claim(base, `${base}Payload`);
    const messageType = claim(`${base}Event`, `${base}EventMessage`);
    versions.push({
      number: n,
      description: v.description ?? null,
      deprecated: v.deprecated === true,
      label: `${ctx.name}.${e.name} v${n}`,
      payloadType,
      messageType,
      envelopeType: claim(`${base}Envelope`, `${base}EventEnvelope`),
      guard: claim(`is${base}Event`, `is${base}EventMessage`),
      validator: claim(`validate${base}`, `validate${base}Event`),
      compiled: payloadType,
      factory: claim(`create${base}Envelope`, `create${base}EventEnvelope`),
      typeConst: claim(`${base}Type`, `${base}EventType`),
      ceType: wire.type,
      dataschemaConst: claim(`${base}DataSchema`, `${base}EventDataSchema`),
      dataschema: wire.dataschema,
      channelConst: claim(`${base}Channel`, `${base}EventChannel`),
      channel: wire.channel,
      schemaId: wire.schemaId,
      upcastTo: claim(`upcast${e.name}ToV${n}`, `upcast${e.name}EventToV${n}`),
      upTo: [...versions.map((p) => p.messageType), messageType],
      previous: previous
        ? { number: previous.number, payloadType: previous.payloadType, messageType: previous.messageType, upcastTo: previous.upcastTo }
        : null,
      upcast: upcaster !== null,
      upcaster,
      downcast: downcaster !== null,
      downcaster,
      isLatest: false,
      schemaFile,
    });
  }
  const latest = versions[versions.length - 1];
  latest.isLatest = true;
  const claim = (preferred: string, alternative: string) => names.claim(preferred, owner, e.nameRange, alternative);
  return {
    name: e.name,
    context: ctx.name,
    description: e.description ?? null,
    versioning,
    messageUnion: claim(`${e.name}Event`, `${e.name}EventMessage`),
    envelopeUnion: claim(`${e.name}Envelope`, `${e.name}EventEnvelope`),
    toEnvelope: claim(`to${e.name}Envelope`, `to${e.name}EventEnvelope`),
    guard: claim(`is${e.name}Event`, `is${e.name}EventMessage`),
    latestAlias: claim(e.name, `${e.name}Payload`),
    latestVersion: latest.number,
    latest,
    upcastLatest: claim(`upcast${e.name}`, `upcast${e.name}Event`),
    channel: e.channel ?? null,
    subject,
    versions,
    // Filled in by eventRuntime (after every older claim).
    headers: null,
    aggregate: null,
  };
}

function aggregateView(state: PlanState, ctx: ContextDef, a: AggregateDef, names: NameRegistry, commands: CommandView[], events: EventView[]): AggregateView {
  const owner = `aggregate ${ctx.name}.${a.name}`;
  const claim = (suffix: string) => names.claim(`${a.name}${suffix}`, owner, a.nameRange, `${a.name}Aggregate${suffix}`);
  const own = commands.filter((c) => c.aggregate === a.name);
  const eventNames = new Set<string>();
  for (const e of ctx.events) if (e.aggregate && resolvedName(state, e.aggregate) === a.name) eventNames.add(e.name);
  for (const c of ctx.commands) {
    if (!c.aggregate || resolvedName(state, c.aggregate) !== a.name) continue;
    for (const r of c.emits) {
      const res = state.model.index.resolve(r);
      if (res.ok && res.target.kind === 'event' && res.target.context === ctx.name) eventNames.add(res.target.name);
    }
  }
  const mine = events.filter((e) => eventNames.has(e.name));
  const evs = mine.map((e) => ({ name: e.name, messageType: e.latest.messageType }));
  const scaffold = state.pathOf(a, 'decider.ts.hbs');
  return {
    name: a.name,
    context: ctx.name,
    description: a.description ?? null,
    stateType: claim('State'),
    commandUnion: claim('Command'),
    eventUnion: claim('Event'),
    commands: own,
    events: evs,
    deciderName: `${camelCase(a.name)}Decider`,
    scaffold,
    scaffoldImport: state.importPath(state.pathOf(ctx, 'aggregates.ts.hbs'), scaffold),
    id: pathOf(a.id?.value),
    idText: a.id?.value ?? null,
    streamType: `${ctx.name}.${a.name}`,
    // Claimed in contextView after every older name.
    definition: '',
    upcastFn: '',
    eventUpcasters: mine.map((e) => ({ name: e.name, messageUnion: e.messageUnion, upcastLatest: e.upcastLatest })),
  };
}

function resolvedName(state: PlanState, ref: Reference): string | null {
  const r = state.model.index.resolve(ref);
  return r.ok ? r.target.name : null;
}

/** A `when`/`from` reference as the message type a handler receives (pinned version, else latest). */
function triggerView(state: PlanState, ref: Reference, uses: Uses, owner: string, linker: Linker): TriggerView | undefined {
  const r = state.model.index.resolve(ref);
  const target = r.ok && r.target.kind === 'event' ? linker.views.get(r.target.context)?.events.find((e) => e.name === r.target.name) : undefined;
  if (!r.ok || r.target.kind !== 'event' || !target) {
    state.error('unresolved', `${owner}: '${ref.text}' does not resolve to an event; fix the model first.`, ref.range);
    return undefined;
  }
  const number = r.version?.number ?? target.latestVersion;
  const version = target.versions.find((v) => v.number === number);
  if (!version) {
    state.error('unresolved', `${owner}: '${ref.text}' names a version the event does not have; fix the model first.`, ref.range);
    return undefined;
  }
  uses.messages.add(target.context);
  uses.upcasters.add(target.context);
  const messages = linker.alias(target.context, 'Messages');
  return {
    context: target.context,
    event: target.name,
    version: number,
    pinned: r.version !== undefined,
    messageType: `${messages}.${version.messageType}`,
    upcastFn: `${linker.alias(target.context, 'Upcasters')}.${version.upcastTo}`,
    messageUnion: `${messages}.${target.messageUnion}`,
    newer: newerVersions(state, r.target, target, number, owner, messages, uses, linker),
  };
}

/**
 * How each version newer than `pinned` reaches a consumer of `pinned`: the routes of
 * `pinnedRoutes()` (one step at a time, as it is when the older reader can read it, else through
 * the downcaster of a version with `downcast: true`), or the reason none exists. Versions the
 * compatibility engine cannot compare (no schema) go down step by step, through their downcaster
 * when they have one.
 */
function newerVersions(
  state: PlanState,
  def: EventDef,
  target: EventView,
  pinned: number,
  owner: string,
  messages: string,
  uses: Uses,
  linker: Linker,
): NewerVersionView[] {
  const later = target.versions.filter((v) => v.number > pinned);
  if (later.length === 0) return [];
  const routes = pinnedRoutes(state.model, def, pinned) ?? [];
  const label = `${target.context}.${target.name}`;
  const byNumber = new Map(target.versions.map((v) => [v.number, v]));
  const downcasterOf = (n: number): string => {
    const v = byNumber.get(n)!;
    const ref = v.downcaster!;
    const local = `${target.context}$${ref.fn}`;
    if (!uses.downcasters.has(local)) uses.downcasters.set(local, { local, fn: ref.fn, from: state.importPath(linker.from, ref.path) });
    return local;
  };
  return later.map((v) => {
    const route = routes.find((x) => x.version === v.number);
    let steps: NewerVersionView['steps'];
    if (route) steps = route.steps.map((st) => ({ from: st.from, to: st.to, via: st.via, fn: st.via === 'downcaster' ? downcasterOf(st.from) : null }));
    else {
      steps = [];
      const numbers = target.versions.map((x) => x.number).filter((n) => n >= pinned && n <= v.number);
      for (let i = numbers.length - 1; i > 0; i--) {
        const from = byNumber.get(numbers[i])!;
        steps.push({
          from: numbers[i],
          to: numbers[i - 1],
          via: from.downcaster ? 'downcaster' : 'as-is',
          fn: from.downcaster ? downcasterOf(numbers[i]) : null,
        });
      }
    }
    if (route && !route.ok) {
      const { reader, written, change } = route.blocked;
      const needs = written === v.number ? `v${written}` : `v${written} (what v${v.number} becomes through its downcasters)`;
      return {
        version: v.number,
        ok: false,
        reason: `${label} v${v.number} cannot be delivered to ${owner}, which reads v${pinned}: readers of v${reader} cannot read ${needs} (${change.detail}). Mark v${reader + 1} \`downcast: true\` (a downcaster to v${reader}) or read @${target.latestVersion}.`,
        steps,
        expression: null,
      };
    }
    let expression = `(event as ${messages}.${v.messageType}).data`;
    for (const st of steps) {
      const to = byNumber.get(st.to)!;
      expression = st.via === 'downcaster' ? `${st.fn}(${expression})` : `runtime.asCompatible<${messages}.${to.messageType}["data"]>(${expression})`;
    }
    return { version: v.number, ok: true, reason: null, steps, expression };
  });
}

function policyView(state: PlanState, ctx: ContextDef, p: PolicyDef, names: NameRegistry, uses: Uses, linker: Linker): PolicyView {
  const owner = `policy ${ctx.name}.${p.name}`;
  const claim = (suffix: string) => names.claim(`${p.name}${suffix}`, owner, p.nameRange, `${p.name}Policy${suffix === 'Policy' ? 'Descriptor' : suffix}`);
  const triggers = p.when.map((w) => triggerView(state, w, uses, owner, linker)).filter((t): t is TriggerView => t !== undefined);
  let issue: PolicyView['issue'] = null;
  if (p.issue) {
    const r = state.model.index.resolve(p.issue);
    const target = r.ok && r.target.kind === 'command' ? linker.views.get(r.target.context)?.commands.find((c) => c.name === r.target.name) : undefined;
    const pinned = r.ok && r.version ? target?.versions.find((v) => v.number === r.version!.number) : undefined;
    if (target) {
      uses.messages.add(target.context);
      issue = {
        context: target.context,
        name: target.name,
        messageType: `${linker.alias(target.context, 'Messages')}.${pinned ? pinned.messageType : target.messageType}`,
        version: pinned ? pinned.number : null,
      };
    } else state.error('unresolved', `${owner}: '${p.issue.text}' does not resolve to a command; fix the model first.`, p.issue.range);
  }
  const path = state.pathOf(p, 'reaction.ts.hbs');
  return {
    name: p.name,
    context: ctx.name,
    description: p.description ?? null,
    descriptor: claim('Policy'),
    deliveryConst: claim('Delivery'),
    delivery: deliveryView(p.delivery, state.model.manifest!.defaults.delivery.mode),
    inputType: claim('Input'),
    outputType: claim('Output'),
    triggers,
    issue,
    notification: !p.issue,
    scaffold: { path, import: state.importPath(`${state.outDir}/registry.ts`, path), local: `react${ctx.name}$${p.name}` },
  };
}

function readModelView(state: PlanState, ctx: ContextDef, m: ReadModelDef, names: NameRegistry, uses: Uses, linker: Linker): ReadModelView {
  const owner = `read model ${ctx.name}.${m.name}`;
  const claim = (suffix: string) =>
    names.claim(`${m.name}${suffix}`, owner, m.nameRange, `${m.name}ReadModel${suffix === 'ReadModel' ? 'Descriptor' : suffix}`);
  const triggers = m.from.map((f) => triggerView(state, f, uses, owner, linker)).filter((t): t is TriggerView => t !== undefined);
  const path = state.pathOf(m, 'projection.ts.hbs');
  const viewType = claim('View');
  const descriptor = claim('ReadModel');
  const inputType = claim('Input');
  const queriesType = claim('Queries');
  const queries: QueryView[] = m.queries.map((q) => {
    const requestType = q.schema ? names.claim(`${q.name}Request`, `query ${q.name} of ${owner}`, q.nameRange, `${m.name}${q.name}Request`) : null;
    return {
      name: q.name,
      description: q.description ?? null,
      returns: q.returns,
      byKey: q.returns === 'one' && !q.schema,
      requestType,
      validator: requestType ? names.claim(`validate${requestType}`, `query ${q.name} of ${owner}`, q.nameRange, `validate${requestType}Query`) : null,
      compiled: requestType,
    };
  });
  return {
    name: m.name,
    context: ctx.name,
    description: m.description ?? null,
    viewType,
    descriptor,
    inputType,
    triggers,
    caseNames: [...new Set(triggers.map((t) => t.event))],
    scaffold: { path, import: state.importPath(`${state.outDir}/registry.ts`, path), local: `project${ctx.name}$${m.name}` },
    key: pathOf(m.key?.value),
    keyText: m.key?.value ?? null,
    queries,
    queriesType,
  };
}

function deliveryView(spec: DeliverySpec | undefined, defaultMode: string): PolicyView['delivery'] {
  const num = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n : null);
  const backoff = spec?.retry?.backoff;
  return {
    mode: spec?.mode?.value === 'poll' || spec?.mode?.value === 'push' ? spec.mode.value : defaultMode === 'poll' ? 'poll' : 'push',
    retry: spec?.retry
      ? {
          maxAttempts: num(spec.retry.maxAttempts),
          backoff: backoff === 'fixed' || backoff === 'linear' || backoff === 'exponential' ? backoff : null,
          initialDelayMs: num(spec.retry.initialDelayMs),
          maxDelayMs: num(spec.retry.maxDelayMs),
        }
      : null,
    deadLetter: spec?.deadLetter?.value ?? null,
    poll: spec?.poll ? { intervalMs: num(spec.poll.intervalMs), batchSize: num(spec.poll.batchSize) } : null,
  };
}

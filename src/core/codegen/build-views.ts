import { effectiveSettings } from '../model/model';
import type { AggregateDef, CommandDef, ContextDef, DeliverySpec, EventDef, PolicyDef, ReadModelDef, Reference } from '../model/types';
import { camelCase, kebabCase } from './names';
import { NameRegistry } from './name-registry';
import { versionsOf } from './layout';
import type { PlanState } from './plan-state';
import type { AggregateView, CommandView, ContextView, EventView, PolicyView, ReadModelView, TriggerView, VersionView } from './views';

/** Contexts whose messages and upcasters a module uses (its namespace imports). */
interface Uses {
  messages: Set<string>;
  upcasters: Set<string>;
}

/** Identifiers the templates of a context's modules use verbatim. */
const FIXED_NAMES = ['runtime', 'shared', 'compiled', 'SOURCE', 'toEnvelope', 'fromEnvelope', 'validateEvent', 'validateCommand', 'upcastEvent'];

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
  const typePrefix = [state.namespace, dir].filter(Boolean).join('.');
  const source = state.namespace ? `${state.namespace}/${dir}` : dir;
  const union = (suffix: string) => names.claim(`${ctx.name}Context${suffix}`, `context ${ctx.name}`, ctx.nameRange, `${ctx.name}Context${suffix}Union`);
  const u = { command: union('Command'), event: union('Event'), latestEvent: union('LatestEvent'), envelope: union('Envelope') };

  const commands = ctx.commands.map((c) => commandView(state, ctx, c, names));
  const events = ctx.events.map((e) => eventView(state, ctx, e, names, typePrefix));
  const aggregates = ctx.aggregates.map((a) => aggregateView(state, ctx, a, names, commands, events));
  state.names.set(ctx.name, names);
  return {
    name: ctx.name,
    dir,
    description: ctx.description ?? null,
    source,
    unions: u,
    commands,
    events,
    aggregates,
    policies: [],
    readModels: [],
    typeBlocks: [],
    usesShared: false,
    validators: { chunks: [], exports: [], imports: [] },
    policyImports: { messages: [], upcasters: [] },
    readModelImports: { messages: [], upcasters: [] },
    upcasters: events.flatMap((e) => e.versions.flatMap((v) => (v.upcaster ? [{ fn: v.upcaster.fn, path: v.upcaster.path }] : []))),
    hasUpcasters: events.some((e) => e.versions.some((v) => v.upcaster !== null)),
    hasCompatibleSteps: events.some((e) => e.versions.some((v) => v.previous !== null && !v.upcast)),
  };
}

/**
 * The view of one context, second part: its policies and read models, which refer to the messages
 * of other contexts by the names those contexts gave them (`views` holds every context's view).
 */
export function bindHandlers(state: PlanState, ctx: ContextDef, view: ContextView, views: ReadonlyMap<string, ContextView>): void {
  const names = state.names.get(ctx.name)!;
  const policyUses: Uses = { messages: new Set(), upcasters: new Set() };
  const readModelUses: Uses = { messages: new Set(), upcasters: new Set() };
  const alias = (other: string, module: 'Messages' | 'Upcasters') => names.claim(`${other}${module}`, `the import of context ${other}'s ${module.toLowerCase()}`, ctx.nameRange, `${other}Context${module}`);
  const linker: Linker = { views, alias };
  view.policies = ctx.policies.map((p) => policyView(state, ctx, p, names, policyUses, linker));
  view.readModels = ctx.readModels.map((r) => readModelView(state, ctx, r, names, readModelUses, linker));
  const importsOf = (uses: Uses, from: string) => {
    const path = (other: string, template: 'messages.ts.hbs' | 'upcasters.ts.hbs') => state.importPath(from, state.pathOf(state.model.index.context(other)!, template));
    return {
      messages: [...uses.messages].sort().map((other) => ({ alias: alias(other, 'Messages'), from: path(other, 'messages.ts.hbs') })),
      upcasters: [...uses.upcasters].sort().map((other) => ({ alias: alias(other, 'Upcasters'), from: path(other, 'upcasters.ts.hbs') })),
    };
  };
  view.policyImports = importsOf(policyUses, state.pathOf(ctx, 'policies.ts.hbs'));
  view.readModelImports = importsOf(readModelUses, state.pathOf(ctx, 'read-models.ts.hbs'));
}

/** How a handler refers to another context's messages. */
interface Linker {
  views: ReadonlyMap<string, ContextView>;
  alias(other: string, module: 'Messages' | 'Upcasters'): string;
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
  };
}

function eventView(state: PlanState, ctx: ContextDef, e: EventDef, names: NameRegistry, typePrefix: string): EventView {
  const owner = `event ${ctx.name}.${e.name}`;
  const versioning = effectiveSettings(state.model, e).versioning;
  const subject = `${typePrefix}.${e.name}`;
  const baseChannel = e.channel ?? `${typePrefix}.${kebabCase(e.name)}`;
  const upcastersPath = state.pathOf(ctx, 'upcasters.ts.hbs');
  const versions: VersionView[] = [];
  for (const v of versionsOf(e)) {
    const n = v.number;
    const base = `${e.name}V${n}`;
    const claim = (preferred: string, alternative: string) => names.claim(preferred, owner, v.numberRange, alternative);
    const previous = versions[versions.length - 1];
    const schemaFile = state.pathOf(v, 'schema.json.hbs');
    const channel = v.channel ?? (versioning === 'channel' ? `${baseChannel}.v${n}` : e.channel ?? null);
    const ceType = versioning === 'payload' ? `${subject}.v${n}` : versioning === 'name' ? `${typePrefix}.${base}` : subject;
    let upcaster: VersionView['upcaster'] = null;
    if (v.upcast && !previous) state.warn('upcast-first-version', `${ctx.name}.${e.name} v${n} asks for an upcaster but has no earlier version; nothing is generated for it.`, v.upcastRange ?? v.numberRange);
    if (v.upcast && previous) {
      const path = state.pathOf(v, 'upcaster.ts.hbs');
      upcaster = { fn: claim(`upcast${e.name}V${previous.number}ToV${n}`, `upcast${e.name}EventV${previous.number}ToV${n}`), path, import: state.importPath(upcastersPath, path) };
    }
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
      ceType,
      dataschemaConst: claim(`${base}DataSchema`, `${base}EventDataSchema`),
      dataschema: `${state.schemaBase}/${schemaFile.slice(state.outDir.length + '/schemas/'.length)}`,
      channelConst: claim(`${base}Channel`, `${base}EventChannel`),
      channel,
      schemaId: versioning === 'registry' ? `${subject}/versions/${n}` : null,
      upcastTo: claim(`upcast${e.name}ToV${n}`, `upcast${e.name}EventToV${n}`),
      upTo: [...versions.map((p) => p.messageType), messageType],
      previous: previous ? { number: previous.number, payloadType: previous.payloadType, messageType: previous.messageType, upcastTo: previous.upcastTo } : null,
      upcast: upcaster !== null,
      upcaster,
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
  const evs = events.filter((e) => eventNames.has(e.name)).map((e) => ({ name: e.name, messageType: e.latest.messageType }));
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
    scaffold: state.pathOf(a, 'decider.ts.hbs'),
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
  return {
    context: target.context,
    event: target.name,
    version: number,
    pinned: r.version !== undefined,
    messageType: `${linker.alias(target.context, 'Messages')}.${version.messageType}`,
    upcastFn: `${linker.alias(target.context, 'Upcasters')}.${version.upcastTo}`,
  };
}

function policyView(state: PlanState, ctx: ContextDef, p: PolicyDef, names: NameRegistry, uses: Uses, linker: Linker): PolicyView {
  const owner = `policy ${ctx.name}.${p.name}`;
  const claim = (suffix: string) => names.claim(`${p.name}${suffix}`, owner, p.nameRange, `${p.name}Policy${suffix === 'Policy' ? 'Descriptor' : suffix}`);
  const triggers = p.when.map((w) => triggerView(state, w, uses, owner, linker)).filter((t): t is TriggerView => t !== undefined);
  let issue: PolicyView['issue'] = null;
  if (p.issue) {
    const r = state.model.index.resolve(p.issue);
    const target = r.ok && r.target.kind === 'command' ? linker.views.get(r.target.context)?.commands.find((c) => c.name === r.target.name) : undefined;
    if (target) {
      uses.messages.add(target.context);
      issue = { context: target.context, name: target.name, messageType: `${linker.alias(target.context, 'Messages')}.${target.messageType}` };
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
    scaffold: { path, import: state.importPath(`${state.outDir}/registry.ts`, path), local: `react${ctx.name}$${p.name}` },
  };
}

function readModelView(state: PlanState, ctx: ContextDef, m: ReadModelDef, names: NameRegistry, uses: Uses, linker: Linker): ReadModelView {
  const owner = `read model ${ctx.name}.${m.name}`;
  const claim = (suffix: string) => names.claim(`${m.name}${suffix}`, owner, m.nameRange, `${m.name}ReadModel${suffix === 'ReadModel' ? 'Descriptor' : suffix}`);
  const triggers = m.from.map((f) => triggerView(state, f, uses, owner, linker)).filter((t): t is TriggerView => t !== undefined);
  const path = state.pathOf(m, 'projection.ts.hbs');
  return {
    name: m.name,
    context: ctx.name,
    description: m.description ?? null,
    viewType: claim('View'),
    descriptor: claim('ReadModel'),
    inputType: claim('Input'),
    triggers,
    caseNames: [...new Set(triggers.map((t) => t.event))],
    scaffold: { path, import: state.importPath(`${state.outDir}/registry.ts`, path), local: `project${ctx.name}$${m.name}` },
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

import { effectiveSettings } from '../model/model';
import type { AggregateDef, CommandDef, ContextDef, DeliverySpec, EventDef, PolicyDef, ReadModelDef, Reference } from '../model/types';
import { camelCase, kebabCase } from './names';
import { NameRegistry } from './name-registry';
import { importSpecifier } from './paths';
import type { PlanState } from './plan-state';
import type { AggregateView, CommandView, ContextView, EventView, PolicyView, ReadModelView, TriggerView, VersionView } from './views';

/** Contexts whose messages and upcasters a module uses (its namespace imports). */
interface Uses {
  messages: Set<string>;
  upcasters: Set<string>;
}

/**
 * The view of one context: every identifier its modules declare, claimed in its name registry, and
 * every path it refers to, from the layout. Types and validators are added later (context-code.ts).
 */
export function contextView(state: PlanState, ctx: ContextDef): ContextView {
  const dir = state.dirOf(ctx.name);
  const names = new NameRegistry(state, ctx);
  const typePrefix = [state.namespace, dir].filter(Boolean).join('.');
  const source = state.namespace ? `${state.namespace}/${dir}` : dir;
  const u = {
    command: names.claim(`${ctx.name}ContextCommand`, `context ${ctx.name}`, ctx.nameRange),
    event: names.claim(`${ctx.name}ContextEvent`, `context ${ctx.name}`, ctx.nameRange),
    latestEvent: names.claim(`${ctx.name}ContextLatestEvent`, `context ${ctx.name}`, ctx.nameRange),
    envelope: names.claim(`${ctx.name}ContextEnvelope`, `context ${ctx.name}`, ctx.nameRange),
  };
  for (const fixed of ['runtime', 'shared', 'compiled', 'SOURCE', 'toEnvelope', 'fromEnvelope', 'validateEvent', 'validateCommand', 'upcastEvent']) names.claim(fixed, 'generated code', ctx.nameRange);

  const commands = ctx.commands.map((c) => commandView(state, ctx, c, names));
  const events = ctx.events.map((e) => eventView(state, ctx, e, names, typePrefix));
  const aggregates = ctx.aggregates.map((a) => aggregateView(state, ctx, a, names, commands, events));
  const view: ContextView = {
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
    validators: { chunks: [], exports: [] },
    policyImports: { messages: [], upcasters: [] },
    readModelImports: { messages: [], upcasters: [] },
    upcasters: [],
    hasUpcasters: false,
    hasCompatibleSteps: events.some((e) => e.versions.some((v) => v.previous !== null && !v.upcast)),
  };
  const policyUses: Uses = { messages: new Set(), upcasters: new Set() };
  const readModelUses: Uses = { messages: new Set(), upcasters: new Set() };
  view.policies = ctx.policies.map((p) => policyView(state, ctx, p, names, policyUses));
  view.readModels = ctx.readModels.map((r) => readModelView(state, ctx, r, names, readModelUses));
  const importsOf = (uses: Uses) => ({
    messages: [...uses.messages].sort().map((other) => ({ alias: names.claim(`${other}Messages`, 'an import', ctx.nameRange), from: other === ctx.name ? './messages' : `../${state.dirOf(other)}/messages` })),
    upcasters: [...uses.upcasters].sort().map((other) => ({ alias: names.claim(`${other}Upcasters`, 'an import', ctx.nameRange), from: other === ctx.name ? './upcasters' : `../${state.dirOf(other)}/upcasters` })),
  });
  view.policyImports = importsOf(policyUses);
  view.readModelImports = importsOf(readModelUses);
  for (const e of events) for (const v of e.versions) if (v.upcaster) view.upcasters.push({ fn: v.upcaster.fn, path: v.upcaster.path });
  view.hasUpcasters = view.upcasters.length > 0;
  state.names.set(ctx.name, names);
  return view;
}

function commandView(state: PlanState, ctx: ContextDef, c: CommandDef, names: NameRegistry): CommandView {
  const owner = `command ${ctx.name}.${c.name}`;
  return {
    name: c.name,
    context: ctx.name,
    description: c.description ?? null,
    label: `${ctx.name}.${c.name}`,
    payloadType: names.claim(c.name, owner, c.nameRange),
    messageType: names.claim(`${c.name}Command`, owner, c.nameRange),
    guard: names.claim(`is${c.name}Command`, owner, c.nameRange),
    validator: names.claim(`validate${c.name}`, owner, c.nameRange),
    compiled: c.name,
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
  const sorted = [...e.versions].sort((a, b) => a.number - b.number);
  if (sorted.length === 0) {
    state.error('schema', `Event ${ctx.name}.${e.name} has no version to generate.`, e.nameRange);
  }
  for (const v of sorted) {
    const n = v.number;
    const base = `${e.name}V${n}`;
    const previous = versions[versions.length - 1];
    const schemaFile = state.pathOf(v, 'schema.json.hbs');
    const channel = v.channel ?? (versioning === 'channel' ? `${baseChannel}.v${n}` : e.channel ?? null);
    const ceType = versioning === 'payload' ? `${subject}.v${n}` : versioning === 'name' ? `${typePrefix}.${base}` : subject;
    let upcaster: VersionView['upcaster'] = null;
    if (v.upcast && !previous) state.warn('upcast-first-version', `${ctx.name}.${e.name} v${n} asks for an upcaster but has no earlier version; nothing is generated for it.`, v.upcastRange ?? v.numberRange);
    if (v.upcast && previous) {
      const path = state.pathOf(v, 'upcaster.ts.hbs');
      upcaster = { fn: names.claim(`upcast${e.name}V${previous.number}ToV${n}`, owner, v.numberRange), path, import: importSpecifier(upcastersPath, path) };
    }
    versions.push({
      number: n,
      description: v.description ?? null,
      deprecated: v.deprecated === true,
      label: `${ctx.name}.${e.name} v${n}`,
      payloadType: names.claim(base, owner, v.numberRange),
      messageType: names.claim(`${base}Event`, owner, v.numberRange),
      envelopeType: names.claim(`${base}Envelope`, owner, v.numberRange),
      guard: names.claim(`is${base}Event`, owner, v.numberRange),
      validator: names.claim(`validate${base}`, owner, v.numberRange),
      compiled: base,
      factory: names.claim(`create${base}Envelope`, owner, v.numberRange),
      typeConst: names.claim(`${base}Type`, owner, v.numberRange),
      ceType,
      dataschemaConst: names.claim(`${base}DataSchema`, owner, v.numberRange),
      dataschema: `${state.schemaBase}/${schemaFile.slice(state.outDir.length + '/schemas/'.length)}`,
      channelConst: names.claim(`${base}Channel`, owner, v.numberRange),
      channel,
      schemaId: versioning === 'registry' ? `${subject}/versions/${n}` : null,
      upcastTo: names.claim(`upcast${e.name}ToV${n}`, owner, v.numberRange),
      upTo: [...versions.map((p) => `${e.name}V${p.number}Event`), `${base}Event`],
      previous: previous ? { number: previous.number, payloadType: previous.payloadType, messageType: previous.messageType, upcastTo: previous.upcastTo } : null,
      upcast: upcaster !== null,
      upcaster,
      isLatest: false,
      schemaFile,
    });
  }
  const latest = versions[versions.length - 1] ?? placeholderVersion(e.name);
  latest.isLatest = true;
  return {
    name: e.name,
    context: ctx.name,
    description: e.description ?? null,
    versioning,
    messageUnion: names.claim(`${e.name}Event`, owner, e.nameRange),
    envelopeUnion: names.claim(`${e.name}Envelope`, owner, e.nameRange),
    toEnvelope: names.claim(`to${e.name}Envelope`, owner, e.nameRange),
    guard: names.claim(`is${e.name}Event`, owner, e.nameRange),
    latestAlias: names.claim(e.name, owner, e.nameRange),
    latestVersion: latest.number,
    latest,
    upcastLatest: names.claim(`upcast${e.name}`, owner, e.nameRange),
    channel: e.channel ?? null,
    subject,
    versions,
  };
}

function aggregateView(state: PlanState, ctx: ContextDef, a: AggregateDef, names: NameRegistry, commands: CommandView[], events: EventView[]): AggregateView {
  const owner = `aggregate ${ctx.name}.${a.name}`;
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
    stateType: names.claim(`${a.name}State`, owner, a.nameRange),
    commandUnion: names.claim(`${a.name}Command`, owner, a.nameRange),
    eventUnion: names.claim(`${a.name}Event`, owner, a.nameRange),
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
function triggerView(state: PlanState, ref: Reference, uses: Uses, owner: string): TriggerView | undefined {
  const r = state.model.index.resolve(ref);
  if (!r.ok || r.target.kind !== 'event') {
    state.error('unresolved', `${owner}: '${ref.text}' does not resolve to an event; fix the model first.`, ref.range);
    return undefined;
  }
  const event = r.target;
  const versions = [...event.versions].sort((a, b) => a.number - b.number);
  const version = r.version?.number ?? versions[versions.length - 1]?.number;
  if (version === undefined) return undefined;
  uses.messages.add(event.context);
  uses.upcasters.add(event.context);
  return {
    context: event.context,
    event: event.name,
    version,
    pinned: r.version !== undefined,
    messageType: `${event.context}Messages.${event.name}V${version}Event`,
    upcastFn: `${event.context}Upcasters.upcast${event.name}ToV${version}`,
  };
}

function policyView(state: PlanState, ctx: ContextDef, p: PolicyDef, names: NameRegistry, uses: Uses): PolicyView {
  const owner = `policy ${ctx.name}.${p.name}`;
  const triggers = p.when.map((w) => triggerView(state, w, uses, owner)).filter((t): t is TriggerView => t !== undefined);
  let issue: PolicyView['issue'] = null;
  if (p.issue) {
    const r = state.model.index.resolve(p.issue);
    if (r.ok && r.target.kind === 'command') {
      uses.messages.add(r.target.context);
      issue = { context: r.target.context, name: r.target.name, messageType: `${r.target.context}Messages.${r.target.name}Command` };
    } else state.error('unresolved', `${owner}: '${p.issue.text}' does not resolve to a command; fix the model first.`, p.issue.range);
  }
  const path = state.pathOf(p, 'reaction.ts.hbs');
  return {
    name: p.name,
    context: ctx.name,
    description: p.description ?? null,
    descriptor: names.claim(`${p.name}Policy`, owner, p.nameRange),
    deliveryConst: names.claim(`${p.name}Delivery`, owner, p.nameRange),
    delivery: deliveryView(p.delivery, state.model.manifest!.defaults.delivery.mode),
    inputType: names.claim(`${p.name}Input`, owner, p.nameRange),
    outputType: names.claim(`${p.name}Output`, owner, p.nameRange),
    triggers,
    issue,
    scaffold: { path, import: importSpecifier(`${state.outDir}/registry.ts`, path), local: `react${ctx.name}$${p.name}` },
  };
}

function readModelView(state: PlanState, ctx: ContextDef, m: ReadModelDef, names: NameRegistry, uses: Uses): ReadModelView {
  const owner = `read model ${ctx.name}.${m.name}`;
  const triggers = m.from.map((f) => triggerView(state, f, uses, owner)).filter((t): t is TriggerView => t !== undefined);
  const path = state.pathOf(m, 'projection.ts.hbs');
  return {
    name: m.name,
    context: ctx.name,
    description: m.description ?? null,
    viewType: names.claim(`${m.name}View`, owner, m.nameRange),
    descriptor: names.claim(`${m.name}ReadModel`, owner, m.nameRange),
    inputType: names.claim(`${m.name}Input`, owner, m.nameRange),
    triggers,
    caseNames: [...new Set(triggers.map((t) => t.event))],
    scaffold: { path, import: importSpecifier(`${state.outDir}/registry.ts`, path), local: `project${ctx.name}$${m.name}` },
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

function placeholderVersion(name: string): VersionView {
  return {
    number: 1, description: null, deprecated: false, label: name, payloadType: `${name}V1`, messageType: `${name}V1Event`, envelopeType: '', guard: '', validator: '', compiled: '',
    factory: '', typeConst: '', ceType: '', dataschemaConst: '', dataschema: '', channelConst: '', channel: null, schemaId: null, upcastTo: '', upTo: [], previous: null,
    upcast: false, upcaster: null, isLatest: true, schemaFile: '',
  };
}

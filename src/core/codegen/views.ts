/**
 * The view contract: what each template sees. Every identifier in a view is a validated TypeScript
 * identifier, unique within its module (the planner allocates them); every other model text must
 * reach the output through the `str`, `doc` or `comment` helpers. Fields documented here are the
 * interface of workspace templates (docs/codegen.md): add fields freely, rename none.
 *
 * Every view has `header` (the generated-file marker line) and `model`; the rest depends on the
 * artifact's scope (`ScopeViews`).
 */
import type { Scope } from './artifacts';

/** The model as a whole. */
export interface ModelView {
  /** Dead-letter channel of policies that name none: `<namespace>.dlq` (else `<model>.dlq`, else `eventmodel.dlq`). */
  defaultDeadLetter: string;
  /** `model:` of the manifest, or null. */
  name: string | null;
  /** `namespace:` of the manifest (else `model:`, else empty). */
  namespace: string;
  /** The manifest's `generate.outDir`, normalised (workspace-relative POSIX path). */
  outDir: string;
  /** The manifest's `generate.scaffoldDir`, normalised. */
  scaffoldDir: string;
  /** Module system of the output: `commonjs` or `esm` (`generate.module`, else the workspace's package.json). */
  module: 'commonjs' | 'esm';
}

/**
 * Relative module specifiers, from the file being rendered (with `.js` extensions for ESM output), of every module of the artifacts table
 * that has a `module` key: `runtime`, `shared`, `registry`, `index`, and the context's `types`,
 * `messages`, `validators`, `validate`, `envelopes`, `upcasters`, `policies`, `readModels`,
 * `context` (its index). Context modules are present for views of a context.
 */
export type ImportsView = Readonly<Record<string, string>>;

/** A user upcaster or downcaster (scaffold) called by generated code. */
export interface UpcasterRef {
  /** Its function: `upcast<Message>V<n-1>ToV<n>` (upcasters) or `downcast<Event>V<n>ToV<n-1>` (downcasters). */
  fn: string;
  /** Workspace-relative path of the scaffold. */
  path: string;
}

/**
 * The `headers` schema of an event or command: the extension attributes its envelopes carry
 * (CloudEvents names), typed and validated.
 */
export interface HeadersView {
  /** Type of the headers, `<Message>Headers` (types.ts). */
  type: string;
  /** Validating function, `validate<Message>Headers` (validate.ts). */
  validator: string;
  /** Name of the compiled validator exported by validators.ts. */
  compiled: string;
  /** The attribute names the schema declares (`properties`), or null when it declares none (every attribute is kept). */
  names: string[] | null;
}

/** One version of an event. */
export interface VersionView {
  number: number;
  description: string | null;
  deprecated: boolean;
  /** `<Context>.<Event> v<n>`, for messages and comments. */
  label: string;
  /** Payload type, `<Event>V<n>` (types.ts). */
  payloadType: string;
  /** Message type, `<Event>V<n>Event` (messages.ts). */
  messageType: string;
  /** Envelope type, `<Event>V<n>Envelope` (envelopes.ts). */
  envelopeType: string;
  /** Type guard, `is<Event>V<n>Event` (messages.ts). */
  guard: string;
  /** Validating function, `validate<Event>V<n>` (validate.ts). */
  validator: string;
  /** Name of the compiled validator exported by validators.ts. */
  compiled: string;
  /** Envelope factory, `create<Event>V<n>Envelope`. */
  factory: string;
  /** Constant holding the CloudEvents `type`, `<Event>V<n>Type`. */
  typeConst: string;
  /** The CloudEvents `type` (per the versioning strategy). */
  ceType: string;
  /** Constant holding the `dataschema`, `<Event>V<n>DataSchema`. */
  dataschemaConst: string;
  /** The CloudEvents `dataschema` URI (also the `$id` of the version's JSON Schema file). */
  dataschema: string;
  /** Constant holding the channel, `<Event>V<n>Channel` (declared only when `channel` is set). */
  channelConst: string;
  /** The version's channel, or null. */
  channel: string | null;
  /** The default schema registry id (`registry` strategy), or null. */
  schemaId: string | null;
  /** Upcaster chain to this version, `upcast<Event>ToV<n>` (upcasters.ts). */
  upcastTo: string;
  /** Message types of this and every earlier version. */
  upTo: string[];
  /** The version before, or null for the first. */
  previous: { number: number; payloadType: string; messageType: string; upcastTo: string } | null;
  /** The step from `previous` calls the user's upcaster (`upcast: true`). */
  upcast: boolean;
  /** The user's upcaster of this step, with `import` relative to upcasters.ts; null without `upcast`. */
  upcaster: (UpcasterRef & { import: string }) | null;
  /** The step to the previous version calls the user's downcaster (`downcast: true`). */
  downcast: boolean;
  /** The user's downcaster of this step (v<n> → v<n-1>); null without `downcast`. */
  downcaster: UpcasterRef | null;
  isLatest: boolean;
  /** Workspace-relative path of the version's JSON Schema file. */
  schemaFile: string;
}

/** An event with its versions. */
export interface EventView {
  name: string;
  context: string;
  description: string | null;
  /** Effective versioning strategy: `name`, `payload`, `channel` or `registry`. */
  versioning: string;
  /** Union of the versions' message types, `<Event>Event`. */
  messageUnion: string;
  /** Union of the versions' envelope types, `<Event>Envelope`. */
  envelopeUnion: string;
  /** Envelope function for any version, `to<Event>Envelope`. */
  toEnvelope: string;
  /** Type guard for any version, `is<Event>Event`. */
  guard: string;
  /** Alias of the latest payload type, `<Event>` (types.ts). */
  latestAlias: string;
  latestVersion: number;
  latest: VersionView;
  /** Upcaster of any version to the latest, `upcast<Event>`. */
  upcastLatest: string;
  /** The event's channel, or null. */
  channel: string | null;
  /** `<namespace>.<context>.<Event>`: CloudEvents type stem and registry subject. */
  subject: string;
  versions: VersionView[];
  /** Its `headers` (extension attributes of its envelopes), or null. */
  headers: HeadersView | null;
  /**
   * The aggregate whose stream it belongs to (declared `aggregate:` or emitted by its commands):
   * where `receive` appends it when it arrives from outside; null: a stream of its own per event.
   */
  aggregate: { name: string; definition: string } | null;
}

/** One version of a command. */
export interface CommandVersionView {
  number: number;
  /** `<Context>.<Command> v<n>`. */
  label: string;
  /** Payload type: the command's for the latest version, `<Command>V<n>` for older ones (types.ts). */
  payloadType: string;
  /** Message type: `<Command>Command` for the latest, `<Command>V<n>Command` for older ones. */
  messageType: string;
  /** Validating function: `validate<Command>` for the latest, `validate<Command>V<n>` for older ones. */
  validator: string;
  /** Name of the compiled validator exported by validators.ts. */
  compiled: string;
  /** Upcaster chain to this version, `upcast<Command>ToV<n>` (upcasters.ts; versioned commands only). */
  upcastTo: string;
  /** Message types of this and every earlier version. */
  upTo: string[];
  previous: { number: number; payloadType: string; messageType: string; upcastTo: string } | null;
  /** The step from `previous` calls the user's upcaster (`upcast: true`). */
  upcast: boolean;
  /** The user's upcaster of this step, with `import` relative to upcasters.ts; null without `upcast`. */
  upcaster: (UpcasterRef & { import: string }) | null;
  isLatest: boolean;
}

export interface CommandView {
  name: string;
  context: string;
  description: string | null;
  /** `<Context>.<Command>`. */
  label: string;
  /** Payload type, `<Command>` (types.ts). */
  payloadType: string;
  /** Message type, `<Command>Command`. */
  messageType: string;
  /** Type guard, `is<Command>Command`. */
  guard: string;
  /** Validating function, `validate<Command>`. */
  validator: string;
  /** Name of the compiled validator exported by validators.ts. */
  compiled: string;
  /** Name of the aggregate handling it, or null. */
  aggregate: string | null;
  /** Events it emits, as written in the model (`Event`, `Context.Event`, `Event@2`). */
  emits: string[];
  /** Workspace-relative path of its JSON Schema file. */
  schemaFile: string;
  /** Its versions, oldest first (one for a command without `versions:`). */
  versions: CommandVersionView[];
  latestVersion: number;
  /** More than one version: the router upcasts older ones to the latest. */
  versioned: boolean;
  /** Any version of it, lifted to the latest, `upcast<Command>` (upcasters.ts; versioned commands only). */
  upcastLatest: string;
  /** Union of its versions' message types, `<Command>AnyVersion` (versioned commands only). */
  anyVersion: string;
  /** Its `headers`, or null. */
  headers: HeadersView | null;
  /** The definition constant of its aggregate (`<Aggregate>Aggregate`, aggregates.ts), or null. */
  aggregateDefinition: string | null;
}

/** An event a policy reacts to or a read model reads, in the version it receives. */
export interface TriggerView {
  context: string;
  event: string;
  /** The pinned version (`Event@N`), else the latest. */
  version: number;
  pinned: boolean;
  /** `<Context>Messages.<Event>V<n>Event`, through the module's import alias. */
  messageType: string;
  /** `<Context>Upcasters.upcast<Event>ToV<n>`, through the module's import alias. */
  upcastFn: string;
  /** `<Context>Messages.<Event>Event` (any version), through the module's import alias. */
  messageUnion: string;
  /**
   * Versions newer than the one received, and how each reaches this consumer (from
   * `pinnedRoutes()`): one step at a time, as it is or through a downcaster; `ok: false` when no
   * path exists (such events are dead-lettered with `reason`).
   */
  newer: NewerVersionView[];
}

/** A version newer than a consumer's pinned one. */
export interface NewerVersionView {
  version: number;
  ok: boolean;
  /** Why it cannot be delivered (ok: false), else null. */
  reason: string | null;
  /** The steps down to the pinned version, newest first; `fn` is the downcaster's local name in the consumer's module. */
  steps: { from: number; to: number; via: 'as-is' | 'downcaster'; fn: string | null }[];
  /** A TypeScript expression turning `event.data` into the pinned version's payload (ok: true), else null. */
  expression: string | null;
}

/** The user's file a registry binding calls. */
export interface ScaffoldRef {
  /** Workspace-relative path of the scaffold. */
  path: string;
  /** Import specifier from the generated registry. */
  import: string;
  /** Local name in the registry. */
  local: string;
}

export interface PolicyView {
  name: string;
  context: string;
  description: string | null;
  /** Descriptor constant, `<Policy>Policy`. */
  descriptor: string;
  /** Delivery constant, `<Policy>Delivery`. */
  deliveryConst: string;
  /** Delivery as the model says (the manifest's default mode when the policy sets none). */
  delivery: {
    mode: string;
    retry: { maxAttempts: number | null; backoff: string | null; initialDelayMs: number | null; maxDelayMs: number | null } | null;
    deadLetter: string | null;
    poll: { intervalMs: number | null; batchSize: number | null } | null;
  };
  /** What the reaction receives, `<Policy>Input`. */
  inputType: string;
  /** What the reaction returns, `<Policy>Output`. */
  outputType: string;
  triggers: TriggerView[];
  /** The command it issues (the pinned version's message type for `issue: Command@N`), or null. */
  issue: { context: string; name: string; messageType: string; version: number | null } | null;
  /** No `issue`: a notification, whose reaction returns nothing (delivery, retry and dead letters still apply). */
  notification: boolean;
  /** The reaction scaffold. */
  scaffold: ScaffoldRef;
}

/** A query a read model answers. */
export interface QueryView {
  name: string;
  description: string | null;
  returns: 'one' | 'many';
  /** `one` without a request schema: the view of one key. */
  byKey: boolean;
  /** Request type, `<Query>Request` (types.ts), or null without a schema. */
  requestType: string | null;
  /** Validating function of the request, `validate<Query>Request`, or null. */
  validator: string | null;
  /** Name of the compiled validator exported by validators.ts, or null. */
  compiled: string | null;
}

export interface ReadModelView {
  name: string;
  context: string;
  description: string | null;
  /** View type, `<ReadModel>View` (types.ts). */
  viewType: string;
  /** Descriptor constant, `<ReadModel>ReadModel`. */
  descriptor: string;
  /** What the projection receives, `<ReadModel>Input`. */
  inputType: string;
  triggers: TriggerView[];
  /** Distinct event names of the triggers (the projection's switch cases). */
  caseNames: string[];
  /** The projection scaffold. */
  scaffold: ScaffoldRef;
  /** The `key` property path, split at dots, or null (one view for the whole read model). */
  key: string[] | null;
  /** The `key` as written, or null. */
  keyText: string | null;
  queries: QueryView[];
  /** Interface of its queries, `<ReadModel>Queries` (read-models.ts). */
  queriesType: string;
}

export interface AggregateView {
  name: string;
  context: string;
  description: string | null;
  /** State type, `<Aggregate>State` (types.ts). */
  stateType: string;
  /** Union of its commands, `<Aggregate>Command` (messages.ts). */
  commandUnion: string;
  /** Union of its events (latest versions), `<Aggregate>Event` (messages.ts). */
  eventUnion: string;
  /** Commands whose `aggregate` is this one. */
  commands: CommandView[];
  /** Events of this aggregate (declared `aggregate:` or emitted by its commands), latest message type. */
  events: { name: string; messageType: string }[];
  /** Name of the decider constant in the scaffold, `<aggregate>Decider`. */
  deciderName: string;
  /** Workspace-relative path of the decider scaffold. */
  scaffold: string;
  /** Import specifier of the decider scaffold from aggregates.ts. */
  scaffoldImport: string;
  /** The `id` property path, split at dots, or null (its commands cannot be routed). */
  id: string[] | null;
  /** The `id` as written, or null. */
  idText: string | null;
  /** Stream type: streams are `<Context>.<Aggregate>-<id>`. */
  streamType: string;
  /** Its definition on Emmett, `<Aggregate>Aggregate` (aggregates.ts). */
  definition: string;
  /** Any stored version of its events → the latest, `upcast<Aggregate>Event` (aggregates.ts). */
  upcastFn: string;
  /** Its events with the upcaster of each to the latest (upcasters.ts). */
  eventUpcasters: { name: string; messageUnion: string; upcastLatest: string }[];
}

/** A namespace import of a context's module. */
export interface ImportView {
  alias: string;
  from: string;
}

/** A user downcaster imported by a consumer's module. */
export interface DowncasterImportView {
  /** Its name in the importing module (`<Context>$<fn>`). */
  local: string;
  fn: string;
  from: string;
}

/** A bounded context: everything its modules declare. */
export interface ContextView {
  name: string;
  /** Its folder under outDir and scaffoldDir: the kebab case of its name, `-context` added when that is taken or reserved. */
  dir: string;
  description: string | null;
  /** Default CloudEvents `source`: `<namespace>/<dir>`. */
  source: string;
  /**
   * Names of the context-wide unions: `<Context>ContextCommand` (latest versions), `…AnyCommand`
   * (every version: what the router accepts), `…Event`, `…LatestEvent`, `…Envelope`.
   */
  unions: { command: string; anyCommand: string; event: string; latestEvent: string; envelope: string };
  commands: CommandView[];
  events: EventView[];
  aggregates: AggregateView[];
  policies: PolicyView[];
  readModels: ReadModelView[];
  /** Generated TypeScript declarations of types.ts, one block per payload, state and view. */
  typeBlocks: string[];
  /** types.ts refers to shared types (imports `shared`). */
  usesShared: boolean;
  /**
   * Compiled validator code (chunks of CommonJS-style code assigning `exports.<fn>`, each run in
   * its own function scope), the names validators.ts exports from them, and (ESM output) the
   * default imports that replace the `require` calls of Ajv's runtime helpers.
   */
  validators: { chunks: { code: string }[]; exports: { name: string; chunk: number; fn: string }[]; imports: { local: string; from: string }[] };
  /**
   * Namespace imports of (other) contexts' messages and upcasters, for policies.ts and
   * read-models.ts, and the user downcasters their pinned triggers call (`local` is the name in the module).
   */
  policyImports: { messages: ImportView[]; upcasters: ImportView[]; downcasters: DowncasterImportView[] };
  readModelImports: { messages: ImportView[]; upcasters: ImportView[]; downcasters: DowncasterImportView[] };
  /** Upcaster scaffolds of events and commands. */
  upcasters: UpcasterRef[];
  hasUpcasters: boolean;
  /** Downcaster scaffolds of this context's events. */
  downcasters: UpcasterRef[];
  /** Commands with more than one version. */
  hasVersionedCommands: boolean;
  /** Some query of its read models has a request schema (read-models.ts imports their validators). */
  hasQueryRequests: boolean;
  /** The types read-models.ts needs for the queries: views of read models with queries, request types (each once). */
  queryTypes: string[];
  /** What aggregates.ts imports from the context's modules (each name once). */
  aggregateImports: { messages: string[]; types: string[]; upcasters: string[]; validate: string[] };
  /** Its external systems (sources of events that `receive` accepts). */
  externalSystems: { name: string; description: string | null; kind: string; emits: string[]; sends: string[] }[];
  /** Some version follows its predecessor without an upcaster (the upcasters module needs `runtime.asCompatible`). */
  hasCompatibleSteps: boolean;
}

/** A type of an external schema file, declared once in shared-types.ts. */
export interface SharedTypeView {
  name: string;
  /** Workspace-relative schema file. */
  file: string;
  /** JSON pointer inside it ('' for the whole document). */
  fragment: string;
  /** Its TypeScript declarations. */
  code: string;
}

/** A context as the model-scope templates (index.ts, registry.ts) see it. */
export interface ModelContextView extends ContextView {
  /** Its namespace in index.ts (`export * as <exportName>`): its name, unless that is taken or reserved. */
  exportName: string;
  /** Specifiers of its modules from a file directly in outDir (keys as in `ImportsView`). */
  modules: ImportsView;
}

/** One spec as a context's specs.test.ts runs it. */
export interface SpecCaseView {
  /** Its identity (JSON): `context`, `owner`, `kind` (`command`, `policy`, `readModel`), `name`. */
  info: { context: string; owner: string; kind: 'command' | 'policy' | 'readModel'; name: string };
  /** Why it cannot run (its names do not resolve): the test fails with this message. Null otherwise. */
  problem: string | null;
  /**
   * What it exercises: the decider (`<Aggregate>DeciderModule.<aggregate>Decider`), the reaction
   * (`<Policy>ReactionModule.react`) or the projection module (`<ReadModel>ProjectionModule`).
   */
  call: string | null;
  /** The policy's or read model's descriptor constant (policies.ts, read-models.ts). */
  descriptor: string | null;
  /** The read model's key (a dot path), or null. */
  key: string | null;
  /**
   * Inputs and expectation as JSON: a command spec `{ given: [{ type, version, data }], command: { type, data },
   * expect: { events: [{ type, version?, data? }] } | { error: { kind?, message? } } }`; a policy spec
   * `{ when: { context, type, version, data }, expect: { command: { type, data? } | null } | { error } }`;
   * a read model spec `{ given: [{ context, type, version, data }], expect: { key?, view } }`.
   */
  input: unknown;
}

/** The specs of a context (context-scope views): what `specs.test.ts` imports and runs. */
export interface SpecsView {
  any: boolean;
  /** Some command spec runs (the file imports Emmett's DeciderSpecification, the upcasters and validate modules). */
  usesDecider: boolean;
  usesPolicies: boolean;
  usesReadModels: boolean;
  /** Namespace imports of the scaffolds the specs exercise, relative to the file. */
  modules: ImportView[];
  cases: SpecCaseView[];
}

interface Base {
  header: string;
  model: ModelView;
  imports: ImportsView;
}

/** The view of each scope (what the templates of the artifacts table's rows of that scope see). */
export interface ScopeViews {
  model: Base & { contexts: ModelContextView[]; policies: PolicyView[]; readModels: ReadModelView[]; shared: SharedTypeView[] };
  /** `specs`: the context's Given/When/Then specs (every context-scope template sees them). */
  context: Base & { context: ContextView; specs: SpecsView };
  /** `schema` is the bundled JSON Schema file's content. */
  command: Base & { context: ContextView; command: CommandView; schema: unknown };
  eventVersion: Base & { context: ContextView; event: EventView; version: VersionView; schema: unknown };
  aggregate: Base & { context: ContextView; aggregate: AggregateView };
  policy: Base & { context: ContextView; policy: PolicyView };
  readModel: Base & { context: ContextView; readModel: ReadModelView };
  upcast: Base & { context: ContextView; event: EventView; version: VersionView };
  downcast: Base & { context: ContextView; event: EventView; version: VersionView };
  commandUpcast: Base & { context: ContextView; command: CommandView; version: CommandVersionView };
}

export type View<S extends Scope = Scope> = ScopeViews[S];

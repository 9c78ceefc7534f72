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

/** A user upcaster (scaffold) called by the generated upcaster chain. */
export interface UpcasterRef {
  /** Its function, `upcast<Event>V<n-1>ToV<n>`. */
  fn: string;
  /** Workspace-relative path of the scaffold. */
  path: string;
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
  /** The command it issues, or null. */
  issue: { context: string; name: string; messageType: string } | null;
  /** The reaction scaffold. */
  scaffold: ScaffoldRef;
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
}

/** A namespace import of a context's module. */
export interface ImportView {
  alias: string;
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
  /** Names of the context-wide unions: `<Context>ContextCommand`, `…Event`, `…LatestEvent`, `…Envelope`. */
  unions: { command: string; event: string; latestEvent: string; envelope: string };
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
  /** Namespace imports of (other) contexts' messages and upcasters, for policies.ts and read-models.ts. */
  policyImports: { messages: ImportView[]; upcasters: ImportView[] };
  readModelImports: { messages: ImportView[]; upcasters: ImportView[] };
  upcasters: UpcasterRef[];
  hasUpcasters: boolean;
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
}

export type View<S extends Scope = Scope> = ScopeViews[S];

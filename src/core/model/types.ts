import type { Document as YamlDocument, Node as YamlNode } from 'yaml';
import type { SeveritySetting, SourceRange } from '../diagnostic';
import type { CompatibilityMode, CompatibilityPolicy } from '../compat/modes';
import type { SpecDef, SpecRole } from './spec-types';

export * from './spec-types';

// The engine owns the modes and policies; the model format uses the same lists.
export { COMPATIBILITY_MODES, COMPATIBILITY_POLICIES, type CompatibilityMode, type CompatibilityPolicy } from '../compat/modes';

export const VERSIONING_STRATEGIES = ['name', 'payload', 'channel', 'registry'] as const;
export type VersioningStrategy = (typeof VERSIONING_STRATEGIES)[number];

/** Context Mapper's DDD relationship patterns. */
export const RELATIONSHIP_PATTERNS = [
  'partnership',
  'shared-kernel',
  'customer-supplier',
  'conformist',
  'anticorruption-layer',
  'open-host-service',
  'published-language',
  'separate-ways',
] as const;
export type RelationshipPattern = (typeof RELATIONSHIP_PATTERNS)[number];

export type DeliveryMode = 'push' | 'poll';

/** A scalar as written, with where it was written. */
export interface Located<T> {
  value: T;
  range: SourceRange;
}

/**
 * A payload (or state) schema as written: inline YAML, or a `$ref` into an external file.
 * `value` is the plain JSON value of the node (its `$ref`s not yet followed).
 * `pointer` locates the node inside `file`'s document (JSON pointer), so any path inside the
 * schema can be mapped back to a YAML node, following `$ref`s into other files.
 */
export interface SchemaSource {
  file: string;
  pointer: string;
  value: unknown;
  range: SourceRange;
}

export interface DeliverySpec {
  mode?: Located<DeliveryMode>;
  retry?: {
    maxAttempts?: number;
    backoff?: 'fixed' | 'linear' | 'exponential';
    initialDelayMs?: number;
    maxDelayMs?: number;
    range: SourceRange;
  };
  deadLetter?: Located<string>;
  poll?: { intervalMs?: number; batchSize?: number; range: SourceRange };
  range: SourceRange;
}

export type DefinitionKind = 'context' | 'aggregate' | 'command' | 'event' | 'eventVersion' | 'policy' | 'readModel' | 'actor' | 'externalSystem';

interface DefinitionBase {
  name: string;
  /** Range of the name as written (the map key, or the `context:` value). */
  nameRange: SourceRange;
  /** Range of the whole definition (key and value). */
  range: SourceRange;
  description?: string;
  /** Free labels (`tags: [pii, billing]`), exported to catalogues. */
  tags?: string[];
  /** Teams or people responsible (`owners: [team-checkout]`; a context's `owner` counts too). */
  owners?: string[];
  /** Custom properties, kept as written (JSON values). */
  metadata?: Record<string, unknown>;
}

/**
 * A reference as written: `Name`, `Context.Name`, `Name@N` or `Context.Name@N`.
 * Ranges of each part let rename touch only the name, and hover show the version.
 */
export interface Reference {
  /** What the reference must point at. */
  kind: 'context' | 'aggregate' | 'command' | 'event' | 'policy' | 'readModel';
  /** Why it exists, for messages and the map (`spec…`: written in a Given/When/Then spec). */
  role: 'emits' | 'aggregate' | 'when' | 'issue' | 'from' | 'upstream' | 'downstream' | 'partner' | 'sends' | SpecRole;
  text: string;
  range: SourceRange;
  /** The context the reference is written in (the scope of a plain `Name`). */
  fromContext: string;
  /** Name of the definition that contains the reference (the command of an `emits`, the policy of a `when`…). */
  ownerName?: string;
  /** Explicit `Context.` qualifier, if any. */
  context?: Located<string>;
  name: Located<string>;
  version?: Located<number>;
}

/** One version of an event or a command (`versions: { 2: {...} }`, or the `schema:` shorthand = version 1). */
export interface EventVersion {
  number: number;
  /** Range of the version key (`2:`). */
  numberRange: SourceRange;
  range: SourceRange;
  schema?: SchemaSource;
  /** An upcaster from the previous version exists: new readers get older data translated (covers BACKWARD breaks). */
  upcast: boolean;
  upcastRange?: SourceRange;
  /** A downcaster to the previous version exists: old readers get this version's data translated (covers FORWARD breaks). */
  downcast: boolean;
  downcastRange?: SourceRange;
  channel?: string;
  deprecated?: boolean;
  description?: string;
}

export interface EventDef extends DefinitionBase {
  kind: 'event';
  context: string;
  aggregate?: Reference;
  channel?: string;
  compatibility?: Located<CompatibilityMode>;
  compatibilityPolicy?: Located<CompatibilityPolicy>;
  versioning?: Located<VersioningStrategy>;
  /** Schema of the extension attributes (headers) every version carries, e.g. `tenantid`. */
  headers?: SchemaSource;
  /** Sorted by number; a `schema:` shorthand on the event is version 1. */
  versions: EventVersion[];
}

/** A version of an event or a command: both evolve by the same rules. */
export type MessageVersion = EventVersion;

export interface CommandDef extends DefinitionBase {
  kind: 'command';
  context: string;
  aggregate?: Reference;
  emits: Reference[];
  /** The latest version's schema (what handlers accept today). */
  schema?: SchemaSource;
  compatibility?: Located<CompatibilityMode>;
  compatibilityPolicy?: Located<CompatibilityPolicy>;
  /** Schema of the extension attributes (headers) every version carries. */
  headers?: SchemaSource;
  /** Sorted by number; a `schema:` shorthand on the command is version 1. */
  versions: EventVersion[];
  /** Given/When/Then specs written under the command (spec files add theirs through the index). */
  specs: SpecDef[];
}

/** Events and commands: the definitions that have versioned payloads. */
export type MessageDef = EventDef | CommandDef;

export interface AggregateDef extends DefinitionBase {
  kind: 'aggregate';
  context: string;
  /** The property (a dot path) of its commands' and events' payloads that names one instance: its stream. */
  id?: Located<string>;
  state?: SchemaSource;
}

export interface PolicyDef extends DefinitionBase {
  kind: 'policy';
  context: string;
  /** One or more triggering events (`when: A` or `when: [A, B]`). */
  when: Reference[];
  /** The command issued; none for a reaction that only notifies (an e-mail, a webhook). */
  issue?: Reference;
  delivery?: DeliverySpec;
  specs: SpecDef[];
}

export interface ReadModelDef extends DefinitionBase {
  kind: 'readModel';
  context: string;
  from: Reference[];
  /** The property (a dot path) of every `from` event's payload that names one view document. */
  key?: Located<string>;
  schema?: SchemaSource;
  queries: QueryDef[];
  specs: SpecDef[];
}

/** A query a read model answers: one view by its key, or a list matching a request. */
export interface QueryDef {
  name: string;
  nameRange: SourceRange;
  range: SourceRange;
  description?: string;
  /** `one`: the view of one key; `many`: every view matching the request (equal properties). */
  returns: 'one' | 'many';
  /** Schema of the request (its properties filter the views); none: by key (`one`) or all (`many`). */
  schema?: SchemaSource;
}

/** Someone outside the system who sends commands: a customer, a clerk, a UI, an API client. */
export interface ActorDef extends DefinitionBase {
  kind: 'actor';
  context: string;
  sends: Reference[];
}

/** A system outside the model (a payment provider, a device, a timer) that sends commands or is the source of events. */
export interface ExternalSystemDef extends DefinitionBase {
  kind: 'externalSystem';
  context: string;
  systemKind: 'system' | 'device' | 'timer';
  sends: Reference[];
  /** Events of this context that the system is the source of (no command emits them). */
  emits: Reference[];
}

/** One relationship entry as declared in a context file. */
export interface Relationship {
  /** The context that declares it. */
  context: string;
  /** The other context, and which side it is on from the declaring context's view. */
  other?: Reference;
  direction: 'upstream' | 'downstream' | 'partner';
  /** DDD patterns; may be empty for a plain dependency. */
  patterns: Located<string>[];
  /** Free text shown on the map edge (`label: uses the REST API`). */
  label?: string;
  description?: string;
  tags?: string[];
  range: SourceRange;
}

export interface ContextDef extends DefinitionBase {
  kind: 'context';
  file: string;
  owner?: string;
  compatibility?: Located<CompatibilityMode>;
  compatibilityPolicy?: Located<CompatibilityPolicy>;
  versioning?: Located<VersioningStrategy>;
  relationships: Relationship[];
  aggregates: AggregateDef[];
  commands: CommandDef[];
  events: EventDef[];
  policies: PolicyDef[];
  readModels: ReadModelDef[];
  actors: ActorDef[];
  externalSystems: ExternalSystemDef[];
}

export interface ManifestDefaults {
  compatibility: CompatibilityMode;
  compatibilityPolicy: CompatibilityPolicy;
  versioning: VersioningStrategy;
  delivery: { mode: DeliveryMode };
}

export interface GenerateSettings {
  outDir: string;
  scaffoldDir: string;
  templates?: string;
  /** Command the editor's "Run specs" runs in the workspace folder (default `npm test`). */
  testCommand?: string;
  /** Module system of the generated code; unset: the workspace's package.json decides (front ends). */
  module?: 'commonjs' | 'esm';
}

export interface Manifest {
  file: string;
  model?: string;
  namespace?: string;
  include: Located<string>[];
  /** Globs of spec files (`specs: [specs/*.yaml]`). */
  specs: Located<string>[];
  defaults: ManifestDefaults;
  generate: GenerateSettings;
  /** Severity overrides by rule id, with where each was written. */
  rules: Map<string, Located<SeveritySetting>>;
  range: SourceRange;
}

/** A YAML or JSON file of the model (manifest, context file or external schema). */
export interface SourceFile {
  path: string;
  text: string;
  kind: 'manifest' | 'context' | 'schema' | 'specs';
  /** Parsed document; undefined when the file could not be read as text. */
  doc?: YamlDocument.Parsed;
  /** Offsets of line starts, for offset → position. */
  lineStarts: number[];
  /** A version stamp, bumped whenever the file's text changes. */
  version: number;
}

export type AnyDefinition = ContextDef | AggregateDef | CommandDef | EventDef | PolicyDef | ReadModelDef | ActorDef | ExternalSystemDef;

export type { YamlNode };

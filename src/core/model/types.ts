import type { Node as YamlNode } from 'yaml';
import type { SeveritySetting, SourceRange } from '../diagnostic';
import type { CompatibilityMode, CompatibilityPolicy } from '../compat/modes';

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

export type DefinitionKind =
  | 'context'
  | 'aggregate'
  | 'command'
  | 'event'
  | 'eventVersion'
  | 'policy'
  | 'readModel';

interface DefinitionBase {
  name: string;
  /** Range of the name as written (the map key, or the `context:` value). */
  nameRange: SourceRange;
  /** Range of the whole definition (key and value). */
  range: SourceRange;
  description?: string;
}

/**
 * A reference as written: `Name`, `Context.Name`, `Name@N` or `Context.Name@N`.
 * Ranges of each part let rename touch only the name, and hover show the version.
 */
export interface Reference {
  /** What the reference must point at. */
  kind: 'context' | 'aggregate' | 'command' | 'event';
  /** Why it exists, for messages and the map. */
  role: 'emits' | 'aggregate' | 'when' | 'issue' | 'from' | 'upstream' | 'downstream' | 'partner';
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

export interface EventVersion {
  number: number;
  /** Range of the version key (`2:`). */
  numberRange: SourceRange;
  range: SourceRange;
  schema?: SchemaSource;
  upcast: boolean;
  upcastRange?: SourceRange;
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
  /** Sorted by number; a `schema:` shorthand on the event is version 1. */
  versions: EventVersion[];
}

export interface CommandDef extends DefinitionBase {
  kind: 'command';
  context: string;
  aggregate?: Reference;
  emits: Reference[];
  schema?: SchemaSource;
}

export interface AggregateDef extends DefinitionBase {
  kind: 'aggregate';
  context: string;
  state?: SchemaSource;
}

export interface PolicyDef extends DefinitionBase {
  kind: 'policy';
  context: string;
  /** One or more triggering events (`when: A` or `when: [A, B]`). */
  when: Reference[];
  issue?: Reference;
  delivery?: DeliverySpec;
}

export interface ReadModelDef extends DefinitionBase {
  kind: 'readModel';
  context: string;
  from: Reference[];
  schema?: SchemaSource;
}

/** One relationship entry as declared in a context file. */
export interface Relationship {
  /** The context that declares it. */
  context: string;
  /** The other context, and which side it is on from the declaring context's view. */
  other?: Reference;
  direction: 'upstream' | 'downstream' | 'partner';
  patterns: Located<string>[];
  description?: string;
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
}

export interface Manifest {
  file: string;
  model?: string;
  namespace?: string;
  include: Located<string>[];
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
  kind: 'manifest' | 'context' | 'schema';
  /** Parsed document; undefined when the file could not be read as text. */
  doc?: import('yaml').Document.Parsed;
  /** Offsets of line starts, for offset → position. */
  lineStarts: number[];
  /** A version stamp, bumped whenever the file's text changes. */
  version: number;
}

export type AnyDefinition = ContextDef | AggregateDef | CommandDef | EventDef | PolicyDef | ReadModelDef;

export type { YamlNode };

import type { SourceRange } from '../diagnostic';
import type { ModelIndex } from './model-index';
import type { LoadedFile } from './source';
import type { ContextDef, Manifest, CompatibilityMode, CompatibilityPolicy, MessageDef, VersioningStrategy } from './types';

/** One `$ref` to another file, as written in a schema. */
export interface SchemaLink {
  /** File containing the `$ref`. */
  file: string;
  /** Pointer of the `$ref` member in that file's document. */
  pointer: string;
  ref: string;
  /** Range of the `$ref` value. */
  range: SourceRange;
  /** Workspace-relative target file, when the path stays inside the workspace. */
  target?: string;
  /** Fragment after `#` (a JSON pointer), '' for the whole document. */
  fragment: string;
  problem?: { kind: 'outside-workspace' | 'remote' | 'missing-file' | 'unreadable' | 'missing-fragment'; message: string };
}

/** The loaded model: what every front end (CLI, server, codegen, map) reads. Immutable once built. */
export interface Model {
  manifest?: Manifest;
  /** Manifest, context and external schema files by workspace-relative path. */
  files: ReadonlyMap<string, LoadedFile>;
  /** Context files matched by `include`, in path order. */
  contextFiles: string[];
  contexts: ContextDef[];
  index: ModelIndex;
  schemaLinks: SchemaLink[];
}

export interface EffectiveEventSettings {
  compatibility: CompatibilityMode;
  compatibilityPolicy: CompatibilityPolicy;
  versioning: VersioningStrategy;
}

/** The event's (or command's) own setting, else its context's, else the manifest's defaults. */
export function effectiveSettings(model: Model, event: MessageDef): EffectiveEventSettings {
  const ctx = model.index.context(event.context);
  const defaults = model.manifest?.defaults;
  return {
    compatibility: event.compatibility?.value ?? ctx?.compatibility?.value ?? defaults?.compatibility ?? 'BACKWARD',
    compatibilityPolicy: event.compatibilityPolicy?.value ?? ctx?.compatibilityPolicy?.value ?? defaults?.compatibilityPolicy ?? 'strict',
    versioning: (event.kind === 'event' ? event.versioning?.value : undefined) ?? ctx?.versioning?.value ?? defaults?.versioning ?? 'payload',
  };
}

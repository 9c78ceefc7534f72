/** The pure core's public API: every front end (CLI, language server, codegen, map) starts here. */
export * from './diagnostic';
export * from './model/types';
export type { Model, SchemaLink, EffectiveEventSettings } from './model/model';
export { effectiveSettings } from './model/model';
export { ModelIndex, definitionsIn, type Resolution } from './model/model-index';
export { Workspace, type WorkspaceOptions } from './workspace/workspace';
export { applySeverity, severitySettings } from './workspace/severity';
export { MemoryHost, type WorkspaceHost } from './model/host';
export { MANIFEST_FILE } from './model/parse-manifest';
export { locatePointer } from './model/locate';
export { schemaSourcesOf } from './model/schema-sources';
export { resolveInsideWorkspace } from './model/paths';
export type { LoadedFile } from './model/source';
export { ALL_RULES, RULE_CATALOGUE, RULE_IDS, findRule, type RuleInfo } from './rules/registry';
export type { Rule, RuleCategory } from './rules/rule';

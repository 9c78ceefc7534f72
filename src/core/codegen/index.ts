/** Code generation: a pure plan of files from a model and templates (the writer lives in src/node). */
export {
  planGeneration,
  GENERATED_MARKER,
  type PlanOptions,
  type PlannedFile,
  type GenerationPlan,
  type GenerationProblem,
  type FileOwner,
  type ModuleSystem,
} from './plan';
export { GenerationCache } from './cache';
export { ARTIFACTS, artifactsMarkdown, type Artifact, type Scope } from './artifacts';
export type * as Views from './views';
export { TEMPLATES, TEMPLATE_NAMES, HELPERS, type TemplateName } from './templates';
export { identifierProblem, pascalCase, camelCase, kebabCase, constantCase, docComment, commentText, stringLiteral } from './names';
export { normalizeOutputDir, isInside } from './paths';

/** The schema walker (see `walker.ts`) and its keyword families (see `registry.ts`). */
export type { SchemaChange } from './change';
export { DEFAULT_LIMITS, type DiffOutcome, type WalkLimits, walk } from './walker';

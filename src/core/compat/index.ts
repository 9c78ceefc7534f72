/**
 * Schema compatibility engine: public API. Pure (no I/O, no `vscode`); external `$ref`s are read
 * through an injected {@link SchemaResolver}.
 */
import { type Policy } from './changes';
import { DEFAULT_LIMITS, type SchemaChange, type WalkLimits, walk } from './diff';
import { type Mode, comparedVersions, isCompatibleUnder } from './modes';
import { isObject, parsePointer } from './pointer';
import { type Loc, RefResolver, type SchemaLocation, type SchemaResolver } from './resolve';

export { CHANGE_TYPES, type ChangeType, type ChangeTypeInfo, type ChangeCategory, type Policy, changeTypeInfo, isBackwardCompatibleType, isChangeType } from './changes';
export { type SchemaChange } from './diff';
export { MODES, POLICIES, type Mode, brokenReaders, comparedVersions, directions, isCompatibleUnder, isMode, isTransitive } from './modes';
export { type SchemaLocation, type SchemaResolver } from './resolve';

export interface DiffOptions {
  policy?: Policy;
  /** Name of the document holding the old schema (default `old`). */
  oldDocument?: string;
  /** Name of the document holding the new schema (default `new`). */
  newDocument?: string;
  /** Pointer of the old schema inside its document, when embedded in a larger file (default ''). */
  oldPointer?: string;
  newPointer?: string;
  /** Loads external documents for both sides. */
  resolve?: SchemaResolver;
  /** Overrides `resolve` for the old side (e.g. files read from a git baseline). */
  resolveOld?: SchemaResolver;
  resolveNew?: SchemaResolver;
  limits?: Partial<WalkLimits>;
}

export interface SchemaProblem {
  side: 'old' | 'new';
  kind: 'unresolved-ref' | 'invalid-schema' | 'too-deep' | 'truncated';
  location: SchemaLocation;
  message: string;
}

export interface SchemaComparison {
  changes: SchemaChange[];
  /** Every change is backward compatible. */
  backward: boolean;
  /** Every change is forward compatible. */
  forward: boolean;
  /** Input the engine could not fully use (bad `$ref`s, non-schemas, limits hit). */
  problems: SchemaProblem[];
}

/** Compares two schemas and reports every change with both directions' verdicts. */
export function compareSchemas(oldSchema: unknown, newSchema: unknown, opts: DiffOptions = {}): SchemaComparison {
  const oldR = new RefResolver(oldSchema, opts.oldDocument ?? 'old', opts.oldPointer ?? '', opts.resolveOld ?? opts.resolve);
  const newR = new RefResolver(newSchema, opts.newDocument ?? 'new', opts.newPointer ?? '', opts.resolveNew ?? opts.resolve);
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const outcome = walk(oldR, newR, opts.policy ?? 'strict', limits);
  const problems: SchemaProblem[] = [
    ...oldR.problems.map((p) => ({ side: 'old' as const, ...p })),
    ...newR.problems.map((p) => ({ side: 'new' as const, ...p })),
  ];
  for (const location of outcome.tooDeep.slice(0, 1)) {
    problems.push({ side: 'new', kind: 'too-deep', location, message: `schema nesting deeper than ${limits.maxDepth} levels was not compared` });
  }
  if (outcome.truncated) {
    problems.push({ side: 'new', kind: 'truncated', location: { document: newR.rootDocument, pointer: opts.newPointer ?? '' }, message: `more than ${limits.maxChanges} changes; the rest were dropped` });
  }
  return { changes: outcome.changes, backward: outcome.backward, forward: outcome.forward, problems };
}

/** Every change between two schemas (old → new). */
export function diffSchemas(oldSchema: unknown, newSchema: unknown, opts: DiffOptions = {}): SchemaChange[] {
  return compareSchemas(oldSchema, newSchema, opts).changes;
}

/** Whether a list of changes is acceptable under a mode (NONE accepts everything). */
export function verdict(changes: ReadonlyArray<Pick<SchemaChange, 'backward' | 'forward'>>, mode: Mode): boolean {
  return changes.every((c) => isCompatibleUnder(c, mode));
}

export interface VersionDocument {
  /** Document holding the version's schema. */
  document: string;
  /** Pointer of the schema inside it (default ''). */
  pointer?: string;
}

export interface CompatibilityOptions extends Omit<DiffOptions, 'policy' | 'oldDocument' | 'newDocument' | 'oldPointer' | 'newPointer' | 'resolveOld' | 'resolveNew'> {
  /** Where each version is written, parallel to `versions`. */
  documents?: ReadonlyArray<VersionDocument | undefined>;
  /** Per-version resolvers, parallel to `versions` (default `resolve`). */
  resolvers?: ReadonlyArray<SchemaResolver | undefined>;
}

export interface PairReport {
  /** Index (in `versions`) of the earlier version. */
  older: number;
  /** Index of the version being checked (always the last). */
  newer: number;
  compatible: boolean;
  changes: Array<SchemaChange & { compatible: boolean }>;
  problems: SchemaProblem[];
}

export interface CompatibilityReport {
  compatible: boolean;
  mode: Mode;
  policy: Policy;
  /** One entry per earlier version the newest was checked against. */
  pairs: PairReport[];
  /** All changes of all pairs, each marked compatible or not under the mode. */
  changes: Array<SchemaChange & { compatible: boolean; older: number }>;
}

/**
 * Checks the newest of `versions` (oldest first) against the earlier ones the mode requires,
 * as a schema registry does when the newest version is registered.
 */
export function checkCompatibility(versions: readonly unknown[], mode: Mode, policy: Policy, opts: CompatibilityOptions = {}): CompatibilityReport {
  const newer = versions.length - 1;
  const pairs: PairReport[] = [];
  for (const older of comparedVersions(versions.length, mode)) {
    const od = opts.documents?.[older];
    const nd = opts.documents?.[newer];
    const comparison = compareSchemas(versions[older], versions[newer], {
      ...opts,
      policy,
      oldDocument: od?.document ?? `v${older + 1}`,
      oldPointer: od?.pointer,
      newDocument: nd?.document ?? `v${newer + 1}`,
      newPointer: nd?.pointer,
      resolveOld: opts.resolvers?.[older] ?? opts.resolve,
      resolveNew: opts.resolvers?.[newer] ?? opts.resolve,
    });
    const changes = comparison.changes.map((c) => ({ ...c, compatible: isCompatibleUnder(c, mode) }));
    pairs.push({ older, newer, compatible: changes.every((c) => c.compatible), changes, problems: comparison.problems });
  }
  return {
    compatible: pairs.every((p) => p.compatible),
    mode,
    policy,
    pairs,
    changes: pairs.flatMap((p) => p.changes.map((c) => ({ ...c, older: p.older }))),
  };
}

/**
 * Maps a logical path (as found in a change) to where it is physically written, following
 * `$ref`s: e.g. `/properties/lines/items/properties/sku` → (`order-line.json`, `/properties/sku`).
 * Returns the deepest location reached when the path leaves the schema.
 */
export function locatePath(
  schema: unknown,
  logicalPath: string,
  opts: { document?: string; pointer?: string; resolve?: SchemaResolver } = {},
): SchemaLocation {
  const r = new RefResolver(schema, opts.document ?? 'schema', opts.pointer ?? '', opts.resolve);
  let loc: Loc = r.root();
  let segments: string[];
  try {
    segments = parsePointer(logicalPath);
  } catch {
    return { document: loc.document, pointer: loc.pointer };
  }
  for (const seg of segments) {
    const here = r.deref(loc);
    const node = here.node;
    const next = Array.isArray(node) ? node[Number(seg)] : isObject(node) ? node[seg] : undefined;
    if (next === undefined) return { document: here.document, pointer: here.pointer };
    loc = { node: next, document: here.document, pointer: `${here.pointer}/${seg.replace(/~/g, '~0').replace(/\//g, '~1')}` };
  }
  return { document: loc.document, pointer: loc.pointer };
}

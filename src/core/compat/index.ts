/**
 * Schema compatibility engine: public API. Pure (no I/O, no `vscode`); external `$ref`s are read
 * through an injected {@link SchemaResolver}.
 */
import { type Policy } from './changes';
import { DEFAULT_LIMITS, type SchemaChange, type WalkLimits, walk } from './diff';
import { type Mode, comparedVersions, directions, isCompatibleUnder } from './modes';
import { escapeSegment, parsePointer } from '../json-pointer';
import { isObject } from './keywords';
import { type Loc, RefResolver, ResolverCache, type SchemaLocation, type SchemaResolver } from './resolve';

export {
  CHANGE_TYPES,
  type ChangeType,
  type ChangeTypeInfo,
  type ChangeCategory,
  type Policy,
  changeTypeInfo,
  isBackwardCompatibleType,
  isChangeType,
} from './changes';
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
  return compareResolved(oldR, newR, opts.policy ?? 'strict', opts.limits, opts.newPointer ?? '');
}

function compareResolved(
  oldR: RefResolver,
  newR: RefResolver,
  policy: Policy,
  limitsOpt: Partial<WalkLimits> | undefined,
  newPointer: string,
): SchemaComparison {
  const limits = limitsOpt ? { ...DEFAULT_LIMITS, ...limitsOpt } : DEFAULT_LIMITS;
  let outcome = walk(oldR, newR, policy, limits, true);
  if (outcome.tooDeep.length > 0) {
    // Nesting past the limit: which one is reported depends on the order of visits, which
    // skipping identical subschemas changes (see `walk`). Compare afresh, walking everything.
    oldR = oldR.fresh();
    newR = newR.fresh();
    outcome = walk(oldR, newR, policy, limits, false);
  }
  const problems: SchemaProblem[] = [];
  const oldProblems = oldR.problems;
  const newProblems = newR.problems;
  for (let i = 0; i < oldProblems.length; i++) problems.push({ side: 'old' as const, ...oldProblems[i] });
  for (let i = 0; i < newProblems.length; i++) problems.push({ side: 'new' as const, ...newProblems[i] });
  if (outcome.tooDeep.length > 0) {
    problems.push({
      side: 'new',
      kind: 'too-deep',
      location: outcome.tooDeep[0],
      message: `schema nesting deeper than ${limits.maxDepth} levels was not compared`,
    });
  }
  if (outcome.truncated) {
    problems.push({
      side: 'new',
      kind: 'truncated',
      location: { document: newR.rootDocument, pointer: newPointer },
      message: `more than ${limits.maxChanges} changes; the rest were dropped`,
    });
  }
  return { changes: outcome.changes, backward: outcome.backward, forward: outcome.forward, problems };
}

/**
 * One version of a history as the pairwise comparisons see it. `cache` holds what its `$ref`s
 * resolve to and is shared by every pair the version takes part in (filled on first use).
 */
export interface VersionSide {
  value: unknown;
  document: string;
  pointer: string;
  resolve?: SchemaResolver;
  cache?: ResolverCache;
}

function resolverOf(side: VersionSide): RefResolver {
  side.cache ??= new ResolverCache(side.value, side.document, side.pointer, side.resolve);
  return new RefResolver(side.value, side.document, side.pointer, side.resolve, side.cache);
}

/**
 * `compareSchemas` of two versions of a history, sharing each version's reference resolution
 * with its other pairs. Exactly the result of a fresh comparison: should a version's lookups
 * become order-dependent (see {@link ResolverCache.tainted}), the pair is compared afresh and
 * the caches are dropped.
 */
export function compareSides(oldSide: VersionSide, newSide: VersionSide, policy: Policy, limits?: Partial<WalkLimits>): SchemaComparison {
  const result = compareResolved(resolverOf(oldSide), resolverOf(newSide), policy, limits, newSide.pointer);
  if (!oldSide.cache!.tainted && !newSide.cache!.tainted) return result;
  oldSide.cache = undefined;
  newSide.cache = undefined;
  return compareResolved(
    new RefResolver(oldSide.value, oldSide.document, oldSide.pointer, oldSide.resolve),
    new RefResolver(newSide.value, newSide.document, newSide.pointer, newSide.resolve),
    policy,
    limits,
    newSide.pointer,
  );
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

export interface CompatibilityOptions extends Omit<
  DiffOptions,
  'policy' | 'oldDocument' | 'newDocument' | 'oldPointer' | 'newPointer' | 'resolveOld' | 'resolveNew'
> {
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
  const sides: Array<VersionSide | undefined> = [];
  const side = (i: number): VersionSide => {
    let s = sides[i];
    if (!s) {
      const d = opts.documents?.[i];
      s = sides[i] = {
        value: versions[i],
        document: d?.document ?? `v${i + 1}`,
        pointer: d?.pointer ?? '',
        resolve: opts.resolvers?.[i] ?? opts.resolve,
        cache: undefined,
      };
    }
    return s;
  };
  const { backward, forward } = directions(mode);
  for (const older of comparedVersions(versions.length, mode)) {
    const comparison = compareSides(side(older), side(newer), policy, opts.limits);
    const changes = comparison.changes.map((c) => ({ ...c, compatible: (!backward || c.backward) && (!forward || c.forward) }));
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
export function locatePath(schema: unknown, logicalPath: string, opts: { document?: string; pointer?: string; resolve?: SchemaResolver } = {}): SchemaLocation {
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
    loc = { node: next, document: here.document, pointer: `${here.pointer}/${escapeSegment(seg)}` };
  }
  return { document: loc.document, pointer: loc.pointer };
}

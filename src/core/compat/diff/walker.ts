/**
 * The schema walker: two JSON Schemas → typed changes.
 *
 * Semantics follow Confluent Schema Registry's JSON Schema `SchemaDiff`: the same change types,
 * the same content-model reasoning, the same strict/lenient sets. Differences by design:
 * every comparison yields each change's BACKWARD *and* FORWARD verdict at once (FORWARD is the
 * registry's BACKWARD check of the swapped pair), paths are JSON pointers in both schemas, and
 * recursion through `$ref` is memoised on (old node, new node) pairs with a greatest-fixed-point
 * iteration so that cycles terminate without masking incompatibilities.
 *
 * Paths are *logical*: they follow `$ref`s as if the target were written in place. Each change
 * also records the physical location (document, pointer) of the node on either side.
 *
 * What a pair of nodes is compared for is up to the keyword families (`registry.ts`), run here
 * in a fixed order: metadata, combinators, `not`, conditionals, `enum`, `type`, then the families
 * of each JSON type both sides accept.
 */
import { type ChangeType, type Policy, isBackwardCompatibleType } from '../changes';
import { FAMILIES, sameCleanSchema } from '../keywords';
import type { Loc, RefResolver, SchemaLocation } from '../resolve';
import { EMPTY_OK, type Result, type SchemaChange } from './change';
import { NodeContext } from './context';
import type { KeywordFamily } from './family';
import { PairMap } from './pair-map';
import { ANY_TYPE, BY_JSON_TYPE, COMBINED, METADATA, VOCABULARY } from './registry';
import { compareBooleanSchemas, compareTypes, schemaKind } from './type';
import type { Vocabulary } from './vocabulary';

export interface WalkLimits {
  /** Maximum nesting of comparisons (deeper is reported, not walked). */
  maxDepth: number;
  /** Maximum number of changes kept per comparison. */
  maxChanges: number;
}

export const DEFAULT_LIMITS: WalkLimits = { maxDepth: 400, maxChanges: 100_000 };

type Assumption = { b: boolean; f: boolean };

/** State shared by the forward walker and its swapped twin across one fixed-point iteration. */
class Shared {
  violated = false;
  truncated = false;
  tooDeep: SchemaLocation[] = NOT_TOO_DEEP;
  constructor(
    /** Skip pairs of identical, reference-free subschemas (see `walk`). */
    readonly skipIdentical: boolean,
    /** Run every family on every pair, whatever keywords it uses (tests: the mask changes nothing). */
    readonly everyFamily: boolean,
  ) {}
}

const NOT_TOO_DEEP: SchemaLocation[] = Object.freeze([]) as unknown as SchemaLocation[];

export interface DiffOutcome {
  changes: SchemaChange[];
  backward: boolean;
  forward: boolean;
  truncated: boolean;
  tooDeep: SchemaLocation[];
}

/**
 * Runs the comparison to a fixed point over recursive assumptions.
 *
 * `skipIdentical` skips pairs of identical, reference-free subschemas, which cannot differ. The
 * result is the same as without, except when the depth limit is reached: a skipped pair is not
 * memoised as a walked one would be, so met again deeper down (through another `$ref` or a
 * shared node) it may be walked past the limit, and which nesting is reported first depends on
 * the order of visits. Callers compare again without skipping when `tooDeep` is not empty.
 */
export function walk(
  oldR: RefResolver,
  newR: RefResolver,
  policy: Policy,
  limits: WalkLimits = DEFAULT_LIMITS,
  skipIdentical = false,
  everyFamily = false,
): DiffOutcome {
  const fwdAssumptions = new PairMap<Assumption>();
  const revAssumptions = new PairMap<Assumption>();
  let result: Result = EMPTY_OK;
  let shared!: Shared;
  for (let iteration = 0; iteration < 64; iteration++) {
    shared = new Shared(skipIdentical, everyFamily);
    const w = new Walker(oldR, newR, policy, limits, shared, fwdAssumptions, revAssumptions);
    result = w.compare(oldR.root(), newR.root(), 0);
    w.checkAssumptions();
    if (!shared.violated) break;
  }
  return { changes: dedupe(result.changes), backward: result.b, forward: result.f, truncated: shared.truncated, tooDeep: shared.tooDeep };
}

function dedupe(changes: SchemaChange[]): SchemaChange[] {
  if (changes.length < 2) return changes.slice();
  if (changes.length <= 8 && changes.every((c) => !c.oldPath.includes('\u0000') && !c.newPath.includes('\u0000'))) {
    // A few changes: compare them pairwise rather than building keys (the same test unless a path holds the separator).
    const out: SchemaChange[] = [];
    for (let i = 0; i < changes.length; i++) {
      const c = changes[i];
      let dup = false;
      for (let j = 0; j < out.length && !dup; j++) dup = out[j].type === c.type && out[j].oldPath === c.oldPath && out[j].newPath === c.newPath;
      if (!dup) out.push(c);
    }
    return out;
  }
  const seen = new Set<string>();
  const out: SchemaChange[] = [];
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i];
    const key = `${c.type}\u0000${c.oldPath}\u0000${c.newPath}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}

/** Compares pairs of nodes (old → new), memoised; its twin compares new → old. */
export class Walker {
  private readonly memo = new PairMap<Result>();
  private readonly inProgress = new PairMap<true>();
  private hits?: Array<[unknown, unknown]>;
  private twin?: Walker;

  constructor(
    private readonly L: RefResolver,
    private readonly R: RefResolver,
    private readonly policy: Policy,
    private readonly limits: WalkLimits,
    private readonly shared: Shared,
    private readonly assumptions: PairMap<Assumption>,
    private readonly twinAssumptions: PairMap<Assumption>,
  ) {}

  /** A walker outside {@link walk}'s fixed-point loop, for comparing single pairs by hand (tests, tools). */
  static create(oldR: RefResolver, newR: RefResolver, policy: Policy, limits: WalkLimits = DEFAULT_LIMITS): Walker {
    return new Walker(oldR, newR, policy, limits, new Shared(false, false), new PairMap(), new PairMap());
  }

  /** The walker comparing new → old (for `not`, whose subschemas compare contravariantly). */
  private swapped(): Walker {
    if (!this.twin) {
      this.twin = new Walker(this.R, this.L, this.policy, this.limits, this.shared, this.twinAssumptions, this.assumptions);
      this.twin.twin = this;
    }
    return this.twin;
  }

  checkAssumptions(): void {
    this.checkOwnAssumptions(this);
    if (this.twin) this.checkOwnAssumptions(this.twin);
  }

  private checkOwnAssumptions(w: Walker): void {
    const hits = w.hits;
    if (!hits) return;
    for (let i = 0; i < hits.length; i++) {
      const [a, b] = hits[i];
      const got = w.memo.get(a, b);
      const assumed = w.assumptions.get(a, b) ?? { b: true, f: true };
      if (got && ((assumed.b && !got.b) || (assumed.f && !got.f))) {
        w.assumptions.set(a, b, { b: assumed.b && got.b, f: assumed.f && got.f });
        this.shared.violated = true;
      }
    }
  }

  /** Compares two raw (possibly `$ref`) nodes; paths in the result are relative to them. */
  compare(oRaw: Loc, nRaw: Loc, depth: number): Result {
    const o = this.L.deref(oRaw);
    const n = this.R.deref(nRaw);
    const keyed = typeof o.node === 'object' && o.node !== null && typeof n.node === 'object' && n.node !== null;
    if (keyed) {
      const cached = this.memo.get(o.node, n.node);
      if (cached) return cached;
      if (this.inProgress.get(o.node, n.node)) {
        (this.hits ??= []).push([o.node, n.node]);
        const assumed = this.assumptions.get(o.node, n.node) ?? { b: true, f: true };
        return { changes: [], b: assumed.b, f: assumed.f };
      }
    }
    if (depth > this.limits.maxDepth) {
      if (this.shared.tooDeep === NOT_TOO_DEEP) this.shared.tooDeep = [];
      this.shared.tooDeep.push({ document: n.document, pointer: n.pointer });
      return EMPTY_OK;
    }
    // Identical, reference-free subschemas (most of any two versions) cannot differ: skip them.
    // (Not tried on the roots, which differ whenever two versions do.)
    if (keyed && depth > 0 && this.shared.skipIdentical && sameCleanSchema(o.node, n.node, this.limits.maxDepth - depth)) return EMPTY_OK;
    if (keyed) this.inProgress.set(o.node, n.node, true);
    let result: Result;
    try {
      result = compareNode(new NodeContext(this, o, n, depth, VOCABULARY), this.shared.everyFamily);
    } finally {
      if (keyed) this.inProgress.delete(o.node, n.node);
    }
    if (keyed) this.memo.set(o.node, n.node, result);
    return result;
  }

  compareSwapped(oRaw: Loc, nRaw: Loc, depth: number): Result {
    return this.swapped().compare(nRaw, oRaw, depth);
  }

  derefL(loc: Loc): Loc {
    return this.L.deref(loc);
  }
  derefR(loc: Loc): Loc {
    return this.R.deref(loc);
  }
  compatible(type: ChangeType): boolean {
    return isBackwardCompatibleType(type, this.policy);
  }
  get lenient(): boolean {
    return this.policy === 'lenient';
  }
  get maxChanges(): number {
    return this.limits.maxChanges;
  }
  get maxDepth(): number {
    return this.limits.maxDepth;
  }
  get skipIdentical(): boolean {
    return this.shared.skipIdentical;
  }
  markTruncated(): void {
    this.shared.truncated = true;
  }
}

/** The families in the order they run, each with its bit in the keyword mask. */
interface Step {
  readonly family: KeywordFamily;
  readonly bit: number;
}

const step = (family: KeywordFamily, vocab: Vocabulary): Step => ({ family, bit: vocab.bitOf(family) });
const METADATA_STEP = step(METADATA, VOCABULARY);
const COMBINED_STEP = step(COMBINED, VOCABULARY);
const ANY_TYPE_STEPS = ANY_TYPE.map((f) => step(f, VOCABULARY));
const TYPE_STEPS = FAMILIES.map((t) => BY_JSON_TYPE[t].map((f) => step(f, VOCABULARY)));

/** Compares one resolved pair of nodes, family by family. */
function compareNode(ctx: NodeContext, everyFamily: boolean): Result {
  const kw = everyFamily ? -1 : ctx.kw;
  const oKind = schemaKind(ctx, ctx.o.node);
  const nKind = schemaKind(ctx, ctx.n.node);
  if (oKind === 'false' || nKind === 'false') {
    compareBooleanSchemas(ctx, oKind, nKind);
    return ctx.result();
  }
  if (kw & METADATA_STEP.bit) METADATA.compare(ctx);
  if (oKind === 'true' || nKind === 'true') {
    compareBooleanSchemas(ctx, oKind, nKind);
    return ctx.result();
  }
  if (kw & COMBINED_STEP.bit && COMBINED.compare(ctx)) return ctx.result();
  for (let i = 0; i < ANY_TYPE_STEPS.length; i++) {
    const s = ANY_TYPE_STEPS[i];
    if (kw & s.bit) s.family.compare(ctx);
  }
  const types = compareTypes(ctx);
  for (let t = 0; t < FAMILIES.length; t++) {
    if (!types.has(FAMILIES[t])) continue;
    const steps = TYPE_STEPS[t];
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i];
      if (kw & s.bit) s.family.compare(ctx);
    }
  }
  return ctx.result();
}

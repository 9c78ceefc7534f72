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
 */
import {
  type ChangeType,
  type Policy,
  changeTypeInfo,
  isBackwardCompatibleType,
} from './changes';
import {
  type CombinatorKind,
  type Family,
  FAMILIES,
  canonical,
  combinatorKinds,
  compileRegExp,
  effectiveTypes,
  familiesOf,
  hasBase,
  isEmptySchema,
  isFalseSchema,
  isMultipleOf,
  KW,
  keywordMask,
  numberAt,
  numericBounds,
  sameCleanSchema,
  stringAt,
  stringList,
  typesCover,
} from './keywords';
import { escapeSegment, isObject, join, join1 } from './pointer';
import { type Loc, type RefResolver, type SchemaLocation } from './resolve';

export interface SchemaChange {
  type: ChangeType;
  /** Logical JSON pointer in the old schema ('' is the root); the nearest existing parent when the change exists only in the new one. */
  oldPath: string;
  /** Logical JSON pointer in the new schema. */
  newPath: string;
  /** A reader using the new schema reads data written with the old one. */
  backward: boolean;
  /** A reader using the old schema reads data written with the new one. */
  forward: boolean;
  /** What changed and, when breaking, which readers break and why. */
  message: string;
  /** What changed, alone (for callers composing their own message). */
  detail: string;
  /** Where `oldPath` is physically written (following `$ref`s into other documents). */
  oldLocation: SchemaLocation;
  /** Where `newPath` is physically written. */
  newLocation: SchemaLocation;
}

interface Result {
  changes: SchemaChange[];
  b: boolean;
  f: boolean;
}

const EMPTY_OK: Result = { changes: [], b: true, f: true };

export interface WalkLimits {
  /** Maximum nesting of comparisons (deeper is reported, not walked). */
  maxDepth: number;
  /** Maximum number of changes kept per comparison. */
  maxChanges: number;
}

export const DEFAULT_LIMITS: WalkLimits = { maxDepth: 400, maxChanges: 100_000 };

/** A map keyed by a pair of values, by identity. */
class PairMap<V> {
  // One pair is held inline and the maps are allocated only for more: most comparisons of two
  // versions walk a single pair of differing nodes (the rest are skipped as identical).
  private a0: unknown = NO_KEY;
  private b0: unknown = NO_KEY;
  private v0: V | undefined;
  private map?: Map<unknown, Map<unknown, V>>;
  get(a: unknown, b: unknown): V | undefined {
    if (this.a0 === a && this.b0 === b) return this.v0;
    return this.map?.get(a)?.get(b);
  }
  set(a: unknown, b: unknown, v: V): void {
    if (this.a0 === a && this.b0 === b) {
      this.v0 = v;
      return;
    }
    let inner = this.map?.get(a);
    if (inner?.has(b)) {
      inner.set(b, v);
      return;
    }
    if (this.a0 === NO_KEY) {
      this.a0 = a;
      this.b0 = b;
      this.v0 = v;
      return;
    }
    const map = (this.map ??= new Map());
    if (!inner) map.set(a, (inner = new Map()));
    inner.set(b, v);
  }
  delete(a: unknown, b: unknown): void {
    if (this.a0 === a && this.b0 === b) {
      this.a0 = this.b0 = NO_KEY;
      this.v0 = undefined;
      return;
    }
    this.map?.get(a)?.delete(b);
  }
}

const NO_KEY = Symbol('none');

type Assumption = { b: boolean; f: boolean };

/** State shared by the forward walker and its swapped twin across one fixed-point iteration. */
class Shared {
  violated = false;
  truncated = false;
  tooDeep: SchemaLocation[] = NOT_TOO_DEEP;
  constructor(
    /** Skip pairs of identical, reference-free subschemas (see `walk`). */
    readonly skipIdentical: boolean,
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
export function walk(oldR: RefResolver, newR: RefResolver, policy: Policy, limits: WalkLimits = DEFAULT_LIMITS, skipIdentical = false): DiffOutcome {
  const fwdAssumptions = new PairMap<Assumption>();
  const revAssumptions = new PairMap<Assumption>();
  let result: Result = EMPTY_OK;
  let shared!: Shared;
  for (let iteration = 0; iteration < 64; iteration++) {
    shared = new Shared(skipIdentical);
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

type Slot = { kind: 'open' } | { kind: 'closed' } | { kind: 'schema'; loc: Loc; rel: string };
/** Read-only stand-in for a missing object (no allocation per comparison). */
const NO_KEYWORDS: Record<string, unknown> = Object.freeze({});

const OPEN_SLOT: Slot = { kind: 'open' };
const CLOSED_SLOT: Slot = { kind: 'closed' };

class Walker {
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
      result = new NodeDiff(this, o, n, depth).run();
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

function child(loc: Loc, a: string | number, b?: string | number): Loc {
  let node: unknown = loc.node;
  node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[a as string] : undefined;
  let pointer = join1(loc.pointer, a);
  if (b !== undefined) {
    node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[b as string] : undefined;
    pointer = join1(pointer, b);
  }
  return { node, document: loc.document, pointer };
}

function rel(a: string | number, b?: string | number): string {
  const first = '/' + (typeof a === 'number' ? String(a) : escapeSegment(a));
  return b === undefined ? first : first + '/' + (typeof b === 'number' ? String(b) : escapeSegment(b));
}

function fmt(value: unknown): string {
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 60 ? s.slice(0, 57) + '...' : s;
}

function listSome(values: string[]): string {
  const shown = values.slice(0, 5).join(', ');
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
}

interface AddOptions {
  /** Forward verdict given directly (contextual types). */
  f?: boolean;
  /** Backward verdict given directly (overrides the catalogue). */
  b?: boolean;
  /** The type the swapped comparison would report; forward = its backward verdict. */
  mirror?: ChangeType;
}

/** Compares one resolved pair of nodes. */
class NodeDiff {
  private readonly changes: SchemaChange[] = [];
  private b = true;
  private f = true;
  private readonly on: Record<string, unknown>;
  private readonly nn: Record<string, unknown>;
  /** Keyword groups present on either side: a part of the comparison with none of its keywords finds nothing. */
  private readonly kw: number;

  constructor(
    private readonly w: Walker,
    private readonly o: Loc,
    private readonly n: Loc,
    private readonly depth: number,
  ) {
    this.on = isObject(o.node) ? o.node : NO_KEYWORDS;
    this.nn = isObject(n.node) ? n.node : NO_KEYWORDS;
    this.kw = keywordMask(this.on) | keywordMask(this.nn);
  }

  run(): Result {
    const oKind = kindOf(this.o.node);
    const nKind = kindOf(this.n.node);
    if (oKind === 'false' && nKind === 'false') return this.result();
    if (oKind === 'false') {
      this.add('TYPE_EXTENDED', '', '', {}, 'the old schema accepted nothing (`false`); the new one accepts values');
      return this.result();
    }
    if (nKind === 'false') {
      this.add('TYPE_NARROWED', '', '', {}, 'the new schema accepts nothing (`false`)');
      return this.result();
    }
    if (this.kw & KW.META) this.metadata();
    if (oKind === 'true' && nKind === 'true') return this.result();
    if (nKind === 'true') {
      this.add('TYPE_EXTENDED', '', '', {}, 'every constraint was removed: the new schema accepts any value');
      return this.result();
    }
    if (oKind === 'true') {
      this.add('TYPE_NARROWED', '', '', {}, 'the old schema accepted any value; the new one constrains it');
      return this.result();
    }
    const kw = this.kw;
    if ((kw & KW.COMBINATOR) && this.combinators()) return this.result();
    if (kw & KW.NOT) this.not();
    if (kw & KW.CONDITIONAL) this.conditionals();
    if (kw & KW.ENUM) this.enumeration();
    const families = this.types();
    for (let i = 0; i < FAMILIES.length; i++) {
      const family = FAMILIES[i];
      if (!families.has(family)) continue;
      if (family === 'string') {
        if (kw & KW.STRING) this.strings();
      } else if (family === 'number') {
        if (kw & KW.NUMBER) this.numbers();
      } else if (family === 'object') {
        this.objects();
      } else if (kw & KW.ARRAY) {
        this.arrays();
      }
    }
    return this.result();
  }

  private result(): Result {
    return { changes: this.changes, b: this.b, f: this.f };
  }

  // ---- recording -------------------------------------------------------------------------

  private add(type: ChangeType, oRel: string, nRel: string, opts: AddOptions, what: string): void {
    const info = changeTypeInfo(type);
    const b = opts.b ?? (this.w.lenient ? info.lenient : info.strict);
    let f: boolean;
    if (opts.f !== undefined) f = opts.f;
    else {
      const mirror = opts.mirror ?? info.mirror;
      f = mirror ? this.w.compatible(mirror) : true;
    }
    this.push({
      type,
      oldPath: oRel,
      newPath: nRel,
      backward: b,
      forward: f,
      message: describe(what, b, f, info.why),
      detail: what,
      oldLocation: { document: this.o.document, pointer: this.o.pointer + oRel },
      newLocation: { document: this.n.document, pointer: this.n.pointer + nRel },
    });
  }

  private push(c: SchemaChange): void {
    if (this.changes.length >= this.w.maxChanges) {
      this.w.markTruncated();
      return;
    }
    this.changes.push(c);
    this.b &&= c.backward;
    this.f &&= c.forward;
  }

  /** Adds a sub-result under the given relative prefixes. */
  private include(r: Result, oPrefix: string, nPrefix: string, forceForward = false): void {
    const changes = r.changes;
    for (let i = 0; i < changes.length; i++) {
      const c = changes[i];
      this.push({
        ...c,
        oldPath: oPrefix + c.oldPath,
        newPath: nPrefix + c.newPath,
        forward: forceForward ? true : c.forward,
      });
    }
  }

  private sub(oRel: string, nRel: string, o: Loc, n: Loc): Result {
    return this.w.compare(o, n, this.depth + 1);
  }

  private oc(a: string | number, b?: string | number): Loc {
    return child(this.o, a, b);
  }
  private nc(a: string | number, b?: string | number): Loc {
    return child(this.n, a, b);
  }

  // ---- metadata --------------------------------------------------------------------------

  private metadata(): void {
    const o = this.on;
    const n = this.nn;
    const oId = stringAt(o, '$id') ?? stringAt(o, 'id');
    const nId = stringAt(n, '$id') ?? stringAt(n, 'id');
    if (oId !== nId) {
      const k = (node: Record<string, unknown>) => ('$id' in node ? '/$id' : 'id' in node ? '/id' : '');
      this.add('ID_CHANGED', k(o), k(n), {}, `\`$id\` changed from ${fmt(oId)} to ${fmt(nId)}`);
    }
    this.annotation('title', 'TITLE_CHANGED');
    this.annotation('description', 'DESCRIPTION_CHANGED');
    const hasOD = 'default' in o;
    const hasND = 'default' in n;
    if (hasOD !== hasND || (hasOD && canonical(o.default) !== canonical(n.default))) {
      this.add('DEFAULT_CHANGED', hasOD ? '/default' : '', hasND ? '/default' : '', {},
        `\`default\` changed from ${hasOD ? fmt(o.default) : 'none'} to ${hasND ? fmt(n.default) : 'none'}`);
    }
  }

  private annotation(key: 'title' | 'description', type: ChangeType): void {
    const a = stringAt(this.on, key);
    const b = stringAt(this.nn, key);
    if (a !== b) this.add(type, a === undefined ? '' : `/${key}`, b === undefined ? '' : `/${key}`, {}, `\`${key}\` changed`);
  }

  // ---- combinators -----------------------------------------------------------------------

  /** Returns true when the pair was fully handled as a combinator ↔ plain schema change. */
  private combinators(): boolean {
    const oKinds = combinatorKinds(this.on);
    const nKinds = combinatorKinds(this.nn);
    if (oKinds.length === 0 && nKinds.length === 0) return false;
    const oBase = hasBase(this.on);
    const nBase = hasBase(this.nn);
    if (oKinds.length === 0 && nKinds.length === 1 && !nBase) {
      this.plainToCombined(nKinds[0]);
      return true;
    }
    if (oKinds.length === 1 && !oBase && nKinds.length === 0) {
      this.combinedToPlain(oKinds[0]);
      return true;
    }
    if (oKinds.length === 1 && nKinds.length === 1 && oKinds[0] !== nKinds[0]) {
      this.criterionChange(oKinds[0], nKinds[0]);
      return !oBase && !nBase;
    }
    for (const kind of ['allOf', 'anyOf', 'oneOf'] as const) {
      const inO = oKinds.includes(kind);
      const inN = nKinds.includes(kind);
      if (inO && inN) this.subschemas(kind, kind);
      else if (inO) this.add('PRODUCT_TYPE_NARROWED', `/${kind}`, '', {}, `the \`${kind}\` constraint was removed`);
      else if (inN) this.add('PRODUCT_TYPE_EXTENDED', '', `/${kind}`, {}, `a \`${kind}\` constraint was added`);
    }
    return false;
  }

  private plainToCombined(kind: CombinatorKind): void {
    const subs = this.nn[kind] as unknown[];
    if (subs.length === 1) {
      this.include(this.sub('', `/${kind}/0`, this.o, this.nc(kind, 0)), '', rel(kind, 0));
      return;
    }
    const results = subs.map((_, j) => this.sub('', `/${kind}/${j}`, this.o, this.nc(kind, j)));
    if (kind === 'allOf') {
      const reverseOk = results.some((r) => r.f);
      if (reverseOk) this.add('PRODUCT_TYPE_EXTENDED', '', `/${kind}`, { b: false, f: true }, `the schema became an \`allOf\` of ${subs.length} subschemas`);
      else this.add('TYPE_CHANGED', '', `/${kind}`, { b: false, f: false }, `the schema became an \`allOf\` none of whose subschemas matches the old one`);
      return;
    }
    const j = results.findIndex((r) => r.b);
    if (j >= 0) {
      this.include(results[j], '', rel(kind, j));
      this.add('SUM_TYPE_EXTENDED', '', `/${kind}`, { b: true, f: false }, `the schema became a \`${kind}\` of ${subs.length} alternatives, one of which reads the old values (\`/${kind}/${j}\`)`);
    } else {
      this.add('TYPE_CHANGED', '', `/${kind}`, { b: false, f: false }, `the schema became a \`${kind}\` none of whose alternatives reads the old values`);
    }
  }

  private combinedToPlain(kind: CombinatorKind): void {
    const subs = this.on[kind] as unknown[];
    if (subs.length === 1) {
      this.include(this.sub(`/${kind}/0`, '', this.oc(kind, 0), this.n), rel(kind, 0), '');
      return;
    }
    const results = subs.map((_, i) => this.sub(`/${kind}/${i}`, '', this.oc(kind, i), this.n));
    if (kind === 'allOf') {
      const i = results.findIndex((r) => r.b);
      if (i >= 0) {
        this.include(results[i], rel(kind, i), '');
        this.add('PRODUCT_TYPE_NARROWED', `/${kind}`, '', { b: true, f: false }, `the \`allOf\` of ${subs.length} subschemas was reduced to one of them (\`/${kind}/${i}\`)`);
      } else {
        this.add('TYPE_CHANGED', `/${kind}`, '', { b: false, f: false }, 'the `allOf` was replaced by a schema unrelated to its subschemas');
      }
      return;
    }
    const reverseOk = results.some((r) => r.f);
    if (reverseOk) this.add('SUM_TYPE_NARROWED', `/${kind}`, '', { b: false, f: true }, `the \`${kind}\` of ${subs.length} alternatives was reduced to a single schema`);
    else this.add('TYPE_CHANGED', `/${kind}`, '', { b: false, f: false }, `the \`${kind}\` was replaced by a schema none of its alternatives matches`);
  }

  private criterionChange(oKind: CombinatorKind, nKind: CombinatorKind): void {
    const oSize = (this.on[oKind] as unknown[]).length;
    const nSize = (this.nn[nKind] as unknown[]).length;
    const bExt = criterionExtended(oSize, nKind, nSize);
    const fExt = criterionExtended(nSize, oKind, oSize);
    this.add(bExt ? 'COMBINED_TYPE_EXTENDED' : 'COMBINED_TYPE_CHANGED', `/${oKind}`, `/${nKind}`, { b: bExt, f: fExt },
      `the combinator changed from \`${oKind}\` to \`${nKind}\``);
    this.subschemas(oKind, nKind);
  }

  /** Confluent's CombinedSchemaDiff: size change, then a maximum matching of compatible branches. */
  private subschemas(oKind: CombinatorKind, nKind: CombinatorKind): void {
    const oAll = this.on[oKind] as unknown[];
    const nAll = this.nn[nKind] as unknown[];
    const oIdx = dedupeIndices(oAll);
    const nIdx = dedupeIndices(nAll);
    const oSize = oIdx.length;
    const nSize = nIdx.length;
    if (oSize < nSize) {
      const t: ChangeType = nKind === 'allOf' ? 'PRODUCT_TYPE_EXTENDED' : 'SUM_TYPE_EXTENDED';
      const m: ChangeType = oKind === 'allOf' ? 'PRODUCT_TYPE_NARROWED' : 'SUM_TYPE_NARROWED';
      this.add(t, `/${oKind}`, `/${nKind}`, { mirror: m }, `\`${nKind}\` grew from ${oSize} to ${nSize} subschemas`);
    } else if (oSize > nSize) {
      const t: ChangeType = nKind === 'allOf' ? 'PRODUCT_TYPE_NARROWED' : 'SUM_TYPE_NARROWED';
      const m: ChangeType = oKind === 'allOf' ? 'PRODUCT_TYPE_EXTENDED' : 'SUM_TYPE_EXTENDED';
      this.add(t, `/${oKind}`, `/${nKind}`, { mirror: m }, `\`${nKind}\` shrank from ${oSize} to ${nSize} subschemas`);
    }

    // Identical subschemas without references pair up without comparison (large unions stay cheap).
    const pairs: Array<[number, number]> = [];
    const nByCanon = new Map<string, number[]>();
    for (const j of nIdx) {
      if (hasRef(nAll[j])) continue;
      const key = canonical(nAll[j]);
      const list = nByCanon.get(key);
      if (list) list.push(j);
      else nByCanon.set(key, [j]);
    }
    const restO: number[] = [];
    const usedN = new Set<number>();
    for (const i of oIdx) {
      const list = hasRef(oAll[i]) ? undefined : nByCanon.get(canonical(oAll[i]));
      const j = list?.shift();
      if (j !== undefined) {
        pairs.push([i, j]);
        usedN.add(j);
      } else restO.push(i);
    }
    const restN = nIdx.filter((j) => !usedN.has(j));
    const need = Math.min(restO.length, restN.length);
    if (need === 0) return;

    // Resolve each branch once; the cross product then hits the pair memo directly.
    const oLocs = restO.map((i) => this.w.derefL(this.oc(oKind, i)));
    const nLocs = restN.map((j) => this.w.derefR(this.nc(nKind, j)));
    const results: Result[][] = oLocs.map((ol) => nLocs.map((nl) => this.w.compare(ol, nl, this.depth + 1)));
    const mb = maxMatching(restO.length, restN.length, (a, c) => results[a][c].b);
    const mf = maxMatching(restO.length, restN.length, (a, c) => results[a][c].f);
    const mj = maxMatching(restO.length, restN.length, (a, c) => results[a][c].b && results[a][c].f);
    const bComplete = mb.length === need;
    const fComplete = mf.length === need;
    const useJoint = mj.length === need;
    const chosen = useJoint ? mj : mb;
    const forceForward = !useJoint && fComplete;
    let anyForwardBreak = false;
    for (const [a, c] of chosen) {
      const r = results[a][c];
      this.include(r, rel(oKind, restO[a]), rel(nKind, restN[c]), forceForward);
      if (!forceForward && !r.f) anyForwardBreak = true;
    }
    if (!bComplete || (!fComplete && !anyForwardBreak)) {
      this.add('COMBINED_TYPE_SUBSCHEMAS_CHANGED', `/${oKind}`, `/${nKind}`, { b: bComplete, f: fComplete },
        `the subschemas of \`${oKind}\` and \`${nKind}\` cannot be paired compatibly`);
    }
  }

  // ---- not, if/then/else -----------------------------------------------------------------

  private not(): void {
    const inO = 'not' in this.on;
    const inN = 'not' in this.nn;
    if (inO && inN) {
      // not A → not B is compatible when B's values are a subset of A's: compare B against A.
      const r = this.w.compareSwapped(this.oc('not'), this.nc('not'), this.depth + 1);
      if (r.changes.length === 0 && r.b && r.f) return;
      if (r.b) this.add('NOT_TYPE_NARROWED', '/not', '/not', { b: true, f: r.f }, 'the `not` subschema now excludes fewer values');
      else this.add('NOT_TYPE_EXTENDED', '/not', '/not', { b: false, f: r.f }, 'the `not` subschema now excludes values the old schema accepted');
    } else if (inN) {
      this.add('NOT_TYPE_EXTENDED', '', '/not', {}, 'a `not` constraint was added');
    } else if (inO) {
      this.add('NOT_TYPE_NARROWED', '/not', '', {}, 'the `not` constraint was removed');
    }
  }

  private conditionals(): void {
    this.optionalSubschema('if');
    this.optionalSubschema('then');
    this.optionalSubschema('else');
  }

  /**
   * `deref(this.oc(key)).node` (or `nc`): the child schema, resolved. A child that is no
   * reference and no invalid value resolves to itself, reporting nothing: no location is built.
   */
  private childNode(side: 'L' | 'R', key: string): unknown {
    const raw = (side === 'L' ? this.on : this.nn)[key];
    if (raw === undefined || typeof raw === 'boolean' || (isObject(raw) && typeof raw.$ref !== 'string')) return raw;
    return side === 'L' ? this.w.derefL(this.oc(key)).node : this.w.derefR(this.nc(key)).node;
  }

  /** A subschema keyword that, when absent, imposes nothing (`contains`, `propertyNames`, `if`...). */
  private optionalSubschema(key: string): void {
    const inO = key in this.on && !isEmptySchema(this.childNode('L', key));
    const inN = key in this.nn && !isEmptySchema(this.childNode('R', key));
    if (inO && inN) this.include(this.sub(`/${key}`, `/${key}`, this.oc(key), this.nc(key)), rel(key), rel(key));
    else if (inN) this.add('SCHEMA_ADDED', '', `/${key}`, {}, `a \`${key}\` subschema was added`);
    else if (inO) this.add('SCHEMA_REMOVED', `/${key}`, '', {}, `the \`${key}\` subschema was removed`);
  }

  // ---- enum / const ----------------------------------------------------------------------

  private enumeration(): void {
    const oe = enumOf(this.on);
    const ne = enumOf(this.nn);
    if (!oe && !ne) return;
    if (!oe) {
      this.add('PRODUCT_TYPE_EXTENDED', '', ne!.rel, {}, `an \`${ne!.rel.slice(1)}\` constraint was added: only ${ne!.values.length} listed value(s) are accepted`);
      return;
    }
    if (!ne) {
      this.add('PRODUCT_TYPE_NARROWED', oe.rel, '', {}, `the \`${oe.rel.slice(1)}\` constraint was removed`);
      return;
    }
    const oSet = new Map<string, unknown>();
    for (const v of oe.values) oSet.set(canonical(v), v);
    const nSet = new Map<string, unknown>();
    for (const v of ne.values) nSet.set(canonical(v), v);
    const added: string[] = [];
    const removed: string[] = [];
    for (const k of nSet.keys()) if (!oSet.has(k)) added.push(k);
    for (const k of oSet.keys()) if (!nSet.has(k)) removed.push(k);
    if (added.length === 0 && removed.length === 0) return;
    const kw = ne.rel.slice(1);
    if (removed.length === 0) this.add('ENUM_ARRAY_EXTENDED', oe.rel, ne.rel, {}, `\`${kw}\` values added: ${listSome(added)}`);
    else if (added.length === 0) this.add('ENUM_ARRAY_NARROWED', oe.rel, ne.rel, {}, `\`${kw}\` values removed: ${listSome(removed)}`);
    else this.add('ENUM_ARRAY_CHANGED', oe.rel, ne.rel, {}, `\`${kw}\` values added: ${listSome(added)}; removed: ${listSome(removed)}`);
  }

  // ---- types -----------------------------------------------------------------------------

  /** Compares accepted types and returns the keyword families worth comparing further. */
  private types(): Set<Family> {
    const t = this.on.type;
    if (typeof t === 'string' && t === this.nn.type) {
      // The same single type on both sides: nothing to report, one family to compare.
      const family = singleTypeFamily(t);
      if (family !== undefined) return family;
    }
    const O = effectiveTypes(this.on);
    const N = effectiveTypes(this.nn);
    const oRel = 'type' in this.on ? '/type' : '';
    const nRel = 'type' in this.nn ? '/type' : '';
    const show = (s: Set<string> | null) => (s ? [...s].join('|') : 'any');
    if (O === null && N === null) return new Set();
    if (O === null) {
      this.add('TYPE_NARROWED', oRel, nRel, {}, `type narrowed from any to ${show(N)}`);
      return new Set();
    }
    if (N === null) {
      this.add('TYPE_EXTENDED', oRel, nRel, {}, `type widened from ${show(O)} to any`);
      return new Set();
    }
    const equal = O.size === N.size && [...O].every((t) => N.has(t));
    if (!equal) {
      if (typesCover(N, O)) {
        if (N.size > O.size) this.add('SUM_TYPE_EXTENDED', oRel, nRel, {}, `type widened from ${show(O)} to ${show(N)}`);
        else this.add('TYPE_EXTENDED', oRel, nRel, {}, `type widened from ${show(O)} to ${show(N)}`);
      } else if (typesCover(O, N)) {
        if (O.size > N.size) this.add('SUM_TYPE_NARROWED', oRel, nRel, {}, `type narrowed from ${show(O)} to ${show(N)}`);
        else this.add('TYPE_NARROWED', oRel, nRel, {}, `type narrowed from ${show(O)} to ${show(N)}`);
      } else {
        this.add('TYPE_CHANGED', oRel, nRel, {}, `type changed from ${show(O)} to ${show(N)}`);
      }
    }
    const oF = familiesOf(O);
    const nF = familiesOf(N);
    return new Set([...oF].filter((x) => nF.has(x)));
  }

  // ---- bounds helpers --------------------------------------------------------------------

  /** Added/removed/increased/decreased for a numeric keyword; `prefix` e.g. MAX_LENGTH. */
  private bound(prefix: string, key: string, a: number | undefined, b: number | undefined): void {
    if (a === b) return;
    const oRel = a === undefined ? '' : `/${key}`;
    const nRel = b === undefined ? '' : `/${key}`;
    if (a === undefined) this.add(`${prefix}_ADDED` as ChangeType, oRel, nRel, {}, `\`${key}\` ${b} added`);
    else if (b === undefined) this.add(`${prefix}_REMOVED` as ChangeType, oRel, nRel, {}, `\`${key}\` ${a} removed`);
    else if (a < b) this.add(`${prefix}_INCREASED` as ChangeType, oRel, nRel, {}, `\`${key}\` increased from ${a} to ${b}`);
    else this.add(`${prefix}_DECREASED` as ChangeType, oRel, nRel, {}, `\`${key}\` decreased from ${a} to ${b}`);
  }

  // ---- strings ---------------------------------------------------------------------------

  private strings(): void {
    const o = this.on;
    const n = this.nn;
    this.bound('MAX_LENGTH', 'maxLength', numberAt(o, 'maxLength'), numberAt(n, 'maxLength'));
    this.bound('MIN_LENGTH', 'minLength', numberAt(o, 'minLength'), numberAt(n, 'minLength'));
    for (const [key, prefix] of [['pattern', 'PATTERN'], ['format', 'FORMAT']] as const) {
      const a = stringAt(o, key);
      const b = stringAt(n, key);
      if (a === b) continue;
      if (a === undefined) this.add(`${prefix}_ADDED`, '', `/${key}`, {}, `\`${key}\` ${fmt(b)} added`);
      else if (b === undefined) this.add(`${prefix}_REMOVED`, `/${key}`, '', {}, `\`${key}\` ${fmt(a)} removed`);
      else this.add(`${prefix}_CHANGED`, `/${key}`, `/${key}`, {}, `\`${key}\` changed from ${fmt(a)} to ${fmt(b)}`);
    }
  }

  // ---- numbers ---------------------------------------------------------------------------

  private numbers(): void {
    const a = numericBounds(this.on);
    const b = numericBounds(this.nn);
    this.bound('MAXIMUM', 'maximum', a.maximum, b.maximum);
    this.bound('MINIMUM', 'minimum', a.minimum, b.minimum);
    this.bound('EXCLUSIVE_MAXIMUM', 'exclusiveMaximum', a.exclusiveMaximum, b.exclusiveMaximum);
    this.bound('EXCLUSIVE_MINIMUM', 'exclusiveMinimum', a.exclusiveMinimum, b.exclusiveMinimum);
    const om = positive(numberAt(this.on, 'multipleOf'));
    const nm = positive(numberAt(this.nn, 'multipleOf'));
    if (om === nm) return;
    if (om === undefined) this.add('MULTIPLE_OF_ADDED', '', '/multipleOf', {}, `\`multipleOf\` ${nm} added`);
    else if (nm === undefined) this.add('MULTIPLE_OF_REMOVED', '/multipleOf', '', {}, `\`multipleOf\` ${om} removed`);
    else if (isMultipleOf(nm, om)) this.add('MULTIPLE_OF_EXPANDED', '/multipleOf', '/multipleOf', {}, `\`multipleOf\` changed from ${om} to its multiple ${nm}`);
    else if (isMultipleOf(om, nm)) this.add('MULTIPLE_OF_REDUCED', '/multipleOf', '/multipleOf', {}, `\`multipleOf\` changed from ${om} to its divisor ${nm}`);
    else this.add('MULTIPLE_OF_CHANGED', '/multipleOf', '/multipleOf', {}, `\`multipleOf\` changed from ${om} to ${nm}`);
  }

  // ---- objects ---------------------------------------------------------------------------

  private objects(): void {
    const kw = this.kw;
    if (kw & KW.PROPERTIES) this.properties();
    this.required();
    if (kw & KW.OBJECT_OTHER) this.dependencies();
    if (kw & KW.ADDITIONAL_PROPERTIES) this.additional('additionalProperties', 'ADDITIONAL_PROPERTIES');
    if (!(kw & KW.OBJECT_OTHER)) return;
    if ('unevaluatedProperties' in this.on || 'unevaluatedProperties' in this.nn) this.additional('unevaluatedProperties', 'UNEVALUATED_PROPERTIES');
    this.patternProperties();
    this.bound('MAX_PROPERTIES', 'maxProperties', numberAt(this.on, 'maxProperties'), numberAt(this.nn, 'maxProperties'));
    this.bound('MIN_PROPERTIES', 'minProperties', numberAt(this.on, 'minProperties'), numberAt(this.nn, 'minProperties'));
    this.optionalSubschema('propertyNames');
  }

  private properties(): void {
    const oP = isObject(this.on.properties) ? this.on.properties : NO_KEYWORDS;
    const nP = isObject(this.nn.properties) ? this.nn.properties : NO_KEYWORDS;
    // Only needed for added or removed properties.
    let oReq: { has(k: string): boolean } | undefined;
    let nReq: { has(k: string): boolean } | undefined;
    const oParent = 'properties' in this.on ? '/properties' : '';
    const nParent = 'properties' in this.nn ? '/properties' : '';
    const oKeys = Object.keys(oP);
    const cleanBudget = this.w.skipIdentical ? this.w.maxDepth - this.depth - 1 : -1;
    for (let i = 0; i < oKeys.length; i++) {
      const k = oKeys[i];
      const ov = oP[k];
      // The same property on both sides, identical and reference-free: what `this.sub()` would
      // conclude without building its locations.
      if (typeof ov === 'object' && ov !== null && Object.prototype.hasOwnProperty.call(nP, k) && sameCleanSchema(ov, nP[k], cleanBudget)) continue;
      const pRel = rel('properties', k);
      // (`this.oc('properties', k)`: `oP` is `this.on.properties` whenever it has keys.)
      const oLoc: Loc = { node: ov, document: this.o.document, pointer: this.o.pointer + pRel };
      if (Object.prototype.hasOwnProperty.call(nP, k)) {
        const r = this.sub(pRel, pRel, oLoc, { node: nP[k], document: this.n.document, pointer: this.n.pointer + pRel });
        if (r.changes.length > 0) this.include(r, pRel, pRel);
        continue;
      }
      // Removed: the new content model decides.
      const oNode = this.w.derefL(oLoc).node;
      const oRequired = (oReq ??= requiredSet(this.on.required)).has(k);
      const oReqNoDefault = oRequired && !hasDefault(oNode);
      const slot = this.slot(this.n, this.nn, k, 'R');
      if (slot.kind === 'open') {
        const mirror: ChangeType = isEmptySchema(oNode)
          ? 'PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL'
          : oRequired
            ? hasDefault(oNode) ? 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL' : 'REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'
            : 'PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL';
        this.add('PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL', pRel, nParent, { mirror }, `property \`${k}\` removed from an open content model`);
      } else if (slot.kind === 'schema') {
        const r = this.sub(pRel, slot.rel, oLoc, slot.loc);
        this.include(r, pRel, slot.rel);
        const type: ChangeType = r.b ? 'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL';
        const fCover = this.w.compatible(r.f ? 'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL');
        this.add(type, pRel, slot.rel, { f: fCover && !oReqNoDefault },
          `property \`${k}\` removed; the new \`${slot.rel.split('/')[1]}\` ${r.b ? 'accepts' : 'does not accept'} its old values`);
      } else if (isFalseSchema(oNode)) {
        this.add('PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL', pRel, nParent, { f: !oReqNoDefault }, `property \`${k}\` (schema \`false\`) removed from a closed content model`);
      } else {
        this.add('PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL', pRel, nParent, { f: !oReqNoDefault }, `property \`${k}\` removed from a closed content model`);
      }
    }
    const nKeys = Object.keys(nP);
    for (let i = 0; i < nKeys.length; i++) {
      const k = nKeys[i];
      if (Object.prototype.hasOwnProperty.call(oP, k)) continue;
      const pRel = rel('properties', k);
      // (`this.nc('properties', k)`: `nP` is `this.nn.properties` whenever it has keys.)
      const nLoc: Loc = { node: nP[k], document: this.n.document, pointer: this.n.pointer + pRel };
      const nNode = this.w.derefR(nLoc).node;
      const required = (nReq ??= requiredSet(this.nn.required)).has(k);
      const withDefault = hasDefault(nNode);
      const slot = this.slot(this.o, this.on, k, 'L');
      if (slot.kind === 'open') {
        const type: ChangeType = isEmptySchema(nNode)
          ? 'PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL'
          : required
            ? withDefault ? 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL' : 'REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'
            : 'PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL';
        const kind = required ? (withDefault ? 'required property (with default)' : 'required property') : 'optional property';
        this.add(type, oParent, pRel, { f: true }, `${kind} \`${k}\` added to an open content model`);
        continue;
      }
      if (slot.kind === 'schema') {
        const r = this.sub(slot.rel, pRel, slot.loc, nLoc);
        this.include(r, slot.rel, pRel);
        const type: ChangeType = r.b ? 'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL';
        const fCover = this.w.compatible(r.f ? 'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL');
        this.add(type, slot.rel, pRel, { f: fCover },
          `property \`${k}\` added; its schema ${r.b ? 'accepts' : 'does not accept'} what the old \`${slot.rel.split('/')[1]}\` accepted for it`);
      }
      const type: ChangeType = required
        ? withDefault ? 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL' : 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL'
        : 'OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL';
      const f = slot.kind === 'schema' ? true : isFalseSchema(nNode);
      const kind = required ? (withDefault ? 'required property (with default)' : 'required property') : 'optional property';
      this.add(type, slot.kind === 'schema' ? slot.rel : oParent, pRel, { f },
        `${kind} \`${k}\` added to a ${slot.kind === 'schema' ? 'partially open' : 'closed'} content model`);
    }
  }

  /** What a content model says about an undeclared property name. */
  private slot(loc: Loc, node: Record<string, unknown>, name: string, side: 'L' | 'R'): Slot {
    if (isObject(node.patternProperties)) {
      for (const p of Object.keys(node.patternProperties)) {
        const re = compileRegExp(p);
        if (re && re.test(name)) return { kind: 'schema', loc: child(loc, 'patternProperties', p), rel: rel('patternProperties', p) };
      }
    }
    for (let i = 0; i < CONTENT_MODEL_KEYS.length; i++) {
      const key = CONTENT_MODEL_KEYS[i];
      if (!(key in node)) continue;
      // (`loc` and `node` are this side's `o`/`on` or `n`/`nn`.)
      const d = this.childNode(side, key);
      if (isFalseSchema(d)) return CLOSED_SLOT;
      if (isEmptySchema(d)) return OPEN_SLOT;
      return { kind: 'schema', loc: child(loc, key), rel: rel(key) };
    }
    return OPEN_SLOT;
  }

  private required(): void {
    if (sameStrings(this.on.required, this.nn.required)) return;
    const oP = isObject(this.on.properties) ? this.on.properties : NO_KEYWORDS;
    const nP = isObject(this.nn.properties) ? this.nn.properties : NO_KEYWORDS;
    const oReq = stringList(this.on.required);
    const nReq = stringList(this.nn.required);
    const oSet = requiredSet(oReq);
    const nSet = requiredSet(nReq);
    // (Indices are positions in the lists of strings.)
    for (let idx = 0; idx < nReq.length; idx++) {
      const k = nReq[idx];
      const inN = hasOwn(nP, k);
      if (oSet.has(k) || hasOwn(oP, k) !== inN) continue;
      const withDefault = inN && hasDefault(this.w.derefR(this.nc('properties', k)).node);
      this.add(withDefault ? 'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED' : 'REQUIRED_ATTRIBUTE_ADDED', nearRequired(this.on, oP, k), rel('required', idx), {},
        `property \`${k}\` became required${withDefault ? ' (it has a default)' : ''}`);
    }
    for (let idx = 0; idx < oReq.length; idx++) {
      const k = oReq[idx];
      const inO = hasOwn(oP, k);
      if (nSet.has(k) || inO !== hasOwn(nP, k)) continue;
      const oldDefault = inO && hasDefault(this.w.derefL(this.oc('properties', k)).node);
      this.add('REQUIRED_ATTRIBUTE_REMOVED', rel('required', idx), nearRequired(this.nn, nP, k),
        { mirror: oldDefault ? 'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED' : 'REQUIRED_ATTRIBUTE_ADDED' },
        `property \`${k}\` is no longer required`);
    }
  }

  private dependencies(): void {
    if (!hasDependencyKeyword(this.on) && !hasDependencyKeyword(this.nn)) return;
    const oD = dependencyView(this.on);
    const nD = dependencyView(this.nn);
    for (const [k, a] of oD.arrays) {
      const b = nD.arrays.get(k);
      if (!b) {
        this.add('DEPENDENCY_ARRAY_REMOVED', a.rel, nD.anyRel, {}, `the property dependency of \`${k}\` was removed`);
        continue;
      }
      const aSet = new Set(a.names);
      const bSet = new Set(b.names);
      const added = [...bSet].filter((x) => !aSet.has(x));
      const removed = [...aSet].filter((x) => !bSet.has(x));
      if (added.length === 0 && removed.length === 0) continue;
      if (removed.length === 0) this.add('DEPENDENCY_ARRAY_EXTENDED', a.rel, b.rel, {}, `\`${k}\` now also requires ${listSome(added)}`);
      else if (added.length === 0) this.add('DEPENDENCY_ARRAY_NARROWED', a.rel, b.rel, {}, `\`${k}\` no longer requires ${listSome(removed)}`);
      else this.add('DEPENDENCY_ARRAY_CHANGED', a.rel, b.rel, {}, `\`${k}\` now requires ${listSome(added)} instead of ${listSome(removed)}`);
    }
    for (const [k, b] of nD.arrays) {
      if (!oD.arrays.has(k)) this.add('DEPENDENCY_ARRAY_ADDED', oD.anyRel, b.rel, {}, `a property dependency of \`${k}\` on ${listSome(b.names)} was added`);
    }
    for (const [k, a] of oD.schemas) {
      const b = nD.schemas.get(k);
      if (!b) this.add('DEPENDENCY_SCHEMA_REMOVED', a, nD.anyRel, {}, `the schema dependency of \`${k}\` was removed`);
      else this.include(this.sub(a, b, pointerChild(this.o, a), pointerChild(this.n, b)), a, b);
    }
    for (const [k, b] of nD.schemas) {
      if (!oD.schemas.has(k)) this.add('DEPENDENCY_SCHEMA_ADDED', oD.anyRel, b, {}, `a schema dependency of \`${k}\` was added`);
    }
  }

  /** `additionalProperties` / `unevaluatedProperties`: open, closed (`false`) or a schema. */
  private additional(key: 'additionalProperties' | 'unevaluatedProperties', prefix: string): void {
    const oState = this.state(this.on, key, 'L');
    const nState = this.state(this.nn, key, 'R');
    const oRel = key in this.on ? `/${key}` : '';
    const nRel = key in this.nn ? `/${key}` : '';
    if (oState === nState && oState !== 'schema') return;
    if (oState === 'closed') this.add(`${prefix}_ADDED` as ChangeType, oRel, nRel, {}, `\`${key}\` no longer rejects undeclared properties`);
    else if (nState === 'closed') this.add(`${prefix}_REMOVED` as ChangeType, oRel, nRel, {}, `\`${key}: false\` now rejects undeclared properties`);
    else if (oState === 'open') this.add(`${prefix}_NARROWED` as ChangeType, oRel, nRel, {}, `an \`${key}\` schema now constrains undeclared properties`);
    else if (nState === 'open') this.add(`${prefix}_EXTENDED` as ChangeType, oRel, nRel, {}, `the \`${key}\` schema no longer constrains undeclared properties`);
    else this.include(this.sub(oRel, nRel, this.oc(key), this.nc(key)), oRel, nRel);
  }

  private state(node: Record<string, unknown>, key: string, side: 'L' | 'R'): 'open' | 'closed' | 'schema' {
    if (!(key in node)) return 'open';
    const d = this.childNode(side, key);
    if (isFalseSchema(d)) return 'closed';
    if (isEmptySchema(d)) return 'open';
    return 'schema';
  }

  private patternProperties(): void {
    const oPP = isObject(this.on.patternProperties) ? this.on.patternProperties : NO_KEYWORDS;
    const nPP = isObject(this.nn.patternProperties) ? this.nn.patternProperties : NO_KEYWORDS;
    // Nothing to compare (the content-model states below were already read by `additional()`).
    if (isEmptyObject(oPP) && isEmptyObject(nPP)) return;
    const oAP = this.state(this.on, 'additionalProperties', 'L');
    const nAP = this.state(this.nn, 'additionalProperties', 'R');
    const lenient = this.w.lenient;
    for (const p of Object.keys(oPP)) {
      const pRel = rel('patternProperties', p);
      const oLoc = this.oc('patternProperties', p);
      if (Object.prototype.hasOwnProperty.call(nPP, p)) {
        this.include(this.sub(pRel, pRel, oLoc, this.nc('patternProperties', p)), pRel, pRel);
        continue;
      }
      const oNode = this.w.derefL(oLoc).node;
      const nParent = 'patternProperties' in this.nn ? '/patternProperties' : '';
      let b: boolean;
      let f: boolean;
      if (nAP === 'open') {
        b = true;
        f = isEmptySchema(oNode) || lenient;
      } else if (nAP === 'closed') {
        b = isFalseSchema(oNode);
        f = true;
      } else {
        const r = this.sub(pRel, '/additionalProperties', oLoc, this.nc('additionalProperties'));
        this.include(r, pRel, '/additionalProperties');
        b = r.b || lenient;
        f = r.f || lenient;
      }
      this.add('PATTERN_PROPERTY_REMOVED', pRel, nParent, { b, f }, `\`patternProperties\` entry ${fmt(p)} removed`);
    }
    for (const p of Object.keys(nPP)) {
      if (Object.prototype.hasOwnProperty.call(oPP, p)) continue;
      const pRel = rel('patternProperties', p);
      const nLoc = this.nc('patternProperties', p);
      const nNode = this.w.derefR(nLoc).node;
      const oParent = 'patternProperties' in this.on ? '/patternProperties' : '';
      let b: boolean;
      let f: boolean;
      if (oAP === 'open') {
        b = isEmptySchema(nNode) || lenient;
        f = true;
      } else if (oAP === 'closed') {
        b = true;
        f = isFalseSchema(nNode);
      } else {
        const r = this.sub('/additionalProperties', pRel, this.oc('additionalProperties'), nLoc);
        this.include(r, '/additionalProperties', pRel);
        b = r.b || lenient;
        f = r.f || lenient;
      }
      this.add('PATTERN_PROPERTY_ADDED', oParent, pRel, { b, f }, `\`patternProperties\` entry ${fmt(p)} added`);
    }
  }

  // ---- arrays ----------------------------------------------------------------------------

  private arrays(): void {
    const oT = tupleView(this.on);
    const nT = tupleView(this.nn);
    const common = Math.min(oT.prefix.length, nT.prefix.length);
    for (let i = 0; i < common; i++) {
      this.include(this.sub(oT.prefix[i], nT.prefix[i], pointerChild(this.o, oT.prefix[i]), pointerChild(this.n, nT.prefix[i])), oT.prefix[i], nT.prefix[i]);
    }
    const oRest = this.restState(oT, 'L');
    const nRest = this.restState(nT, 'R');
    const nTupleRel = nT.prefixKey ? `/${nT.prefixKey}` : '';
    const oTupleRel = oT.prefixKey ? `/${oT.prefixKey}` : '';
    for (let i = common; i < oT.prefix.length; i++) {
      const iRel = oT.prefix[i];
      const oLoc = pointerChild(this.o, iRel);
      const oNode = this.w.derefL(oLoc).node;
      if (nRest === 'open') {
        this.add('ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL', iRel, nTupleRel, { f: isEmptySchema(oNode) }, `tuple position ${i} removed from an open tuple`);
      } else if (nRest === 'schema') {
        const r = this.sub(iRel, nT.restRel, oLoc, pointerChild(this.n, nT.restRel));
        this.include(r, iRel, nT.restRel);
        this.add(r.b ? 'ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', iRel, nT.restRel,
          { b: r.b, f: r.f }, `tuple position ${i} removed; the new schema for extra items ${r.b ? 'accepts' : 'does not accept'} its old values`);
      } else if (isFalseSchema(oNode)) {
        this.add('ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL', iRel, nTupleRel, {}, `tuple position ${i} (schema \`false\`) removed from a closed tuple`);
      } else {
        this.add('ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL', iRel, nTupleRel, {}, `tuple position ${i} removed from a closed tuple`);
      }
    }
    for (let i = common; i < nT.prefix.length; i++) {
      const iRel = nT.prefix[i];
      const nLoc = pointerChild(this.n, iRel);
      const nNode = this.w.derefR(nLoc).node;
      if (oRest === 'open') {
        this.add(isEmptySchema(nNode) ? 'ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL' : 'ITEM_ADDED_TO_OPEN_CONTENT_MODEL', oTupleRel, iRel, { f: true },
          `tuple position ${i} added to an open tuple`);
      } else if (oRest === 'schema') {
        const r = this.sub(oT.restRel, iRel, pointerChild(this.o, oT.restRel), nLoc);
        this.include(r, oT.restRel, iRel);
        this.add(r.b ? 'ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', oT.restRel, iRel,
          { b: r.b, f: r.f }, `tuple position ${i} added; its schema ${r.b ? 'accepts' : 'does not accept'} what the old schema for extra items accepted`);
      } else {
        this.add('ITEM_ADDED_TO_CLOSED_CONTENT_MODEL', oTupleRel, iRel, { f: isFalseSchema(nNode) }, `tuple position ${i} added to a closed tuple`);
      }
    }
    this.rest(oT, nT, oRest, nRest);
    this.bound('MAX_ITEMS', 'maxItems', numberAt(this.on, 'maxItems'), numberAt(this.nn, 'maxItems'));
    this.bound('MIN_ITEMS', 'minItems', numberAt(this.on, 'minItems'), numberAt(this.nn, 'minItems'));
    const ou = this.on.uniqueItems === true;
    const nu = this.nn.uniqueItems === true;
    if (ou !== nu) this.add(nu ? 'UNIQUE_ITEMS_ADDED' : 'UNIQUE_ITEMS_REMOVED', ou ? '/uniqueItems' : '', nu ? '/uniqueItems' : '', {}, nu ? '`uniqueItems` set' : '`uniqueItems` unset');
    this.optionalSubschema('contains');
    this.bound('MAX_CONTAINS', 'maxContains', numberAt(this.on, 'maxContains'), numberAt(this.nn, 'maxContains'));
    this.bound('MIN_CONTAINS', 'minContains', numberAt(this.on, 'minContains'), numberAt(this.nn, 'minContains'));
    if ('unevaluatedItems' in this.on || 'unevaluatedItems' in this.nn) {
      const a = this.state(this.on, 'unevaluatedItems', 'L');
      const b = this.state(this.nn, 'unevaluatedItems', 'R');
      const oRel = 'unevaluatedItems' in this.on ? '/unevaluatedItems' : '';
      const nRel = 'unevaluatedItems' in this.nn ? '/unevaluatedItems' : '';
      this.openClosedSchema(a, b, oRel, nRel, 'UNEVALUATED_ITEMS', 'unevaluatedItems');
    }
  }

  private restState(t: TupleView, side: 'L' | 'R'): 'open' | 'closed' | 'schema' {
    if (!t.restRel) return 'open';
    const loc = side === 'L' ? pointerChild(this.o, t.restRel) : pointerChild(this.n, t.restRel);
    if (loc.node === undefined) return 'open';
    const d = (side === 'L' ? this.w.derefL(loc) : this.w.derefR(loc)).node;
    if (isFalseSchema(d)) return 'closed';
    if (isEmptySchema(d)) return 'open';
    return 'schema';
  }

  /** Items beyond the tuple (or all items of a list). */
  private rest(oT: TupleView, nT: TupleView, a: 'open' | 'closed' | 'schema', b: 'open' | 'closed' | 'schema'): void {
    const oRel = a === 'open' && !this.present(this.on, oT.restRel) ? '' : oT.restRel;
    const nRel = b === 'open' && !this.present(this.nn, nT.restRel) ? '' : nT.restRel;
    const listForm = oT.prefix.length === 0 && nT.prefix.length === 0 && !oT.prefixKey && !nT.prefixKey;
    if (listForm && a !== 'closed' && b !== 'closed' && a !== b) {
      if (b === 'schema') this.add('SCHEMA_ADDED', oRel, nRel, {}, 'an `items` schema was added');
      else this.add('SCHEMA_REMOVED', oRel, nRel, {}, 'the `items` schema was removed');
      return;
    }
    this.openClosedSchema(a, b, oRel, nRel, 'ADDITIONAL_ITEMS', 'items beyond the tuple');
  }

  private present(node: Record<string, unknown>, relPath: string): boolean {
    return relPath !== '' && relPath.slice(1) in node;
  }

  private openClosedSchema(a: 'open' | 'closed' | 'schema', b: 'open' | 'closed' | 'schema', oRel: string, nRel: string, prefix: string, what: string): void {
    if (a === b && a !== 'schema') return;
    if (a === 'closed') this.add(`${prefix}_ADDED` as ChangeType, oRel, nRel, {}, `${what} are allowed again`);
    else if (b === 'closed') this.add(`${prefix}_REMOVED` as ChangeType, oRel, nRel, {}, `${what} are now rejected`);
    else if (a === 'open') this.add(`${prefix}_NARROWED` as ChangeType, oRel, nRel, {}, `a schema now constrains ${what}`);
    else if (b === 'open') this.add(`${prefix}_EXTENDED` as ChangeType, oRel, nRel, {}, `${what} are no longer constrained`);
    else this.include(this.sub(oRel, nRel, pointerChild(this.o, oRel), pointerChild(this.n, nRel)), oRel, nRel);
  }
}

const NO_FAMILY = new Set<Family>();
const OBJECT_FAMILY = new Set<Family>(['object']);
const ARRAY_FAMILY = new Set<Family>(['array']);
const STRING_FAMILY = new Set<Family>(['string']);
const NUMBER_FAMILY = new Set<Family>(['number']);

/** Families to compare when both sides declare the same single `type` (as `types()` computes them). */
function singleTypeFamily(type: string): Set<Family> | undefined {
  switch (type) {
    case 'object': return OBJECT_FAMILY;
    case 'string': return STRING_FAMILY;
    case 'number':
    case 'integer': return NUMBER_FAMILY;
    case 'array': return ARRAY_FAMILY;
    case 'null':
    case 'boolean': return NO_FAMILY;
    default: return undefined;
  }
}

const CONTENT_MODEL_KEYS = ['additionalProperties', 'unevaluatedProperties'] as const;

function kindOf(node: unknown): 'true' | 'false' | 'schema' {
  if (isFalseSchema(node)) return 'false';
  if (isEmptySchema(node) || node === undefined) return 'true';
  return 'schema';
}

function criterionExtended(origSize: number, updKind: CombinatorKind, updSize: number): boolean {
  if (updKind === 'anyOf') return true;
  if (updKind === 'oneOf') return origSize === 1;
  return origSize === 1 && updSize === 1;
}

function hasOwn(o: Record<string, unknown>, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** Where a `required` change is reported on the side that does not list the property. */
function nearRequired(node: Record<string, unknown>, p: Record<string, unknown>, k: string): string {
  return 'required' in node ? '/required' : hasOwn(p, k) ? rel('properties', k) : '';
}

/**
 * Membership in a `required` list, as `new Set(stringList(required)).has(name)`: short lists
 * are searched in place.
 */
function requiredSet(required: unknown): { has(k: string): boolean } {
  if (!Array.isArray(required)) return NO_NAMES;
  if (required.length > 16) return new Set(stringList(required));
  return new ShortList(required);
}

class ShortList {
  constructor(private readonly list: unknown[]) {}
  has(k: string): boolean {
    const list = this.list;
    for (let i = 0; i < list.length; i++) if (list[i] === k) return true;
    return false;
  }
}
const NO_NAMES = { has: (_k: string) => false };

/** Both absent, or the same array of the same values in the same order. */
function sameStrings(a: unknown, b: unknown): boolean {
  if (a === undefined && b === undefined) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function hasDefault(node: unknown): boolean {
  return isObject(node) && 'default' in node;
}

function positive(n: number | undefined): number | undefined {
  return n !== undefined && n > 0 ? n : undefined;
}

function hasRef(value: unknown): boolean {
  const stack = [value];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) stack.push(...v);
    else {
      if ('$ref' in v) return true;
      stack.push(...Object.values(v));
    }
  }
  return false;
}

/** Indices of the first occurrence of each distinct subschema. */
function dedupeIndices(list: unknown[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  list.forEach((s, i) => {
    const key = canonical(s);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(i);
  });
  return out;
}

/** Maximum bipartite matching (augmenting paths). Returns [left, right] pairs. */
function maxMatching(nLeft: number, nRight: number, edge: (l: number, r: number) => boolean): Array<[number, number]> {
  const adj: number[][] = [];
  for (let l = 0; l < nLeft; l++) {
    const list: number[] = [];
    for (let r = 0; r < nRight; r++) if (edge(l, r)) list.push(r);
    adj.push(list);
  }
  const matchR = new Array<number>(nRight).fill(-1);
  const tryAugment = (l: number, seen: boolean[]): boolean => {
    for (const r of adj[l]) {
      if (seen[r]) continue;
      seen[r] = true;
      if (matchR[r] < 0 || tryAugment(matchR[r], seen)) {
        matchR[r] = l;
        return true;
      }
    }
    return false;
  };
  for (let l = 0; l < nLeft; l++) tryAugment(l, new Array<boolean>(nRight).fill(false));
  const out: Array<[number, number]> = [];
  matchR.forEach((l, r) => {
    if (l >= 0) out.push([l, r]);
  });
  return out.sort((x, y) => x[0] - y[0]);
}

function enumOf(node: Record<string, unknown>): { values: unknown[]; rel: string } | undefined {
  if (Array.isArray(node.enum)) return { values: node.enum, rel: '/enum' };
  if ('const' in node) return { values: [node.const], rel: '/const' };
  return undefined;
}

interface TupleView {
  /** Relative pointers of the tuple positions. */
  prefix: string[];
  /** Keyword holding the tuple (`items` in draft-07 array form, `prefixItems` in 2020-12). */
  prefixKey?: string;
  /** Relative pointer of the schema for the other items ('' when none can be written). */
  restRel: string;
}

function tupleView(node: Record<string, unknown>): TupleView {
  if (Array.isArray(node.items)) {
    return { prefix: node.items.map((_, i) => rel('items', i)), prefixKey: 'items', restRel: '/additionalItems' };
  }
  if (Array.isArray(node.prefixItems)) {
    return { prefix: node.prefixItems.map((_, i) => rel('prefixItems', i)), prefixKey: 'prefixItems', restRel: '/items' };
  }
  return { prefix: [], restRel: '/items' };
}

function isEmptyObject(o: Record<string, unknown>): boolean {
  for (const _ in o) if (Object.prototype.hasOwnProperty.call(o, _)) return false;
  return true;
}

function hasDependencyKeyword(node: Record<string, unknown>): boolean {
  return 'dependencies' in node || 'dependentRequired' in node || 'dependentSchemas' in node;
}

function dependencyView(node: Record<string, unknown>): {
  arrays: Map<string, { names: string[]; rel: string }>;
  schemas: Map<string, string>;
  anyRel: string;
} {
  const arrays = new Map<string, { names: string[]; rel: string }>();
  const schemas = new Map<string, string>();
  for (const key of ['dependencies', 'dependentRequired', 'dependentSchemas']) {
    const value = node[key];
    if (!isObject(value)) continue;
    for (const [k, v] of Object.entries(value)) {
      if (Array.isArray(v) && key !== 'dependentSchemas') arrays.set(k, { names: stringList(v), rel: rel(key, k) });
      else if ((isObject(v) || typeof v === 'boolean') && key !== 'dependentRequired') schemas.set(k, rel(key, k));
    }
  }
  const anyRel = ['dependentRequired', 'dependentSchemas', 'dependencies'].find((k) => k in node);
  return { arrays, schemas, anyRel: anyRel ? `/${anyRel}` : '' };
}

/** The raw child at a relative pointer made of plain segments. */
function pointerChild(loc: Loc, relPath: string): Loc {
  if (relPath === '') return loc;
  const segments = relPath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = loc.node;
  for (const s of segments) node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[s] : undefined;
  return { node, document: loc.document, pointer: join(loc.pointer, ...segments) };
}

function describe(what: string, b: boolean, f: boolean, why: string): string {
  if (b && f) return what;
  const reason = why ? ` (${why})` : '';
  if (!b && !f) return `${what}: breaks readers in both directions${reason}`;
  if (!b) return `${what}: readers using the new schema may reject data written with the old one${reason}`;
  return `${what}: readers using the old schema may reject data written with the new one${reason}`;
}

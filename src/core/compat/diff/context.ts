/**
 * The comparison of one resolved pair of nodes, as the keyword families see it (Schema
 * Registry's `Context`): both nodes, where they are, and the changes recorded so far, with the
 * helpers every family shares (recording, child nodes, sub-comparisons, bounds, content-model
 * states).
 */
import { type ChangeType, changeTypeInfo } from '../changes';
import { isObject } from '../keywords';
import type { Loc } from '../resolve';
import { type AddOptions, type Result, type SchemaChange, describe } from './change';
import { NO_KEYWORDS, child, rel } from './paths';
import type { Vocabulary } from './vocabulary';
import type { Walker } from './walker';

/** An open (anything goes), closed (`false`) or constrained (a schema) slot for extra values. */
export type OpenState = 'open' | 'closed' | 'schema';

export class NodeContext {
  private readonly changes: SchemaChange[] = [];
  private b = true;
  private f = true;
  /** The old node's keywords ({} when it is not an object). */
  readonly on: Record<string, unknown>;
  /** The new node's keywords. */
  readonly nn: Record<string, unknown>;
  /** The families either node needs (see {@link Vocabulary.keywordMask}). */
  readonly kw: number;

  constructor(
    readonly w: Walker,
    readonly o: Loc,
    readonly n: Loc,
    readonly depth: number,
    readonly vocab: Vocabulary,
  ) {
    this.on = isObject(o.node) ? o.node : NO_KEYWORDS;
    this.nn = isObject(n.node) ? n.node : NO_KEYWORDS;
    this.kw = vocab.keywordMask(this.on) | vocab.keywordMask(this.nn);
  }

  result(): Result {
    return { changes: this.changes, b: this.b, f: this.f };
  }

  isEmpty(node: unknown): boolean {
    return this.vocab.isEmptySchema(node);
  }

  isFalse(node: unknown): boolean {
    return this.vocab.isFalseSchema(node);
  }

  // ---- recording -------------------------------------------------------------------------

  /** Records a change of this pair, at paths relative to it. */
  add(type: ChangeType, oRel: string, nRel: string, opts: AddOptions, what: string): void {
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
  include(r: Result, oPrefix: string, nPrefix: string, forceForward = false): void {
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

  // ---- children --------------------------------------------------------------------------

  /** Compares two child nodes (`oRel`/`nRel` say where they are; the result is relative to them). */
  sub(_oRel: string, _nRel: string, o: Loc, n: Loc): Result {
    return this.w.compare(o, n, this.depth + 1);
  }

  oc(a: string | number, b?: string | number): Loc {
    return child(this.o, a, b);
  }

  nc(a: string | number, b?: string | number): Loc {
    return child(this.n, a, b);
  }

  /**
   * `deref(this.oc(key)).node` (or `nc`): the child schema, resolved. A child that is no
   * reference and no invalid value resolves to itself, reporting nothing: no location is built.
   */
  childNode(side: 'L' | 'R', key: string): unknown {
    const raw = (side === 'L' ? this.on : this.nn)[key];
    if (raw === undefined || typeof raw === 'boolean' || (isObject(raw) && typeof raw.$ref !== 'string')) return raw;
    return side === 'L' ? this.w.derefL(this.oc(key)).node : this.w.derefR(this.nc(key)).node;
  }

  // ---- shared comparisons ----------------------------------------------------------------

  /** A subschema keyword that, when absent, imposes nothing (`contains`, `propertyNames`, `if`...). */
  optionalSubschema(key: string): void {
    const inO = key in this.on && !this.isEmpty(this.childNode('L', key));
    const inN = key in this.nn && !this.isEmpty(this.childNode('R', key));
    if (inO && inN) this.include(this.sub(`/${key}`, `/${key}`, this.oc(key), this.nc(key)), rel(key), rel(key));
    else if (inN) this.add('SCHEMA_ADDED', '', `/${key}`, {}, `a \`${key}\` subschema was added`);
    else if (inO) this.add('SCHEMA_REMOVED', `/${key}`, '', {}, `the \`${key}\` subschema was removed`);
  }

  /**
   * Added/removed/increased/decreased for a numeric keyword; `prefix` e.g. MAX_LENGTH. `opts`
   * and `note` (appended to the message) when the verdict depends on more than this keyword.
   */
  bound(prefix: string, key: string, a: number | undefined, b: number | undefined, opts: AddOptions = {}, note = ''): void {
    if (a === b) return;
    const oRel = a === undefined ? '' : `/${key}`;
    const nRel = b === undefined ? '' : `/${key}`;
    if (a === undefined) this.add(`${prefix}_ADDED` as ChangeType, oRel, nRel, opts, `\`${key}\` ${b} added${note}`);
    else if (b === undefined) this.add(`${prefix}_REMOVED` as ChangeType, oRel, nRel, opts, `\`${key}\` ${a} removed${note}`);
    else if (a < b) this.add(`${prefix}_INCREASED` as ChangeType, oRel, nRel, opts, `\`${key}\` increased from ${a} to ${b}${note}`);
    else this.add(`${prefix}_DECREASED` as ChangeType, oRel, nRel, opts, `\`${key}\` decreased from ${a} to ${b}${note}`);
  }

  /** What a keyword such as `additionalProperties` allows on one side: everything, nothing or a schema. */
  state(node: Record<string, unknown>, key: string, side: 'L' | 'R'): OpenState {
    if (!(key in node)) return 'open';
    const d = this.childNode(side, key);
    if (this.isFalse(d)) return 'closed';
    if (this.isEmpty(d)) return 'open';
    return 'schema';
  }
}

/**
 * What the keyword families declare, put to use: which families a pair of nodes needs (the
 * keyword mask), which keywords validate (a schema with none accepts anything) and which imply a
 * JSON type. Derived from the declarations, never kept by hand.
 */
import { type CombinatorKind, type Family, FAMILIES, isObject } from '../keywords';
import type { KeywordFamily } from './family';

const COMBINATORS: readonly CombinatorKind[] = ['allOf', 'anyOf', 'oneOf'];
const JSON_TYPES = new Set(['null', 'boolean', 'object', 'array', 'number', 'integer', 'string']);
const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

export class Vocabulary {
  /** keyword → the bits of the families that compare it. */
  private readonly bits = new Map<string, number>();
  private readonly familyBits = new Map<KeywordFamily, number>();
  /** Keywords that constrain instances (everything else is an annotation or holds definitions). */
  readonly validation: ReadonlySet<string>;
  /** The keywords that imply each JSON type when `type` is absent. */
  readonly typeKeywords: Readonly<Record<Family, readonly string[]>>;

  constructor(
    readonly families: readonly KeywordFamily[],
    /** Validation keywords no family compares (`$ref`, resolved before any family sees a node). */
    resolved: readonly string[],
  ) {
    if (families.length > 31) throw new Error('at most 31 keyword families fit a mask');
    const validation = new Set<string>(resolved);
    const typeKeywords: Record<Family, string[]> = { object: [], array: [], string: [], number: [] };
    families.forEach((family, i) => {
      const bit = 1 << i;
      this.familyBits.set(family, bit);
      for (const k of family.keywords) {
        this.bits.set(k, (this.bits.get(k) ?? 0) | bit);
        if (!family.annotations) validation.add(k);
        if (family.appliesTo !== 'any' && !typeKeywords[family.appliesTo].includes(k)) typeKeywords[family.appliesTo].push(k);
      }
    });
    this.validation = validation;
    this.typeKeywords = typeKeywords;
  }

  /** The bit a family has in {@link keywordMask}. */
  bitOf(family: KeywordFamily): number {
    const bit = this.familyBits.get(family);
    if (bit === undefined) throw new Error(`keyword family ${family.name} is not registered`);
    return bit;
  }

  /**
   * The families a schema object needs, as bits (every family for an object that is not a plain
   * JSON object, whose keywords could come from elsewhere than its own keys).
   */
  keywordMask(node: Record<string, unknown>): number {
    const proto = Object.getPrototypeOf(node);
    if (proto !== Object.prototype && proto !== null) return -1;
    let mask = 0;
    for (const k in node) {
      const bit = this.bits.get(k);
      if (bit !== undefined) mask |= bit;
    }
    return mask;
  }

  /** `true`, or an object without any validation keyword. */
  isEmptySchema(node: unknown): boolean {
    if (node === true) return true;
    if (!isObject(node)) return false;
    for (const key in node) if (this.validation.has(key) && hasOwn(node, key)) return false;
    return true;
  }

  /** `false`, or `{ "not": {} }` / `{ "not": true }` alone. */
  isFalseSchema(node: unknown): boolean {
    if (node === false) return true;
    if (!isObject(node) || !('not' in node)) return false;
    if (!this.isEmptySchema(node.not)) return false;
    for (const key in node) if (key !== 'not' && this.validation.has(key) && hasOwn(node, key)) return false;
    return true;
  }

  /** Whether the node has validation keywords other than the combinators. */
  hasBase(node: Record<string, unknown>): boolean {
    for (const key of Object.keys(node)) {
      if (this.validation.has(key) && !(COMBINATORS as readonly string[]).includes(key)) return true;
    }
    return false;
  }

  /**
   * The JSON types a schema accepts: its `type` keyword, or (like Schema Registry, whose loader
   * builds an object schema from `properties`, a string schema from `maxLength`...) the families
   * its keywords belong to. `null` means any type. `integer` is dropped when `number` is present.
   */
  effectiveTypes(node: Record<string, unknown>): Set<string> | null {
    const t = node.type;
    let types: string[] | undefined;
    if (typeof t === 'string' && JSON_TYPES.has(t)) types = [t];
    else if (Array.isArray(t) && t.length > 0 && t.every((x) => typeof x === 'string' && JSON_TYPES.has(x))) types = t as string[];
    if (!types) {
      const inferred: string[] = [];
      for (const family of FAMILIES) {
        if (this.typeKeywords[family].some((k) => k in node)) inferred.push(family);
      }
      if (inferred.length === 0) return null;
      types = inferred;
    }
    const set = new Set(types);
    if (set.has('number')) set.delete('integer');
    return set;
  }
}

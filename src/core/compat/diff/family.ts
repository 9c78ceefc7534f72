/**
 * A keyword family: one stateless comparison of the keywords it declares, in the manner of
 * Schema Registry's `StringSchemaDiff`, `ObjectSchemaDiff`, `CombinedSchemaDiff`... The walker
 * runs a family only when either side uses one of its `keywords`: that mask is derived from the
 * declarations (see `vocabulary.ts`), so a family cannot be skipped for a keyword it compares.
 */
import type { ChangeType } from '../changes';
import type { Family } from '../keywords';
import type { NodeContext } from './context';

export interface KeywordFamily {
  /** Names the family (tests, docs). */
  readonly name: string;
  /** The JSON type whose keywords these are (compared when both sides accept it), or `any`. */
  readonly appliesTo: Family | 'any';
  /**
   * The keywords the family compares: a pair where neither side has one of them has nothing to
   * compare here, and the family is skipped. They also tell the type of a schema without `type`
   * (`maxLength` → string), as Schema Registry's loader does.
   */
  readonly keywords: readonly string[];
  /** Keywords the family reads only when one of its `keywords` is present (a content model, say). */
  readonly consults?: readonly string[];
  /** Run on every pair whatever its keywords (`type`, which reads all of them to infer a type). */
  readonly ungated?: boolean;
  /** Annotations (`title`, `$id`...): a schema with nothing else accepts any value. */
  readonly annotations?: boolean;
  /** The change types the family reports. */
  readonly changeTypes: readonly ChangeType[];
  /** Compares one resolved pair; `true` when the pair is fully handled and nothing else runs. */
  compare(ctx: NodeContext): boolean | void;
}

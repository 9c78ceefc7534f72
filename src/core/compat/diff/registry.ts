/**
 * The keyword families, in the order they run and report: the one list the walker, the keyword
 * mask and the vocabulary (validation keywords, keywords implying a type) are derived from.
 */
import { type Family } from '../keywords';
import { arrayDiff } from './array';
import { combinedDiff } from './combined';
import { conditionalDiff } from './conditional';
import { enumDiff } from './enum';
import type { KeywordFamily } from './family';
import { metadataDiff } from './metadata';
import { notDiff } from './not';
import { numberDiff } from './number';
import { additionalPropertiesDiff, dependenciesDiff, propertyCountDiff, propertyNamesDiff, requiredDiff, unevaluatedPropertiesDiff } from './object';
import { patternPropertiesDiff, propertiesDiff } from './properties';
import { stringDiff } from './string';
import { typeDiff } from './type';
import { Vocabulary } from './vocabulary';

/** Annotations; run on every pair that is no `false` schema. */
export const METADATA = metadataDiff;
/** Combinators; may settle the whole pair (a plain schema that became a union...). */
export const COMBINED = combinedDiff;
/** Families for any type, after the combinators. */
export const ANY_TYPE: readonly KeywordFamily[] = [notDiff, conditionalDiff, enumDiff];
/** Families per JSON type, run when both sides accept that type. */
export const BY_JSON_TYPE: Readonly<Record<Family, readonly KeywordFamily[]>> = {
  object: [
    propertiesDiff,
    requiredDiff,
    dependenciesDiff,
    additionalPropertiesDiff,
    unevaluatedPropertiesDiff,
    patternPropertiesDiff,
    propertyCountDiff,
    propertyNamesDiff,
  ],
  array: [arrayDiff],
  string: [stringDiff],
  number: [numberDiff],
};

/** Every family: the walker's order (`type` runs between the any-type families and the typed ones). */
export const KEYWORD_FAMILIES: readonly KeywordFamily[] = [
  METADATA,
  COMBINED,
  ...ANY_TYPE,
  typeDiff,
  ...BY_JSON_TYPE.object,
  ...BY_JSON_TYPE.array,
  ...BY_JSON_TYPE.string,
  ...BY_JSON_TYPE.number,
];

export const VOCABULARY = new Vocabulary(KEYWORD_FAMILIES, ['$ref']);

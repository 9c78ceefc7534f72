/**
 * One schema pair per change type of the catalogue, with the verdicts of the whole pair.
 *
 * `strict` / `lenient` give the expected verdicts as [backward, forward]: backward = a reader on
 * the new schema reads data written with the old one, forward = the reverse. They are what Schema
 * Registry's documented rules say for the pair, written by hand. Where the verdict is a plain
 * fact about valid data, a witness instance proves it with ajv (`change-types.test.ts`).
 */
import type { ChangeType } from '../../../src/core/compat';
import { I, N, S, obj } from './helpers';

export type Verdict = [backward: boolean, forward: boolean];

export interface Case {
  type: ChangeType;
  old: unknown;
  new: unknown;
  strict: Verdict;
  /** Defaults to `strict`. */
  lenient?: Verdict;
  /** Valid under the old schema, invalid under the new one (proves backward = false). */
  oldOnly?: unknown;
  /** Valid under the new schema, invalid under the old one (proves forward = false). */
  newOnly?: unknown;
}

const str = (extra: Record<string, unknown>) => ({ type: 'string', ...extra });
const num = (extra: Record<string, unknown>) => ({ type: 'number', ...extra });
const arr = (extra: Record<string, unknown>) => ({ type: 'array', ...extra });
const T: Verdict = [true, true];
/** `v` is a string when `kind` is `when`, a number otherwise. */
const conditional = (when: string) =>
  obj({ kind: { enum: ['x', 'y'] }, v: {} }, { if: { properties: { kind: { const: when } } }, then: { properties: { v: S } }, else: { properties: { v: N } } });

export const CASES: Case[] = [
  // metadata
  { type: 'ID_CHANGED', old: { $id: 'urn:a', type: 'string' }, new: { $id: 'urn:b', type: 'string' }, strict: T },
  { type: 'TITLE_CHANGED', old: str({ title: 'A' }), new: str({ title: 'B' }), strict: T },
  { type: 'DESCRIPTION_CHANGED', old: str({ description: 'a' }), new: str({ description: 'b' }), strict: T },
  { type: 'DEFAULT_CHANGED', old: str({ default: 'a' }), new: str({ default: 'b' }), strict: T },
  { type: 'CONTENT_ENCODING_CHANGED', old: str({ contentEncoding: 'base64' }), new: str({ contentEncoding: 'base32' }), strict: T },
  { type: 'CONTENT_MEDIA_TYPE_CHANGED', old: str({ contentMediaType: 'image/png' }), new: str({ contentMediaType: 'image/jpeg' }), strict: T },

  // whole schemas and types
  { type: 'SCHEMA_ADDED', old: arr({}), new: arr({ items: S }), strict: [false, true], oldOnly: [1] },
  { type: 'SCHEMA_REMOVED', old: arr({ items: S }), new: arr({}), strict: [true, false], newOnly: [1] },
  { type: 'TYPE_EXTENDED', old: I, new: N, strict: [true, false], newOnly: 1.5 },
  { type: 'TYPE_NARROWED', old: N, new: I, strict: [false, true], oldOnly: 1.5 },
  { type: 'TYPE_CHANGED', old: S, new: N, strict: [false, false], oldOnly: 'a', newOnly: 1 },

  // strings
  { type: 'MAX_LENGTH_ADDED', old: S, new: str({ maxLength: 3 }), strict: [false, true], oldOnly: 'abcd' },
  { type: 'MAX_LENGTH_REMOVED', old: str({ maxLength: 3 }), new: S, strict: [true, false], newOnly: 'abcd' },
  { type: 'MAX_LENGTH_INCREASED', old: str({ maxLength: 3 }), new: str({ maxLength: 5 }), strict: [true, false], newOnly: 'abcd' },
  { type: 'MAX_LENGTH_DECREASED', old: str({ maxLength: 5 }), new: str({ maxLength: 3 }), strict: [false, true], oldOnly: 'abcd' },
  { type: 'MIN_LENGTH_ADDED', old: S, new: str({ minLength: 2 }), strict: [false, true], oldOnly: 'a' },
  { type: 'MIN_LENGTH_REMOVED', old: str({ minLength: 2 }), new: S, strict: [true, false], newOnly: 'a' },
  { type: 'MIN_LENGTH_INCREASED', old: str({ minLength: 1 }), new: str({ minLength: 2 }), strict: [false, true], oldOnly: 'a' },
  { type: 'MIN_LENGTH_DECREASED', old: str({ minLength: 2 }), new: str({ minLength: 1 }), strict: [true, false], newOnly: 'a' },
  { type: 'PATTERN_ADDED', old: S, new: str({ pattern: '^a' }), strict: [false, true], oldOnly: 'b' },
  { type: 'PATTERN_REMOVED', old: str({ pattern: '^a' }), new: S, strict: [true, false], newOnly: 'b' },
  { type: 'PATTERN_CHANGED', old: str({ pattern: '^a' }), new: str({ pattern: '^b' }), strict: [false, false], oldOnly: 'a', newOnly: 'b' },
  { type: 'FORMAT_ADDED', old: S, new: str({ format: 'date' }), strict: [false, true] },
  { type: 'FORMAT_REMOVED', old: str({ format: 'date' }), new: S, strict: [true, false] },
  { type: 'FORMAT_CHANGED', old: str({ format: 'date' }), new: str({ format: 'email' }), strict: [false, false] },

  // numbers
  { type: 'MAXIMUM_ADDED', old: N, new: num({ maximum: 10 }), strict: [false, true], oldOnly: 11 },
  { type: 'MAXIMUM_REMOVED', old: num({ maximum: 10 }), new: N, strict: [true, false], newOnly: 11 },
  { type: 'MAXIMUM_INCREASED', old: num({ maximum: 10 }), new: num({ maximum: 11 }), strict: [true, false], newOnly: 11 },
  { type: 'MAXIMUM_DECREASED', old: num({ maximum: 11 }), new: num({ maximum: 10 }), strict: [false, true], oldOnly: 11 },
  { type: 'MINIMUM_ADDED', old: N, new: num({ minimum: 10 }), strict: [false, true], oldOnly: 9 },
  { type: 'MINIMUM_REMOVED', old: num({ minimum: 10 }), new: N, strict: [true, false], newOnly: 9 },
  { type: 'MINIMUM_INCREASED', old: num({ minimum: 10 }), new: num({ minimum: 11 }), strict: [false, true], oldOnly: 10 },
  { type: 'MINIMUM_DECREASED', old: num({ minimum: 11 }), new: num({ minimum: 10 }), strict: [true, false], newOnly: 10 },
  { type: 'EXCLUSIVE_MAXIMUM_ADDED', old: N, new: num({ exclusiveMaximum: 10 }), strict: [false, true], oldOnly: 10 },
  { type: 'EXCLUSIVE_MAXIMUM_REMOVED', old: num({ exclusiveMaximum: 10 }), new: N, strict: [true, false], newOnly: 10 },
  { type: 'EXCLUSIVE_MAXIMUM_INCREASED', old: num({ exclusiveMaximum: 10 }), new: num({ exclusiveMaximum: 11 }), strict: [true, false], newOnly: 10.5 },
  { type: 'EXCLUSIVE_MAXIMUM_DECREASED', old: num({ exclusiveMaximum: 11 }), new: num({ exclusiveMaximum: 10 }), strict: [false, true], oldOnly: 10.5 },
  { type: 'EXCLUSIVE_MINIMUM_ADDED', old: N, new: num({ exclusiveMinimum: 10 }), strict: [false, true], oldOnly: 10 },
  { type: 'EXCLUSIVE_MINIMUM_REMOVED', old: num({ exclusiveMinimum: 10 }), new: N, strict: [true, false], newOnly: 10 },
  { type: 'EXCLUSIVE_MINIMUM_INCREASED', old: num({ exclusiveMinimum: 10 }), new: num({ exclusiveMinimum: 11 }), strict: [false, true], oldOnly: 10.5 },
  { type: 'EXCLUSIVE_MINIMUM_DECREASED', old: num({ exclusiveMinimum: 11 }), new: num({ exclusiveMinimum: 10 }), strict: [true, false], newOnly: 10.5 },
  { type: 'MULTIPLE_OF_ADDED', old: N, new: num({ multipleOf: 2 }), strict: [false, true], oldOnly: 3 },
  { type: 'MULTIPLE_OF_REMOVED', old: num({ multipleOf: 2 }), new: N, strict: [true, false], newOnly: 3 },
  { type: 'MULTIPLE_OF_EXPANDED', old: num({ multipleOf: 2 }), new: num({ multipleOf: 4 }), strict: [false, true], oldOnly: 2 },
  { type: 'MULTIPLE_OF_REDUCED', old: num({ multipleOf: 1 }), new: num({ multipleOf: 0.5 }), strict: [true, false], newOnly: 1.5 },
  { type: 'MULTIPLE_OF_CHANGED', old: num({ multipleOf: 2 }), new: num({ multipleOf: 3 }), strict: [false, false], oldOnly: 2, newOnly: 3 },

  // objects
  { type: 'REQUIRED_ATTRIBUTE_ADDED', old: obj({ a: S }), new: obj({ a: S }, { required: ['a'] }), strict: [false, true], oldOnly: {} },
  {
    type: 'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED',
    old: obj({ a: str({ default: 'x' }) }),
    new: obj({ a: str({ default: 'x' }) }, { required: ['a'] }),
    strict: T,
  },
  { type: 'REQUIRED_ATTRIBUTE_REMOVED', old: obj({ a: S }, { required: ['a'] }), new: obj({ a: S }), strict: [true, false], newOnly: {} },
  { type: 'MAX_PROPERTIES_ADDED', old: obj({}), new: obj({}, { maxProperties: 1 }), strict: [false, true], oldOnly: { a: 1, b: 2 } },
  { type: 'MAX_PROPERTIES_REMOVED', old: obj({}, { maxProperties: 1 }), new: obj({}), strict: [true, false], newOnly: { a: 1, b: 2 } },
  { type: 'MAX_PROPERTIES_INCREASED', old: obj({}, { maxProperties: 1 }), new: obj({}, { maxProperties: 2 }), strict: [true, false], newOnly: { a: 1, b: 2 } },
  { type: 'MAX_PROPERTIES_DECREASED', old: obj({}, { maxProperties: 2 }), new: obj({}, { maxProperties: 1 }), strict: [false, true], oldOnly: { a: 1, b: 2 } },
  { type: 'MIN_PROPERTIES_ADDED', old: obj({}), new: obj({}, { minProperties: 1 }), strict: [false, true], oldOnly: {} },
  { type: 'MIN_PROPERTIES_REMOVED', old: obj({}, { minProperties: 1 }), new: obj({}), strict: [true, false], newOnly: {} },
  { type: 'MIN_PROPERTIES_INCREASED', old: obj({}, { minProperties: 1 }), new: obj({}, { minProperties: 2 }), strict: [false, true], oldOnly: { a: 1 } },
  { type: 'MIN_PROPERTIES_DECREASED', old: obj({}, { minProperties: 2 }), new: obj({}, { minProperties: 1 }), strict: [true, false], newOnly: { a: 1 } },
  {
    type: 'DEPENDENCY_ARRAY_ADDED',
    old: obj({ a: S, b: S }),
    new: obj({ a: S, b: S }, { dependencies: { a: ['b'] } }),
    strict: [false, true],
    oldOnly: { a: 'x' },
  },
  {
    type: 'DEPENDENCY_ARRAY_REMOVED',
    old: obj({ a: S, b: S }, { dependencies: { a: ['b'] } }),
    new: obj({ a: S, b: S }),
    strict: [true, false],
    newOnly: { a: 'x' },
  },
  {
    type: 'DEPENDENCY_ARRAY_EXTENDED',
    old: obj({ a: S, b: S, c: S }, { dependentRequired: { a: ['b'] } }),
    new: obj({ a: S, b: S, c: S }, { dependentRequired: { a: ['b', 'c'] } }),
    strict: [false, true],
    oldOnly: { a: 'x', b: 'y' },
  },
  {
    type: 'DEPENDENCY_ARRAY_NARROWED',
    old: obj({ a: S, b: S, c: S }, { dependentRequired: { a: ['b', 'c'] } }),
    new: obj({ a: S, b: S, c: S }, { dependentRequired: { a: ['b'] } }),
    strict: [true, false],
    newOnly: { a: 'x', b: 'y' },
  },
  {
    type: 'DEPENDENCY_ARRAY_CHANGED',
    old: obj({ a: S, b: S, c: S }, { dependencies: { a: ['b'] } }),
    new: obj({ a: S, b: S, c: S }, { dependencies: { a: ['c'] } }),
    strict: [false, false],
    oldOnly: { a: 'x', b: 'y' },
    newOnly: { a: 'x', c: 'z' },
  },
  {
    type: 'DEPENDENCY_SCHEMA_ADDED',
    old: obj({ a: S, b: S }),
    new: obj({ a: S, b: S }, { dependentSchemas: { a: { required: ['b'] } } }),
    strict: [false, true],
    oldOnly: { a: 'x' },
  },
  {
    type: 'DEPENDENCY_SCHEMA_REMOVED',
    old: obj({ a: S, b: S }, { dependentSchemas: { a: { required: ['b'] } } }),
    new: obj({ a: S, b: S }),
    strict: [true, false],
    newOnly: { a: 'x' },
  },

  // content models (the policies differ here)
  {
    type: 'ADDITIONAL_PROPERTIES_ADDED',
    old: obj({ a: S }, { additionalProperties: false }),
    new: obj({ a: S }),
    strict: [true, false],
    lenient: T,
    newOnly: { z: 1 },
  },
  {
    type: 'ADDITIONAL_PROPERTIES_REMOVED',
    old: obj({ a: S }),
    new: obj({ a: S }, { additionalProperties: false }),
    strict: [false, true],
    lenient: T,
    oldOnly: { z: 1 },
  },
  {
    type: 'ADDITIONAL_PROPERTIES_EXTENDED',
    old: obj({ a: S }, { additionalProperties: S }),
    new: obj({ a: S }, { additionalProperties: true }),
    strict: [true, false],
    lenient: T,
    newOnly: { z: 1 },
  },
  {
    type: 'ADDITIONAL_PROPERTIES_NARROWED',
    old: obj({ a: S }, { additionalProperties: true }),
    new: obj({ a: S }, { additionalProperties: S }),
    strict: [false, true],
    lenient: T,
    oldOnly: { z: 1 },
  },
  {
    type: 'UNEVALUATED_PROPERTIES_ADDED',
    old: obj({ a: S }, { unevaluatedProperties: false }),
    new: obj({ a: S }),
    strict: [true, false],
    lenient: T,
    newOnly: { z: 1 },
  },
  {
    type: 'UNEVALUATED_PROPERTIES_REMOVED',
    old: obj({ a: S }),
    new: obj({ a: S }, { unevaluatedProperties: false }),
    strict: [false, true],
    lenient: T,
    oldOnly: { z: 1 },
  },
  {
    type: 'UNEVALUATED_PROPERTIES_EXTENDED',
    old: obj({ a: S }, { unevaluatedProperties: S }),
    new: obj({ a: S }, { unevaluatedProperties: true }),
    strict: [true, false],
    lenient: T,
    newOnly: { z: 1 },
  },
  {
    type: 'UNEVALUATED_PROPERTIES_NARROWED',
    old: obj({ a: S }, { unevaluatedProperties: true }),
    new: obj({ a: S }, { unevaluatedProperties: S }),
    strict: [false, true],
    lenient: T,
    oldOnly: { z: 1 },
  },
  {
    type: 'PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL',
    old: obj({ a: S }),
    new: obj({ a: S, b: N }),
    strict: [false, true],
    lenient: T,
    oldOnly: { a: 'x', b: 'not a number' },
  },
  {
    type: 'REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL',
    old: obj({ a: S }),
    new: obj({ a: S, b: N }, { required: ['b'] }),
    strict: [false, true],
    lenient: [false, true],
    oldOnly: { a: 'x' },
  },
  {
    type: 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL',
    old: obj({ a: S }),
    new: obj({ a: S, b: num({ default: 0 }) }, { required: ['b'] }),
    strict: [false, true],
    lenient: T,
  },
  { type: 'PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL', old: obj({ a: S }), new: obj({ a: S, b: {} }), strict: T },
  {
    type: 'OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL',
    old: obj({ a: S }, { additionalProperties: false }),
    new: obj({ a: S, b: N }, { additionalProperties: false }),
    strict: [true, false],
    newOnly: { a: 'x', b: 1 },
  },
  {
    type: 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL',
    old: obj({ a: S }, { additionalProperties: false }),
    new: obj({ a: S, b: N }, { required: ['b'], additionalProperties: false }),
    strict: [false, false],
    oldOnly: { a: 'x' },
    newOnly: { a: 'x', b: 1 },
  },
  {
    type: 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL',
    old: obj({ a: S }, { additionalProperties: false }),
    new: obj({ a: S, b: num({ default: 0 }) }, { required: ['b'], additionalProperties: false }),
    strict: [true, false],
    newOnly: { a: 'x', b: 1 },
  },
  {
    type: 'PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL',
    old: obj({ a: S, b: N }),
    new: obj({ a: S }),
    strict: [true, false],
    lenient: T,
    newOnly: { a: 'x', b: 'not a number' },
  },
  {
    type: 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL',
    old: obj({ a: S, b: N }, { additionalProperties: false }),
    new: obj({ a: S }, { additionalProperties: false }),
    strict: [false, true],
    oldOnly: { a: 'x', b: 1 },
  },
  {
    type: 'PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL',
    old: obj({ a: S, b: false }, { additionalProperties: false }),
    new: obj({ a: S }, { additionalProperties: false }),
    strict: T,
  },
  {
    type: 'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    old: obj({ a: S }, { additionalProperties: S }),
    new: obj({ a: S, b: S }, { additionalProperties: S }),
    strict: T,
  },
  {
    type: 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    old: obj({ a: S }, { additionalProperties: S }),
    new: obj({ a: S, b: str({ maxLength: 3 }) }, { additionalProperties: S }),
    strict: [false, true],
    oldOnly: { b: 'long value' },
  },
  {
    type: 'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    old: obj({ a: S, b: S }, { patternProperties: { '^b': S }, additionalProperties: false }),
    new: obj({ a: S }, { patternProperties: { '^b': S }, additionalProperties: false }),
    strict: T,
  },
  {
    type: 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    old: obj({ a: S, b: N }, { additionalProperties: S }),
    new: obj({ a: S }, { additionalProperties: S }),
    strict: [false, false],
    oldOnly: { b: 1 },
    newOnly: { b: 'x' },
  },
  {
    type: 'PATTERN_PROPERTY_ADDED',
    old: obj({ a: S }),
    new: obj({ a: S }, { patternProperties: { '^x_': S } }),
    strict: [false, true],
    lenient: T,
    oldOnly: { x_1: 1 },
  },
  {
    type: 'PATTERN_PROPERTY_REMOVED',
    old: obj({ a: S }, { patternProperties: { '^x_': S } }),
    new: obj({ a: S }),
    strict: [true, false],
    lenient: T,
    newOnly: { x_1: 1 },
  },

  // arrays
  { type: 'MAX_ITEMS_ADDED', old: arr({}), new: arr({ maxItems: 1 }), strict: [false, true], oldOnly: [1, 2] },
  { type: 'MAX_ITEMS_REMOVED', old: arr({ maxItems: 1 }), new: arr({}), strict: [true, false], newOnly: [1, 2] },
  { type: 'MAX_ITEMS_INCREASED', old: arr({ maxItems: 1 }), new: arr({ maxItems: 2 }), strict: [true, false], newOnly: [1, 2] },
  { type: 'MAX_ITEMS_DECREASED', old: arr({ maxItems: 2 }), new: arr({ maxItems: 1 }), strict: [false, true], oldOnly: [1, 2] },
  { type: 'MIN_ITEMS_ADDED', old: arr({}), new: arr({ minItems: 1 }), strict: [false, true], oldOnly: [] },
  { type: 'MIN_ITEMS_REMOVED', old: arr({ minItems: 1 }), new: arr({}), strict: [true, false], newOnly: [] },
  { type: 'MIN_ITEMS_INCREASED', old: arr({ minItems: 1 }), new: arr({ minItems: 2 }), strict: [false, true], oldOnly: [1] },
  { type: 'MIN_ITEMS_DECREASED', old: arr({ minItems: 2 }), new: arr({ minItems: 1 }), strict: [true, false], newOnly: [1] },
  { type: 'MAX_CONTAINS_ADDED', old: arr({ contains: S }), new: arr({ contains: S, maxContains: 1 }), strict: [false, true], oldOnly: ['a', 'b'] },
  { type: 'MAX_CONTAINS_REMOVED', old: arr({ contains: S, maxContains: 1 }), new: arr({ contains: S }), strict: [true, false], newOnly: ['a', 'b'] },
  {
    type: 'MAX_CONTAINS_INCREASED',
    old: arr({ contains: S, maxContains: 1 }),
    new: arr({ contains: S, maxContains: 2 }),
    strict: [true, false],
    newOnly: ['a', 'b'],
  },
  {
    type: 'MAX_CONTAINS_DECREASED',
    old: arr({ contains: S, maxContains: 2 }),
    new: arr({ contains: S, maxContains: 1 }),
    strict: [false, true],
    oldOnly: ['a', 'b'],
  },
  { type: 'MIN_CONTAINS_ADDED', old: arr({ contains: S }), new: arr({ contains: S, minContains: 2 }), strict: [false, true], oldOnly: ['a'] },
  { type: 'MIN_CONTAINS_REMOVED', old: arr({ contains: S, minContains: 2 }), new: arr({ contains: S }), strict: [true, false], newOnly: ['a'] },
  {
    type: 'MIN_CONTAINS_INCREASED',
    old: arr({ contains: S, minContains: 1 }),
    new: arr({ contains: S, minContains: 2 }),
    strict: [false, true],
    oldOnly: ['a'],
  },
  {
    type: 'MIN_CONTAINS_DECREASED',
    old: arr({ contains: S, minContains: 2 }),
    new: arr({ contains: S, minContains: 1 }),
    strict: [true, false],
    newOnly: ['a'],
  },
  { type: 'UNIQUE_ITEMS_ADDED', old: arr({}), new: arr({ uniqueItems: true }), strict: [false, true], oldOnly: [1, 1] },
  { type: 'UNIQUE_ITEMS_REMOVED', old: arr({ uniqueItems: true }), new: arr({}), strict: [true, false], newOnly: [1, 1] },
  {
    type: 'ADDITIONAL_ITEMS_ADDED',
    old: arr({ items: [S], additionalItems: false }),
    new: arr({ items: [S], additionalItems: true }),
    strict: [true, false],
    newOnly: ['a', 1],
  },
  { type: 'ADDITIONAL_ITEMS_REMOVED', old: arr({ prefixItems: [S] }), new: arr({ prefixItems: [S], items: false }), strict: [false, true], oldOnly: ['a', 1] },
  { type: 'ADDITIONAL_ITEMS_EXTENDED', old: arr({ items: [S], additionalItems: N }), new: arr({ items: [S] }), strict: [true, false], newOnly: ['a', 'b'] },
  { type: 'ADDITIONAL_ITEMS_NARROWED', old: arr({ prefixItems: [S] }), new: arr({ prefixItems: [S], items: N }), strict: [false, true], oldOnly: ['a', 'b'] },
  {
    type: 'UNEVALUATED_ITEMS_ADDED',
    old: arr({ prefixItems: [S], unevaluatedItems: false }),
    new: arr({ prefixItems: [S] }),
    strict: [true, false],
    newOnly: ['a', 1],
  },
  {
    type: 'UNEVALUATED_ITEMS_REMOVED',
    old: arr({ prefixItems: [S] }),
    new: arr({ prefixItems: [S], unevaluatedItems: false }),
    strict: [false, true],
    oldOnly: ['a', 1],
  },
  {
    type: 'UNEVALUATED_ITEMS_EXTENDED',
    old: arr({ prefixItems: [S], unevaluatedItems: N }),
    new: arr({ prefixItems: [S], unevaluatedItems: true }),
    strict: [true, false],
    newOnly: ['a', 'b'],
  },
  {
    type: 'UNEVALUATED_ITEMS_NARROWED',
    old: arr({ prefixItems: [S] }),
    new: arr({ prefixItems: [S], unevaluatedItems: N }),
    strict: [false, true],
    oldOnly: ['a', 'b'],
  },
  { type: 'ITEM_ADDED_TO_OPEN_CONTENT_MODEL', old: arr({ items: [S] }), new: arr({ items: [S, N] }), strict: [false, true], oldOnly: ['a', 'b'] },
  { type: 'ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL', old: arr({ items: [S] }), new: arr({ items: [S, true] }), strict: T },
  {
    type: 'ITEM_ADDED_TO_CLOSED_CONTENT_MODEL',
    old: arr({ prefixItems: [S], items: false }),
    new: arr({ prefixItems: [S, N], items: false }),
    strict: [true, false],
    newOnly: ['a', 1],
  },
  {
    type: 'ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL',
    old: arr({ prefixItems: [S, N] }),
    new: arr({ prefixItems: [S] }),
    strict: [true, false],
    newOnly: ['a', 'b'],
  },
  {
    type: 'ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL',
    old: arr({ items: [S, N], additionalItems: false }),
    new: arr({ items: [S], additionalItems: false }),
    strict: [false, true],
    oldOnly: ['a', 1],
  },
  {
    type: 'ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL',
    old: arr({ items: [S, false], additionalItems: false }),
    new: arr({ items: [S], additionalItems: false }),
    strict: T,
  },
  {
    type: 'ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    old: arr({ items: [S], additionalItems: S }),
    new: arr({ items: [S, S], additionalItems: S }),
    strict: T,
  },
  {
    type: 'ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    old: arr({ items: [S], additionalItems: S }),
    new: arr({ items: [S, N], additionalItems: S }),
    strict: [false, false],
    oldOnly: ['a', 'b'],
    newOnly: ['a', 1],
  },
  {
    type: 'ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    old: arr({ prefixItems: [S, S], items: S }),
    new: arr({ prefixItems: [S], items: S }),
    strict: T,
  },
  {
    type: 'ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    old: arr({ prefixItems: [S, N], items: S }),
    new: arr({ prefixItems: [S], items: S }),
    strict: [false, false],
    oldOnly: ['a', 1],
    newOnly: ['a', 'b'],
  },

  // enum / const
  { type: 'ENUM_ARRAY_EXTENDED', old: { enum: ['a'] }, new: { enum: ['a', 'b'] }, strict: [true, false], newOnly: 'b' },
  { type: 'ENUM_ARRAY_NARROWED', old: { enum: ['a', 'b'] }, new: { enum: ['a'] }, strict: [false, true], oldOnly: 'b' },
  { type: 'ENUM_ARRAY_CHANGED', old: { const: 'a' }, new: { const: 'b' }, strict: [false, false], oldOnly: 'a', newOnly: 'b' },

  // combinators
  { type: 'COMBINED_TYPE_EXTENDED', old: { oneOf: [S, N] }, new: { anyOf: [S, N] }, strict: [true, false] },
  {
    type: 'COMBINED_TYPE_CHANGED',
    old: { anyOf: [num({ maximum: 10 }), num({ minimum: 0 })] },
    new: { oneOf: [num({ maximum: 10 }), num({ minimum: 0 })] },
    strict: [false, true],
    oldOnly: 5,
  },
  { type: 'PRODUCT_TYPE_EXTENDED', old: { allOf: [S] }, new: { allOf: [S, { maxLength: 3 }] }, strict: [false, true], oldOnly: 'abcd' },
  { type: 'PRODUCT_TYPE_NARROWED', old: { allOf: [S, { maxLength: 3 }] }, new: { allOf: [S] }, strict: [true, false], newOnly: 'abcd' },
  { type: 'SUM_TYPE_EXTENDED', old: { oneOf: [S] }, new: { oneOf: [S, N] }, strict: [true, false], newOnly: 1 },
  { type: 'SUM_TYPE_NARROWED', old: { oneOf: [S, N] }, new: { oneOf: [S] }, strict: [false, true], oldOnly: 1 },
  { type: 'COMBINED_TYPE_SUBSCHEMAS_CHANGED', old: { oneOf: [S] }, new: { oneOf: [N] }, strict: [false, false], oldOnly: 'a', newOnly: 1 },
  { type: 'NOT_TYPE_EXTENDED', old: { not: I }, new: { not: N }, strict: [false, true], oldOnly: 1.5 },
  { type: 'NOT_TYPE_NARROWED', old: { not: N }, new: { not: I }, strict: [true, false], newOnly: 1.5 },

  // conditionals
  {
    type: 'CONDITION_ADDED',
    old: obj({ a: S, b: S }),
    new: obj({ a: S, b: S }, { if: { required: ['a'] }, then: { required: ['b'] } }),
    strict: [false, true],
    oldOnly: { a: 'x' },
  },
  {
    type: 'CONDITION_REMOVED',
    old: obj({ a: S, b: S }, { if: { required: ['a'] }, then: { required: ['b'] } }),
    new: obj({ a: S, b: S }),
    strict: [true, false],
    newOnly: { a: 'x' },
  },
  {
    type: 'CONDITION_CHANGED',
    old: conditional('x'),
    new: conditional('y'),
    strict: [false, false],
    oldOnly: { kind: 'x', v: 's' },
    newOnly: { kind: 'y', v: 's' },
  },
];

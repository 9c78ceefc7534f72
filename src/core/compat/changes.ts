/**
 * The catalogue of schema change types.
 *
 * Names follow Confluent Schema Registry's JSON Schema `Difference.Type` where the concept is the
 * same. Each type is described from the point of view of the old → new direction:
 *
 * - `strict` / `lenient`: whether a change of this type is BACKWARD compatible (a reader using the
 *   new schema reads data written with the old one) under that policy. These two sets reproduce
 *   Confluent's `COMPATIBLE_CHANGES_STRICT` and `COMPATIBLE_CHANGES_LENIENT`.
 * - `mirror`: the type the same difference has when the two schemas are swapped. FORWARD
 *   compatibility (an old reader reads new data) is BACKWARD compatibility of the swapped pair, as
 *   in Schema Registry, so a change is forward compatible when its mirror is backward compatible.
 *   Types whose mirror depends on the context (required-ness, defaults, content models) say
 *   `contextual` and the walker computes both directions itself.
 */

export type ChangeCategory = 'metadata' | 'type' | 'string' | 'number' | 'object' | 'content-model' | 'array' | 'enum' | 'combinator' | 'not' | 'conditional';

interface TypeSpec {
  category: ChangeCategory;
  /** Backward compatible under the strict policy. */
  strict: boolean;
  /** Backward compatible under the lenient policy (a superset of strict). */
  lenient: boolean;
  /** The type of the same difference seen from new → old, or `contextual`. */
  mirror: string;
  /** One line: what the change is. */
  doc: string;
  /** Why a reader may fail on it (shown when incompatible). */
  why: string;
}

function same(category: ChangeCategory, doc: string): TypeSpec {
  return { category, strict: true, lenient: true, mirror: 'self', doc, why: '' };
}

/** added/removed/increased/decreased for an upper bound (`maxLength`, `maximum`, ...). */
type Bounds<P extends string> = Record<`${P}_ADDED` | `${P}_REMOVED` | `${P}_INCREASED` | `${P}_DECREASED`, TypeSpec>;

function upper<P extends string>(keyword: string, category: ChangeCategory, prefix: P): Bounds<P> {
  const why = `values allowed by one side's \`${keyword}\` are rejected by the other`;
  return {
    [`${prefix}_ADDED`]: { category, strict: false, lenient: false, mirror: `${prefix}_REMOVED`, doc: `\`${keyword}\` added`, why },
    [`${prefix}_REMOVED`]: { category, strict: true, lenient: true, mirror: `${prefix}_ADDED`, doc: `\`${keyword}\` removed`, why },
    [`${prefix}_INCREASED`]: { category, strict: true, lenient: true, mirror: `${prefix}_DECREASED`, doc: `\`${keyword}\` increased`, why },
    [`${prefix}_DECREASED`]: { category, strict: false, lenient: false, mirror: `${prefix}_INCREASED`, doc: `\`${keyword}\` decreased`, why },
  } as Bounds<P>;
}

/** added/removed/increased/decreased for a lower bound (`minLength`, `minimum`, ...). */
function lower<P extends string>(keyword: string, category: ChangeCategory, prefix: P): Bounds<P> {
  const why = `values allowed by one side's \`${keyword}\` are rejected by the other`;
  return {
    [`${prefix}_ADDED`]: { category, strict: false, lenient: false, mirror: `${prefix}_REMOVED`, doc: `\`${keyword}\` added`, why },
    [`${prefix}_REMOVED`]: { category, strict: true, lenient: true, mirror: `${prefix}_ADDED`, doc: `\`${keyword}\` removed`, why },
    [`${prefix}_INCREASED`]: { category, strict: false, lenient: false, mirror: `${prefix}_DECREASED`, doc: `\`${keyword}\` increased`, why },
    [`${prefix}_DECREASED`]: { category, strict: true, lenient: true, mirror: `${prefix}_INCREASED`, doc: `\`${keyword}\` decreased`, why },
  } as Bounds<P>;
}

const OPEN_WHY =
  'an open content model lets writers add properties the schema does not declare, so old data may ' + 'already carry this name with another shape';
const CLOSED_WHY = 'a closed content model rejects properties it does not declare';

const SPECS = {
  // Metadata: never affects which data is valid.
  ID_CHANGED: same('metadata', '`$id` changed'),
  TITLE_CHANGED: same('metadata', '`title` changed'),
  DESCRIPTION_CHANGED: same('metadata', '`description` changed'),
  DEFAULT_CHANGED: same('metadata', '`default` changed'),
  CONTENT_ENCODING_CHANGED: same(
    'metadata',
    '`contentEncoding` added, removed or changed (not a Schema Registry type; an annotation validators do not assert)',
  ),
  CONTENT_MEDIA_TYPE_CHANGED: same(
    'metadata',
    '`contentMediaType` added, removed or changed (not a Schema Registry type; an annotation validators do not assert)',
  ),

  // Whole (sub)schemas.
  SCHEMA_ADDED: {
    category: 'type',
    strict: false,
    lenient: false,
    mirror: 'SCHEMA_REMOVED',
    doc: 'a subschema was added where there was none (`items`, `contains`, `propertyNames`, `then`/`else`)',
    why: 'the new subschema constrains values the old schema accepted',
  },
  SCHEMA_REMOVED: {
    category: 'type',
    strict: true,
    lenient: true,
    mirror: 'SCHEMA_ADDED',
    doc: 'a subschema was removed',
    why: 'the old subschema constrained values the new schema accepts',
  },
  TYPE_EXTENDED: {
    category: 'type',
    strict: true,
    lenient: true,
    mirror: 'TYPE_NARROWED',
    doc: 'the accepted type was widened (`integer` → `number`, a type dropped, `false` → anything, anything → `true`)',
    why: 'values of the wider type are rejected by readers of the narrower one',
  },
  TYPE_NARROWED: {
    category: 'type',
    strict: false,
    lenient: false,
    mirror: 'TYPE_EXTENDED',
    doc: 'the accepted type was narrowed (`number` → `integer`, a type added where any value was accepted, anything → `false`)',
    why: 'values of the wider type are rejected by readers of the narrower one',
  },
  TYPE_CHANGED: {
    category: 'type',
    strict: false,
    lenient: false,
    mirror: 'self',
    doc: 'the type changed to an unrelated one',
    why: 'values of one type are rejected by readers of the other',
  },

  // Strings.
  ...upper('maxLength', 'string', 'MAX_LENGTH'),
  ...lower('minLength', 'string', 'MIN_LENGTH'),
  PATTERN_ADDED: {
    category: 'string',
    strict: false,
    lenient: false,
    mirror: 'PATTERN_REMOVED',
    doc: '`pattern` added',
    why: 'strings not matching the pattern are rejected',
  },
  PATTERN_REMOVED: {
    category: 'string',
    strict: true,
    lenient: true,
    mirror: 'PATTERN_ADDED',
    doc: '`pattern` removed',
    why: 'strings not matching the pattern are rejected',
  },
  PATTERN_CHANGED: {
    category: 'string',
    strict: false,
    lenient: false,
    mirror: 'self',
    doc: '`pattern` changed',
    why: 'strings matching one pattern may not match the other',
  },
  FORMAT_ADDED: {
    category: 'string',
    strict: false,
    lenient: false,
    mirror: 'FORMAT_REMOVED',
    doc: '`format` added (not a Schema Registry type; validators asserting formats reject other strings)',
    why: 'strings not in the format are rejected by validators that assert formats',
  },
  FORMAT_REMOVED: {
    category: 'string',
    strict: true,
    lenient: true,
    mirror: 'FORMAT_ADDED',
    doc: '`format` removed (not a Schema Registry type)',
    why: 'strings not in the format are rejected by validators that assert formats',
  },
  FORMAT_CHANGED: {
    category: 'string',
    strict: false,
    lenient: false,
    mirror: 'self',
    doc: '`format` changed (not a Schema Registry type)',
    why: 'strings in one format may not be in the other',
  },

  // Numbers.
  ...upper('maximum', 'number', 'MAXIMUM'),
  ...lower('minimum', 'number', 'MINIMUM'),
  ...upper('exclusiveMaximum', 'number', 'EXCLUSIVE_MAXIMUM'),
  ...lower('exclusiveMinimum', 'number', 'EXCLUSIVE_MINIMUM'),
  MULTIPLE_OF_ADDED: {
    category: 'number',
    strict: false,
    lenient: false,
    mirror: 'MULTIPLE_OF_REMOVED',
    doc: '`multipleOf` added',
    why: 'numbers that are not multiples are rejected',
  },
  MULTIPLE_OF_REMOVED: {
    category: 'number',
    strict: true,
    lenient: true,
    mirror: 'MULTIPLE_OF_ADDED',
    doc: '`multipleOf` removed',
    why: 'numbers that are not multiples are rejected',
  },
  MULTIPLE_OF_EXPANDED: {
    category: 'number',
    strict: false,
    lenient: false,
    mirror: 'MULTIPLE_OF_REDUCED',
    doc: '`multipleOf` became a multiple of the old value (fewer numbers accepted)',
    why: 'multiples of the smaller step are not all multiples of the larger one',
  },
  MULTIPLE_OF_REDUCED: {
    category: 'number',
    strict: true,
    lenient: true,
    mirror: 'MULTIPLE_OF_EXPANDED',
    doc: '`multipleOf` became a divisor of the old value (more numbers accepted)',
    why: 'multiples of the smaller step are not all multiples of the larger one',
  },
  MULTIPLE_OF_CHANGED: {
    category: 'number',
    strict: false,
    lenient: false,
    mirror: 'self',
    doc: '`multipleOf` changed to an unrelated value',
    why: 'multiples of one step are not multiples of the other',
  },

  // Objects.
  REQUIRED_ATTRIBUTE_ADDED: {
    category: 'object',
    strict: false,
    lenient: false,
    mirror: 'REQUIRED_ATTRIBUTE_REMOVED',
    doc: 'an existing property became required, without a default',
    why: 'data written without the property is rejected',
  },
  REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED: {
    category: 'object',
    strict: true,
    lenient: true,
    mirror: 'REQUIRED_ATTRIBUTE_REMOVED',
    doc: 'an existing property became required and has a default',
    why: 'data written without the property is rejected',
  },
  REQUIRED_ATTRIBUTE_REMOVED: {
    category: 'object',
    strict: true,
    lenient: true,
    mirror: 'contextual',
    doc: 'a property is no longer required',
    why: 'readers that require the property reject data without it',
  },
  ...upper('maxProperties', 'object', 'MAX_PROPERTIES'),
  ...lower('minProperties', 'object', 'MIN_PROPERTIES'),
  ADDITIONAL_PROPERTIES_ADDED: {
    category: 'content-model',
    strict: true,
    lenient: true,
    mirror: 'ADDITIONAL_PROPERTIES_REMOVED',
    doc: '`additionalProperties: false` lifted (undeclared properties now allowed)',
    why: CLOSED_WHY,
  },
  ADDITIONAL_PROPERTIES_REMOVED: {
    category: 'content-model',
    strict: false,
    lenient: true,
    mirror: 'ADDITIONAL_PROPERTIES_ADDED',
    doc: '`additionalProperties: false` set (undeclared properties now rejected)',
    why: CLOSED_WHY,
  },
  ADDITIONAL_PROPERTIES_EXTENDED: {
    category: 'content-model',
    strict: true,
    lenient: true,
    mirror: 'ADDITIONAL_PROPERTIES_NARROWED',
    doc: 'the `additionalProperties` schema was dropped (any undeclared property allowed)',
    why: 'undeclared properties not matching the schema are rejected',
  },
  ADDITIONAL_PROPERTIES_NARROWED: {
    category: 'content-model',
    strict: false,
    lenient: true,
    mirror: 'ADDITIONAL_PROPERTIES_EXTENDED',
    doc: 'an `additionalProperties` schema was set on an open object',
    why: 'undeclared properties not matching the schema are rejected',
  },
  UNEVALUATED_PROPERTIES_ADDED: {
    category: 'content-model',
    strict: true,
    lenient: true,
    mirror: 'UNEVALUATED_PROPERTIES_REMOVED',
    doc: '`unevaluatedProperties: false` lifted',
    why: CLOSED_WHY,
  },
  UNEVALUATED_PROPERTIES_REMOVED: {
    category: 'content-model',
    strict: false,
    lenient: true,
    mirror: 'UNEVALUATED_PROPERTIES_ADDED',
    doc: '`unevaluatedProperties: false` set',
    why: CLOSED_WHY,
  },
  UNEVALUATED_PROPERTIES_EXTENDED: {
    category: 'content-model',
    strict: true,
    lenient: true,
    mirror: 'UNEVALUATED_PROPERTIES_NARROWED',
    doc: 'the `unevaluatedProperties` schema was dropped',
    why: 'unevaluated properties not matching the schema are rejected',
  },
  UNEVALUATED_PROPERTIES_NARROWED: {
    category: 'content-model',
    strict: false,
    lenient: true,
    mirror: 'UNEVALUATED_PROPERTIES_EXTENDED',
    doc: 'an `unevaluatedProperties` schema was set',
    why: 'unevaluated properties not matching the schema are rejected',
  },
  DEPENDENCY_ARRAY_ADDED: {
    category: 'object',
    strict: false,
    lenient: false,
    mirror: 'DEPENDENCY_ARRAY_REMOVED',
    doc: 'a property dependency (`dependencies`/`dependentRequired` array) was added',
    why: 'objects lacking the dependent properties are rejected',
  },
  DEPENDENCY_ARRAY_REMOVED: {
    category: 'object',
    strict: true,
    lenient: true,
    mirror: 'DEPENDENCY_ARRAY_ADDED',
    doc: 'a property dependency was removed',
    why: 'objects lacking the dependent properties are rejected',
  },
  DEPENDENCY_ARRAY_EXTENDED: {
    category: 'object',
    strict: false,
    lenient: false,
    mirror: 'DEPENDENCY_ARRAY_NARROWED',
    doc: 'a property dependency requires more properties',
    why: 'objects lacking the dependent properties are rejected',
  },
  DEPENDENCY_ARRAY_NARROWED: {
    category: 'object',
    strict: true,
    lenient: true,
    mirror: 'DEPENDENCY_ARRAY_EXTENDED',
    doc: 'a property dependency requires fewer properties',
    why: 'objects lacking the dependent properties are rejected',
  },
  DEPENDENCY_ARRAY_CHANGED: {
    category: 'object',
    strict: false,
    lenient: false,
    mirror: 'self',
    doc: 'a property dependency requires different properties',
    why: 'objects lacking the dependent properties are rejected',
  },
  DEPENDENCY_SCHEMA_ADDED: {
    category: 'object',
    strict: false,
    lenient: false,
    mirror: 'DEPENDENCY_SCHEMA_REMOVED',
    doc: 'a schema dependency (`dependencies`/`dependentSchemas` schema) was added',
    why: 'objects with the property must also match the dependent schema',
  },
  DEPENDENCY_SCHEMA_REMOVED: {
    category: 'object',
    strict: true,
    lenient: true,
    mirror: 'DEPENDENCY_SCHEMA_ADDED',
    doc: 'a schema dependency was removed',
    why: 'objects with the property must also match the dependent schema',
  },

  // Content models: properties added or removed.
  PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL: {
    category: 'content-model',
    strict: false,
    lenient: true,
    mirror: 'PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL',
    doc: 'an optional property was added to an open content model (Schema Registry 8.x: OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL)',
    why: OPEN_WHY,
  },
  REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL: {
    category: 'content-model',
    strict: false,
    lenient: false,
    mirror: 'PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL',
    doc: 'a required property without default was added to an open content model',
    why: 'data written with the old schema lacks the property',
  },
  REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL: {
    category: 'content-model',
    strict: false,
    lenient: true,
    mirror: 'PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL',
    doc: 'a required property with a default was added to an open content model',
    why: OPEN_WHY,
  },
  PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL: {
    category: 'content-model',
    strict: true,
    lenient: true,
    mirror: 'PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL',
    doc: 'a property accepting anything (`true`/`{}`) was added to an open content model',
    why: '',
  },
  OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL: {
    category: 'content-model',
    strict: true,
    lenient: true,
    mirror: 'contextual',
    doc: 'an optional property was added to a closed or partially open content model',
    why: CLOSED_WHY,
  },
  REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL: {
    category: 'content-model',
    strict: false,
    lenient: false,
    mirror: 'contextual',
    doc: 'a required property without default was added to a closed or partially open content model',
    why: 'data written with the old schema lacks the property',
  },
  REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL: {
    category: 'content-model',
    strict: true,
    lenient: true,
    mirror: 'contextual',
    doc: 'a required property with a default was added to a closed or partially open content model',
    why: CLOSED_WHY,
  },
  PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL: {
    category: 'content-model',
    strict: true,
    lenient: true,
    mirror: 'contextual',
    doc: 'a property was removed from an open content model',
    why: OPEN_WHY,
  },
  PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL: {
    category: 'content-model',
    strict: false,
    lenient: false,
    mirror: 'contextual',
    doc: 'a property was removed from a closed content model',
    why: 'data written with the old schema may carry the property, which the closed model rejects',
  },
  PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL: {
    category: 'content-model',
    strict: true,
    lenient: true,
    mirror: 'contextual',
    doc: 'a property whose schema was `false` was removed from a closed content model',
    why: '',
  },
  PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: {
    category: 'content-model',
    strict: true,
    lenient: true,
    mirror: 'contextual',
    doc: 'a property was added and its schema accepts what the old `patternProperties`/`additionalProperties` accepted for it',
    why: '',
  },
  PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: {
    category: 'content-model',
    strict: false,
    lenient: true,
    mirror: 'contextual',
    doc: 'a property was added whose schema rejects values the old `patternProperties`/`additionalProperties` accepted for it',
    why: 'old data may carry the property with a value the new schema rejects',
  },
  PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: {
    category: 'content-model',
    strict: true,
    lenient: true,
    mirror: 'contextual',
    doc: 'a property was removed and the new `patternProperties`/`additionalProperties` accept its old values',
    why: '',
  },
  PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: {
    category: 'content-model',
    strict: false,
    lenient: true,
    mirror: 'contextual',
    doc: 'a property was removed and the new `patternProperties`/`additionalProperties` reject some of its old values',
    why: 'old data carrying the property is rejected',
  },
  PATTERN_PROPERTY_ADDED: {
    category: 'content-model',
    strict: false,
    lenient: false,
    mirror: 'contextual',
    doc: 'a `patternProperties` entry was added (not a Schema Registry type; classified like a property added)',
    why: 'properties matching the pattern are now constrained',
  },
  PATTERN_PROPERTY_REMOVED: {
    category: 'content-model',
    strict: true,
    lenient: true,
    mirror: 'contextual',
    doc: 'a `patternProperties` entry was removed (not a Schema Registry type; classified like a property removed)',
    why: 'properties matching the pattern fall back to `additionalProperties`',
  },

  // Arrays.
  ...upper('maxItems', 'array', 'MAX_ITEMS'),
  ...lower('minItems', 'array', 'MIN_ITEMS'),
  ...upper('maxContains', 'array', 'MAX_CONTAINS'),
  ...lower('minContains', 'array', 'MIN_CONTAINS'),
  UNIQUE_ITEMS_ADDED: {
    category: 'array',
    strict: false,
    lenient: false,
    mirror: 'UNIQUE_ITEMS_REMOVED',
    doc: '`uniqueItems` set',
    why: 'arrays with duplicates are rejected',
  },
  UNIQUE_ITEMS_REMOVED: {
    category: 'array',
    strict: true,
    lenient: true,
    mirror: 'UNIQUE_ITEMS_ADDED',
    doc: '`uniqueItems` unset',
    why: 'arrays with duplicates are rejected',
  },
  ADDITIONAL_ITEMS_ADDED: {
    category: 'array',
    strict: true,
    lenient: true,
    mirror: 'ADDITIONAL_ITEMS_REMOVED',
    doc: 'items beyond the tuple are allowed again (`additionalItems`/`items` no longer `false`)',
    why: 'a closed tuple rejects extra items',
  },
  ADDITIONAL_ITEMS_REMOVED: {
    category: 'array',
    strict: false,
    lenient: false,
    mirror: 'ADDITIONAL_ITEMS_ADDED',
    doc: 'items beyond the tuple are rejected (`additionalItems`/`items: false`)',
    why: 'a closed tuple rejects extra items',
  },
  ADDITIONAL_ITEMS_EXTENDED: {
    category: 'array',
    strict: true,
    lenient: true,
    mirror: 'ADDITIONAL_ITEMS_NARROWED',
    doc: 'the schema for items beyond the tuple was dropped',
    why: 'extra items not matching the schema are rejected',
  },
  ADDITIONAL_ITEMS_NARROWED: {
    category: 'array',
    strict: false,
    lenient: false,
    mirror: 'ADDITIONAL_ITEMS_EXTENDED',
    doc: 'a schema for items beyond the tuple was set',
    why: 'extra items not matching the schema are rejected',
  },
  UNEVALUATED_ITEMS_ADDED: {
    category: 'array',
    strict: true,
    lenient: true,
    mirror: 'UNEVALUATED_ITEMS_REMOVED',
    doc: '`unevaluatedItems: false` lifted',
    why: 'unevaluated items are rejected',
  },
  UNEVALUATED_ITEMS_REMOVED: {
    category: 'array',
    strict: false,
    lenient: false,
    mirror: 'UNEVALUATED_ITEMS_ADDED',
    doc: '`unevaluatedItems: false` set',
    why: 'unevaluated items are rejected',
  },
  UNEVALUATED_ITEMS_EXTENDED: {
    category: 'array',
    strict: true,
    lenient: true,
    mirror: 'UNEVALUATED_ITEMS_NARROWED',
    doc: 'the `unevaluatedItems` schema was dropped',
    why: 'unevaluated items not matching the schema are rejected',
  },
  UNEVALUATED_ITEMS_NARROWED: {
    category: 'array',
    strict: false,
    lenient: false,
    mirror: 'UNEVALUATED_ITEMS_EXTENDED',
    doc: 'an `unevaluatedItems` schema was set',
    why: 'unevaluated items not matching the schema are rejected',
  },
  ITEM_ADDED_TO_OPEN_CONTENT_MODEL: {
    category: 'array',
    strict: false,
    lenient: false,
    mirror: 'ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL',
    doc: 'a tuple position was added to an open tuple',
    why: 'old data may already have any value at that position',
  },
  ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL: {
    category: 'array',
    strict: true,
    lenient: true,
    mirror: 'ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL',
    doc: 'a tuple position accepting anything was added to an open tuple',
    why: '',
  },
  ITEM_ADDED_TO_CLOSED_CONTENT_MODEL: {
    category: 'array',
    strict: true,
    lenient: true,
    mirror: 'contextual',
    doc: 'a tuple position was added to a closed tuple',
    why: 'a closed tuple rejects items beyond its positions',
  },
  ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL: {
    category: 'array',
    strict: true,
    lenient: true,
    mirror: 'contextual',
    doc: 'a tuple position was removed from an open tuple',
    why: 'old data may already have any value at that position',
  },
  ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL: {
    category: 'array',
    strict: false,
    lenient: false,
    mirror: 'ITEM_ADDED_TO_CLOSED_CONTENT_MODEL',
    doc: 'a tuple position was removed from a closed tuple',
    why: 'old data with an item at that position is rejected',
  },
  ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL: {
    category: 'array',
    strict: true,
    lenient: true,
    mirror: 'ITEM_ADDED_TO_CLOSED_CONTENT_MODEL',
    doc: 'a tuple position whose schema was `false` was removed from a closed tuple',
    why: '',
  },
  ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: {
    category: 'array',
    strict: true,
    lenient: true,
    mirror: 'contextual',
    doc: 'a tuple position was added and accepts what the old schema for extra items accepted',
    why: '',
  },
  ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: {
    category: 'array',
    strict: false,
    lenient: false,
    mirror: 'contextual',
    doc: 'a tuple position was added and rejects values the old schema for extra items accepted',
    why: 'old data may have a value at that position that the new schema rejects',
  },
  ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: {
    category: 'array',
    strict: true,
    lenient: true,
    mirror: 'contextual',
    doc: 'a tuple position was removed and the new schema for extra items accepts its old values',
    why: '',
  },
  ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: {
    category: 'array',
    strict: false,
    lenient: false,
    mirror: 'contextual',
    doc: 'a tuple position was removed and the new schema for extra items rejects some of its old values',
    why: 'old data with an item at that position is rejected',
  },

  // Enumerations and constants.
  ENUM_ARRAY_EXTENDED: {
    category: 'enum',
    strict: true,
    lenient: true,
    mirror: 'ENUM_ARRAY_NARROWED',
    doc: 'values were added to `enum` (or `const` became an `enum` containing it)',
    why: 'readers of the smaller set reject the added values',
  },
  ENUM_ARRAY_NARROWED: {
    category: 'enum',
    strict: false,
    lenient: false,
    mirror: 'ENUM_ARRAY_EXTENDED',
    doc: 'values were removed from `enum`',
    why: 'readers of the smaller set reject the removed values',
  },
  ENUM_ARRAY_CHANGED: {
    category: 'enum',
    strict: false,
    lenient: false,
    mirror: 'self',
    doc: 'values were both added to and removed from `enum`, or `const` changed',
    why: 'each side accepts values the other rejects',
  },

  // Combinators.
  COMBINED_TYPE_EXTENDED: {
    category: 'combinator',
    strict: true,
    lenient: true,
    mirror: 'contextual',
    doc: 'the combinator became more permissive (`oneOf`/`allOf` → `anyOf`, singleton → `oneOf`)',
    why: '',
  },
  COMBINED_TYPE_CHANGED: {
    category: 'combinator',
    strict: false,
    lenient: false,
    mirror: 'contextual',
    doc: 'the combinator changed kind in a restricting way (`anyOf` → `oneOf`/`allOf`)',
    why: 'values matching several branches, or only one, are judged differently',
  },
  PRODUCT_TYPE_EXTENDED: {
    category: 'combinator',
    strict: false,
    lenient: false,
    mirror: 'PRODUCT_TYPE_NARROWED',
    doc: 'constraints were added to an `allOf` (or an `enum`/`const`/combinator constraint was added)',
    why: 'values must now match more subschemas',
  },
  PRODUCT_TYPE_NARROWED: {
    category: 'combinator',
    strict: true,
    lenient: true,
    mirror: 'PRODUCT_TYPE_EXTENDED',
    doc: 'constraints were removed from an `allOf` (or an `enum`/`const`/combinator constraint was removed)',
    why: 'values must now match more subschemas',
  },
  SUM_TYPE_EXTENDED: {
    category: 'combinator',
    strict: true,
    lenient: true,
    mirror: 'SUM_TYPE_NARROWED',
    doc: 'alternatives were added to a `oneOf`/`anyOf`/type list',
    why: 'readers of fewer alternatives reject the added ones',
  },
  SUM_TYPE_NARROWED: {
    category: 'combinator',
    strict: false,
    lenient: false,
    mirror: 'SUM_TYPE_EXTENDED',
    doc: 'alternatives were removed from a `oneOf`/`anyOf`/type list',
    why: 'readers of fewer alternatives reject the removed ones',
  },
  COMBINED_TYPE_SUBSCHEMAS_CHANGED: {
    category: 'combinator',
    strict: false,
    lenient: false,
    mirror: 'contextual',
    doc: 'the branches of a combinator cannot be matched one to one compatibly',
    why: 'some branch of one side accepts values no branch of the other accepts',
  },
  NOT_TYPE_EXTENDED: {
    category: 'not',
    strict: false,
    lenient: false,
    mirror: 'NOT_TYPE_NARROWED',
    doc: 'the `not` subschema excludes more values (or `not` was added)',
    why: 'values now excluded are rejected',
  },
  NOT_TYPE_NARROWED: {
    category: 'not',
    strict: true,
    lenient: true,
    mirror: 'NOT_TYPE_EXTENDED',
    doc: 'the `not` subschema excludes fewer values (or `not` was removed)',
    why: 'values now excluded are rejected',
  },

  // Conditionals (not Schema Registry types: its diff does not compare `if`/`then`/`else`).
  CONDITION_ADDED: {
    category: 'conditional',
    strict: false,
    lenient: false,
    mirror: 'CONDITION_REMOVED',
    doc: 'an `if` with `then`/`else` was added: the values it selects must match `then`, the others `else`',
    why: 'old data may not match the branch it now falls into',
  },
  CONDITION_REMOVED: {
    category: 'conditional',
    strict: true,
    lenient: true,
    mirror: 'contextual',
    doc: 'an `if` with `then`/`else` was removed',
    why: 'readers of the conditional reject values that do not match their branch',
  },
  CONDITION_CHANGED: {
    category: 'conditional',
    strict: false,
    lenient: false,
    mirror: 'contextual',
    doc: 'the `if` subschema changed, so some values are checked against the other branch',
    why: 'a value moved to the other branch may not match it',
  },
} satisfies Record<string, TypeSpec>;

export type ChangeType = keyof typeof SPECS;

export interface ChangeTypeInfo {
  type: ChangeType;
  category: ChangeCategory;
  /** Backward compatible under the strict policy (Confluent COMPATIBLE_CHANGES_STRICT). */
  strict: boolean;
  /** Backward compatible under the lenient policy (Confluent COMPATIBLE_CHANGES_LENIENT). */
  lenient: boolean;
  /** Type of the same difference seen new → old; undefined when it depends on the context. */
  mirror?: ChangeType;
  doc: string;
  why: string;
}

export const CHANGE_TYPES: readonly ChangeTypeInfo[] = Object.entries(SPECS as Record<string, TypeSpec>).map(([type, spec]) => ({
  type: type as ChangeType,
  category: spec.category,
  strict: spec.strict,
  lenient: spec.lenient,
  mirror: spec.mirror === 'contextual' ? undefined : ((spec.mirror === 'self' ? type : spec.mirror) as ChangeType),
  doc: spec.doc,
  why: spec.why,
}));

const BY_TYPE = new Map<string, ChangeTypeInfo>(CHANGE_TYPES.map((t) => [t.type, t]));

export function changeTypeInfo(type: ChangeType): ChangeTypeInfo {
  const info = BY_TYPE.get(type);
  if (!info) throw new Error(`unknown change type ${type}`);
  return info;
}

export function isChangeType(value: string): value is ChangeType {
  return BY_TYPE.has(value);
}

export type Policy = 'strict' | 'lenient';

/** Whether a change of this type, read old → new, is backward compatible under the policy. */
export function isBackwardCompatibleType(type: ChangeType, policy: Policy): boolean {
  const info = changeTypeInfo(type);
  return policy === 'lenient' ? info.lenient : info.strict;
}

/** Random JSON Schemas for property tests: every keyword the engine reads, small and nested. */
import fc from 'fast-check';

const leaf = fc.oneof(
  fc.constant({ type: 'string' }),
  fc.constant({ type: 'number' }),
  fc.constant({ type: 'integer' }),
  fc.constant(true),
  fc.constant(false),
  fc.constant({}),
  fc.record(
    { maxLength: fc.nat(5), minLength: fc.nat(3), pattern: fc.constantFrom('^a', '^b'), format: fc.constantFrom('date', 'email') },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      minimum: fc.nat(5),
      maximum: fc.nat(9),
      exclusiveMinimum: fc.oneof(fc.boolean(), fc.nat(5)),
      exclusiveMaximum: fc.oneof(fc.boolean(), fc.nat(9)),
      multipleOf: fc.constantFrom(0.5, 2, 3),
    },
    { requiredKeys: [] },
  ),
  fc.record({ enum: fc.array(fc.constantFrom('a', 'b', 'c', 1), { maxLength: 3 }) }),
  fc.record({ const: fc.constantFrom('a', 'b') }),
  fc.record({ $ref: fc.constantFrom('#/definitions/a', '#/definitions/b', '#/nope') }),
  fc.record(
    { title: fc.constantFrom('t', 'u'), description: fc.constantFrom('d', 'e'), default: fc.constantFrom('x', 1), $id: fc.constantFrom('urn:a', 'urn:b') },
    { requiredKeys: [] },
  ),
);

const names = fc.constantFrom('a', 'b', 'c', 'x_1');

const { tree } = fc.letrec<{ tree: unknown; obj: unknown; arr: unknown; comb: unknown; misc: unknown }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('obj'), tie('arr'), tie('comb'), tie('misc')),
  obj: fc.record(
    {
      type: fc.constantFrom('object', undefined),
      properties: fc.dictionary(names, tie('tree'), { maxKeys: 3 }),
      required: fc.array(names, { maxLength: 3 }),
      additionalProperties: fc.oneof(fc.boolean(), tie('tree')),
      unevaluatedProperties: fc.oneof(fc.boolean(), tie('tree')),
      patternProperties: fc.dictionary(fc.constantFrom('^x_', '^c'), tie('tree'), { maxKeys: 2 }),
      dependencies: fc.dictionary(names, fc.oneof(fc.array(names, { maxLength: 2 }), tie('tree')), { maxKeys: 2 }),
      dependentRequired: fc.dictionary(names, fc.array(names, { maxLength: 2 }), { maxKeys: 2 }),
      dependentSchemas: fc.dictionary(names, tie('tree'), { maxKeys: 1 }),
      minProperties: fc.nat(3),
      maxProperties: fc.nat(3),
      propertyNames: tie('tree'),
    },
    { requiredKeys: [] },
  ),
  arr: fc.record(
    {
      type: fc.constantFrom('array', undefined),
      items: fc.oneof(tie('tree'), fc.array(tie('tree'), { maxLength: 3 })),
      prefixItems: fc.array(tie('tree'), { maxLength: 3 }),
      additionalItems: fc.oneof(fc.boolean(), tie('tree')),
      unevaluatedItems: fc.oneof(fc.boolean(), tie('tree')),
      minItems: fc.nat(3),
      maxItems: fc.nat(3),
      uniqueItems: fc.boolean(),
      contains: tie('tree'),
      minContains: fc.nat(2),
      maxContains: fc.nat(3),
    },
    { requiredKeys: [] },
  ),
  comb: fc.record(
    {
      allOf: fc.array(tie('tree'), { maxLength: 3 }),
      anyOf: fc.array(tie('tree'), { maxLength: 3 }),
      oneOf: fc.array(tie('tree'), { maxLength: 3 }),
      type: fc.constantFrom('string', 'object', undefined),
    },
    { requiredKeys: [] },
  ),
  misc: fc.record(
    {
      not: tie('tree'),
      if: tie('tree'),
      then: tie('tree'),
      else: tie('tree'),
      type: fc.constantFrom(['string', 'null'], ['integer', 'number'], 'boolean', undefined),
    },
    { requiredKeys: [] },
  ),
}));

/** A schema whose `$ref`s point into its own `definitions` (or nowhere). */
export const schemaArb: fc.Arbitrary<unknown> = fc
  .record({ a: tree, b: tree, body: tree })
  .map(({ a, b, body }) => (typeof body === 'object' && body !== null ? { ...body, definitions: { a, b } } : body));

/** A schema and a variant of it (most real version pairs differ a little). */
export const schemaPairArb: fc.Arbitrary<[unknown, unknown]> = fc.oneof(
  fc.tuple(schemaArb, schemaArb),
  fc.tuple(schemaArb, tree, fc.constantFrom('properties', 'items', 'allOf', 'not', 'if')).map(([a, t, k]): [unknown, unknown] => {
    if (typeof a !== 'object' || a === null) return [a, t];
    const o = a as Record<string, unknown>;
    const changed = k === 'allOf' ? [t] : k === 'properties' ? { ...(o.properties as object), a: t } : t;
    return [a, { ...o, [k]: changed }];
  }),
);

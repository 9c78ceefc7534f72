/**
 * Verdicts on the cases where we differed from Schema Registry's labelled examples
 * (`diff-schema-examples.json`, `diff-combined-schema-examples.json` and their 2020-12 twins in
 * confluentinc/schema-registry, rewritten here in our own terms) or from Apicurio's, and on the
 * neighbouring cases of the same families. Each verdict is proven with ajv: a value one schema
 * accepts and the other rejects shows a break; values both accept show where a reported break
 * would be a false alarm.
 */
import assert from 'node:assert/strict';
import { compareSchemas, type ChangeType, type Policy } from '../../../src/core/compat';
import { N, S, obj, valid } from './helpers';

type Verdict = [backward: boolean, forward: boolean];

interface Case {
  name: string;
  old: unknown;
  new: unknown;
  /** Our verdicts under both policies (strict and lenient agree on all of these). */
  ours: Verdict;
  /** Schema Registry's backward verdict: from its labelled examples, or (`code`) from reading its diff. */
  registry?: { backward: boolean; from: 'labelled' | 'code' };
  /** When we differ from the registry: why. */
  deviation?: string;
  /** A change type we must report. */
  reports?: ChangeType;
  /** Accepted by the old schema, rejected by the new one (backward break). */
  oldOnly?: unknown;
  /** Accepted by the new schema, rejected by the old one (forward break). */
  newOnly?: unknown;
  /** Accepted by both: no break a reader could notice on these. */
  acceptedByBoth?: unknown[];
  /** Rejected by both. */
  rejectedByBoth?: unknown[];
}

const arr07 = (extra: Record<string, unknown>) => ({ $schema: 'http://json-schema.org/draft-07/schema#', ...extra });
const tuple = (prefixItems: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'array', prefixItems, ...extra });
const conditional = (selected: string[], thenV: unknown, elseV: unknown) =>
  obj(
    { kind: { enum: ['lower', 'upper', 'title'] }, text: S },
    {
      if: { properties: { kind: { enum: selected } } },
      then: { properties: { text: thenV } },
      else: { properties: { text: elseV } },
    },
  );
const LOWER = { pattern: '^[a-z]*$' };
const UPPER = { pattern: '^[A-Z]*$' };

const CASES: Case[] = [
  // allOf → anyOf / oneOf with fewer subschemas (registry: CombinedSchemaDiff's criteria and sizes).
  {
    name: 'allOf of contradictory subschemas → anyOf of one of them',
    old: obj({ p: { allOf: [N, S] } }),
    new: obj({ p: { anyOf: [S] } }),
    ours: [true, false],
    registry: { backward: true, from: 'labelled' },
    reports: 'PRODUCT_TYPE_NARROWED',
    newOnly: { p: 'a' },
    rejectedByBoth: [{ p: 1 }],
  },
  {
    name: 'allOf of contradictory subschemas → oneOf of one of them',
    old: obj({ p: { allOf: [N, S] } }),
    new: obj({ p: { oneOf: [S] } }),
    ours: [true, false],
    registry: { backward: true, from: 'labelled' },
    reports: 'COMBINED_TYPE_EXTENDED',
    newOnly: { p: 'a' },
  },
  {
    name: 'allOf of two constraints → oneOf of one: the old values keep matching it',
    old: { allOf: [S, { maxLength: 3 }] },
    new: { oneOf: [S] },
    ours: [true, false],
    registry: { backward: true, from: 'code' },
    reports: 'COMBINED_TYPE_EXTENDED',
    newOnly: 'abcd',
    acceptedByBoth: ['abc'],
  },
  {
    name: 'allOf of three → oneOf of two still breaks: a value matching both branches fails oneOf',
    old: { allOf: [S, { maxLength: 3 }, { minLength: 1 }] },
    new: { oneOf: [S, { maxLength: 3 }] },
    ours: [false, false],
    registry: { backward: false, from: 'code' },
    reports: 'COMBINED_TYPE_CHANGED',
    oldOnly: 'ab',
    newOnly: 1,
  },

  // Tuples whose extra items are governed by unevaluatedItems (registry: a partially open tuple).
  {
    name: 'position added to a tuple whose unevaluatedItems schema accepts it',
    old: tuple([S, N], { unevaluatedItems: S }),
    new: tuple([S, N, S], { unevaluatedItems: S }),
    ours: [true, true],
    registry: { backward: true, from: 'labelled' },
    reports: 'ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    acceptedByBoth: [['a', 1, 'b', 'c']],
    rejectedByBoth: [['a', 1, 2]],
  },
  {
    name: 'position removed from a tuple whose unevaluatedItems schema rejects its values',
    old: tuple([S, N, N], { unevaluatedItems: S }),
    new: tuple([S, N], { unevaluatedItems: S }),
    ours: [false, false],
    registry: { backward: false, from: 'labelled' },
    reports: 'ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    oldOnly: ['a', 1, 2],
    newOnly: ['a', 1, 'b'],
  },
  {
    name: 'position added to a tuple closed by unevaluatedItems: false',
    old: tuple([S], { unevaluatedItems: false }),
    new: tuple([S, N], { unevaluatedItems: false }),
    ours: [true, false],
    registry: { backward: true, from: 'code' },
    reports: 'ITEM_ADDED_TO_CLOSED_CONTENT_MODEL',
    newOnly: ['a', 1],
    acceptedByBoth: [['a']],
  },

  // Deliberate deviations from the registry.
  {
    name: 'a name required but declared in no `properties` is still required',
    old: { properties: { foo: S }, required: ['foo'] },
    new: { properties: { foo: S }, required: ['bar'] },
    ours: [false, false],
    registry: { backward: true, from: 'labelled' },
    reports: 'REQUIRED_ATTRIBUTE_ADDED',
    deviation: 'the registry compares `required` only for properties both sides declare; validators require `bar` all the same',
    oldOnly: { foo: 'x' },
    newOnly: { bar: 1 },
  },
  {
    name: 'draft-07 `additionalItems: false` without a tuple `items` constrains nothing',
    old: arr07({ additionalItems: true }),
    new: arr07({ additionalItems: false }),
    ours: [true, true],
    registry: { backward: false, from: 'labelled' },
    deviation: '`additionalItems` applies only after an `items` array (draft-07 §9.3.1.2); validators ignore it here',
    acceptedByBoth: [[], [1, 'a'], 'not even an array'],
  },
  {
    name: 'draft-07 `additionalItems` schema changed without a tuple `items` constrains nothing',
    old: arr07({ additionalItems: S }),
    new: arr07({ additionalItems: N }),
    ours: [true, true],
    registry: { backward: false, from: 'labelled' },
    deviation: '`additionalItems` applies only after an `items` array (draft-07 §9.3.1.2); validators ignore it here',
    acceptedByBoth: [['a'], [1], []],
  },
  {
    name: '`exclusiveMinimum: 10` → `minimum: 10` accepts more numbers',
    old: { type: 'number', exclusiveMinimum: 10 },
    new: { type: 'number', minimum: 10 },
    ours: [true, false],
    registry: { backward: false, from: 'code' },
    reports: 'MINIMUM_ADDED',
    deviation: 'the registry compares each bound keyword alone (MINIMUM_ADDED is incompatible); we compare the bound they make',
    newOnly: 10,
    acceptedByBoth: [10.5, 1e9],
    rejectedByBoth: [9.99],
  },
  {
    name: 'draft-04 `minimum: 10, exclusiveMinimum: true` → draft-06 `exclusiveMinimum: 10` is no change',
    old: { type: 'number', minimum: 10, exclusiveMinimum: true },
    new: { type: 'number', exclusiveMinimum: 10 },
    ours: [true, true],
    registry: { backward: true, from: 'code' },
    acceptedByBoth: [10.5],
    rejectedByBoth: [10],
  },
  {
    name: 'draft-04 `maximum: 10, exclusiveMaximum: true` → `maximum: 10` accepts 10 too',
    old: { type: 'number', maximum: 10, exclusiveMaximum: true },
    new: { type: 'number', maximum: 10 },
    ours: [true, false],
    registry: { backward: false, from: 'code' },
    reports: 'EXCLUSIVE_MAXIMUM_REMOVED',
    deviation: 'the registry compares each bound keyword alone; we compare the bound they make',
    newOnly: 10,
    acceptedByBoth: [9.5],
  },
  {
    name: '`exclusiveMaximum: 5` → `maximum: 4` is tighter',
    old: { type: 'number', exclusiveMaximum: 5 },
    new: { type: 'number', maximum: 4 },
    ours: [false, true],
    registry: { backward: false, from: 'code' },
    oldOnly: 4.5,
  },
  {
    name: 'a `minimum` under a tighter `exclusiveMinimum` changes nothing',
    old: { type: 'number', exclusiveMinimum: 10 },
    new: { type: 'number', exclusiveMinimum: 10, minimum: 5 },
    ours: [true, true],
    registry: { backward: false, from: 'code' },
    reports: 'MINIMUM_ADDED',
    deviation: 'the registry compares each bound keyword alone; we compare the bound they make',
    acceptedByBoth: [10.5],
    rejectedByBoth: [7, 10],
  },

  // Conditionals (the registry's diff does not compare them; Apicurio: any `if` change breaks both ways).
  {
    name: '`if` selecting more values moves them to `then`, which rejects what `else` accepted',
    old: conditional(['lower'], LOWER, UPPER),
    new: conditional(['lower', 'title'], LOWER, UPPER),
    ours: [false, false],
    registry: { backward: true, from: 'code' },
    reports: 'CONDITION_CHANGED',
    deviation: 'the registry does not compare `if`/`then`/`else`',
    oldOnly: { kind: 'title', text: 'ABC' },
    newOnly: { kind: 'title', text: 'abc' },
  },
  {
    name: '`if` changed where `then` and `else` agree on the values that move',
    old: conditional(['lower'], LOWER, S),
    new: conditional(['lower', 'upper'], LOWER, LOWER),
    ours: [false, true],
    reports: 'CONDITION_CHANGED',
    oldOnly: { kind: 'title', text: 'ABC' },
    acceptedByBoth: [
      { kind: 'lower', text: 'abc' },
      { kind: 'upper', text: 'abc' },
    ],
  },
  {
    name: '`if` without `then`/`else` constrains nothing',
    old: S,
    new: { type: 'string', if: { maxLength: 3 } },
    ours: [true, true],
    acceptedByBoth: ['abcdef', ''],
  },
  {
    name: '`then` without `if` constrains nothing',
    old: S,
    new: { type: 'string', then: { maxLength: 3 } },
    ours: [true, true],
    acceptedByBoth: ['abcdef'],
  },
  {
    name: 'a conditional added constrains the values it selects',
    old: obj({ a: S, b: S }),
    new: obj({ a: S, b: S }, { if: { required: ['a'] }, then: { required: ['b'] } }),
    ours: [false, true],
    reports: 'CONDITION_ADDED',
    oldOnly: { a: 'x' },
  },

  // contentEncoding / contentMediaType: annotations (Apicurio treats them as constraints).
  {
    name: '`contentEncoding` changed',
    old: { type: 'string', contentEncoding: 'base64' },
    new: { type: 'string', contentEncoding: 'base32' },
    ours: [true, true],
    registry: { backward: true, from: 'code' },
    reports: 'CONTENT_ENCODING_CHANGED',
    acceptedByBoth: ['!!! not base64 nor base32'],
  },
  {
    name: '`contentMediaType` added',
    old: S,
    new: { type: 'string', contentMediaType: 'application/json' },
    ours: [true, true],
    registry: { backward: true, from: 'code' },
    reports: 'CONTENT_MEDIA_TYPE_CHANGED',
    acceptedByBoth: ['{ not json'],
  },
];

describe('compat: accuracy against Schema Registry and Apicurio', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      for (const policy of ['strict', 'lenient'] as Policy[]) {
        it(`${policy}: backward=${c.ours[0]} forward=${c.ours[1]}${c.deviation ? ' (deviates from Schema Registry)' : ''}`, () => {
          const r = compareSchemas(c.old, c.new, { policy });
          assert.deepEqual([r.backward, r.forward], c.ours, r.changes.map((x) => `${x.type}: ${x.message}`).join('\n'));
          if (c.reports)
            assert.ok(
              r.changes.some((x) => x.type === c.reports),
              `reports ${c.reports}`,
            );
        });
      }
      if (c.registry) {
        it(`${c.deviation ? 'differs from' : 'agrees with'} Schema Registry (${c.registry.from === 'labelled' ? 'its labelled example' : 'its diff code'}: backward ${c.registry.backward})`, () => {
          assert.equal(c.ours[0] !== c.registry!.backward, c.deviation !== undefined);
        });
      }
      it('is proven by ajv', () => {
        if (c.oldOnly !== undefined) assert.deepEqual([valid(c.old, c.oldOnly), valid(c.new, c.oldOnly)], [true, false], 'oldOnly');
        if (c.newOnly !== undefined) assert.deepEqual([valid(c.new, c.newOnly), valid(c.old, c.newOnly)], [true, false], 'newOnly');
        for (const v of c.acceptedByBoth ?? []) assert.deepEqual([valid(c.old, v), valid(c.new, v)], [true, true], JSON.stringify(v));
        for (const v of c.rejectedByBoth ?? []) assert.deepEqual([valid(c.old, v), valid(c.new, v)], [false, false], JSON.stringify(v));
        // A break we report must have a witness; a direction we call compatible must have none here.
        assert.equal(c.oldOnly !== undefined, !c.ours[0], 'a backward witness exactly when backward breaks');
        assert.equal(c.newOnly !== undefined, !c.ours[1], 'a forward witness exactly when forward breaks');
      });
    });
  }
});

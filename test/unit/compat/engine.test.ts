import assert from 'node:assert/strict';
import { type SchemaResolver, checkCompatibility, compareSchemas, diffSchemas, locatePath, verdict } from '../../../src/core/compat';
import { I, N, S, obj, valid } from './helpers';

const types = (old: unknown, neu: unknown, policy: 'strict' | 'lenient' = 'strict') =>
  diffSchemas(old, neu, { policy })
    .map((c) => c.type)
    .sort();

function resolverOf(docs: Record<string, unknown>): SchemaResolver {
  return (ref) => (ref in docs ? { document: ref, schema: docs[ref] } : undefined);
}

describe('compat: paths and locations', () => {
  it('reports logical paths through $ref, in both schemas, with the physical node of each side', () => {
    const docs = {
      'line-v1.json': obj({ sku: { type: 'string', maxLength: 20 } }),
      'line-v2.json': obj({ sku: { type: 'string', maxLength: 10 } }),
    };
    const v1 = obj({ lines: { type: 'array', items: { $ref: 'line-v1.json' } } });
    const v2 = obj({ lines: { type: 'array', items: { $ref: 'line-v2.json#' } } });
    const [change, ...rest] = diffSchemas(v1, v2, { resolve: resolverOf(docs), oldDocument: 'order-v1.json', newDocument: 'order-v2.json' });
    assert.equal(rest.length, 0);
    assert.equal(change.type, 'MAX_LENGTH_DECREASED');
    assert.equal(change.oldPath, '/properties/lines/items/properties/sku/maxLength');
    assert.equal(change.newPath, '/properties/lines/items/properties/sku/maxLength');
    assert.deepEqual(change.oldLocation, { document: 'line-v1.json', pointer: '/properties/sku/maxLength' });
    assert.deepEqual(change.newLocation, { document: 'line-v2.json', pointer: '/properties/sku/maxLength' });
    assert.equal(change.backward, false);
    assert.equal(change.forward, true);
  });

  it('uses the nearest existing parent on the side where a node does not exist', () => {
    const [added] = diffSchemas(obj({ a: S }), obj({ a: S, b: { type: 'object', properties: { c: N } } }));
    assert.equal(added.oldPath, '/properties');
    assert.equal(added.newPath, '/properties/b');
    const [removed] = diffSchemas({ type: 'string', maxLength: 3 }, { type: 'string' });
    assert.equal(removed.oldPath, '/maxLength');
    assert.equal(removed.newPath, '');
  });

  it('places a schema embedded in a larger document at its pointer', () => {
    const [change] = diffSchemas(
      S,
      { type: 'string', minLength: 1 },
      {
        oldDocument: 'ctx.yaml',
        oldPointer: '/events/Placed/versions/1/schema',
        newDocument: 'ctx.yaml',
        newPointer: '/events/Placed/versions/2/schema',
      },
    );
    assert.deepEqual(change.newLocation, { document: 'ctx.yaml', pointer: '/events/Placed/versions/2/schema/minLength' });
    assert.deepEqual(change.oldLocation, { document: 'ctx.yaml', pointer: '/events/Placed/versions/1/schema' });
  });

  it('maps a logical path to a document and pointer with locatePath', () => {
    const docs = { 'line.json': { $defs: { sku: { type: 'string' } }, type: 'object', properties: { sku: { $ref: '#/$defs/sku' } } } };
    const schema = obj({ lines: { type: 'array', items: { $ref: 'line.json' } } });
    assert.deepEqual(locatePath(schema, '/properties/lines/items/properties/sku/type', { document: 'order.json', resolve: resolverOf(docs) }), {
      document: 'line.json',
      pointer: '/$defs/sku/type',
    });
    assert.deepEqual(locatePath(schema, '/properties/nope/type', { document: 'order.json' }), { document: 'order.json', pointer: '/properties' });
  });

  it('reports each difference once', () => {
    const changes = diffSchemas(obj({ a: S, b: N }), obj({ a: N, c: S }));
    const keys = changes.map((c) => `${c.type} ${c.oldPath} ${c.newPath}`);
    assert.equal(new Set(keys).size, keys.length);
    assert.deepEqual(changes.map((c) => c.type).sort(), ['PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', 'PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL', 'TYPE_CHANGED']);
  });

  it('every message names the change and, when breaking, who breaks', () => {
    const [c] = diffSchemas({ type: 'string', maxLength: 20 }, { type: 'string', maxLength: 10 });
    assert.match(c.message, /maxLength/);
    assert.match(c.message, /20/);
    assert.match(c.message, /10/);
    assert.match(c.message, /new schema/);
  });
});

describe('compat: drafts', () => {
  const draft07 = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    definitions: { point: { type: 'array', items: [N, N], additionalItems: false } },
    properties: { at: { $ref: '#/definitions/point' }, a: S, b: S },
    dependencies: { a: ['b'] },
  };
  const draft2020 = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    $defs: { point: { type: 'array', prefixItems: [N, N], items: false } },
    properties: { at: { $ref: '#/$defs/point' }, a: S, b: S },
    dependentRequired: { a: ['b'] },
  };

  it('sees no change between the same schema written in draft-07 and in 2020-12', () => {
    assert.deepEqual(diffSchemas(draft07, draft2020), []);
    assert.deepEqual(diffSchemas(draft2020, draft07), []);
  });

  it('reports tuple changes at their own keyword in each draft', () => {
    const v2 = structuredClone(draft2020) as { $defs: { point: { prefixItems: unknown[] } } };
    v2.$defs.point.prefixItems.push(N);
    const [c] = diffSchemas(draft07, v2);
    assert.equal(c.type, 'ITEM_ADDED_TO_CLOSED_CONTENT_MODEL');
    assert.equal(c.oldPath, '/properties/at/items');
    assert.equal(c.newPath, '/properties/at/prefixItems/2');
  });

  it('treats integer as a subtype of number, in type lists too', () => {
    assert.deepEqual(types(I, N), ['TYPE_EXTENDED']);
    assert.deepEqual(types({ type: ['integer', 'null'] }, { type: ['number', 'null'] }), ['TYPE_EXTENDED']);
    assert.deepEqual(types({ type: 'integer' }, { type: ['number', 'null'] }), ['SUM_TYPE_EXTENDED']);
    assert.deepEqual(types({ type: ['integer', 'number'] }, N), []);
  });

  it('says what the bound became when `minimum` and `exclusiveMinimum` trade places', () => {
    const changes = diffSchemas({ type: 'number', exclusiveMinimum: 10 }, { type: 'number', minimum: 10 });
    assert.ok(changes.every((c) => c.backward && !c.forward));
    assert.match(changes[0].message, /the lower bound goes from > 10 to ≥ 10/);
  });

  it('reads draft-04 boolean exclusive bounds', () => {
    assert.deepEqual(types({ type: 'number', maximum: 10, exclusiveMaximum: true }, { type: 'number', exclusiveMaximum: 10 }), []);
    assert.deepEqual(types({ type: 'number', maximum: 10, exclusiveMaximum: true }, { type: 'number', maximum: 10 }), [
      'EXCLUSIVE_MAXIMUM_REMOVED',
      'MAXIMUM_ADDED',
    ]);
  });

  it('classifies decimal multipleOf steps exactly', () => {
    assert.deepEqual(types({ type: 'number', multipleOf: 0.5 }, { type: 'number', multipleOf: 0.1 }), ['MULTIPLE_OF_REDUCED']);
    assert.deepEqual(types({ type: 'number', multipleOf: 0.1 }, { type: 'number', multipleOf: 0.3 }), ['MULTIPLE_OF_EXPANDED']);
  });

  it('follows internal refs, $anchor and embedded $id', () => {
    const old = { $defs: { a: { $anchor: 'money', type: 'number' } }, properties: { total: { $ref: '#money' } } };
    const neu = { $defs: { a: { $id: 'money.json', type: 'integer' } }, properties: { total: { $ref: 'money.json' } } };
    const c = diffSchemas(old, neu).find((x) => x.type !== 'ID_CHANGED')!;
    assert.equal(c.type, 'TYPE_NARROWED');
    assert.equal(c.newPath, '/properties/total/type');
    assert.deepEqual(c.newLocation, { document: 'new', pointer: '/$defs/a/type' });
  });
});

describe('compat: recursive schemas', () => {
  const list = (valueType: string) => ({
    $ref: '#/definitions/node',
    definitions: { node: { type: 'object', properties: { value: { type: valueType }, next: { $ref: '#/definitions/node' } } } },
  });

  it('terminates on self-recursive schemas and finds nothing when they are equal', () => {
    assert.deepEqual(diffSchemas(list('string'), list('string')), []);
  });

  it('finds a change inside a recursive definition', () => {
    const r = compareSchemas(list('integer'), list('string'));
    assert.deepEqual(
      r.changes.map((c) => [c.type, c.newPath]),
      [['TYPE_CHANGED', '/properties/value/type']],
    );
    assert.equal(r.backward, false);
  });

  it('does not let a memoised recursive pair mask an incompatibility behind a union', () => {
    // T0 → T2 → T0 is a cycle through singleton unions; root is oneOf[T0, T1].
    const schema = (t0: string, t1: string) => {
      const node = (id: string, ref: string) => ({ type: 'object', properties: { id: { type: id }, ref: { oneOf: [{ $ref: `#/definitions/${ref}` }] } } });
      return {
        type: 'object',
        definitions: { T0: node(t0, 'T2'), T1: node(t1, 'T2'), T2: node('integer', 'T0') },
        properties: { root: { oneOf: [{ $ref: '#/definitions/T0' }, { $ref: '#/definitions/T1' }] } },
      };
    };
    const r = compareSchemas(schema('integer', 'boolean'), schema('boolean', 'number'));
    assert.equal(r.backward, false);
    // A real instance shows why: two hops down the cycle, T0.id must now be a boolean.
    const instance = { root: { id: 1, ref: { id: 2, ref: { id: 3 } } } };
    assert.equal(valid(schema('integer', 'boolean'), instance), true);
    assert.equal(valid(schema('boolean', 'number'), instance), false);
  });

  it('handles mutually recursive unions of many definitions', () => {
    const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
    const union = () => ({ oneOf: names.map((n) => ({ $ref: `#/definitions/${n}` })) });
    const schema = (idType: string) => ({
      type: 'object',
      definitions: Object.fromEntries(names.map((n) => [n, obj({ kind: { const: n }, id: { type: n === 'A' ? idType : 'string' }, child: union() })])),
      properties: { root: union() },
    });
    assert.equal(compareSchemas(schema('string'), schema('string')).changes.length, 0);
    const r = compareSchemas(schema('string'), schema('number'));
    assert.equal(r.backward, false);
    assert.equal(r.forward, false);
  });
});

describe('compat: external references', () => {
  it('resolves references relative to the document that contains them', () => {
    const seen: Array<[string, string]> = [];
    const docs: Record<string, unknown> = {
      'a/line.json': { $ref: '../common/sku.json' },
      'common/sku.json': { type: 'string', maxLength: 8 },
    };
    const resolve: SchemaResolver = (ref, from) => {
      seen.push([ref, from]);
      const base = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
      const parts = (base + ref).split('/');
      const out: string[] = [];
      for (const p of parts)
        if (p === '..') out.pop();
        else if (p !== '.') out.push(p);
      const name = out.join('/');
      return name in docs ? { document: name, schema: docs[name] } : undefined;
    };
    const r = compareSchemas(obj({ sku: { $ref: 'a/line.json' } }), obj({ sku: { type: 'string', maxLength: 4 } }), { resolve, oldDocument: 'order.json' });
    assert.deepEqual(
      r.changes.map((c) => [c.type, c.oldLocation.document]),
      [['MAX_LENGTH_DECREASED', 'common/sku.json']],
    );
    assert.deepEqual(seen, [
      ['a/line.json', 'order.json'],
      ['../common/sku.json', 'a/line.json'],
    ]);
  });

  it('reports a $ref to nowhere as a problem and still compares the rest', () => {
    const r = compareSchemas(obj({ a: { $ref: 'missing.json' }, b: S }), obj({ a: { $ref: 'missing.json' }, b: N }));
    assert.deepEqual(
      r.changes.map((c) => c.type),
      ['TYPE_CHANGED'],
    );
    assert.equal(r.problems.length, 2);
    assert.ok(r.problems.every((p) => p.kind === 'unresolved-ref' && /missing\.json/.test(p.message)));
  });

  it('uses a different resolver per side when asked (e.g. a git baseline)', () => {
    const r = compareSchemas(
      { $ref: 'x.json' },
      { $ref: 'x.json' },
      {
        resolveOld: resolverOf({ 'x.json': S }),
        resolveNew: resolverOf({ 'x.json': N }),
      },
    );
    assert.deepEqual(
      r.changes.map((c) => c.type),
      ['TYPE_CHANGED'],
    );
  });
});

describe('compat: modes over version histories', () => {
  // v2 makes `a` required with a default (compatible), v3 drops the default (compatible with v2):
  // only v1 → v3 adds a required property without default.
  const v1 = obj({ a: S });
  const v2 = obj({ a: { type: 'string', default: 'x' } }, { required: ['a'] });
  const v3 = obj({ a: S }, { required: ['a'] });

  it('BACKWARD checks only the previous version', () => {
    assert.equal(checkCompatibility([v1, v2], 'BACKWARD', 'strict').compatible, true);
    assert.equal(checkCompatibility([v1, v2, v3], 'BACKWARD', 'strict').compatible, true);
  });

  it('BACKWARD_TRANSITIVE catches the break between v1 and v3 only', () => {
    const report = checkCompatibility([v1, v2, v3], 'BACKWARD_TRANSITIVE', 'strict');
    assert.equal(report.compatible, false);
    assert.deepEqual(
      report.pairs.map((p) => [p.older, p.newer, p.compatible]),
      [
        [0, 2, false],
        [1, 2, true],
      ],
    );
    assert.deepEqual(
      report.changes.filter((c) => !c.compatible).map((c) => [c.type, c.older]),
      [['REQUIRED_ATTRIBUTE_ADDED', 0]],
    );
    assert.equal(checkCompatibility([v1, v2, v3], 'FULL_TRANSITIVE', 'strict').compatible, false);
  });

  it('FORWARD_TRANSITIVE catches a break only between the first and last version', () => {
    const f1 = obj({ a: S }, { required: ['a'] });
    const f2 = obj({ a: { type: 'string', default: 'x' } }, { required: ['a'] });
    const f3 = obj({ a: { type: 'string', default: 'x' } });
    assert.equal(checkCompatibility([f1, f2], 'FORWARD', 'strict').compatible, true);
    assert.equal(checkCompatibility([f1, f2, f3], 'FORWARD', 'strict').compatible, true);
    const report = checkCompatibility([f1, f2, f3], 'FORWARD_TRANSITIVE', 'strict');
    assert.deepEqual(
      report.pairs.map((p) => p.compatible),
      [false, true],
    );
  });

  it('NONE checks nothing; a single version is always compatible', () => {
    assert.deepEqual(checkCompatibility([S, N], 'NONE', 'strict').pairs, []);
    assert.equal(checkCompatibility([S], 'FULL_TRANSITIVE', 'strict').compatible, true);
  });

  it('FULL needs both directions', () => {
    const changes = diffSchemas({ enum: ['a'] }, { enum: ['a', 'b'] });
    assert.equal(verdict(changes, 'BACKWARD'), true);
    assert.equal(verdict(changes, 'FORWARD'), false);
    assert.equal(verdict(changes, 'FULL'), false);
    assert.equal(verdict(changes, 'NONE'), true);
  });
});

describe('compat: strict and lenient policies', () => {
  const open1 = obj({ a: S });
  const open2 = obj({ a: S, b: N });

  it('strict refuses an optional property added to an open model; lenient accepts it', () => {
    assert.equal(checkCompatibility([open1, open2], 'BACKWARD', 'strict').compatible, false);
    assert.equal(checkCompatibility([open1, open2], 'BACKWARD', 'lenient').compatible, true);
  });

  it('lenient makes adding and removing optional properties of open models FULL compatible', () => {
    assert.equal(checkCompatibility([open1, open2], 'FULL', 'lenient').compatible, true);
    assert.equal(checkCompatibility([open2, open1], 'FULL', 'lenient').compatible, true);
    assert.equal(checkCompatibility([open2, open1], 'FULL', 'strict').compatible, false);
  });

  it('neither accepts a required property without default, nor removing from a closed model', () => {
    const req = obj({ a: S, b: N }, { required: ['b'] });
    assert.equal(checkCompatibility([open1, req], 'BACKWARD', 'lenient').compatible, false);
    const closed2 = obj({ a: S, b: N }, { additionalProperties: false });
    const closed1 = obj({ a: S }, { additionalProperties: false });
    assert.equal(checkCompatibility([closed2, closed1], 'BACKWARD', 'lenient').compatible, false);
  });

  it('closed models take optional additions backward, open models take removals backward', () => {
    const closed1 = obj({ a: S }, { additionalProperties: false });
    const closed2 = obj({ a: S, b: N }, { additionalProperties: false });
    assert.equal(checkCompatibility([closed1, closed2], 'BACKWARD', 'strict').compatible, true);
    assert.equal(checkCompatibility([closed1, closed2], 'FORWARD', 'strict').compatible, false);
    assert.equal(checkCompatibility([open2, open1], 'BACKWARD', 'strict').compatible, true);
  });
});

describe('compat: combinators and boolean schemas', () => {
  it('matches union branches regardless of order, with their inner changes', () => {
    const old = { oneOf: [{ type: 'string', maxLength: 5 }, N] };
    const neu = { oneOf: [{ type: 'boolean' }, N, { type: 'string', maxLength: 8, title: 'text' }] };
    const r = compareSchemas(old, neu);
    assert.deepEqual(r.changes.map((c) => [c.type, c.oldPath, c.newPath]).sort(), [
      ['MAX_LENGTH_INCREASED', '/oneOf/0/maxLength', '/oneOf/2/maxLength'],
      ['SUM_TYPE_EXTENDED', '/oneOf', '/oneOf'],
      ['TITLE_CHANGED', '/oneOf/0', '/oneOf/2/title'],
    ]);
    assert.equal(r.backward, true);
  });

  it('a plain schema that becomes a union keeps the branch that reads it', () => {
    const r = compareSchemas({ type: 'string', maxLength: 3 }, { anyOf: [N, S] });
    assert.deepEqual(r.changes.map((c) => c.type).sort(), ['MAX_LENGTH_REMOVED', 'SUM_TYPE_EXTENDED']);
    assert.equal(r.backward, true);
    assert.equal(r.forward, false);
  });

  it('names the subschema that pairs with none, its closest counterpart and what breaks it', () => {
    const old = { allOf: [obj({ a: S }), { required: ['a'] }] };
    const neu = { allOf: [obj({ a: N }), { required: ['a'] }] };
    const c = diffSchemas(old, neu).find((x) => x.type === 'COMBINED_TYPE_SUBSCHEMAS_CHANGED')!;
    assert.equal(c.message.split(':')[0], 'the subschemas of `allOf` and `allOf` cannot be paired compatibly');
    assert.match(
      c.message,
      /old `allOf\/0` pairs with no new subschema \(closest: new `allOf\/0`, where type changed from string to number at `properties\/a\/type`\)/,
    );
    assert.equal(valid(old, { a: 'x' }), true);
    assert.equal(valid(neu, { a: 'x' }), false);
  });

  it("says when a subschema's compatible counterparts are all taken", () => {
    const c = diffSchemas({ oneOf: [{ type: 'number', maximum: 10 }, I] }, { oneOf: [N, S] }).find((x) => x.type === 'COMBINED_TYPE_SUBSCHEMAS_CHANGED')!;
    assert.match(c.message, /old `oneOf\/1` pairs only with subschemas already paired with others \(`oneOf\/0`\)/);
  });

  it('names the closest alternative when a schema becomes a union none of whose branches reads it', () => {
    const [c] = diffSchemas({ type: 'string', maxLength: 3 }, { oneOf: [N, { type: 'string', maxLength: 2 }] });
    assert.equal(c.type, 'TYPE_CHANGED');
    assert.match(
      c.message,
      /none of whose alternatives reads the old values \(closest: new `oneOf\/1`, where `maxLength` decreased from 3 to 2 at `maxLength`\)/,
    );
    assert.equal(valid({ oneOf: [N, { type: 'string', maxLength: 2 }] }, 'abc'), false);
  });

  it('collapses duplicate branches', () => {
    assert.deepEqual(diffSchemas({ allOf: [S, S] }, { allOf: [S] }), []);
  });

  it('treats true/{} and false/{not:{}} as the widest and narrowest schemas', () => {
    assert.deepEqual(types(true, {}), []);
    assert.deepEqual(types(false, { not: {} }), []);
    assert.deepEqual(types(S, true), ['TYPE_EXTENDED']);
    assert.deepEqual(types(true, S), ['TYPE_NARROWED']);
    assert.deepEqual(types(S, false), ['TYPE_NARROWED']);
    assert.deepEqual(types(false, S), ['TYPE_EXTENDED']);
    assert.equal(compareSchemas({}, { properties: {} }).backward, false);
  });

  it('reports metadata changes as compatible in every direction', () => {
    const r = compareSchemas(
      { title: 'a', description: 'x', default: 1, $id: 'urn:1', type: 'integer' },
      { title: 'b', description: 'y', default: 2, $id: 'urn:2', type: 'integer' },
    );
    assert.equal(r.changes.length, 4);
    assert.ok(r.changes.every((c) => c.backward && c.forward));
  });
});

describe('compat: scale and bad input', () => {
  it('compares 5,000 properties and finds the single change', () => {
    const big = (last: number) => {
      const properties: Record<string, unknown> = {};
      for (let i = 0; i < 5000; i++) properties[`p${i}`] = { type: 'string', maxLength: i === 4999 ? last : 10 };
      return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
    };
    const changes = diffSchemas(big(10), big(5));
    assert.deepEqual(
      changes.map((c) => [c.type, c.newPath]),
      [['MAX_LENGTH_DECREASED', '/properties/p4999/maxLength']],
    );
  });

  it('compares 10,000-value enums as sets', () => {
    const values = Array.from({ length: 10000 }, (_, i) => `v${i}`);
    const shuffled = [...values].reverse();
    assert.deepEqual(diffSchemas({ enum: values }, { enum: shuffled }), []);
    const [c] = diffSchemas({ enum: values }, { enum: [...shuffled, 'extra'] });
    assert.equal(c.type, 'ENUM_ARRAY_EXTENDED');
    assert.match(c.message, /extra/);
    const [d] = diffSchemas({ enum: values }, { enum: values.slice(1) });
    assert.equal(d.type, 'ENUM_ARRAY_NARROWED');
  });

  it('never throws on values that are not schemas', () => {
    for (const bad of [42, 'text', [1, 2], null, { properties: 5, required: 'x', items: 'no', enum: 'x', type: 7 }]) {
      const r = compareSchemas(bad, { type: 'string' });
      assert.ok(Array.isArray(r.changes));
    }
    const r = compareSchemas(obj({ a: 42 as unknown as object }), obj({ a: S }));
    assert.ok(r.problems.some((p) => p.kind === 'invalid-schema'));
  });

  it('reports a cycle of bare references instead of looping', () => {
    const loop = { $ref: '#/definitions/a', definitions: { a: { $ref: '#/definitions/b' }, b: { $ref: '#/definitions/a' } } };
    const r = compareSchemas(loop, S);
    assert.ok(r.problems.some((p) => p.kind === 'unresolved-ref' && /cycle/.test(p.message)));
  });

  it('stops at the depth limit and says so', () => {
    let deep: unknown = S;
    let deep2: unknown = N;
    for (let i = 0; i < 60; i++) {
      deep = { type: 'array', items: deep };
      deep2 = { type: 'array', items: deep2 };
    }
    const limited = compareSchemas(deep, deep2, { limits: { maxDepth: 20 } });
    assert.ok(limited.problems.some((p) => p.kind === 'too-deep'));
    const full = compareSchemas(deep, deep2);
    assert.deepEqual(
      full.changes.map((c) => c.type),
      ['TYPE_CHANGED'],
    );
  });
});

import fc from 'fast-check';
import { stringify } from 'yaml';

/**
 * Random valid event models (no error diagnostics; warnings allowed): contexts with versioned
 * events and commands, policies and read models across contexts, actors, external systems,
 * channels, headers, tags/owners/metadata and a shared external schema file.
 */

const CONTEXTS = ['Ordering', 'Billing', 'Shipping', 'Catalog', 'Support'];
const PROPS = ['orderId', 'customerId', 'amount', 'note', 'count', 'flag', 'items'];

const propertySchema = fc.constantFrom<Record<string, unknown>>(
  { type: 'string' },
  { type: 'string', format: 'uuid' },
  { type: 'number', minimum: 0 },
  { type: 'integer' },
  { type: 'boolean' },
  { type: 'array', items: { type: 'string' } },
  { $ref: '../schemas/money.json' },
  { enum: ['A', 'B'] },
);

const objectSchema = fc.uniqueArray(fc.constantFrom(...PROPS), { minLength: 1, maxLength: 4 }).chain((names) =>
  fc
    .record({
      props: fc.tuple(...names.map(() => propertySchema)),
      required: fc.subarray(names),
      closed: fc.boolean(),
      description: fc.option(fc.constantFrom('A payload.', 'Ünïcode — “quoted”: yes', 'multi\nline'), { nil: undefined }),
    })
    .map(({ props, required, closed, description }) => ({
      type: 'object',
      ...(description ? { description } : {}),
      ...(required.length ? { required } : {}),
      ...(closed ? { additionalProperties: false } : {}),
      properties: Object.fromEntries(names.map((n, i) => [n, props[i]])),
    })),
);

const annotations = fc.record(
  {
    tags: fc.uniqueArray(fc.constantFrom('pii', 'core', 'billing', 'beta'), { minLength: 1, maxLength: 2 }),
    owners: fc.uniqueArray(fc.constantFrom('team-a', 'team-b', 'jane.doe'), { minLength: 1, maxLength: 2 }),
    metadata: fc.constantFrom({ slack: '#orders' }, { tier: 1, public: true }),
    description: fc.constantFrom('Something happened.', 'Does a thing: carefully.'),
  },
  { requiredKeys: [] },
);

interface ContextShape {
  events: { versions: unknown[]; channel?: string; headers: boolean; deprecated: boolean; ann: Record<string, unknown> }[];
  commands: { versions: unknown[]; emits: number[]; ann: Record<string, unknown> }[];
  policies: { when: [number, number, number | null][]; issue: number | null }[];
  readModels: { from: [number, number][]; key: boolean }[];
  actor: number | null;
  external: { emits: number; kind: 'system' | 'device' | 'timer' } | null;
  ann: Record<string, unknown>;
}

const contextShape: fc.Arbitrary<ContextShape> = fc.record({
  events: fc.array(
    fc.record({
      versions: fc.array(objectSchema, { minLength: 1, maxLength: 3 }),
      channel: fc.option(fc.constantFrom('shop.events', 'shop.orders.v1', 'orders/placed'), { nil: undefined }),
      headers: fc.boolean(),
      deprecated: fc.boolean(),
      ann: annotations,
    }),
    { minLength: 1, maxLength: 3 },
  ),
  commands: fc.array(
    fc.record({ versions: fc.array(objectSchema, { minLength: 1, maxLength: 2 }), emits: fc.array(fc.nat(5), { maxLength: 2 }), ann: annotations }),
    { maxLength: 2 },
  ),
  policies: fc.array(
    fc.record({
      when: fc.array(fc.tuple(fc.nat(4), fc.nat(5), fc.option(fc.nat(3), { nil: null })), { minLength: 1, maxLength: 2 }),
      issue: fc.option(fc.nat(3), { nil: null }),
    }),
    { maxLength: 2 },
  ),
  readModels: fc.array(fc.record({ from: fc.array(fc.tuple(fc.nat(4), fc.nat(5)), { minLength: 1, maxLength: 2 }), key: fc.boolean() }), { maxLength: 1 }),
  actor: fc.option(fc.nat(3), { nil: null }),
  external: fc.option(fc.record({ emits: fc.nat(5), kind: fc.constantFrom<'system' | 'device' | 'timer'>('system', 'device', 'timer') }), { nil: null }),
  ann: annotations,
});

export const validModel: fc.Arbitrary<Record<string, string>> = fc
  .record({
    contexts: fc.array(contextShape, { minLength: 1, maxLength: 4 }),
    namespace: fc.option(fc.constantFrom('com.example.shop', 'acme'), { nil: undefined }),
    versioning: fc.constantFrom('name', 'payload', 'channel', 'registry'),
  })
  .map(({ contexts, namespace, versioning }) => {
    const names = contexts.map((_, i) => CONTEXTS[i]);
    const eventName = (c: number, e: number) => `${names[c]}Item${e}Changed`;
    const files: Record<string, string> = {
      'eventmodel.yaml': stringify({
        model: 'shop',
        ...(namespace ? { namespace } : {}),
        include: ['contexts/*.yaml'],
        defaults: { versioning, compatibility: 'NONE' },
      }),
      'schemas/money.json': JSON.stringify(
        {
          type: 'object',
          required: ['amount', 'currency'],
          properties: { amount: { type: 'number' }, currency: { type: 'string', minLength: 3, maxLength: 3 } },
        },
        null,
        2,
      ),
    };
    contexts.forEach((shape, c) => {
      const events: Record<string, unknown> = {};
      shape.events.forEach((e, i) => {
        events[eventName(c, i)] = {
          ...e.ann,
          ...(e.channel ? { channel: `${e.channel}.${i}` } : {}),
          ...(e.headers ? { headers: { type: 'object', properties: { tenantid: { type: 'string' } } } } : {}),
          versions: Object.fromEntries(
            e.versions.map((schema, v) => [String(v + 1), { schema, ...(e.deprecated && v === 0 && e.versions.length > 1 ? { deprecated: true } : {}) }]),
          ),
        };
      });
      const commands: Record<string, unknown> = {};
      shape.commands.forEach((cmd, i) => {
        const emits = [...new Set(cmd.emits.map((n) => eventName(c, n % shape.events.length)))];
        commands[`Do${names[c]}Task${i}`] = {
          ...cmd.ann,
          ...(emits.length ? { emits } : {}),
          versions: Object.fromEntries(cmd.versions.map((schema, v) => [String(v + 1), { schema }])),
        };
      });
      const ref = ([oc, oe, pin]: [number, number, number | null]) => {
        const other = contexts[oc % contexts.length];
        const ev = oe % other.events.length;
        const versions = other.events[ev].versions.length;
        const pinned = pin === null ? '' : `@${(pin % versions) + 1}`;
        const name = eventName(oc % contexts.length, ev);
        return oc % contexts.length === c ? `${name}${pinned}` : `${names[oc % contexts.length]}.${name}${pinned}`;
      };
      const policies: Record<string, unknown> = {};
      shape.policies.forEach((p, i) => {
        const issue = p.issue !== null && shape.commands.length ? `Do${names[c]}Task${p.issue % shape.commands.length}` : undefined;
        policies[`React${i}`] = { when: p.when.map(ref), ...(issue ? { issue } : {}) };
      });
      const readModels: Record<string, unknown> = {};
      shape.readModels.forEach((r, i) => {
        readModels[`View${i}`] = { from: r.from.map(([a, b]) => ref([a, b, null])), ...(r.key ? { key: 'orderId' } : {}), schema: { type: 'object' } };
      });
      const doc: Record<string, unknown> = { context: names[c], ...shape.ann, events };
      if (shape.commands.length) doc.commands = commands;
      if (shape.policies.length) doc.policies = policies;
      if (shape.readModels.length) doc.readModels = readModels;
      if (shape.actor !== null && shape.commands.length) doc.actors = { Customer: { sends: [`Do${names[c]}Task${shape.actor % shape.commands.length}`] } };
      if (shape.external) doc.externalSystems = { Sensor: { kind: shape.external.kind, emits: [eventName(c, shape.external.emits % shape.events.length)] } };
      if (c > 0) doc.relationships = [{ upstream: names[0], ...(c % 2 ? { patterns: ['customer-supplier'] } : { label: 'reads events' }) }];
      files[`contexts/${names[c].toLowerCase()}.yaml`] = stringify(doc, { aliasDuplicateObjects: false });
    });
    return files;
  });

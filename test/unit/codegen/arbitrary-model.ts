import fc from 'fast-check';

/**
 * A fast-check arbitrary of random *valid* models (checked by the property test: the core's
 * Workspace must report no error for each). A model is drawn as a spec — contexts, each with
 * definitions of random kinds and a few random numbers per definition — and rendered to YAML
 * files deterministically. Names come from pools full of trouble: names that collide after case
 * conversion (`Order`/`order`, `OrderPlaced`/`Order_Placed`, `Sales_Team`/`SalesTeam`), names that
 * collide with derived ones (`Handling` beside `HandlingEvent`, `OrderPlacedV1` beside
 * `OrderPlaced` v1), reserved words and globals (`class`, `delete`, `Promise`, `Map`), names the
 * generated code uses (`runtime`, `SOURCE`, `Event`, `Command`), a name without letters (`_`) and
 * a 130-character one. Schemas mix inline definitions, titled subschemas, external files that
 * reference each other, `#/components/schemas/X` pointers into an AsyncAPI document, 2020-12
 * schemas, and YAML anchors, aliases and merge keys (`<<: *anchor`). The models use every element
 * of the format: relationships, actors, external systems, aggregates with an `id`, versioned
 * commands with upcasters, events with headers, upcasters and downcasters, policies with and
 * without `issue` (pinned or not), keyed and unkeyed read models with queries.
 */

const LONG = `Very${'LongName'.repeat(16)}`;

export const CONTEXT_NAMES = ['Ordering', 'ordering', 'Shipping', 'Index', 'runtime', 'Promise', 'Sales_Team', 'SalesTeam', 'Generated', 'Cargo', 'Out'];
export const DEFINITION_NAMES = [
  'Order',
  'order',
  'OrderLine',
  'Handling',
  'HandlingEvent',
  'HandlingCommand',
  'OrderPlaced',
  'Order_Placed',
  'OrderPlacedV1',
  'PlaceOrder',
  'Event',
  'Command',
  'class',
  'delete',
  'Promise',
  'Map',
  'Record',
  '_',
  'runtime',
  'SOURCE',
  'compiled',
  'Shipment',
  'ShipmentCreated',
  'StockReserved',
  'OrderingMessages',
  'CargoUpcasters',
  'TitledLine',
  LONG,
];
const KINDS = ['aggregate', 'command', 'event', 'policy', 'readModel'] as const;
type Kind = (typeof KINDS)[number];

export interface DefSpec {
  name: string;
  kind: Kind;
  /** Random numbers that decide this definition's details. */
  r: number[];
}

export interface ContextSpec {
  name: string;
  defs: DefSpec[];
}

export interface ModelSpec {
  contexts: ContextSpec[];
  r: number[];
}

const numbers = (n: number) => fc.array(fc.nat(9999), { minLength: n, maxLength: n });
const defSpec = fc.record({ name: fc.constantFrom(...DEFINITION_NAMES), kind: fc.constantFrom(...KINDS), r: numbers(24) });
const contextSpec = fc.record({ name: fc.constantFrom(...CONTEXT_NAMES), defs: fc.uniqueArray(defSpec, { selector: (d) => d.name, maxLength: 9 }) });

export const modelSpec: fc.Arbitrary<ModelSpec> = fc.record({
  contexts: fc.uniqueArray(contextSpec, { selector: (c) => c.name, minLength: 1, maxLength: 4 }),
  r: numbers(8),
});

// --- YAML with anchors and aliases ---------------------------------------------------------------

class Anchor {
  constructor(
    readonly name: string,
    readonly value: unknown,
  ) {}
}

class Alias {
  constructor(readonly name: string) {}
}

/** A mapping that merges an anchored mapping (`{ <<: *base, own: keys }`: YAML 1.1 merge keys; its own keys win). */
class Merge {
  constructor(
    readonly base: string,
    readonly own: Record<string, unknown>,
  ) {}
}

/** YAML flow text of a JSON-like value (flow YAML is JSON plus `&anchor` / `*alias` / `<<: *merge`). */
function flow(value: unknown): string {
  if (value instanceof Anchor) return `&${value.name} ${flow(value.value)}`;
  if (value instanceof Alias) return `*${value.name}`;
  if (value instanceof Merge)
    return `{ <<: *${value.base}${Object.entries(value.own)
      .map(([k, v]) => `, ${JSON.stringify(k)}: ${flow(v)}`)
      .join('')} }`;
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${flow(v)}`)
      .join(', ')} }`;
  return JSON.stringify(value);
}

// --- external schema files ------------------------------------------------------------------------

export const SCHEMA_FILES: Record<string, string> = {
  'schemas/money.json': JSON.stringify(
    {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'Money',
      type: 'object',
      required: ['amount', 'currency'],
      properties: { amount: { type: 'number', minimum: 0 }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
    },
    null,
    2,
  ),
  // Refers to another external file (money.json).
  'schemas/line.json': JSON.stringify(
    {
      type: 'object',
      required: ['sku'],
      properties: { sku: { type: 'string', minLength: 1 }, quantity: { type: 'integer', minimum: 1 }, price: { $ref: 'money.json' } },
    },
    null,
    2,
  ),
  // Definitions referenced by pointer (`defs.json#/definitions/Sku`), one of them refers to another.
  // A plain-name anchor (draft-07 `$id: '#code'`) referenced as `defs.json#code`.
  'schemas/defs.json': JSON.stringify(
    {
      definitions: {
        Sku: { type: 'string', pattern: '^[A-Z0-9-]+$' },
        Stock: { type: 'object', properties: { sku: { $ref: '#/definitions/Sku' }, count: { type: 'integer' } } },
        Code: { $id: '#code', type: 'string', minLength: 2 },
      },
    },
    null,
    2,
  ),
  // A titled subschema (TitledLine inside Titled) beside a file whose own title is TitledLine.
  'schemas/titled.json': JSON.stringify(
    { title: 'Titled', type: 'object', properties: { line: { title: 'Line', type: 'object', properties: { text: { type: 'string' } } } } },
    null,
    2,
  ),
  'schemas/titled-line.json': JSON.stringify({ title: 'TitledLine', type: 'object', properties: { width: { type: 'number' } } }, null, 2),
  // An AsyncAPI document: schemas under components, root-level pointers between them, an anchor and alias, a ref to another file.
  'schemas/asyncapi.yaml': [
    'asyncapi: 2.6.0',
    'info: { title: Shipping API, version: 1.0.0 }',
    'components:',
    '  schemas:',
    '    Amount: &amount { type: number, minimum: 0 }',
    '    Money:',
    '      type: object',
    '      required: [amount]',
    '      properties:',
    '        amount: *amount',
    "        currency: { $ref: '#/components/schemas/Currency' }",
    '    Currency: { type: string, enum: [EUR, USD] }',
    '    Address:',
    '      title: Address',
    '      type: object',
    '      properties:',
    '        street: { type: string }',
    "        country: { $ref: '#/components/schemas/Country' }",
    "        parcel: { $ref: 'line.json' }",
    '    Country: { type: string, minLength: 2, maxLength: 2 }',
    '',
  ].join('\n'),
};

const PROPERTY_KINDS: ((file: Renderer) => unknown)[] = [
  () => ({ type: 'string' }),
  () => ({ type: 'integer', minimum: 0 }),
  () => ({ type: 'string', format: 'uuid' }),
  () => ({ type: 'string', format: 'date-time' }),
  () => ({ type: 'string', maxLength: 40 }),
  () => ({ $ref: '../schemas/money.json' }),
  () => ({ $ref: '../schemas/line.json' }),
  () => ({ type: 'array', items: { $ref: '../schemas/line.json' } }),
  () => ({ $ref: '../schemas/asyncapi.yaml#/components/schemas/Money' }),
  () => ({ $ref: '../schemas/asyncapi.yaml#/components/schemas/Address' }),
  () => ({ $ref: '../schemas/defs.json#/definitions/Sku' }),
  () => ({ $ref: '../schemas/defs.json#/definitions/Stock' }),
  () => ({ $ref: '../schemas/defs.json#code' }),
  () => ({ $ref: '../schemas/titled.json' }),
  () => ({ $ref: '../schemas/titled-line.json' }),
  () => ({ title: 'Line', type: 'object', properties: { note: { type: 'string' } } }),
  () => ({ enum: ['a', 'b', 'c'] }),
  () => ({ type: ['string', 'null'] }),
  () => ({ oneOf: [{ type: 'string' }, { type: 'integer' }] }),
  // An anchor the first time, an alias of an earlier anchor of this file afterwards.
  (file) => file.anchored({ type: 'string', pattern: '^[a-z]+$' }),
  (file) => file.anchored({ $ref: '../schemas/asyncapi.yaml#/components/schemas/Currency' }),
];

const PROPS = ['id', 'orderId', 'amount', 'note', 'when', 'line', 'address', 'Line', 'class', '$ref', 'title'];

/** Property paths of aggregate ids and read model keys (some match the payloads, some do not: a warning). */
const PATHS = ['orderId', 'id', 'order.id', 'note', '$ref', 'class'];
/** Query names, among them ones an object literal or an interface must take care with. */
const QUERIES = ['GetById', 'ByNote', 'get', 'list', 'find', 'constructor', '__proto__', 'toString', 'OrdersOf'];
/** Actors and external systems (a pool of their own: their names share the context's namespace). */
const ACTORS = ['Customer', 'Clerk', 'ApiClient'];
const SYSTEMS: [string, string][] = [
  ['Scanner', 'device'],
  ['Clock', 'timer'],
  ['PaymentGateway', 'system'],
];
const HEADER_NAMES = ['tenantid', 'region'];

/** Top-level anchored fragments of every context file, used through aliases and merge keys. */
const FRAGMENTS = [
  'x-base: &base { "type": "object", "properties": { "orderId": { "type": "string" }, "note": { "type": "string" } } }',
  'x-headers: &headers { "type": "object", "properties": { "tenantid": { "type": "string", "minLength": 2 }, "region": { "enum": ["eu", "us"] } } }',
  'x-delivery: &delivery { mode: push, retry: { maxAttempts: 2, backoff: linear, initialDelayMs: 10 }, deadLetter: property.shared.dlq }',
];

/** Renders the files of one model spec. */
class Renderer {
  private anchors: string[] = [];
  private count = 0;

  /** A property schema as an anchor, or an alias of an earlier one (per file). */
  anchored(value: unknown): unknown {
    if (this.anchors.length > 0 && this.count++ % 2 === 1) return new Alias(this.anchors[this.count % this.anchors.length]);
    const name = `a${this.anchors.length}`;
    this.anchors.push(name);
    return new Anchor(name, value);
  }

  private schemaAnchors = 0;

  newFile(): void {
    this.anchors = [];
    this.count = 0;
    this.schemaAnchors = 0;
  }

  /** A fresh anchor name for a whole schema (unique in the file). */
  schemaAnchor(): string {
    return `s${this.schemaAnchors++}`;
  }

  /** A payload schema decided by the numbers `r` from index `at`. */
  payload(r: number[], at: number): unknown {
    const n = (i: number) => r[(at + i) % r.length];
    const style = n(0) % 12;
    // The file's `x-base` fragment, merged (`<<: *base`) with keys of its own.
    if (style === 10) return new Merge('base', { required: ['orderId'] });
    if (style === 11) return new Merge('base', { properties: { orderId: { type: 'string', format: 'uuid' } }, additionalProperties: false });
    if (style === 0) return { $ref: '../schemas/money.json' };
    if (style === 1) return { $ref: '../schemas/asyncapi.yaml#/components/schemas/Address' };
    if (style === 2) return { type: 'object' };
    const modern = style === 3;
    const defs = modern ? '$defs' : 'definitions';
    const properties: Record<string, unknown> = {};
    const count = 1 + (n(1) % 4);
    for (let i = 0; i < count; i++) {
      const key = PROPS[n(2 + i) % PROPS.length];
      // Once per key: a replaced value could take an anchor that a later alias needs with it.
      if (!(key in properties)) properties[key] = PROPERTY_KINDS[n(6 + i) % PROPERTY_KINDS.length](this);
    }
    const schema: Record<string, unknown> = { type: 'object', properties };
    if (modern) {
      schema.$schema = 'https://json-schema.org/draft/2020-12/schema';
      schema.$defs = { Tag: { $anchor: 'tag', type: 'string' } };
      properties.tag = { $ref: '#tag' };
    }
    if (n(10) % 3 === 0) {
      schema[defs] = {
        ...(schema[defs] as object),
        Local: { type: 'object', properties: { code: { type: 'string' } } },
        Line: { title: 'Line', type: 'integer' },
      };
      properties.local = { $ref: `#/${defs}/Local` };
    }
    if (n(11) % 2 === 0) schema.required = [Object.keys(properties)[0]];
    if (n(12) % 4 === 0) schema.additionalProperties = false;
    return schema;
  }
}

interface EventInfo {
  ctx: string;
  name: string;
  versions: number;
  /** Declared with neither `schema` nor `versions` (one implicit version). */
  implicit: boolean;
}

/** The model's files: manifest, one file per context, the external schema files. */
export function renderModel(spec: ModelSpec): Record<string, string> {
  const g = (i: number) => spec.r[i % spec.r.length];
  const layouts = [
    ['gen', 'app'],
    ['src/generated', 'src'],
    ['out/gen', '.'],
  ];
  const [outDir, scaffoldDir] = layouts[g(0) % layouts.length];
  const versionings = ['name', 'payload', 'channel', 'registry'];
  const files: Record<string, string> = { ...SCHEMA_FILES };
  files['eventmodel.yaml'] = [
    'model: property',
    'namespace: com.example.property',
    'include: [contexts/*.yaml]',
    'defaults:',
    `  versioning: ${versioningOf(g(1), versionings)}`,
    `  delivery: { mode: ${g(2) % 2 === 0 ? 'push' : 'poll'} }`,
    'generate:',
    `  outDir: ${outDir}`,
    `  scaffoldDir: "${scaffoldDir}"`,
    '',
  ].join('\n');

  const events: EventInfo[] = [];
  for (const c of spec.contexts) {
    for (const d of c.defs)
      if (d.kind === 'event') events.push({ ctx: c.name, name: d.name, versions: 1 + (d.r[0] % 3), implicit: d.r[0] % 3 === 0 && d.r[1] % 4 === 0 });
  }
  const commands = spec.contexts.flatMap((c) => c.defs.filter((d) => d.kind === 'command').map((d) => ({ ctx: c.name, name: d.name })));
  const renderer = new Renderer();
  spec.contexts.forEach((c, index) => {
    renderer.newFile();
    const ref = (target: { ctx: string; name: string }) => (target.ctx === c.name ? target.name : `${target.ctx}.${target.name}`);
    const own = (kind: Kind) => c.defs.filter((d) => d.kind === kind);
    const lines = [`context: ${c.name}`, ...FRAGMENTS];
    if (index % 2 === 1) lines.push('description: "Context with a hostile description that tries to close its comment */ here"');
    // Relationships only to earlier contexts: one declaration per pair, one direction.
    const earlier = spec.contexts.slice(0, index);
    if (earlier.length > 0 && g(3 + index) % 3 !== 0) {
      lines.push('relationships:');
      earlier.forEach((other, i) => {
        const kind = (g(4 + index) + i) % 4;
        if (kind === 0) lines.push(`  - upstream: ${other.name}`, '    patterns: [customer-supplier]');
        if (kind === 1) lines.push(`  - partner: ${other.name}`, '    patterns: [partnership]');
        if (kind === 2) lines.push(`  - upstream: ${other.name}`, '    label: "reads its API */ nightly"');
        if (kind === 3) lines.push(`  - downstream: ${other.name}`, '    patterns: [open-host-service, published-language]');
      });
    }
    const taken = new Set(c.defs.map((d) => d.name));
    const actors = commands.length > 0 ? ACTORS.filter((name, i) => !taken.has(name) && (g(5) + index + i) % 3 === 0) : [];
    if (actors.length > 0) {
      lines.push('actors:');
      for (const [i, name] of actors.entries()) lines.push(`  ${name}:`, `    sends: [${ref(commands[(g(6) + i) % commands.length])}]`);
    }
    const systems = SYSTEMS.filter(([name], i) => !taken.has(name) && (g(7) + index + i) % 3 === 0);
    const sources = events.filter((e) => e.ctx === c.name);
    if (systems.length > 0) {
      lines.push('externalSystems:');
      for (const [i, [name, kind]] of systems.entries()) {
        lines.push(`  ${name}:`, `    kind: ${kind}`);
        if (sources.length > 0) lines.push(`    emits: [${sources[(g(2) + i) % sources.length].name}]`);
        if (commands.length > 0) lines.push(`    sends: [${ref(commands[(g(3) + i) % commands.length])}]`);
      }
    }
    const aggregates = own('aggregate');
    if (aggregates.length > 0) {
      lines.push('aggregates:');
      for (const a of aggregates) {
        const body = a.r[0] % 3 !== 0 || a.r[13] % 2 === 1;
        lines.push(`  ${a.name}:${body ? '' : ' {}'}`);
        if (a.r[13] % 2 === 1) lines.push(`    id: "${PATHS[a.r[14] % PATHS.length]}"`);
        if (a.r[0] % 3 === 1) lines.push(`    state: ${flow(renderer.payload(a.r, 1))}`);
        if (a.r[0] % 3 === 2) lines.push(`    description: The ${a.name} aggregate.`);
      }
    }
    const ownEvents = events.filter((e) => e.ctx === c.name);
    const cmds = own('command');
    if (cmds.length > 0) {
      lines.push('commands:');
      for (const d of cmds) {
        lines.push(`  ${d.name}:`);
        if (aggregates.length > 0 && d.r[0] % 2 === 0) lines.push(`    aggregate: ${aggregates[d.r[1] % aggregates.length].name}`);
        const emits = ownEvents.filter((_e, i) => (d.r[2] + i) % 3 !== 0);
        lines.push(`    emits: [${emits.map((e) => e.name).join(', ')}]`);
        if (d.r[15] % 4 === 1) lines.push('    headers: *headers');
        if (d.r[15] % 4 === 2) lines.push(`    headers: ${flow(new Merge('headers', { required: [HEADER_NAMES[d.r[16] % 2]] }))}`);
        const versions = commandVersions(d);
        if (versions > 1) {
          lines.push('    versions:');
          for (let v = 1; v <= versions; v++) {
            const r = d.r[(16 + v) % d.r.length];
            lines.push(`      ${v}:`);
            if (v > 1 && r % 2 === 0) lines.push('        upcast: true');
            if (v === 1 && r % 9 === 0) lines.push('        upcast: true'); // a warning only: nothing to upcast from
            if (r % 7 === 3) lines.push('        description: No schema for this version.');
            else lines.push(`        schema: ${flow(renderer.payload(d.r, 17 + v))}`);
          }
        } else if (d.r[3] % 4 !== 0) lines.push(`    schema: ${flow(renderer.payload(d.r, 4))}`);
      }
    }
    if (ownEvents.length > 0) {
      lines.push('events:');
      for (const d of own('event')) {
        const info = ownEvents.find((e) => e.name === d.name)!;
        if (info.implicit) {
          lines.push(`  ${d.name}: {}`);
          continue;
        }
        lines.push(`  ${d.name}:`);
        if (aggregates.length > 0 && d.r[2] % 3 === 0) lines.push(`    aggregate: ${aggregates[d.r[3] % aggregates.length].name}`);
        if (d.r[4] % 5 !== 0) lines.push(`    versioning: ${versionings[d.r[4] % 4]}`);
        if (d.r[5] % 3 === 0) lines.push(`    channel: property.${index}.${d.r[5]}`);
        if (d.r[15] % 5 === 1) lines.push('    headers: *headers');
        if (d.r[15] % 5 === 2) lines.push(`    headers: ${flow(new Merge('headers', { required: ['tenantid'], additionalProperties: false }))}`);
        if (info.versions === 1 && d.r[6] % 2 === 0) {
          lines.push(`    schema: ${flow(renderer.payload(d.r, 7))}`);
          continue;
        }
        lines.push('    versions:');
        let anchor: string | undefined;
        for (let v = 1; v <= info.versions; v++) {
          lines.push(`      ${v}:`);
          const r = d.r[(7 + v) % d.r.length];
          if (v > 1 && r % 3 === 0) lines.push('        upcast: true');
          if (v === 1 && r % 7 === 0) lines.push('        upcast: true'); // a warning only: nothing to upcast from
          if (v > 1 && r % 4 === 2) lines.push('        downcast: true');
          if (v === 1 && r % 13 === 0) lines.push('        downcast: true'); // a warning only: nothing to downcast to
          if (r % 5 === 0) lines.push(`        channel: property.${index}.${d.name.toLowerCase().slice(0, 20)}.v${v}`);
          if (r % 11 === 0) lines.push('        deprecated: true');
          if (anchor && r % 4 === 1) lines.push(`        schema: *${anchor}`);
          else if (r % 6 !== 5) {
            const name = r % 2 === 0 ? renderer.schemaAnchor() : undefined;
            if (name) anchor = name;
            lines.push(`        schema: ${name ? `&${name} ` : ''}${flow(renderer.payload(d.r, 8 + v))}`);
          } else lines.push('        description: No schema for this version.');
        }
      }
    }
    const policies = events.length > 0 && commands.length > 0 ? own('policy') : [];
    if (policies.length > 0) {
      lines.push('policies:');
      for (const d of policies) {
        lines.push(`  ${d.name}:`);
        const when = triggers(d.r, events);
        lines.push(
          `    when: ${when.length === 1 && d.r[5] % 2 === 0 ? ref(when[0]) + pin(d.r[6], when[0]) : `[${when.map((e, i) => ref(e) + pin(d.r[6 + i], e)).join(', ')}]`}`,
        );
        // A third of the policies only notify (no `issue`); some issue a pinned command version.
        if (d.r[12] % 3 !== 0) {
          const target = commands[d.r[9] % commands.length];
          const versions = commandVersions(specOf(spec, target));
          lines.push(`    issue: ${ref(target)}${versions > 1 && d.r[13] % 2 === 0 ? `@${1 + (d.r[14] % versions)}` : ''}`);
        }
        const delivery = d.r[10] % 5;
        if (delivery === 1)
          lines.push(
            '    delivery: { mode: push, retry: { maxAttempts: 3, backoff: exponential, initialDelayMs: 100, maxDelayMs: 5000 }, deadLetter: property.dlq }',
          );
        if (delivery === 2) lines.push('    delivery: { mode: poll, poll: { intervalMs: 1000, batchSize: 10 } }');
        if (delivery === 3) lines.push('    delivery: { mode: push }');
        if (delivery === 4) lines.push(`    delivery: ${flow(new Merge('delivery', { deadLetter: `property.${index}.dlq` }))}`);
      }
    }
    const readModels = events.length > 0 ? own('readModel') : [];
    if (readModels.length > 0) {
      lines.push('readModels:');
      for (const d of readModels) {
        lines.push(`  ${d.name}:`);
        lines.push(
          `    from: [${triggers(d.r, events)
            .map((e, i) => ref(e) + pin(d.r[6 + i], e))
            .join(', ')}]`,
        );
        if (d.r[11] % 2 === 0) lines.push(`    schema: ${flow(renderer.payload(d.r, 12))}`);
        const keyed = d.r[13] % 3 !== 0;
        if (keyed) lines.push(`    key: "${PATHS[d.r[14] % PATHS.length]}"`);
        const queries = [...new Set([0, 1, 2].slice(0, d.r[15] % 4).map((q) => QUERIES[(d.r[16] + q * 5) % QUERIES.length]))];
        if (queries.length > 0) lines.push('    queries:');
        queries.forEach((name, q) => {
          const kind = (d.r[17] + q) % 3;
          if (kind === 0) lines.push(`      ${name}: { returns: one${keyed ? '' : ', description: "by a key it does not have (a warning) */"'} }`);
          if (kind === 1) lines.push(`      ${name}:`, '        returns: many');
          if (kind === 2) lines.push(`      ${name}:`, `        schema: ${flow(renderer.payload(d.r, 18 + q))}`);
        });
      }
    }
    files[`contexts/c${index}.yaml`] = lines.join('\n') + '\n';
  });
  return files;
}

/** How many versions a command declares (1: the `schema:` shorthand, or none). */
function commandVersions(d: DefSpec): number {
  return d.r[20] % 3 === 0 ? 1 + (d.r[21] % 3) : 1;
}

function specOf(spec: ModelSpec, target: { ctx: string; name: string }): DefSpec {
  return spec.contexts.find((c) => c.name === target.ctx)!.defs.find((d) => d.name === target.name && d.kind === 'command')!;
}

function versioningOf(n: number, list: string[]): string {
  return list[n % list.length];
}

/** One or two distinct events a policy or read model reads. */
function triggers(r: number[], events: EventInfo[]): EventInfo[] {
  const first = events[r[3] % events.length];
  const second = events[r[4] % events.length];
  return r[2] % 2 === 0 || second === first ? [first] : [first, second];
}

/** Sometimes pins a version (`@N`) of an event that declares its versions. */
function pin(n: number, e: EventInfo): string {
  return !e.implicit && n % 3 === 0 ? `@${1 + (n % e.versions)}` : '';
}

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
 * schemas, and YAML anchors and aliases.
 */

const LONG = `Very${'LongName'.repeat(16)}`;

export const CONTEXT_NAMES = ['Ordering', 'ordering', 'Shipping', 'Index', 'runtime', 'Promise', 'Sales_Team', 'SalesTeam', 'Generated', 'Cargo', 'Out'];
export const DEFINITION_NAMES = [
  'Order', 'order', 'OrderLine', 'Handling', 'HandlingEvent', 'HandlingCommand', 'OrderPlaced', 'Order_Placed', 'OrderPlacedV1', 'PlaceOrder',
  'Event', 'Command', 'class', 'delete', 'Promise', 'Map', 'Record', '_', 'runtime', 'SOURCE', 'compiled', 'Shipment', 'ShipmentCreated',
  'StockReserved', 'OrderingMessages', 'CargoUpcasters', 'TitledLine', LONG,
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

/** YAML flow text of a JSON-like value (flow YAML is JSON plus `&anchor` / `*alias`). */
function flow(value: unknown): string {
  if (value instanceof Anchor) return `&${value.name} ${flow(value.value)}`;
  if (value instanceof Alias) return `*${value.name}`;
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${flow(v)}`).join(', ')} }`;
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
    { type: 'object', required: ['sku'], properties: { sku: { type: 'string', minLength: 1 }, quantity: { type: 'integer', minimum: 1 }, price: { $ref: 'money.json' } } },
    null,
    2,
  ),
  // Definitions referenced by pointer (`defs.json#/definitions/Sku`), one of them refers to another.
  // A plain-name anchor (draft-07 `$id: '#code'`) referenced as `defs.json#code`.
  'schemas/defs.json': JSON.stringify(
    { definitions: { Sku: { type: 'string', pattern: '^[A-Z0-9-]+$' }, Stock: { type: 'object', properties: { sku: { $ref: '#/definitions/Sku' }, count: { type: 'integer' } } }, Code: { $id: '#code', type: 'string', minLength: 2 } } },
    null,
    2,
  ),
  // A titled subschema (TitledLine inside Titled) beside a file whose own title is TitledLine.
  'schemas/titled.json': JSON.stringify({ title: 'Titled', type: 'object', properties: { line: { title: 'Line', type: 'object', properties: { text: { type: 'string' } } } } }, null, 2),
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
    const style = n(0) % 10;
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
      schema[defs] = { ...(schema[defs] as object), Local: { type: 'object', properties: { code: { type: 'string' } } }, Line: { title: 'Line', type: 'integer' } };
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
    for (const d of c.defs) if (d.kind === 'event') events.push({ ctx: c.name, name: d.name, versions: 1 + (d.r[0] % 3), implicit: d.r[0] % 3 === 0 && d.r[1] % 4 === 0 });
  }
  const commands = spec.contexts.flatMap((c) => c.defs.filter((d) => d.kind === 'command').map((d) => ({ ctx: c.name, name: d.name })));
  const renderer = new Renderer();
  spec.contexts.forEach((c, index) => {
    renderer.newFile();
    const ref = (target: { ctx: string; name: string }) => (target.ctx === c.name ? target.name : `${target.ctx}.${target.name}`);
    const own = (kind: Kind) => c.defs.filter((d) => d.kind === kind);
    const lines = [`context: ${c.name}`];
    if (index % 2 === 1) lines.push('description: "Context with a hostile description that tries to close its comment */ here"');
    const aggregates = own('aggregate');
    if (aggregates.length > 0) {
      lines.push('aggregates:');
      for (const a of aggregates) {
        lines.push(`  ${a.name}:${a.r[0] % 3 === 0 ? ' {}' : ''}`);
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
        if (d.r[3] % 4 !== 0) lines.push(`    schema: ${flow(renderer.payload(d.r, 4))}`);
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
        lines.push(`    when: ${when.length === 1 && d.r[5] % 2 === 0 ? ref(when[0]) + pin(d.r[6], when[0]) : `[${when.map((e, i) => ref(e) + pin(d.r[6 + i], e)).join(', ')}]`}`);
        lines.push(`    issue: ${ref(commands[d.r[9] % commands.length])}`);
        const delivery = d.r[10] % 4;
        if (delivery === 1) lines.push('    delivery: { mode: push, retry: { maxAttempts: 3, backoff: exponential, initialDelayMs: 100, maxDelayMs: 5000 }, deadLetter: property.dlq }');
        if (delivery === 2) lines.push('    delivery: { mode: poll, poll: { intervalMs: 1000, batchSize: 10 } }');
        if (delivery === 3) lines.push('    delivery: { mode: push }');
      }
    }
    const readModels = events.length > 0 ? own('readModel') : [];
    if (readModels.length > 0) {
      lines.push('readModels:');
      for (const d of readModels) {
        lines.push(`  ${d.name}:`);
        lines.push(`    from: [${triggers(d.r, events).map((e, i) => ref(e) + pin(d.r[6 + i], e)).join(', ')}]`);
        if (d.r[11] % 2 === 0) lines.push(`    schema: ${flow(renderer.payload(d.r, 12))}`);
      }
    }
    files[`contexts/c${index}.yaml`] = lines.join('\n') + '\n';
  });
  return files;
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

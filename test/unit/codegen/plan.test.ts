import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GenerationCache, GENERATED_MARKER, isInside, planGeneration, TEMPLATE_NAMES } from '../../../src/core/codegen';
import { MemoryHost, Workspace } from '../../../src/core';
import { readTree } from '../helpers/workspace';
import { builtinTemplates, memoryModel, miniModel, plan, SAMPLE, STRATEGIES } from './helpers';

const sample = () => readTree(SAMPLE);
const file = (p: Awaited<ReturnType<typeof plan>>, rel: string) => {
  const f = p.files.find((x) => x.path === rel);
  assert.ok(f, `${rel} is planned (have: ${p.files.map((x) => x.path).join(', ')})`);
  return f.content;
};

describe('codegen planning', () => {
  it('plans the retail sample: generated files under outDir with the marker, scaffolds under scaffoldDir', async () => {
    const p = await plan(sample());
    assert.deepEqual(p.problems, []);
    assert.equal(p.outDir, 'src/generated');
    assert.equal(p.scaffoldDir, 'src');
    const generated = p.files.filter((f) => f.owner === 'generated');
    const scaffolds = p.files.filter((f) => f.owner === 'scaffold');
    for (const f of generated) {
      assert.ok(isInside(f.path, 'src/generated'), f.path);
      assert.ok(f.content.slice(0, 1024).includes(GENERATED_MARKER), `${f.path} carries the marker`);
    }
    for (const f of scaffolds) {
      assert.ok(isInside(f.path, 'src') && !isInside(f.path, 'src/generated'), f.path);
      assert.ok(!f.content.includes(GENERATED_MARKER), `${f.path} is not marked as generated`);
    }
    assert.deepEqual(scaffolds.map((f) => f.path).sort(), [
      'src/inventory/reservation.decider.ts',
      'src/inventory/reserve-stock-for-order.policy.ts',
      'src/ordering/cancel-order-when-out-of-stock.policy.ts',
      'src/ordering/cancel-order-when-payment-fails.policy.ts',
      'src/ordering/order-summary.projection.ts',
      'src/ordering/order.decider.ts',
      'src/ordering/upcasters/order-placed.v3.ts',
      'src/payment/charge-reserved-order.policy.ts',
      'src/payment/payment.decider.ts',
      'src/shipping/ship-paid-order.policy.ts',
      'src/shipping/shipment.decider.ts',
    ]);
    // One JSON Schema per message version, and readable type names.
    for (const v of [1, 2, 3]) assert.ok(p.files.some((f) => f.path === `src/generated/schemas/ordering/order-placed.v${v}.schema.json`));
    const types = file(p, 'src/generated/ordering/types.ts');
    for (const name of ['PlaceOrder', 'CancelOrder', 'OrderPlacedV1', 'OrderPlacedV2', 'OrderPlacedV3', 'OrderCancelledV1', 'OrderState', 'OrderSummaryView']) {
      assert.match(types, new RegExp(`export (interface|type) ${name}\\b`), name);
    }
  });

  it('is deterministic: the same model and templates give the same files, byte for byte', async () => {
    const a = await plan(sample());
    const b = await plan(sample(), { cache: new GenerationCache() });
    assert.deepEqual(b.files, a.files);
  });

  it('declares each shared external schema once, in the shared module, and imports it', async () => {
    const p = await plan(sample());
    const shared = file(p, 'src/generated/shared-types.ts');
    assert.equal(shared.match(/export interface Money\b/g)?.length, 1);
    assert.equal(shared.match(/export interface OrderLine\b/g)?.length, 1);
    assert.match(shared, /unitPrice\?: Money/);
    for (const f of p.files.filter((x) => x.path.endsWith('/types.ts'))) {
      assert.doesNotMatch(f.content, /interface (Money|OrderLine)\b/, `${f.path} does not duplicate shared types`);
    }
    const ordering = file(p, 'src/generated/ordering/types.ts');
    assert.match(ordering, /import type \* as shared from "\.\.\/shared-types"/);
    assert.match(ordering, /total: shared\.Money/);
    assert.match(file(p, 'src/generated/payment/types.ts'), /amount: shared\.Money/);
  });

  it('bundles each message version into a self-contained JSON Schema', async () => {
    const p = await plan(sample());
    const v3 = JSON.parse(file(p, 'src/generated/schemas/ordering/order-placed.v3.schema.json'));
    assert.match(v3.$comment, new RegExp(GENERATED_MARKER));
    assert.equal(v3.$id, 'urn:eventmodel:com.example.retail/ordering/order-placed.v3.schema.json');
    assert.deepEqual(Object.keys(v3.definitions).sort(), ['Money', 'OrderLine']);
    assert.equal(v3.properties.total.$ref, '#/definitions/Money');
    assert.equal(v3.definitions.OrderLine.properties.unitPrice.$ref, '#/definitions/Money');
    const refs = JSON.stringify(v3).match(/"\$ref":"[^"]*"/g) ?? [];
    for (const r of refs) assert.match(r, /"#\//, `${r} is internal`);
  });

  it('carries each versioning strategy into the CloudEvents type, dataschema, channel and schema id', async () => {
    const p = await plan(readTree(STRATEGIES));
    assert.deepEqual(
      p.problems.filter((x) => x.severity === 'error'),
      [],
    );
    const env = file(p, 'gen/out/catalog/envelopes.ts');
    // name: version in the type name
    assert.match(env, /ProductAddedV2Type = "com\.example\.fixture\.catalog\.ProductAddedV2"/);
    // payload: version in the type suffix and dataschema
    assert.match(env, /StockCountedV1Type = "com\.example\.fixture\.catalog\.StockCounted\.v1"/);
    assert.match(env, /StockCountedV1DataSchema = "urn:eventmodel:com\.example\.fixture\/catalog\/stock-counted\.v1\.schema\.json"/);
    // channel: one channel per version (explicit or derived)
    assert.match(env, /PriceChangedV1Type = "com\.example\.fixture\.catalog\.PriceChanged"/);
    assert.match(env, /PriceChangedV1Channel = "fixture\.catalog\.price-changed\.v1"/);
    assert.match(env, /PriceChangedV2Channel = "fixture\.catalog\.price-changed\.second"/);
    // registry: a schema id travels in the envelope
    assert.match(env, /schemaId: "com\.example\.fixture\.catalog\.ProductRetired\/versions\/1"/);
    assert.match(env, /export const SOURCE = "com\.example\.fixture\/catalog"/);
  });

  it('escapes descriptions so that they cannot end a comment', async () => {
    const p = await plan(readTree(STRATEGIES));
    for (const f of p.files.filter((x) => x.path.endsWith('.ts'))) {
      assert.doesNotMatch(f.content, /close its comment \*\//, f.path);
    }
    assert.match(file(p, 'gen/out/catalog/messages.ts'), /close its comment \*\\\/ and inject code/);
  });

  it('refuses names that could inject code with a located problem, and plans nothing; validate reports them too', async () => {
    const files = miniModel(
      ['commands:', '  "Evil*/Name":', '    emits: [Done]', '  "Bad\\nLine":', '    emits: [Done]', 'events:', '  Done:', '    schema: { type: object }'].join(
        '\n',
      ) + '\n',
    );
    const p = await plan(files);
    assert.equal(p.files.length, 0);
    const messages = p.problems.map((x) => `${x.code} ${x.message}`);
    assert.ok(
      messages.some((m) => /invalid-identifier Command name 'Evil\*\/Name' contains '\*'/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /invalid-identifier Command name 'Bad\\u000aLine' contains the control character U\+000A/.test(m)),
      messages.join('\n'),
    );
    const located = p.problems.find((x) => x.message.includes("'Evil*/Name'"))!;
    assert.equal(located.location?.file, 'contexts/shop.yaml');
    assert.equal(located.location?.start.line, 2);
    // The same names are errors for `validate`, so `generate` never gets that far.
    const errors = new Workspace(new MemoryHost(files)).diagnostics().filter((d) => d.severity === 'error');
    for (const line of [2, 4])
      assert.ok(
        errors.some((d) => d.rule === 'schema' && d.location.start.line === line),
        JSON.stringify(errors),
      );
  });

  it('refuses a hostile context name', async () => {
    const p = await plan(miniModel('events:\n  Done:\n    schema: { type: object }\n', '"Shop; process.exit(1)"'));
    assert.equal(p.files.length, 0);
    assert.ok(p.problems.some((x) => x.code === 'invalid-identifier' && /Context name 'Shop; process\.exit\(1\)' contains ';'/.test(x.message)));
  });

  it('generates reserved words and globals as names, renaming only the identifiers made of the bare name', async () => {
    const p = await plan(miniModel(['commands:', '  delete:', '    emits: [Promise]', 'events:', '  Promise:', '    schema: { type: object }', ''].join('\n')));
    assert.deepEqual(
      p.problems.filter((x) => x.severity === 'error'),
      [],
    );
    const types = file(p, 'gen/shop/types.ts');
    assert.match(types, /export type deletePayload = unknown;/);
    assert.match(types, /export type PromisePayload = PromiseV1;/);
    const messages = file(p, 'gen/shop/messages.ts');
    assert.match(messages, /export type deleteCommand = runtime\.DomainCommand<"delete", deletePayload, 1, runtime\.Headers>;/);
    assert.match(messages, /export type PromiseV1Event = runtime\.DomainEvent<"Promise", 1, PromiseV1, runtime\.Headers>;/);
    const renamed = p.problems.filter((x) => x.code === 'renamed').map((x) => x.message);
    assert.ok(
      renamed.some((m) => /command Shop\.delete gets the identifier 'deletePayload' instead of 'delete', which is a reserved word/.test(m)),
      renamed.join('\n'),
    );
    assert.ok(
      renamed.some((m) => /event Shop\.Promise gets the identifier 'PromisePayload' instead of 'Promise', which would shadow the global/.test(m)),
      renamed.join('\n'),
    );
  });

  it('disambiguates two definitions that need the same generated name or file, deterministically', async () => {
    const p = await plan(
      miniModel(['commands:', '  OrderPlacedV1:', '    emits: [OrderPlaced]', 'events:', '  OrderPlaced:', '    schema: { type: object }', ''].join('\n')),
    );
    assert.deepEqual(
      p.problems.filter((x) => x.severity === 'error'),
      [],
    );
    // The name written in the model keeps the identifier; the derived one yields.
    assert.match(file(p, 'gen/shop/types.ts'), /export type OrderPlacedV1 = unknown;[\s\S]*export interface OrderPlacedV1Payload \{/);
    assert.match(file(p, 'gen/shop/validate.ts'), /export function validateOrderPlacedV1Event\(data: unknown\): runtime\.Validated<OrderPlacedV1Payload>/);
    assert.ok(
      p.problems.some(
        (x) =>
          x.code === 'renamed' &&
          /event Shop\.OrderPlaced gets the identifier 'OrderPlacedV1Payload' instead of 'OrderPlacedV1', which is taken by command Shop\.OrderPlacedV1/.test(
            x.message,
          ),
      ),
      JSON.stringify(p.problems),
    );
    const q = await plan(
      miniModel(['events:', '  OrderPlaced:', '    schema: { type: object }', '  Order_Placed:', '    schema: { type: object }', ''].join('\n')),
    );
    assert.deepEqual(
      q.problems.filter((x) => x.severity === 'error'),
      [],
    );
    assert.ok(q.files.some((f) => f.path === 'gen/schemas/shop/order-placed.v1.schema.json'));
    assert.ok(q.files.some((f) => f.path === 'gen/schemas/shop/order-placed-2.v1.schema.json'));
    assert.ok(
      q.problems.some((x) => x.code === 'renamed' && /files of event Shop\.Order_Placed are named 'order-placed-2'/.test(x.message)),
      JSON.stringify(q.problems),
    );
    assert.deepEqual(
      (await plan(miniModel(['events:', '  OrderPlaced:', '    schema: { type: object }', '  Order_Placed:', '    schema: { type: object }', ''].join('\n'))))
        .files,
      q.files,
    );
  });

  describe('output paths', () => {
    const manifest = (generate: string) => ['model: mini', 'include: [contexts/*.yaml]', 'generate:', generate, ''].join('\n');
    const cases: [string, string, RegExp][] = [
      ['outDir above the workspace', '  outDir: ../x\n  scaffoldDir: app', /generate\.outDir '\.\.\/x' leaves the workspace/],
      ['outDir absolute', '  outDir: /tmp/x\n  scaffoldDir: app', /generate\.outDir '\/tmp\/x' is absolute/],
      ['outDir the workspace root', '  outDir: .\n  scaffoldDir: app', /must be a sub-folder/],
      ['scaffoldDir escaping', '  outDir: gen\n  scaffoldDir: src/../../y', /generate\.scaffoldDir 'src\/\.\.\/\.\.\/y' leaves the workspace/],
      ['same folder for both', '  outDir: gen\n  scaffoldDir: gen', /both 'gen'/],
      ['scaffolds inside outDir', '  outDir: gen\n  scaffoldDir: gen/app', /is inside generate\.outDir/],
      ['outDir holding model files', '  outDir: contexts\n  scaffoldDir: app', /contains the model file 'contexts\/shop\.yaml'/],
    ];
    for (const [title, generate, expected] of cases) {
      it(`refuses ${title}`, async () => {
        const p = await plan(miniModel('events:\n  Done:\n    schema: { type: object }\n', 'Shop', manifest(generate)));
        assert.equal(p.files.length, 0);
        assert.ok(
          p.problems.some((x) => x.code === 'unsafe-path' && expected.test(x.message)),
          JSON.stringify(p.problems),
        );
      });
    }
  });

  describe('templates', () => {
    it('renders an overriding template in place of the built-in one', async () => {
      const templates = { ...builtinTemplates(), 'messages.ts.hbs': '// {{header}}\nexport const custom = {{str context.name}};\n' };
      const p = await planGeneration(memoryModel(sample()), { templates });
      assert.deepEqual(p.problems, []);
      assert.equal(file(p, 'src/generated/ordering/messages.ts').split('\n')[1], 'export const custom = "Ordering";');
    });

    it('reports a missing template, a syntax error, an unknown field and a generated template without the header', async () => {
      const base = builtinTemplates();
      const missing = { ...base };
      delete missing['runtime.ts.hbs'];
      const cases: [Record<string, string>, RegExp][] = [
        [missing, /Template 'runtime\.ts\.hbs' was not provided/],
        [{ ...base, 'index.ts.hbs': '// {{header}}\n{{#each contexts}}' }, /index\.ts\.hbs: Parse error/],
        [{ ...base, 'index.ts.hbs': '// {{header}}\n{{contxts}}' }, /index\.ts\.hbs: "contxts" not defined/],
        [{ ...base, 'index.ts.hbs': 'export {};\n' }, /must start with the \{\{header\}\} line/],
      ];
      for (const [templates, expected] of cases) {
        const p = await planGeneration(memoryModel(sample()), { templates });
        assert.equal(p.files.length, 0);
        assert.ok(
          p.problems.some((x) => expected.test(x.message)),
          `${expected}: ${JSON.stringify(p.problems)}`,
        );
      }
    });

    it('ships a built-in template for every name', () => {
      const dir = path.join(__dirname, '../../../../templates');
      for (const name of TEMPLATE_NAMES) assert.ok(fs.existsSync(path.join(dir, name)), name);
    });
  });

  it('re-plans only what an edit affects, with the same result as a cold run', async () => {
    const cache = new GenerationCache();
    await plan(sample(), { cache });
    // Shipping gains a version of ShipmentCreated: Ordering's read model (unpinned) must follow.
    const edited = sample();
    const before = ['    channel: retail.shipping.shipment-created', '    schema:', '      type: object', '      required: [orderId, trackingNumber]'].join(
      '\n',
    );
    const after = [
      '    channel: retail.shipping.shipment-created',
      '    versions:',
      '      1:',
      '        schema: { type: object }',
      '      2:',
      '        schema:',
      '          type: object',
      '          required: [orderId, trackingNumber]',
    ].join('\n');
    assert.ok(edited['contexts/shipping.yaml'].includes(before));
    edited['contexts/shipping.yaml'] = edited['contexts/shipping.yaml']
      .replace(before, after)
      .replace(
        '      properties:\n        orderId: { type: string }\n        trackingNumber',
        '          properties:\n            orderId: { type: string }\n            trackingNumber',
      );
    const warm = await plan(edited, { cache });
    const cold = await plan(edited);
    assert.deepEqual(cold.problems, []);
    assert.deepEqual(warm.problems, cold.problems);
    assert.deepEqual(warm.files, cold.files);
    assert.match(file(warm, 'src/generated/ordering/read-models.ts'), /ShippingMessages\.ShipmentCreatedV2Event/);
  });

  it('reuses cached types and validators on a re-run with the same cache', async () => {
    const cache = new GenerationCache();
    const first = await plan(sample(), { cache });
    const misses = cache.misses;
    const second = await plan(sample(), { cache });
    assert.deepEqual(second.files, first.files);
    assert.equal(cache.misses, misses, 'no new cache miss on the re-run');
    assert.ok(cache.hits > 0);
  });
});

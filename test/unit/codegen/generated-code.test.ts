import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CloudEvent } from 'cloudevents';
import { Workspace } from '../../../src/core';
import { NodeHost } from '../../../src/node/fs-host';
import { generateWorkspace } from '../../../src/node/generate-run';
import { cleanTemps, copyModel, SAMPLE, STRATEGIES, tsc } from './helpers';

/** Generates a model folder (already copied to a temp folder) with the real writer. */
async function generate(root: string): Promise<void> {
  const result = await generateWorkspace(root, new Workspace(new NodeHost(root)), { mode: 'write', allowWorkspaceTemplates: true });
  assert.equal(
    result.status,
    'ok',
    JSON.stringify({ diagnostics: result.diagnostics, problems: result.plan?.problems, write: result.report?.problems }, null, 2),
  );
}

/** Replaces a scaffold's body as a user would. */
function edit(root: string, rel: string, content: string): void {
  const abs = path.join(root, rel);
  assert.ok(fs.existsSync(abs), `${rel} was scaffolded`);
  fs.writeFileSync(abs, content);
}

const ORDER_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

// The retail sample's user code for the runtime test: the v2 → v3 upcaster and one reaction.
const UPCASTER = `import type { OrderPlacedV2, OrderPlacedV3 } from '../../generated/ordering/types';

export function upcastOrderPlacedV2ToV3(data: OrderPlacedV2): OrderPlacedV3 {
  const lines = (data.lines ?? []).map((l) => ({ ...l }));
  return {
    orderId: data.orderId,
    customerId: data.customerId ?? 'unknown',
    lines: lines.length > 0 ? [lines[0]!, ...lines.slice(1)] : [{ sku: 'UNKNOWN', quantity: 1 }],
    total: { amount: 0, currency: 'EUR' },
  };
}
`;

const REACTION = `import type { ReserveStockForOrderInput, ReserveStockForOrderOutput } from '../generated/inventory/policies';

export function react(event: ReserveStockForOrderInput): ReserveStockForOrderOutput | undefined {
  return { type: 'ReserveStock', data: { orderId: event.data.orderId, lines: event.data.lines } };
}
`;

describe('generated code (real tsc, real runtime)', function () {
  this.timeout(180_000);
  after(cleanTemps);

  describe('retail sample', () => {
    let root = '';
    before(async () => {
      root = copyModel(SAMPLE);
      await generate(root);
    });

    it('compiles with tsc --strict --noEmit, scaffolds included, with zero errors', () => {
      const r = tsc(root, { strict: true, noEmit: true, module: 'node16', moduleResolution: 'node16' }, ['src/**/*.ts']);
      assert.equal(r.output, '');
      assert.equal(r.status, 0);
    });

    it('keeps the generated modules clean under stricter settings (unused code, unchecked index access, exact optional properties)', () => {
      const r = tsc(
        root,
        {
          strict: true,
          noEmit: true,
          module: 'node16',
          moduleResolution: 'node16',
          noUnusedLocals: true,
          noImplicitReturns: true,
          noImplicitOverride: true,
          noFallthroughCasesInSwitch: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
        },
        ['src/generated/**/*.ts'],
      );
      assert.equal(r.output, '');
    });

    describe('at run time', () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      let gen: any;
      before(async () => {
        edit(root, 'src/ordering/upcasters/order-placed.v3.ts', UPCASTER);
        edit(root, 'src/inventory/reserve-stock-for-order.policy.ts', REACTION);
        await generate(root); // the edits survive a re-run
        assert.equal(fs.readFileSync(path.join(root, 'src/ordering/upcasters/order-placed.v3.ts'), 'utf8'), UPCASTER);
        const r = tsc(root, { strict: true, module: 'commonjs', outDir: 'dist', rootDir: 'src' }, ['src/**/*.ts']);
        assert.equal(r.output, '');
        gen = require(path.join(root, 'dist/generated/index.js'));
      });

      it('validators accept a good payload and reject a bad one with a readable error', () => {
        const good = { orderId: ORDER_ID, customerId: 'c-1', lines: [{ sku: 'A-1', quantity: 2, unitPrice: { amount: 9.5, currency: 'EUR' } }] };
        const ok = gen.Ordering.validatePlaceOrder(good);
        assert.equal(ok.ok, true);
        assert.deepEqual(ok.value, good);

        const bad = gen.Ordering.validatePlaceOrder({
          orderId: 'not-a-uuid',
          customerId: 'c-1',
          lines: [{ sku: 'A-1', quantity: 0, unitPrice: { amount: 1, currency: 'euro' } }],
        });
        assert.equal(bad.ok, false);
        assert.equal(bad.error.name, 'MessageValidationError');
        assert.match(bad.error.message, /^Ordering\.PlaceOrder is invalid: /);
        assert.match(bad.error.message, /\/orderId must match format "uuid"/);
        assert.match(bad.error.message, /\/lines\/0\/quantity must be >= 1/);
        assert.match(bad.error.message, /\/lines\/0\/unitPrice\/currency must match pattern/);
        assert.deepEqual(
          bad.error.issues.map((i: { path: string }) => i.path),
          ['/orderId', '/lines/0/quantity', '/lines/0/unitPrice/currency'],
        );

        const closed = gen.Ordering.validateOrderPlacedV1({ orderId: 'o-1', extra: true });
        assert.equal(closed.ok, false);
        assert.match(closed.error.message, /must not have the property 'extra'/);
        const dateTime = gen.Ordering.validateOrderPlacedV3({
          orderId: ORDER_ID,
          customerId: 'c',
          lines: [{ sku: 'A', quantity: 1 }],
          total: { amount: 1, currency: 'EUR' },
          placedAt: 'yesterday',
        });
        assert.match(dateTime.error.message, /\/placedAt must match format "date-time"/);
      });

      it('lifts a v1 event to v3 through the compatible step and the user upcaster', () => {
        const v1 = { type: 'OrderPlaced', version: 1, data: { orderId: ORDER_ID } };
        const v3 = gen.Ordering.upcastOrderPlaced(v1);
        assert.deepEqual(v3, {
          type: 'OrderPlaced',
          version: 3,
          data: { orderId: ORDER_ID, customerId: 'unknown', lines: [{ sku: 'UNKNOWN', quantity: 1 }], total: { amount: 0, currency: 'EUR' } },
        });
        assert.equal(gen.Ordering.validateOrderPlacedV3(v3.data).ok, true);
        assert.equal(gen.Ordering.upcastEvent(v3), v3, 'the latest version passes through');
        assert.deepEqual(gen.Ordering.upcastOrderPlacedToV2(v1), { type: 'OrderPlaced', version: 2, data: { orderId: ORDER_ID } });
      });

      it('builds CloudEvents envelopes that the official SDK accepts, and reads them back', () => {
        const data = {
          orderId: ORDER_ID,
          customerId: 'c-1',
          lines: [{ sku: 'A-1', quantity: 1 }],
          total: { amount: 12, currency: 'EUR' },
          placedAt: '2024-05-01T10:00:00Z',
        };
        const envelope = gen.Ordering.createOrderPlacedV3Envelope(data, { subject: ORDER_ID });
        const ce = new CloudEvent(envelope);
        assert.equal(ce.validate(), true);
        assert.equal(ce.specversion, '1.0');
        assert.equal(ce.type, 'com.example.retail.ordering.OrderPlaced.v3');
        assert.equal(ce.source, 'com.example.retail/ordering');
        assert.equal(ce.dataschema, 'urn:eventmodel:com.example.retail/ordering/order-placed.v3.schema.json');
        assert.equal(ce.datacontenttype, 'application/json');
        assert.match(ce.id, /^[0-9a-f-]{36}$/);

        const decoded = gen.Ordering.fromEnvelope(JSON.parse(JSON.stringify(ce)));
        assert.equal(decoded.ok, true);
        assert.deepEqual(decoded.value, { type: 'OrderPlaced', version: 3, data });
        const viaUnion = gen.Ordering.toEnvelope({ type: 'OrderPlaced', version: 3, data }, { id: 'fixed', time: '2024-05-01T10:00:00Z' });
        assert.equal(viaUnion.id, 'fixed');
        assert.equal(new CloudEvent(viaUnion).validate(), true);

        const wrong = gen.Ordering.fromEnvelope({ ...envelope, data: { ...data, total: { amount: -1, currency: 'EUR' } } });
        assert.equal(wrong.ok, false);
        assert.match(wrong.error.message, /Ordering\.OrderPlaced v3 is invalid: \/total\/amount must be >= 0/);
        const unknown = gen.Ordering.fromEnvelope({ ...envelope, type: 'com.example.retail.ordering.Nope.v1' });
        assert.match(unknown.error.message, /unknown type 'com\.example\.retail\.ordering\.Nope\.v1'/);
        assert.match(gen.Ordering.fromEnvelope('nope').error.message, /not a CloudEvents envelope/);
      });

      it('hands an old event to the policy that reads a newer version (upcast), with its delivery configuration', async () => {
        const reserve = gen.policies.find((p: { name: string }) => p.name === 'ReserveStockForOrder');
        const delivery = { policy: 'Inventory.ReserveStockForOrder', eventId: 'e-1', envelope: {}, attempt: 1 };
        const outcome = await reserve.handle(
          'Ordering',
          { type: 'OrderPlaced', version: 2, data: { orderId: ORDER_ID, customerId: 'c-9', lines: [{ sku: 'B', quantity: 3 }] } },
          delivery,
        );
        assert.deepEqual(outcome, { status: 'reacted', command: { type: 'ReserveStock', data: { orderId: ORDER_ID, lines: [{ sku: 'B', quantity: 3 }] } } });
        assert.deepEqual(reserve.delivery, {
          mode: 'push',
          retry: { maxAttempts: 5, backoff: 'exponential', initialDelayMs: 200, maxDelayMs: 10000 },
          deadLetter: 'retail.inventory.dlq',
        });
        assert.deepEqual(gen.Ordering.CancelOrderWhenPaymentFailsDelivery, { mode: 'poll', poll: { intervalMs: 10000, batchSize: 50 } });
        assert.deepEqual(
          await reserve.handle('Shipping', { type: 'OrderPlaced', version: 3, data: {} }, delivery),
          { status: 'skipped' },
          'another context’s event of that name triggers nothing',
        );
        assert.equal(gen.runtime.retryDelayMs(gen.Inventory.ReserveStockForOrderDelivery.retry, 3), 800);
      });

      it('routes every command to its aggregate, and keys the read model by orderId', () => {
        const routes = gen.commands.map(
          (r: { context: string; command: string; aggregate: { streamType: string; id: string[] } | null }) =>
            `${r.context}.${r.command} → ${r.aggregate?.streamType}-<${r.aggregate?.id.join('.')}>`,
        );
        assert.deepEqual(routes.sort(), [
          'Inventory.ReserveStock → Inventory.Reservation-<orderId>',
          'Ordering.CancelOrder → Ordering.Order-<orderId>',
          'Ordering.PlaceOrder → Ordering.Order-<orderId>',
          'Payment.ProcessPayment → Payment.Payment-<orderId>',
          'Shipping.CreateShipment → Shipping.Shipment-<orderId>',
        ]);
        assert.deepEqual(gen.Ordering.OrderSummaryReadModel.key, ['orderId']);
        assert.deepEqual(
          gen.Ordering.OrderSummaryReadModel.queries.map((q: { name: string; returns: string; byKey: boolean }) => [q.name, q.returns, q.byKey]),
          [
            ['GetOrderSummary', 'one', true],
            ['OrdersOfCustomer', 'many', false],
          ],
        );
      });

      it('scaffolds throw a "not implemented" error naming what is missing', () => {
        const decider = require(path.join(root, 'dist/ordering/order.decider.js'));
        assert.throws(() => decider.decide({ type: 'PlaceOrder', data: {} }, {}), /Not implemented: Ordering\.Order: decide PlaceOrder/);
        assert.throws(() => decider.initialState(), /Not implemented: Ordering\.Order: initialState/);
        const reaction = require(path.join(root, 'dist/shipping/ship-paid-order.policy.js'));
        assert.throws(
          () => reaction.react({ type: 'PaymentConfirmed', version: 1, data: {} }),
          /Shipping\.ShipPaidOrder: react to PaymentConfirmed by issuing CreateShipment/,
        );
      });
    });
  });

  describe('retail sample as a Node ES module (package.json "type": "module")', () => {
    let root = '';
    let result: Record<string, unknown> = {};
    before(async () => {
      root = copyModel(SAMPLE);
      // No generate.module in the manifest: the workspace's package.json decides.
      fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'retail', private: true, type: 'module' }));
      await generate(root);
      edit(root, 'src/ordering/upcasters/order-placed.v3.ts', UPCASTER.replace("'../../generated/ordering/types'", "'../../generated/ordering/types.js'"));
      edit(
        root,
        'src/inventory/reserve-stock-for-order.policy.ts',
        REACTION.replace("'../generated/inventory/policies'", "'../generated/inventory/policies.js'"),
      );
      const r = tsc(root, { strict: true, module: 'nodenext', moduleResolution: 'nodenext', outDir: 'dist', rootDir: 'src' }, ['src/**/*.ts']);
      assert.equal(r.output, '');
      // Node runs the compiled modules as ESM (dist is below the package.json with "type": "module").
      const script = path.join(root, 'run.mjs');
      fs.writeFileSync(
        script,
        [
          "import * as gen from './dist/generated/index.js';",
          "const bad = gen.Ordering.validatePlaceOrder({ orderId: 'not-a-uuid', customerId: 'c-1', lines: [{ sku: 'A-1', quantity: 0, unitPrice: { amount: 1, currency: 'euro' } }] });",
          `const good = gen.Ordering.validatePlaceOrder({ orderId: '${ORDER_ID}', customerId: 'c-1', lines: [{ sku: 'A-1', quantity: 2 }] });`,
          `const v3 = gen.Ordering.upcastOrderPlaced({ type: 'OrderPlaced', version: 1, data: { orderId: '${ORDER_ID}' } });`,
          "const reserve = gen.policies.find((p) => p.name === 'ReserveStockForOrder');",
          `const dispatched = await reserve.handle('Ordering', { type: 'OrderPlaced', version: 2, data: { orderId: '${ORDER_ID}', customerId: 'c-9', lines: [{ sku: 'B', quantity: 3 }] } }, { policy: 'p', eventId: 'e', envelope: {}, attempt: 1 });`,
          'const envelope = gen.Ordering.createOrderPlacedV3Envelope(v3.data);',
          'const back = gen.Ordering.fromEnvelope(JSON.parse(JSON.stringify(envelope)));',
          'console.log(JSON.stringify({ bad: bad.ok ? null : bad.error.message, good: good.ok, v3, dispatched, back: back.ok ? back.value : back.error.message, moduleType: typeof require }));',
        ].join('\n'),
      );
      const run = spawnSync(process.execPath, [script], { cwd: root, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      result = JSON.parse(run.stdout);
    });

    it('imports with .js extensions and imports (not requires) the Ajv runtime helpers', () => {
      const index = fs.readFileSync(path.join(root, 'src/generated/index.ts'), 'utf8');
      assert.match(index, /export \* as Ordering from "\.\/ordering\/index\.js";/);
      assert.match(fs.readFileSync(path.join(root, 'src/generated/ordering/envelopes.ts'), 'utf8'), /import \* as runtime from "\.\.\/runtime\.js";/);
      const validators = fs.readFileSync(path.join(root, 'src/generated/ordering/validators.ts'), 'utf8');
      assert.match(validators, /^import \$ajv\d+ from "ajv-formats\/dist\/formats\.js";$/m);
      assert.doesNotMatch(validators, /require\(/);
      assert.match(fs.readFileSync(path.join(root, 'src/ordering/order.decider.ts'), 'utf8'), /from "\.\.\/generated\/ordering\/messages\.js";/);
    });

    it('runs under node as ESM: validators with formats, upcasting through the user upcaster, a policy, envelopes', () => {
      assert.equal(result.moduleType, 'undefined', 'the script ran as an ES module');
      assert.match(
        String(result.bad),
        /^Ordering\.PlaceOrder is invalid: \/orderId must match format "uuid"; \/lines\/0\/quantity must be >= 1; \/lines\/0\/unitPrice\/currency must match pattern/,
      );
      assert.equal(result.good, true);
      const data = { orderId: ORDER_ID, customerId: 'unknown', lines: [{ sku: 'UNKNOWN', quantity: 1 }], total: { amount: 0, currency: 'EUR' } };
      assert.deepEqual(result.v3, { type: 'OrderPlaced', version: 3, data });
      assert.deepEqual(result.back, { type: 'OrderPlaced', version: 3, data });
      assert.deepEqual(result.dispatched, {
        status: 'reacted',
        command: { type: 'ReserveStock', data: { orderId: ORDER_ID, lines: [{ sku: 'B', quantity: 3 }] } },
      });
    });
  });

  describe('every versioning strategy, 2020-12 schemas, hostile descriptions', () => {
    let root = '';
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let gen: any;
    before(async () => {
      root = copyModel(STRATEGIES);
      await generate(root);
    });

    it('compiles with tsc --strict --noEmit with zero errors', () => {
      const r = tsc(root, { strict: true, noEmit: true, module: 'node16', moduleResolution: 'node16' }, ['gen/**/*.ts']);
      assert.equal(r.output, '');
    });

    it('builds and reads back envelopes for name, payload, channel and registry versioning', () => {
      const r = tsc(root, { strict: true, module: 'commonjs', outDir: 'dist', rootDir: 'gen' }, ['gen/**/*.ts']);
      assert.equal(r.output, '');
      gen = require(path.join(root, 'dist/out/index.js'));
      const c = gen.Catalog;
      const cases = [
        {
          env: c.createProductAddedV2Envelope({ sku: 'A', price: { amount: 1, currency: 'EUR' } }),
          type: 'com.example.fixture.catalog.ProductAddedV2',
          version: 2,
        },
        { env: c.createStockCountedV1Envelope({ sku: 'A', count: 3 }), type: 'com.example.fixture.catalog.StockCounted.v1', version: 1 },
        { env: c.createPriceChangedV2Envelope({ sku: 'A', price: 3 }), type: 'com.example.fixture.catalog.PriceChanged', version: 2 },
        {
          env: c.createProductRetiredV1Envelope({ sku: 'A', reason: 'recalled' }, { schemaId: '42' }),
          type: 'com.example.fixture.catalog.ProductRetired',
          version: 1,
        },
      ];
      for (const { env, type, version } of cases) {
        assert.equal(new CloudEvent(env).validate(), true, type);
        assert.equal(env.type, type);
        const back = c.fromEnvelope(JSON.parse(JSON.stringify(env)));
        assert.equal(back.ok, true, `${type}: ${back.ok ? '' : back.error.message}`);
        assert.equal(back.value.version, version);
      }
      assert.equal(cases[3]!.env.schemaid, '42');
      assert.equal(c.createProductRetiredV1Envelope({ sku: 'A' }).schemaid, 'com.example.fixture.catalog.ProductRetired/versions/1');
      // Channel strategy: the version comes from the channel when the envelope has no dataschema.
      const { dataschema: _d, ...bare } = c.createPriceChangedV1Envelope({ sku: 'A' });
      assert.match(c.fromEnvelope(bare).error.message, /does not say which version/);
      assert.equal(c.fromEnvelope(bare, { channel: c.PriceChangedV1Channel }).value.version, 1);
      // 2020-12 command schema with $defs and an external draft-07 file
      assert.equal(c.validateAddProduct({ sku: 'AB-1', price: { amount: 2, currency: 'USD' } }).ok, true);
      assert.match(
        c.validateAddProduct({ sku: 'ab', price: { amount: 2, currency: 'GBP' } }).error.message,
        /\/sku must match pattern.*\/price\/currency must be one of "EUR", "USD"/,
      );
    });
  });
});

// Failing deliveries: retried as the policy's `retry` says, then handed to its dead-letter channel
// with the reason and the original envelope, without holding up other orders or other policies.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { App, AppOptions, Generated } from './support/app';
import { buildModel, type BuiltModel } from './support/build';
import { LINES, placeOrder } from './support/retail';
import { STORES, waitFor } from './support/stores';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loaded = any;

for (const store of STORES) {
  describe(`runtime: retries and dead letters (${store.name})`, function () {
    this.timeout(120_000);
    let built: BuiltModel;
    let gen: Generated;
    let runtime: Loaded;
    let emmett: Loaded;
    let options: AppOptions;
    let dispose: () => Promise<void>;
    let app: App | undefined;

    /** The model with one policy's reaction replaced (same descriptor: same triggers, retry and dead letter). */
    const withReaction = (descriptor: Loaded, react: (event: Loaded) => unknown) => ({
      ...gen.model,
      policies: gen.model.policies.map((p: Loaded) => (p.name === descriptor.name ? runtime.bindPolicy(descriptor, react) : p)),
    });

    before(async () => {
      built = await buildModel('retail');
      gen = built.load('generated/index.js');
      runtime = built.load('generated/runtime.js');
      emmett = built.load('generated/emmett/app.js');
    });
    beforeEach(async () => {
      const opened = await store.open();
      dispose = opened.dispose;
      options = { ...opened.options, pollIntervalMs: 20, log: () => undefined };
    });
    afterEach(async () => {
      await app?.close();
      app = undefined;
      await dispose();
    });

    it('dead-letters a poison event after the policy’s 5 attempts (exponential backoff), while other orders ship', async () => {
      const retry = gen.Inventory.ReserveStockForOrderDelivery.retry;
      assert.deepEqual(retry, { maxAttempts: 5, backoff: 'exponential', initialDelayMs: 200, maxDelayMs: 10000 });
      const poisonId = randomUUID();
      const attempts: number[] = [];
      app = emmett.createApp(
        withReaction(gen.Inventory.ReserveStockForOrderPolicy, (event) => {
          if (event.data.orderId !== poisonId) return { type: 'ReserveStock', data: { orderId: event.data.orderId, lines: event.data.lines } };
          attempts.push(Date.now());
          throw new Error('warehouse unreachable');
        }),
        options,
      ) as App;
      await placeOrder(app, LINES.ships, poisonId);
      const healthyId = await placeOrder(app, LINES.ships);
      const summaries = app.readModel('Ordering.OrderSummary');
      await waitFor(async () => (await summaries.get(healthyId))?.status === 'Shipped', 'the healthy order to ship');
      assert.ok(attempts.length < retry.maxAttempts, 'the healthy order shipped while the poison one was still being retried');

      await app.settle();
      assert.equal(attempts.length, retry.maxAttempts);
      const [entry, ...more] = await app.deadLetters('retail.inventory.dlq');
      assert.equal(more.length, 0);
      assert.deepEqual(
        [entry?.consumer, entry?.kind, entry?.mode, entry?.attempts, entry?.reason],
        ['Inventory.ReserveStockForOrder', 'policy', 'push', 5, 'warehouse unreachable'],
      );
      assert.equal(entry?.envelope.type, 'com.example.retail.ordering.OrderPlaced.v3');
      assert.equal(entry?.envelope.data.orderId, poisonId);
      assert.equal((await summaries.get(poisonId))?.status, 'Placed');
      assert.deepEqual(await app.deadLetters(), [], 'nothing in the default channel');
    });

    it('dead-letters at once when the issued command is invalid (no retry can fix it)', async () => {
      let calls = 0;
      app = emmett.createApp(
        withReaction(gen.Payment.ChargeReservedOrderPolicy, (event) => {
          calls += 1;
          return { type: 'ProcessPayment', data: { orderId: event.data.orderId, amount: { amount: event.data.total.amount, currency: 'euro' } } };
        }),
        options,
      ) as App;
      const orderId = await placeOrder(app, LINES.ships);
      await app.settle();
      const [entry] = await app.deadLetters('retail.payment.dlq');
      assert.equal(calls, 1);
      assert.equal(entry?.attempts, 1);
      assert.match(entry?.reason ?? '', /^Payment\.ProcessPayment is invalid: \/amount\/currency must match pattern/);
      assert.equal(entry?.envelope.type, 'com.example.retail.inventory.StockReserved.v1');
      assert.equal((await app.readModel('Ordering.OrderSummary').get(orderId))?.status, 'StockReserved');
    });

    it('dead-letters a failing poll delivery to the model’s default channel and goes on with the next events', async () => {
      const poisonId = randomUUID();
      app = emmett.createApp(
        withReaction(gen.Ordering.CancelOrderWhenPaymentFailsPolicy, (event) => {
          if (event.data.orderId === poisonId) throw new Error('order service down');
          return { type: 'CancelOrder', data: { orderId: event.data.orderId, reason: `Payment failed: ${event.data.reason}` } };
        }),
        options,
      ) as App;
      await placeOrder(app, LINES.declined, poisonId);
      const nextId = await placeOrder(app, LINES.declined);
      await app.settle();
      assert.equal(gen.model.defaultDeadLetter, 'com.example.retail.dlq');
      const [entry, ...more] = await app.deadLetters();
      assert.equal(more.length, 0);
      assert.deepEqual(
        [entry?.consumer, entry?.mode, entry?.attempts, entry?.reason],
        ['Ordering.CancelOrderWhenPaymentFails', 'poll', 1, 'order service down'],
      );
      assert.equal(entry?.envelope.type, 'com.example.retail.payment.PaymentFailed.v1');
      assert.equal((await app.readModel('Ordering.OrderSummary').get(nextId))?.status, 'Cancelled');
    });

    it('retries with fixed, linear and exponential backoff, capped by maxDelayMs', () => {
      const delays = (retry: object) => [1, 2, 3, 4, 5].map((attempt) => runtime.retryDelayMs(retry, attempt));
      assert.deepEqual(delays({ maxAttempts: 5, backoff: 'fixed', initialDelayMs: 100 }), [100, 100, 100, 100, undefined]);
      assert.deepEqual(delays({ maxAttempts: 5, backoff: 'linear', initialDelayMs: 100 }), [100, 200, 300, 400, undefined]);
      assert.deepEqual(delays({ maxAttempts: 5, backoff: 'exponential', initialDelayMs: 100, maxDelayMs: 350 }), [100, 200, 350, 350, undefined]);
      assert.deepEqual(delays({}), [undefined, undefined, undefined, undefined, undefined], 'no retry: one attempt');
      assert.deepEqual(delays(gen.Payment.ChargeReservedOrderDelivery.retry), [1000, 1000, undefined, undefined, undefined]);
    });
  });
}

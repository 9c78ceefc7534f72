// Old versions in the store and on the wire: OrderPlaced v1 and v2, written before v3 existed, are
// read as v3 by the aggregate (Emmett's upcast hook), by the read model and by the policy pinned to
// v3; an OrderPlaced v2 envelope from an older service runs the whole flow.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { streamTypes, type App, type Generated } from './support/app';
import { buildModel, type BuiltModel } from './support/build';
import { flowOf } from './support/retail';
import { STORES } from './support/stores';

/** An OrderPlaced as an older release of the application stored it. */
function legacyOrderPlaced(version: 1 | 2, data: Record<string, unknown>) {
  const eventId = randomUUID();
  const metadata = {
    eventId,
    messageId: eventId,
    context: 'Ordering',
    version,
    time: new Date().toISOString(),
    correlationId: eventId,
    causationId: 'legacy-import',
  };
  return { type: 'Ordering.OrderPlaced', data, metadata };
}

for (const store of STORES) {
  describe(`runtime: reading old event versions (${store.name})`, function () {
    this.timeout(120_000);
    let gen: Generated;
    let built: BuiltModel;
    let app: App;
    let dispose: () => Promise<void>;
    before(async () => {
      built = await buildModel('retail');
      gen = built.load<Generated>('generated/index.js');
    });
    beforeEach(async () => {
      const opened = await store.open();
      dispose = opened.dispose;
      app = gen.createApp({ ...opened.options, pollIntervalMs: 20, log: () => undefined });
    });
    afterEach(async () => {
      await app.close();
      await dispose();
    });

    it('folds a stored OrderPlaced v1 as v3 (compatible step, then your v2→v3 upcaster), so the order can be cancelled', async () => {
      const orderId = randomUUID();
      await app.store.eventStore.appendToStream(`Ordering.Order-${orderId}`, [legacyOrderPlaced(1, { orderId })]);
      const result = await app.send({ context: 'Ordering', type: 'CancelOrder', data: { orderId, reason: 'customer asked' } });
      assert.deepEqual(
        result.events.map((e) => e.type),
        ['com.example.retail.ordering.OrderCancelled.v1'],
      );
      assert.deepEqual(await streamTypes(app, `Ordering.Order-${orderId}`), ['Ordering.OrderPlaced', 'Ordering.OrderCancelled']);
      const { events } = await app.store.eventStore.readStream(`Ordering.Order-${orderId}`);
      assert.equal(events[0]?.metadata.version, 1, 'the stored event keeps its version');
      // What your evolve saw: the Emmett command handler with a decider that records its events.
      const { commandHandlerFor } = built.load('generated/emmett/aggregates.js');
      const { commandMetadata } = built.load('generated/emmett/messages.js');
      const seen: { version: number; data: unknown }[] = [];
      const decider = gen.Ordering.OrderAggregate.decider;
      const spying = { ...decider, evolve: (state: unknown, event: { version: number; data: unknown }) => (seen.push(event), decider.evolve(state, event)) };
      const handle = commandHandlerFor({ ...gen.Ordering.OrderAggregate, decider: spying });
      await handle(app.store.eventStore, { type: 'CancelOrder', data: { orderId, reason: 'again' } }, commandMetadata('Ordering'));
      assert.deepEqual(seen[0], {
        type: 'OrderPlaced',
        version: 3,
        data: { orderId, customerId: 'unknown', lines: [{ sku: 'UNKNOWN', quantity: 1 }], total: { amount: 0, currency: 'EUR' } },
      });
    });

    it('projects a stored OrderPlaced v2 into OrderSummary through the upcaster', async () => {
      const orderId = randomUUID();
      const lines = [{ sku: 'SKU-MUG', quantity: 3, unitPrice: { amount: 8, currency: 'EUR' } }];
      await app.store.eventStore.appendToStream(`Ordering.Order-${orderId}`, [legacyOrderPlaced(2, { orderId, customerId: 'customer-2', lines })]);
      const summary = await app.readModel('Ordering.OrderSummary').get(orderId);
      assert.deepEqual([summary?.status, summary?.customerId, summary?.total], ['Placed', 'customer-2', { amount: 24, currency: 'EUR' }]);
    });

    it('receives an OrderPlaced v2 envelope from an older service: validated as v2, stored, delivered as v3 to the policy, and the order ships', async () => {
      const orderId = randomUUID();
      const lines = [{ sku: 'SKU-BOOK', quantity: 1, unitPrice: { amount: 10, currency: 'EUR' } }];
      const envelope = gen.Ordering.createOrderPlacedV2Envelope(
        { orderId, customerId: 'old-shop', lines },
        { source: 'com.example.legacy/shop', extensions: { correlationid: 'legacy-42' } },
      );
      const received = await app.receive(JSON.parse(JSON.stringify(envelope)));
      assert.deepEqual(
        [received.streamName, received.duplicate, received.envelope.id, received.envelope.source],
        [`Ordering.Order-${orderId}`, false, envelope.id, 'com.example.legacy/shop'],
      );
      await app.settle();
      assert.deepEqual(await flowOf(app, orderId), ['OrderPlaced', 'StockReserved', 'PaymentConfirmed', 'ShipmentCreated']);
      const all = (await app.events()).filter((e) => e.data.orderId === orderId);
      assert.equal(all[0]?.type, 'com.example.retail.ordering.OrderPlaced.v2', 'stored in the version it arrived in');
      assert.deepEqual([...new Set(all.map((e) => e.correlationid))], ['legacy-42'], 'its correlation id runs through the flow');
      assert.equal((await app.readModel('Ordering.OrderSummary').get(orderId))?.status, 'Shipped');
      assert.equal((await app.receive(envelope)).duplicate, true, 'the same envelope again is recognised by its id');
      assert.equal((await flowOf(app, orderId)).length, 4);
    });

    it('refuses an envelope that does not validate against its version, or that no version matches', async () => {
      const orderId = randomUUID();
      const envelope = gen.Ordering.createOrderPlacedV1Envelope({ orderId });
      await assert.rejects(
        app.receive({ ...envelope, data: { orderId, extra: true } }),
        /Ordering\.OrderPlaced v1 is invalid: must not have the property 'extra'/,
      );
      await assert.rejects(app.receive({ ...envelope, type: 'com.example.retail.ordering.OrderPlaced.v9' }), /Incoming event is invalid: has the unknown type/);
      await assert.rejects(app.receive({ ...envelope, specversion: '0.3' }), /specversion "0\.3"/);
      assert.deepEqual(await app.events(), []);
    });
  });
}

// The retail flow end to end on the generated runtime, the same scenarios in memory and on a real
// PostgreSQL: PlaceOrder → OrderPlaced → ReserveStock → … → ShipmentCreated, the out-of-stock and the
// declined-payment branches, routing, envelopes, validation, idempotency and concurrency.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CloudEvent } from 'cloudevents';
import { streamTypes, type App, type Generated } from './support/app';
import { buildModel } from './support/build';
import { flowOf, LINES, placeOrder } from './support/retail';
import { STORES } from './support/stores';

for (const store of STORES) {
  describe(`runtime: the retail flow (${store.name})`, function () {
    this.timeout(120_000);
    let gen: Generated;
    let app: App;
    let dispose: () => Promise<void>;

    before(async () => {
      gen = (await buildModel('retail')).load<Generated>('generated/index.js');
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

    it('ships an order: PlaceOrder → OrderPlaced → … → ShipmentCreated, and OrderSummary says Shipped', async () => {
      const orderId = await placeOrder(app, LINES.ships);
      await app.settle();
      assert.deepEqual(await flowOf(app, orderId), ['OrderPlaced', 'StockReserved', 'PaymentConfirmed', 'ShipmentCreated']);
      const summary = await app.readModel('Ordering.OrderSummary').queries.GetOrderSummary!(orderId);
      assert.deepEqual(summary, await app.readModel('Ordering.OrderSummary').get(orderId));
      assert.equal(summary?.status, 'Shipped');
      assert.deepEqual((summary as Record<string, unknown>).total, { amount: 25, currency: 'EUR' });
      assert.equal((summary as Record<string, unknown>).trackingNumber, `TRK-${orderId.slice(0, 8).toUpperCase()}`);
    });

    it('cancels an order whose stock is not available (push)', async () => {
      const orderId = await placeOrder(app, LINES.outOfStock);
      await app.settle();
      assert.deepEqual(await flowOf(app, orderId), ['OrderPlaced', 'StockNotAvailable', 'OrderCancelled']);
      const summary = await app.readModel('Ordering.OrderSummary').get(orderId);
      assert.equal(summary?.status, 'Cancelled');
      assert.equal(summary?.cancelReason, 'Out of stock: SKU-SOLD-OUT');
    });

    it('cancels an order whose payment is declined (through the poll policy)', async () => {
      const orderId = await placeOrder(app, LINES.declined);
      await app.settle();
      assert.deepEqual(await flowOf(app, orderId), ['OrderPlaced', 'StockReserved', 'PaymentFailed', 'OrderCancelled']);
      const summary = await app.readModel('Ordering.OrderSummary').get(orderId);
      assert.deepEqual([summary?.status, summary?.cancelReason], ['Cancelled', 'Payment failed: Declined']);
    });

    it('keeps one stream per aggregate and id, lists the read model and answers its queries', async () => {
      const ids = [
        await placeOrder(app, LINES.ships),
        await placeOrder(app, LINES.outOfStock),
        await placeOrder(app, LINES.declined, randomUUID(), 'customer-8'),
      ];
      await app.settle();
      assert.deepEqual(await streamTypes(app, `Ordering.Order-${ids[0]}`), ['Ordering.OrderPlaced']);
      assert.deepEqual(await streamTypes(app, `Inventory.Reservation-${ids[0]}`), ['Inventory.StockReserved']);
      assert.deepEqual(await streamTypes(app, `Payment.Payment-${ids[0]}`), ['Payment.PaymentConfirmed']);
      assert.deepEqual(await streamTypes(app, `Shipping.Shipment-${ids[0]}`), ['Shipping.ShipmentCreated']);
      assert.deepEqual(await streamTypes(app, `Ordering.Order-${ids[1]}`), ['Ordering.OrderPlaced', 'Ordering.OrderCancelled']);
      const statuses = new Map((await app.readModel('Ordering.OrderSummary').list()).map((view) => [view.orderId, view.status]));
      assert.deepEqual(
        ids.map((id) => statuses.get(id)),
        ['Shipped', 'Cancelled', 'Cancelled'],
      );
      const ofCustomer = (await app.readModel('Ordering.OrderSummary').queries.OrdersOfCustomer!({ customerId: 'customer-7' })) as Record<string, unknown>[];
      assert.deepEqual(ofCustomer.map((view) => view.orderId).sort(), ids.slice(0, 2).sort());
      await assert.rejects(
        app.readModel('Ordering.OrderSummary').queries.OrdersOfCustomer!({}),
        /Ordering\.OrderSummary\.OrdersOfCustomer request is invalid: must have required property 'customerId'/,
      );
      assert.equal(await app.readModel('Ordering.OrderSummary').get(randomUUID()), null);
    });

    it('emits CloudEvents envelopes that the SDK accepts and the contexts decode, linked by correlation and causation ids', async () => {
      const orderId = await placeOrder(app, LINES.ships);
      await app.settle();
      const envelopes = (await app.events()).filter((event) => event.data.orderId === orderId);
      assert.equal(envelopes.length, 4);
      for (const envelope of envelopes) {
        assert.equal(new CloudEvent({ ...envelope }).validate(), true);
        const context = envelope.source.split('/')[1]!;
        const decoded = gen[context.charAt(0).toUpperCase() + context.slice(1)].fromEnvelope(envelope);
        assert.equal(decoded.ok, true, `${envelope.type} decodes: ${decoded.ok ? '' : decoded.error.message}`);
      }
      assert.deepEqual(
        envelopes.map((e) => [e.type, e.source, e.dataschema]),
        [
          [
            'com.example.retail.ordering.OrderPlaced.v3',
            'com.example.retail/ordering',
            'urn:eventmodel:com.example.retail/ordering/order-placed.v3.schema.json',
          ],
          [
            'com.example.retail.inventory.StockReserved.v1',
            'com.example.retail/inventory',
            'urn:eventmodel:com.example.retail/inventory/stock-reserved.v1.schema.json',
          ],
          [
            'com.example.retail.payment.PaymentConfirmed.v1',
            'com.example.retail/payment',
            'urn:eventmodel:com.example.retail/payment/payment-confirmed.v1.schema.json',
          ],
          [
            'com.example.retail.shipping.ShipmentCreated.v1',
            'com.example.retail/shipping',
            'urn:eventmodel:com.example.retail/shipping/shipment-created.v1.schema.json',
          ],
        ],
      );
      assert.equal(new Set(envelopes.map((e) => e.correlationid)).size, 1, 'one correlation id for the whole flow');
      // Each step was caused by the command a policy issued for the previous event: `<Context.Policy>/<event id>`.
      const policies = ['Inventory.ReserveStockForOrder', 'Payment.ChargeReservedOrder', 'Shipping.ShipPaidOrder'];
      for (let i = 1; i < envelopes.length; i++) assert.equal(envelopes[i]!.causationid, `${policies[i - 1]}/${envelopes[i - 1]!.id}`);
      assert.equal(envelopes[0]!.subject, `Ordering.Order-${orderId}`);
    });

    it('rejects an invalid command with the schema’s reason, appending nothing', async () => {
      const orderId = randomUUID();
      await assert.rejects(
        app.send({ context: 'Ordering', type: 'PlaceOrder', data: { orderId, customerId: 'c', lines: [{ sku: 'SKU-BOOK', quantity: 0 }] } }),
        (error: Error) => error.name === 'MessageValidationError' && /^Ordering\.PlaceOrder is invalid: \/lines\/0\/quantity must be >= 1$/.test(error.message),
      );
      await assert.rejects(app.send({ context: 'Ordering', type: 'ShipIt', data: {} }), /Unknown command Ordering\.ShipIt/);
      await assert.rejects(
        app.send({ context: 'Ordering', type: 'PlaceOrder', version: 2, data: {} }),
        /Ordering\.PlaceOrder is invalid: has no version 2 \(versions: 1\)/,
      );
      assert.deepEqual(await streamTypes(app, `Ordering.Order-${orderId}`), []);
      assert.deepEqual(await app.events(), []);
    });

    it('rejects what the decider refuses (IllegalStateError), and validates what it decides', async () => {
      const orderId = await placeOrder(app, LINES.ships);
      await assert.rejects(placeOrder(app, LINES.ships, orderId), /Order .* was placed already/);
      await assert.rejects(app.send({ context: 'Ordering', type: 'CancelOrder', data: { orderId: randomUUID(), reason: 'x' } }), /does not exist/);
    });

    it('applies a command id once: the same PlaceOrder twice appends one event', async () => {
      const orderId = randomUUID();
      const command = { context: 'Ordering', type: 'PlaceOrder', data: { orderId, customerId: 'c', lines: LINES.ships } } as const;
      const first = await app.send(command, { commandId: 'checkout-1' });
      const again = await app.send(command, { commandId: 'checkout-1' });
      assert.deepEqual([first.duplicate, first.events.length, again.duplicate, again.events.length], [false, 1, true, 0]);
      assert.deepEqual(await streamTypes(app, `Ordering.Order-${orderId}`), ['Ordering.OrderPlaced']);
    });

    it('decides concurrent first commands to one new stream one at a time', async () => {
      const orderId = randomUUID();
      const results = await Promise.allSettled([1, 2, 3, 4].map(() => placeOrder(app, LINES.ships, orderId)));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, 'one PlaceOrder wins, the others see the placed order');
      assert.deepEqual(await streamTypes(app, `Ordering.Order-${orderId}`), ['Ordering.OrderPlaced']);
    });
  });
}

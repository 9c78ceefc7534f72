// What the model's newer features mean at run time, on the shop fixture (test/fixtures/runtime/shop),
// in memory and on PostgreSQL: versioned commands and their upcaster, headers, notifications,
// downcasting to consumers pinned to older versions (and dead letters for a version that cannot
// reach them), events from an external system through `receive`, unkeyed read models and queries.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { streamTypes, type App, type CloudEvent, type Generated } from './support/app';
import { buildModel, type BuiltModel } from './support/build';
import { STORES, waitFor } from './support/stores';

interface AuditEntry {
  policy: string;
  eventId: string;
  type: string;
  version: number;
  data: Record<string, unknown>;
  headers: Record<string, unknown> | undefined;
}

const TENANT = { tenantid: 'acme' };

for (const store of STORES) {
  describe(`runtime: versions, headers, notifications, receive (${store.name})`, function () {
    this.timeout(120_000);
    let built: BuiltModel;
    let gen: Generated;
    let log: { audit: AuditEntry[]; flaky: Map<string, number> };
    let app: App;
    let dispose: () => Promise<void>;

    const addItem = (cartId: string, sku: string, quantity = 1) =>
      app.send({ context: 'Sales', type: 'AddItem', data: { cartId, sku, quantity } }, { headers: TENANT });
    const auditOf = (policy: string, cartId: string) => log.audit.filter((entry) => entry.policy === policy && entry.data.cartId === cartId);

    before(async () => {
      built = await buildModel('shop');
      gen = built.load<Generated>('generated/index.js');
      log = built.load('sales/audit-log.js');
    });
    beforeEach(async () => {
      log.audit.length = 0;
      log.flaky.clear();
      const opened = await store.open();
      dispose = opened.dispose;
      app = gen.createApp({ ...opened.options, pollIntervalMs: 20, log: () => undefined });
    });
    afterEach(async () => {
      await app.close();
      await dispose();
    });

    it('routes every version of a command: v1 is validated as v1 and lifted to v2 by your upcaster', async () => {
      const cartId = randomUUID();
      const v1 = await app.send({ context: 'Sales', type: 'AddItem', version: 1, data: { cartId, sku: 'tea' } }, { headers: TENANT });
      const latest = await addItem(cartId, 'cake', 3);
      assert.deepEqual(
        [...v1.events, ...latest.events].map((e) => [e.type, e.data]),
        [
          ['com.example.shop.sales.ItemAdded.v3', { cartId, sku: 'tea', quantity: 1 }],
          ['com.example.shop.sales.ItemAdded.v3', { cartId, sku: 'cake', quantity: 3 }],
        ],
      );
      await assert.rejects(
        app.send({ context: 'Sales', type: 'AddItem', version: 1, data: { cartId } }, { headers: TENANT }),
        /^MessageValidationError: Sales\.AddItem v1 is invalid: must have required property 'sku'$/,
      );
      await assert.rejects(
        app.send({ context: 'Sales', type: 'AddItem', data: { cartId, sku: 'x' } }, { headers: TENANT }),
        /Sales\.AddItem v2 is invalid: must have required property 'quantity'/,
      );
      await assert.rejects(
        app.send({ context: 'Sales', type: 'AddItem', version: 3, data: {} }),
        /Sales\.AddItem is invalid: has no version 3 \(versions: 1, 2\)/,
      );
      assert.equal((await app.readModel('Sales.CartLines').get(cartId))?.items, 4);
    });

    it('checks headers against the message’s schema and carries them as extension attributes, inherited along the flow', async () => {
      const cartId = randomUUID();
      await assert.rejects(
        app.send({ context: 'Sales', type: 'AddItem', data: { cartId, sku: 'tea', quantity: 1 } }),
        /Sales\.AddItem headers is invalid: must have required property 'tenantid'/,
      );
      await assert.rejects(
        app.send({ context: 'Sales', type: 'AddItem', data: { cartId, sku: 'tea', quantity: 1 } }, { headers: { tenantid: 'a' } }),
        /Sales\.AddItem headers is invalid: \/tenantid must NOT have fewer than 2 characters/,
      );
      await assert.rejects(
        app.send({ context: 'Sales', type: 'CheckOut', data: { cartId } }, { headers: { TenantId: 'acme' } }),
        /has the header 'TenantId', which is not a CloudEvents extension attribute name/,
      );
      await assert.rejects(app.send({ context: 'Sales', type: 'CheckOut', data: { cartId } }, { headers: { subject: 'x' } }), /has the header 'subject'/);
      const added = await addItem(cartId, 'tea');
      assert.equal(added.events[0]?.tenantid, 'acme', 'ItemAdded declares tenantid and inherits it from AddItem');
      const checkedOut = await app.send({ context: 'Sales', type: 'CheckOut', data: { cartId } }, { headers: { tenantid: 'acme', channel: 'web' } });
      assert.deepEqual([checkedOut.events[0]?.tenantid, checkedOut.events[0]?.channel], ['acme', 'web'], 'CartCheckedOut declares no headers: it keeps all');
      await app.settle();
      assert.deepEqual(auditOf('Sales.NotifyCustomer', cartId)[0]?.headers, { tenantid: 'acme', channel: 'web' }, 'the reaction sees the headers');
      const stored = (await app.events()).filter((e) => e.data.cartId === cartId);
      assert.deepEqual(
        stored.map((e) => e.tenantid),
        ['acme', 'acme'],
      );
    });

    it('runs a notification (no command) once per event, retried as configured, then dead-lettered', async () => {
      const [calm, flaky, broken] = [randomUUID(), randomUUID(), randomUUID()];
      log.flaky.set(flaky, 2);
      log.flaky.set(broken, 3);
      for (const cartId of [calm, flaky, broken]) await app.send({ context: 'Sales', type: 'CheckOut', data: { cartId } }, { headers: TENANT });
      await app.settle();
      const checkedOut = (await app.events()).filter((e) => e.type.endsWith('.CartCheckedOut.v1'));
      assert.deepEqual(
        auditOf('Sales.NotifyCustomer', calm).map((e) => e.eventId),
        [checkedOut.find((e) => e.data.cartId === calm)!.id],
      );
      assert.equal(auditOf('Sales.NotifyCustomer', flaky).length, 1, 'two failures, then the third attempt went through');
      assert.equal(auditOf('Sales.NotifyCustomer', broken).length, 0);
      const [entry, ...more] = await app.deadLetters('shop.notifications.dlq');
      assert.equal(more.length, 0);
      assert.deepEqual(
        [entry?.consumer, entry?.attempts, entry?.reason, entry?.envelope.data.cartId],
        ['Sales.NotifyCustomer', 3, 'mail server unavailable (attempt 3)', broken],
      );
    });

    it('downcasts newer versions to a consumer pinned to v1: v3 as is to v2, then your v2→v1 downcaster', async () => {
      const cartId = randomUUID();
      await addItem(cartId, 'tea', 2);
      await app.settle();
      const [audited] = auditOf('Sales.AuditItems', cartId);
      assert.deepEqual([audited?.type, audited?.version, audited?.data, audited?.headers], ['ItemAdded', 1, { cartId, sku: 'tea' }, TENANT]);
      // A v2 from another service: v2 → v1 through the downcaster; the read model pinned to v2 takes it as is.
      const v2 = gen.Sales.createItemAddedV2Envelope({ cartId, sku: 'cake', quantity: 5 }, { extensions: TENANT });
      await app.receive(v2);
      await app.settle();
      assert.deepEqual(
        auditOf('Sales.AuditItems', cartId).map((e) => [e.version, e.data.sku, e.eventId]),
        [
          [1, 'tea', audited?.eventId],
          [1, 'cake', v2.id],
        ],
      );
      const lines = await app.readModel('Sales.CartLines').get(cartId);
      assert.deepEqual([lines?.items, lines?.lastSku], [7, 'cake']);
      assert.deepEqual(
        await app.readModel('Sales.Totals').get(),
        { items: 2, quantity: 7 },
        'the unkeyed read model (latest version) upcasts nothing and counts both',
      );
    });

    it('dead-letters a version that cannot reach a pinned consumer, with the reason, and delivers the older ones', async () => {
      const cartId = randomUUID();
      await app.receive(gen.Sales.createCouponAppliedV1Envelope({ cartId, code: 'OLD' }));
      await app.send({ context: 'Sales', type: 'ApplyCoupon', data: { cartId, code: 'NEW', percent: 20 } });
      await app.settle();
      assert.deepEqual(
        auditOf('Sales.AuditItems', cartId).map((e) => [e.type, e.version, e.data.code]),
        [['CouponApplied', 1, 'OLD']],
      );
      assert.equal((await app.readModel('Sales.CartLines').get(cartId))?.coupons, 1, 'the v2 coupon did not reach the view');
      const entries = await app.deadLetters();
      assert.deepEqual(entries.map((e) => [e.consumer, e.kind, e.mode, e.attempts, e.envelope.type]).sort(), [
        ['Sales.AuditItems', 'policy', 'push', 1, 'com.example.shop.sales.CouponApplied.v2'],
        ['Sales.CartLines', 'readModel', 'inline', 1, 'com.example.shop.sales.CouponApplied.v2'],
      ]);
      for (const entry of entries) {
        assert.match(
          entry.reason,
          /^Sales\.CouponApplied v2 cannot be delivered to (policy Sales\.AuditItems|read model Sales\.CartLines), which reads v1: readers of v1 cannot read v2 \(required property `percent` added to a closed content model\)/,
        );
      }
    });

    it('receives events of an external system: validated, stored in a stream of their own, delivered (poll) to the policy; idempotent by id', async () => {
      const cartId = randomUUID();
      await addItem(cartId, 'tea');
      const scan = gen.Sales.createParcelScannedV1Envelope(
        { parcelId: 'P-1', cartId },
        { source: 'com.example.warehouse/door-3', extensions: { tenantid: 'acme' } },
      );
      const first = await app.receive(JSON.parse(JSON.stringify(scan)));
      assert.deepEqual([first.streamName, first.duplicate], [`Sales.ParcelScanned-${scan.id}`, false]);
      await app.settle();
      const delivered = (await app.events()).find((e) => e.type.endsWith('.CartDelivered.v1') && e.data.cartId === cartId) as CloudEvent;
      assert.ok(delivered, 'the poll policy issued MarkDelivered');
      assert.deepEqual([delivered.causationid, delivered.correlationid, delivered.tenantid], [`Sales.DeliverScannedParcel/${scan.id}`, scan.id, 'acme']);
      assert.deepEqual(await streamTypes(app, `Sales.Cart-${cartId}`), ['Sales.ItemAdded', 'Sales.CartDelivered']);
      const again = await app.receive(scan);
      assert.equal(again.duplicate, true);
      await app.settle();
      assert.deepEqual(await streamTypes(app, `Sales.Cart-${cartId}`), ['Sales.ItemAdded', 'Sales.CartDelivered']);
      assert.equal((await app.events()).filter((e) => e.type.endsWith('.ParcelScanned.v1')).length, 1);
      await assert.rejects(
        app.receive({ ...scan, id: randomUUID(), data: { parcelId: 'P-2' } }),
        /Sales\.ParcelScanned v1 is invalid: must have required property 'cartId'/,
      );
    });

    it('appends an event of an aggregate received from another service to that aggregate’s stream', async () => {
      const cartId = randomUUID();
      await addItem(cartId, 'tea');
      const envelope = gen.Sales.createCartCheckedOutV1Envelope(
        { cartId },
        { source: 'com.example.kiosk/sales', extensions: { tenantid: 'acme', causationid: 'kiosk-order-9' } },
      );
      const received = await app.receive(envelope);
      assert.equal(received.streamName, `Sales.Cart-${cartId}`);
      await app.settle();
      assert.deepEqual(await streamTypes(app, `Sales.Cart-${cartId}`), ['Sales.ItemAdded', 'Sales.CartCheckedOut']);
      assert.equal(auditOf('Sales.NotifyCustomer', cartId).length, 1);
      assert.equal((await app.readModel('Sales.CartLines').get(cartId))?.checkedOut, true);
      // The cart's decider folded the received event: a second item is refused.
      await assert.rejects(addItem(cartId, 'cake'), /is checked out/);
      const [stored] = (await app.events()).filter((e) => e.type.endsWith('.CartCheckedOut.v1'));
      assert.deepEqual([stored?.source, stored?.causationid, stored?.id], ['com.example.kiosk/sales', 'kiosk-order-9', envelope.id]);
    });

    it('answers queries: by key, by a validated request matched on equal properties, and finds by properties', async () => {
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      await addItem(a, 'tea');
      await addItem(b, 'cake');
      await addItem(c, 'tea');
      await app.send({ context: 'Sales', type: 'CheckOut', data: { cartId: c } }, { headers: TENANT });
      const lines = app.readModel('Sales.CartLines');
      assert.equal(((await lines.queries.CartById!(b)) as Record<string, unknown> | null)?.lastSku, 'cake');
      const withTea = (await lines.queries.CartsWithLastSku!({ lastSku: 'tea' })) as Record<string, unknown>[];
      assert.deepEqual(withTea.map((view) => view.cartId).sort(), [a, c].sort());
      assert.deepEqual(
        (await lines.find({ lastSku: 'tea', checkedOut: true })).map((view) => view.cartId),
        [c],
      );
      await assert.rejects(lines.queries.CartsWithLastSku!({ lastSku: 7 }), /Sales\.CartLines\.CartsWithLastSku request is invalid: \/lastSku must be string/);
      await assert.rejects(lines.queries.CartById!(), /takes the key of a view/);
      await waitFor(async () => (await app.readModel('Sales.Totals').get())?.items === 3, 'the totals');
    });
  });
}

// Overlapping appends through the generated app on PostgreSQL, held open with row locks another
// connection takes: an append whose transaction began first but took a later global position, and
// one that took a lower position but committed after the consumer had handled a later one, both
// reach a poll consumer exactly once; a checkpoint stored by the runtime before compound checkpoints
// (a bare global position) is resumed from. See the checkpoints in templates/emmett-stores.ts.hbs.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { postgreSQLReactor, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { dumbo } from '@event-driven-io/dumbo';
import pg from 'pg';
import type { App, DeliveryReport, Generated } from './support/app';
import { buildModel } from './support/build';
import { freshDatabase, query, type TestDatabase } from './support/postgres';
import { LINES, placeOrder } from './support/retail';
import { waitFor } from './support/stores';

const POLICY = 'Shipping.ShipPaidOrder';
const PROCESSOR = `eventmodel:policy:${POLICY}`;
const INSTANCE = 'shipper';

interface Stored {
  readonly orderId: string;
  readonly eventId: string;
  readonly transactionId: bigint;
  readonly position: bigint;
}

describe('runtime: overlapping appends reach a poll consumer exactly once (PostgreSQL)', function () {
  this.timeout(120_000);
  let gen: Generated;
  let database: TestDatabase;
  const apps: App[] = [];
  const clients: pg.Client[] = [];
  let deliveries: DeliveryReport[];
  let logs: string[];

  before(async () => {
    gen = (await buildModel('retail')).load<Generated>('generated/index.js');
  });
  beforeEach(async () => {
    database = await freshDatabase();
    deliveries = [];
    logs = [];
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.end().catch(() => undefined);
    for (const app of apps.splice(0)) await app.close();
    await database.drop();
  });

  /** Push off: orders stay Placed until the test pays them; the poll policy ShipPaidOrder ships them. */
  function open(consumers: boolean): App {
    const app = gen.createApp({
      store: { postgresql: database.url },
      push: false,
      consumers: consumers ? [POLICY] : false,
      instanceId: INSTANCE,
      pollIntervalMs: 20,
      shutdownSignals: false,
      onDelivery: (report) => deliveries.push(report),
      log: (message) => logs.push(message),
    });
    apps.push(app);
    return app;
  }

  async function closeApp(app: App): Promise<void> {
    apps.splice(apps.indexOf(app), 1);
    await app.close();
  }

  /** The Payment stream of an order, whose row the test inserts to hold an append (checked on the first payment). */
  const paymentStream = (orderId: string) => `Payment.Payment-${orderId}`;

  const pay = (app: App, orderId: string) =>
    app.send({ context: 'Payment', type: 'ProcessPayment', data: { orderId, amount: { amount: 25, currency: 'EUR' } } });

  async function paymentsConfirmed(): Promise<Map<string, Stored>> {
    const rows = await query<{ order_id: string; message_id: string; transaction_id: string; global_position: string }>(
      database.url,
      `SELECT message_data->>'orderId' AS order_id, message_id, transaction_id::text, global_position::text FROM emt_messages WHERE message_type = 'Payment.PaymentConfirmed'`,
    );
    return new Map(
      rows.map((row) => [
        row.order_id,
        { orderId: row.order_id, eventId: row.message_id, transactionId: BigInt(row.transaction_id), position: BigInt(row.global_position) },
      ]),
    );
  }

  async function shipmentsPerOrder(): Promise<Map<string, number>> {
    const rows = await query<{ order_id: string; count: string }>(
      database.url,
      `SELECT message_data->>'orderId' AS order_id, count(*) FROM emt_messages WHERE message_type = 'Shipping.ShipmentCreated' GROUP BY 1`,
    );
    return new Map(rows.map((row) => [row.order_id, Number(row.count)]));
  }

  /** How often the consumer was handed each event (duplicates count: they are re-deliveries). */
  function deliveredTimes(): Map<string, number> {
    const times = new Map<string, number>();
    for (const report of deliveries) {
      const id = report.delivered.event.metadata.eventId;
      times.set(id, (times.get(id) ?? 0) + 1);
    }
    return times;
  }

  /** Backends of the test database waiting on a row lock (only the appends the test holds do). */
  async function blockedAppends(): Promise<number> {
    const rows = await query<{ blocked: number }>(
      database.url,
      `SELECT count(*)::int AS blocked FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    return rows[0]!.blocked;
  }

  /**
   * `held` payments whose appends take their transaction ids first, then `later` payments that append
   * and commit, then the held ones take their global positions (after the later ones') and commit.
   * The held appends wait on the stream rows another transaction inserted and rolls back: Emmett's
   * append takes its transaction id before it inserts the stream row, and its positions after.
   */
  async function overlap(app: App, held: readonly string[], later: readonly string[]): Promise<void> {
    const blocker = new pg.Client({ connectionString: database.url });
    clients.push(blocker);
    await blocker.connect();
    await blocker.query('BEGIN');
    for (const orderId of held)
      await blocker.query(
        `INSERT INTO emt_streams (stream_id, stream_position, partition, stream_type, stream_metadata, is_archived) SELECT $1, 1, partition, stream_type, '{}', FALSE FROM emt_streams WHERE stream_id LIKE 'Payment.%' LIMIT 1`,
        [paymentStream(orderId)],
      );
    const appends: Promise<unknown>[] = [];
    for (const orderId of held) {
      appends.push(pay(app, orderId));
      await waitFor(async () => (await blockedAppends()) === appends.length, `the append of ${orderId} to wait on its stream row`);
    }
    for (const orderId of later) await pay(app, orderId);
    await blocker.query('ROLLBACK');
    await Promise.all(appends);
  }

  async function settled(app: App): Promise<void> {
    await app.settle().catch((error: Error) => {
      throw new Error(`${error.message}\n--- log:\n${logs.join('\n')}`);
    });
  }

  for (const [heldCount, laterCount] of [
    [1, 1],
    [3, 2],
  ] as const) {
    it(`delivers ${heldCount} append(s) that began first but committed after ${laterCount} later one(s) at lower positions, each once; a restart re-delivers none`, async () => {
      const app = open(true);
      // A paid, shipped order first: the consumer is running and has stored a checkpoint.
      const first = await placeOrder(app, LINES.ships);
      assert.equal((await pay(app, first)).streamName, paymentStream(first));
      await settled(app);
      assert.equal((await shipmentsPerOrder()).get(first), 1, `the first order shipped\n${logs.join('\n')}`);

      const held = Array.from({ length: heldCount }, () => randomUUID());
      const later = Array.from({ length: laterCount }, () => randomUUID());
      for (const orderId of [...held, ...later]) await placeOrder(app, LINES.ships, orderId);
      await settled(app);
      await overlap(app, held, later);

      // The overlap happened: the held payments come first in transaction order, last in position order.
      const stored = await paymentsConfirmed();
      for (const h of held)
        for (const l of later) {
          assert.ok(stored.get(h)!.transactionId < stored.get(l)!.transactionId, 'the held append took its transaction id first');
          assert.ok(stored.get(h)!.position > stored.get(l)!.position, 'the held append took the later global position');
        }

      await settled(app);
      const orders = [first, ...held, ...later];
      const times = deliveredTimes();
      assert.deepEqual(
        orders.map((id) => times.get(stored.get(id)!.eventId) ?? 0),
        orders.map(() => 1),
        `every PaymentConfirmed delivered once (first, held…, later…)\n${logs.join('\n')}`,
      );
      assert.deepEqual(
        deliveries.filter((report) => report.outcome.status !== 'delivered' || report.outcome.duplicate === true).map((report) => report.outcome),
        [],
        'no delivery skipped, dead-lettered or recognised as a duplicate',
      );
      const shipments = await shipmentsPerOrder();
      assert.deepEqual(
        orders.map((id) => shipments.get(id) ?? 0),
        orders.map(() => 1),
        'exactly one ShipmentCreated per order',
      );
      const summaries = app.readModel('Ordering.OrderSummary');
      for (const id of orders) assert.equal((await summaries.get(id))?.status, 'Shipped');

      // The checkpoint the consumer stored covers every event it delivered: a restart delivers only new ones.
      await closeApp(app);
      deliveries.length = 0;
      const restarted = open(true);
      const next = await placeOrder(restarted, LINES.ships);
      await pay(restarted, next);
      await settled(restarted);
      assert.deepEqual(
        deliveries.map((report) => report.delivered.event.metadata.eventId),
        [(await paymentsConfirmed()).get(next)!.eventId],
        'after the restart only the new payment is delivered',
      );
      assert.equal((await shipmentsPerOrder()).get(next), 1);
    });
  }

  it('delivers an append that took the lower position but committed after the consumer had handled a later one (a later transaction id)', async () => {
    const app = open(true);
    const first = await placeOrder(app, LINES.ships);
    assert.equal((await pay(app, first)).streamName, paymentStream(first));
    const early = randomUUID(); // takes its transaction id first, commits first
    const late = randomUUID(); // takes the lower position, commits last
    await placeOrder(app, LINES.ships, early);
    await placeOrder(app, LINES.ships, late);
    await settled(app);

    // `early` waits on its stream row after taking its transaction id (before its position).
    const streamRow = new pg.Client({ connectionString: database.url });
    // `late` waits on its order summary's row: it has appended (its position taken) and projects in the same transaction.
    const summaryRow = new pg.Client({ connectionString: database.url });
    clients.push(streamRow, summaryRow);
    await Promise.all([streamRow.connect(), summaryRow.connect()]);
    await streamRow.query('BEGIN');
    await streamRow.query(
      `INSERT INTO emt_streams (stream_id, stream_position, partition, stream_type, stream_metadata, is_archived) SELECT $1, 1, partition, stream_type, '{}', FALSE FROM emt_streams WHERE stream_id LIKE 'Payment.%' LIMIT 1`,
      [paymentStream(early)],
    );
    const earlyAppend = pay(app, early);
    await waitFor(async () => (await blockedAppends()) === 1, 'the early append to wait on its stream row');
    // Taken after `early` has its transaction id, so this lock's transaction does not hide `early` once it commits.
    await summaryRow.query('BEGIN');
    await summaryRow.query(`SELECT _id FROM ordering_order_summary WHERE _id = $1 FOR UPDATE`, [late]);
    const lateAppend = pay(app, late);
    await waitFor(async () => (await blockedAppends()) === 2, 'the late append to wait on its order summary');
    await streamRow.query('ROLLBACK');
    await earlyAppend;

    // `early` is visible while `late` is still open: the consumer handles it first.
    const committed = await paymentsConfirmed();
    assert.equal(committed.has(late), false, 'late has not committed yet');
    await waitFor(() => deliveredTimes().has(committed.get(early)!.eventId), 'the consumer to deliver the early payment').catch((error: Error) => {
      throw new Error(`${error.message}\n--- log:\n${logs.join('\n')}`);
    });
    await summaryRow.query('ROLLBACK');
    await lateAppend;

    const stored = await paymentsConfirmed();
    assert.ok(stored.get(early)!.transactionId < stored.get(late)!.transactionId, 'early took its transaction id first');
    assert.ok(stored.get(early)!.position > stored.get(late)!.position, 'late took the lower global position');
    await settled(app);
    const orders = [first, early, late];
    const times = deliveredTimes();
    assert.deepEqual(
      orders.map((id) => times.get(stored.get(id)!.eventId) ?? 0),
      orders.map(() => 1),
      `every PaymentConfirmed delivered once (first, early, late)\n${logs.join('\n')}`,
    );
    const shipments = await shipmentsPerOrder();
    assert.deepEqual(
      orders.map((id) => shipments.get(id) ?? 0),
      orders.map(() => 1),
      'exactly one ShipmentCreated per order',
    );
  });

  it('resumes after a checkpoint the runtime stored before compound checkpoints (a bare global position): nothing re-delivered, nothing skipped', async () => {
    const producer = open(false);
    const before = Array.from({ length: 3 }, () => randomUUID());
    for (const orderId of before) {
      await placeOrder(producer, LINES.ships, orderId);
      await pay(producer, orderId);
    }

    // The earlier runtime: Emmett's reactor on Emmett's reads, which checkpoint a bare global position.
    const pool = dumbo({ connectionString: database.url });
    const handled: string[] = [];
    const reactor = postgreSQLReactor({
      processorId: PROCESSOR,
      processorInstanceId: INSTANCE,
      canHandle: ['Payment.PaymentConfirmed'],
      connectionOptions: { connectionString: database.url, dumbo: pool },
      eachMessage: async (message) => {
        const orderId = (message.data as { orderId: string }).orderId;
        handled.push(orderId);
        await producer.send({ context: 'Shipping', type: 'CreateShipment', data: { orderId } });
      },
    });
    const context = { connection: { connectionString: database.url, pool, client: undefined as never, transaction: undefined as never } };
    try {
      let batch: Awaited<ReturnType<typeof readMessagesBatch>>['messages'] = [];
      await waitFor(
        async () =>
          (batch = (await readMessagesBatch(pool.execute, { after: 0n, batchSize: 100 })).messages).filter((m) => m.type === 'Payment.PaymentConfirmed')
            .length === before.length,
        'the payments to be visible',
      );
      await reactor.start(context);
      await reactor.handle(batch, context);
    } finally {
      await reactor.close(context);
      await pool.close();
    }
    assert.deepEqual(handled, before, 'the earlier runtime shipped the first orders');
    const [old] = await query<{ checkpoint: string }>(
      database.url,
      `SELECT last_processed_checkpoint AS checkpoint FROM emt_processors WHERE processor_id = $1`,
      [PROCESSOR],
    );
    const lastPaid = [...(await paymentsConfirmed()).values()].reduce((max, p) => (p.position > max ? p.position : max), 0n);
    assert.equal(old?.checkpoint, lastPaid.toString().padStart(19, '0'), "the earlier runtime's checkpoint: the last payment's global position");

    // Orders paid while no consumer ran, then the upgraded consumer starts.
    const after = Array.from({ length: 2 }, () => randomUUID());
    for (const orderId of after) {
      await placeOrder(producer, LINES.ships, orderId);
      await pay(producer, orderId);
    }
    const consumer = open(true);
    await settled(consumer);
    const stored = await paymentsConfirmed();
    const times = deliveredTimes();
    const orders = [...before, ...after];
    assert.deepEqual(
      orders.map((id) => times.get(stored.get(id)!.eventId) ?? 0),
      orders.map((id) => (after.includes(id) ? 1 : 0)),
      `the upgraded consumer delivers the later payments once and none of the earlier ones\n${logs.join('\n')}`,
    );
    const shipments = await shipmentsPerOrder();
    assert.deepEqual(
      orders.map((id) => shipments.get(id) ?? 0),
      orders.map(() => 1),
      'exactly one ShipmentCreated per order',
    );
    const [now] = await query<{ checkpoint: string }>(
      database.url,
      `SELECT last_processed_checkpoint AS checkpoint FROM emt_processors WHERE processor_id = $1`,
      [PROCESSOR],
    );
    assert.notEqual(now?.checkpoint, old?.checkpoint, 'the upgraded consumer stored its own checkpoint');
  });
});

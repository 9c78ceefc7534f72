// Faults with real processes on one real PostgreSQL: a consumer SIGKILLed between the append of the
// command it issued and its checkpoint loses nothing and applies nothing twice; two consumer
// processes of one poll policy do not double-apply, and the standby takes over when the active one
// dies; SIGTERM ends a consumer process (Emmett's signal listeners would otherwise keep it alive).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { App, Generated } from './support/app';
import { buildModel, type BuiltModel } from './support/build';
import { freshDatabase, query, type TestDatabase } from './support/postgres';
import { startConsumer, type Consumer } from './support/processes';
import { LINES, placeOrder } from './support/retail';
import { waitFor } from './support/stores';

/** ShipmentCreated events per order (each order has its own Shipment stream). */
async function shipmentsPerOrder(url: string): Promise<Map<string, number>> {
  const rows = await query<{ stream_id: string; count: string }>(
    url,
    `SELECT stream_id, count(*) FROM emt_messages WHERE message_type = 'Shipping.ShipmentCreated' GROUP BY stream_id`,
  );
  return new Map(rows.map((row) => [row.stream_id.replace('Shipping.Shipment-', ''), Number(row.count)]));
}

/** Transactions open in the cluster (what holds Emmett's reads back), for failure messages. */
async function openTransactions(url: string): Promise<unknown> {
  return {
    activity: await query(
      url,
      `SELECT pid, datname, application_name, state, wait_event_type, wait_event, backend_xid::text, backend_xmin::text, xact_start, left(query, 100) AS query FROM pg_stat_activity WHERE datname = current_database() OR backend_xid IS NOT NULL OR backend_xmin IS NOT NULL`,
    ),
    processors: await query(
      url,
      `SELECT processor_id, processor_instance_id, status, last_processed_checkpoint, last_updated, now() AS now FROM emt_processors`,
    ),
    locks: await query(url, `SELECT locktype, objid, mode, granted, pid FROM pg_locks WHERE locktype IN ('advisory', 'transactionid', 'tuple')`),
    visible: await query(
      url,
      `SELECT count(*)::int AS all, count(*) FILTER (WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot()))::int AS visible, pg_snapshot_xmin(pg_current_snapshot())::text AS xmin FROM emt_messages WHERE message_type = 'Shipping.PaymentConfirmed' OR message_type LIKE '%PaymentConfirmed'`,
    ),
  };
}

describe('runtime: poll consumers under faults (PostgreSQL, real processes)', function () {
  this.timeout(180_000);
  let built: BuiltModel;
  let database: TestDatabase;
  let producer: App;
  const consumers: Consumer[] = [];
  const start = (env: Record<string, string>) => {
    const consumer = startConsumer({ APP_DIST: built.dist, DATABASE_URL: database.url, ...env });
    consumers.push(consumer);
    return consumer;
  };

  before(async () => {
    built = await buildModel('retail');
  });
  beforeEach(async () => {
    database = await freshDatabase();
    // Push policies run here; the poll policy ShipPaidOrder runs only in the consumer processes.
    producer = built.load<Generated>('generated/index.js').createApp({ store: { postgresql: database.url }, consumers: false, log: () => undefined });
  });
  afterEach(async () => {
    for (const consumer of consumers.splice(0))
      if (consumer.process.exitCode === null && consumer.process.signalCode === null) consumer.process.kill('SIGKILL');
    await producer.close();
    await database.drop();
  });

  async function paidOrders(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await placeOrder(producer, LINES.ships, randomUUID()));
    await producer.settle();
    return ids;
  }

  it('a consumer killed after appending its 5th command and before the checkpoint resumes with nothing lost or doubled', async () => {
    const orders = await paidOrders(12);
    const crashing = start({ INSTANCE_ID: 'shipper-1', CRASH_AFTER: '5' });
    assert.equal(await crashing.exited, 'SIGKILL', crashing.stderr());
    assert.equal(crashing.deliveries.length, 5);
    assert.equal((await shipmentsPerOrder(database.url)).size, 5, 'five shipments were appended before the crash');

    // The same instance id: it retakes its own lock at once, no lock timeout to wait for.
    const restarted = start({ INSTANCE_ID: 'shipper-1' });
    await waitFor(async () => (await shipmentsPerOrder(database.url)).size === orders.length, 'every order to ship', 60_000).catch(async (error: Error) => {
      throw new Error(
        `${error.message}\n--- restarted:\n${restarted.stderr()}\n--- crashed:\n${crashing.stderr()}\n--- open transactions:\n${JSON.stringify(await openTransactions(database.url), null, 1)}\n--- restarted deliveries: ${JSON.stringify(restarted.deliveries)}`,
      );
    });
    await waitFor(() => restarted.deliveries.length >= orders.length, "the restarted consumer's deliveries");
    const shipments = await shipmentsPerOrder(database.url);
    assert.deepEqual(
      orders.map((id) => shipments.get(id)),
      orders.map(() => 1),
      'exactly one ShipmentCreated per order',
    );
    // The 12 PaymentConfirmed came in one batch, whose transaction held the checkpoints: none survived the
    // crash, so the five delivered before it come again, and their commands are recognised as applied.
    const redelivered = restarted.deliveries.filter((d) => d.duplicate).map((d) => d.eventId);
    assert.deepEqual(redelivered.sort(), crashing.deliveries.map((d) => d.eventId).sort());
    assert.equal(new Set(restarted.deliveries.map((d) => d.eventId)).size, orders.length, 'every event delivered to the restarted consumer once');
    const summaries = producer.readModel('Ordering.OrderSummary');
    for (const id of orders) assert.equal((await summaries.get(id))?.status, 'Shipped');
  });

  it('two consumer processes on one database do not double-apply; the standby takes over when the active one dies', async () => {
    // Long enough that a live owner keeps its lock on a loaded machine (it renews every third of it,
    // and each batch it commits refreshes it), short enough for the takeover below.
    const lockTimeoutSeconds = 5;
    const first = start({ INSTANCE_ID: 'shipper-a', LOCK_TIMEOUT_SECONDS: String(lockTimeoutSeconds) });
    const second = start({ INSTANCE_ID: 'shipper-b', LOCK_TIMEOUT_SECONDS: String(lockTimeoutSeconds) });
    const logs = () => `\n--- shipper-a:\n${first.stderr()}\n--- shipper-b:\n${second.stderr()}`;
    await Promise.all([first.started, second.started]);
    const orders = await paidOrders(10);
    await waitFor(async () => (await shipmentsPerOrder(database.url)).size === orders.length, 'every order to ship').catch(async (error: Error) => {
      throw new Error(
        `${error.message}\n--- shipper-a:\n${first.stderr()}\n--- shipper-b:\n${second.stderr()}\n--- open transactions:\n${JSON.stringify(await openTransactions(database.url))}`,
      );
    });
    const active = first.deliveries.length > 0 ? first : second;
    const standby = active === first ? second : first;
    assert.equal(active.deliveries.length, orders.length, `the active consumer delivered each event once${logs()}`);
    assert.equal(standby.deliveries.length, 0, `the standby delivered nothing${logs()}`);
    assert.match(
      standby.stderr(),
      new RegExp(`standing by, the processor is owned by ${active === first ? 'shipper-a' : 'shipper-b'}`),
      'the standby says whom it waits for',
    );

    active.process.kill('SIGKILL');
    await active.exited;
    const later = await paidOrders(5);
    // The standby takes over once the dead owner's lock is older than the timeout.
    await waitFor(
      async () => (await shipmentsPerOrder(database.url)).size === orders.length + later.length,
      'the standby to ship the later orders',
      lockTimeoutSeconds * 1000 + 60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}${logs()}`);
    });
    const shipments = await shipmentsPerOrder(database.url);
    assert.deepEqual(
      [...orders, ...later].map((id) => shipments.get(id)),
      [...orders, ...later].map(() => 1),
      'exactly one ShipmentCreated per order',
    );
    assert.equal(new Set(standby.deliveries.filter((d) => !d.duplicate).map((d) => d.eventId)).size, later.length);
  });

  it('SIGTERM closes a consumer process and ends it', async () => {
    const consumer = start({ INSTANCE_ID: 'shipper-t' });
    await consumer.started;
    await paidOrders(1);
    await waitFor(() => consumer.deliveries.length === 1, 'the delivery');
    consumer.process.kill('SIGTERM');
    assert.equal(await consumer.exited, 'SIGTERM', consumer.stderr());
    assert.match(consumer.stderr(), /SIGTERM: closing/);
  });
});

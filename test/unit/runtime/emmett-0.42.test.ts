// Behaviour of Emmett 0.42.0 that the generated runtime works around (templates/emmett-*.ts.hbs).
// When an Emmett upgrade makes one of these fail, its workaround can go (docs/runtime.md lists them).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { getInMemoryEventStore, isExpectedVersionConflictError, STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import {
  getPostgreSQLEventStore,
  postgreSQLReactor,
  readLastMessageGlobalPosition,
  readMessagesBatch,
  type PostgresEventStore,
} from '@event-driven-io/emmett-postgresql';
import { dumbo } from '@event-driven-io/dumbo';
import pg from 'pg';
import { freshDatabase, missingDatabase, type TestDatabase } from './support/postgres';
import { waitFor } from './support/stores';

describe('Emmett 0.42 behaviour the runtime works around (PostgreSQL)', function () {
  this.timeout(60_000);
  let database: TestDatabase;
  let store: PostgresEventStore;
  before(async () => {
    database = await freshDatabase();
    store = getPostgreSQLEventStore(database.url);
  });
  after(async () => {
    await store.close();
    await database.drop();
  });

  it('appends with STREAM_DOES_NOT_EXIST to a stream that exists (the in-memory store refuses): stores.ts expects version 0 instead', async () => {
    const stream = `Check-${randomUUID()}`;
    await store.appendToStream(stream, [{ type: 'Created', data: {} }]);
    await store.appendToStream(stream, [{ type: 'Created', data: {} }], { expectedStreamVersion: STREAM_DOES_NOT_EXIST });
    assert.equal((await store.readStream(stream)).events.length, 2);
    await assert.rejects(store.appendToStream(stream, [{ type: 'Created', data: {} }], { expectedStreamVersion: 0n }), isExpectedVersionConflictError);

    const memory = getInMemoryEventStore();
    await memory.appendToStream(stream, [{ type: 'Created', data: {} }]);
    await assert.rejects(
      memory.appendToStream(stream, [{ type: 'Created', data: {} }], { expectedStreamVersion: STREAM_DOES_NOT_EXIST }),
      isExpectedVersionConflictError,
    );
  });

  it('reads the first global position as the "last" one: stores.ts queries max(global_position)', async () => {
    await store.appendToStream(`Check-${randomUUID()}`, [
      { type: 'A', data: {} },
      { type: 'B', data: {} },
      { type: 'C', data: {} },
    ]);
    const pool = dumbo({ connectionString: database.url });
    try {
      // Emmett reads only what no open transaction of the cluster can still precede: wait for it.
      let last: bigint | null = null;
      await waitFor(async () => (last = (await readLastMessageGlobalPosition(pool.execute)).currentGlobalPosition) !== null, 'the events to be visible');
      assert.equal(last, 1n);
    } finally {
      await pool.close();
    }
  });

  it('remembers a failed first migration: the store stays broken once the database exists (stores.ts starts a fresh store)', async () => {
    const later = missingDatabase();
    const broken = getPostgreSQLEventStore(later.url);
    try {
      await assert.rejects(broken.appendToStream(`Check-${randomUUID()}`, [{ type: 'A', data: {} }]), /does not exist/);
      await later.create();
      await assert.rejects(broken.appendToStream(`Check-${randomUUID()}`, [{ type: 'A', data: {} }]), /does not exist/);
      const fresh = getPostgreSQLEventStore(later.url);
      await fresh.appendToStream(`Check-${randomUUID()}`, [{ type: 'A', data: {} }]);
      await fresh.close();
    } finally {
      await broken.close();
      await later.drop();
    }
  });

  it('closes a reactor created without connectionOptions only with a context (its own SIGTERM handler has none): stores.ts passes them', async () => {
    const reactor = postgreSQLReactor({ processorId: `check-${randomUUID()}`, eachMessage: () => Promise.resolve() });
    await assert.rejects(reactor.close({}), /is missing connection string/);
  });

  it('skips an event whose transaction began first but took the later global position (reads in transaction order, checkpoints by position): poll.ts checkpoints both', async () => {
    // Two appends overlapping the way concurrent commands do under load: A gets its transaction id,
    // B appends and commits, then A appends (a later global position) and commits.
    const early = new pg.Client({ connectionString: database.url });
    await early.connect();
    const stream = `Check-${randomUUID()}`;
    try {
      await early.query('BEGIN');
      await early.query('SELECT pg_current_xact_id()');
      await store.appendToStream(`${stream}-b`, [{ type: 'Paid', data: { order: 'b' } }]);
      await early.query(
        `SELECT * FROM emt_append_to_stream(ARRAY[$1]::text[], ARRAY['{"order":"a"}']::jsonb[], ARRAY['{}']::jsonb[], ARRAY['1'], ARRAY['Paid'], ARRAY['E'], $2, 'Check', NULL, 'emt:default')`,
        [randomUUID(), `${stream}-a`],
      );
      await early.query('COMMIT');
    } finally {
      await early.end();
    }
    const pool = dumbo({ connectionString: database.url });
    const handled: unknown[] = [];
    const reactor = postgreSQLReactor({
      processorId: `check-${randomUUID()}`,
      canHandle: ['Paid'],
      connectionOptions: { connectionString: database.url, dumbo: pool },
      eachMessage: (message) => void handled.push((message.data as { order: string }).order),
    });
    const context = { connection: { connectionString: database.url, pool, client: undefined as never, transaction: undefined as never } };
    try {
      let paid: Awaited<ReturnType<typeof readMessagesBatch>>['messages'] = [];
      await waitFor(
        async () => (paid = (await readMessagesBatch(pool.execute, { after: 0n, batchSize: 100 })).messages.filter((m) => m.type === 'Paid')).length === 2,
        'both events to be visible',
      );
      assert.deepEqual(
        paid.map((m) => m.data),
        [{ order: 'a' }, { order: 'b' }],
        'read in transaction order',
      );
      assert.ok(paid[0]!.metadata.globalPosition > paid[1]!.metadata.globalPosition, 'a took the later position');
      await reactor.start(context);
      await reactor.handle(paid, context);
      assert.deepEqual(handled, ['a'], "b's position is below the checkpoint a left: never handled");
    } finally {
      await reactor.close(context);
      await pool.close();
    }
  });
});

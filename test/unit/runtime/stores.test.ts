// The PostgreSQL store when the database is not there yet: an app started before its database
// works once the database is reachable (Emmett alone would keep failing, see emmett-0.42.test.ts).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Generated } from './support/app';
import { buildModel } from './support/build';
import { missingDatabase } from './support/postgres';
import { LINES, placeOrder } from './support/retail';

describe('runtime: the PostgreSQL store recovers from an unreachable database', function () {
  this.timeout(120_000);

  it('refuses commands while the database does not exist, then handles them once it does', async () => {
    const gen = (await buildModel('retail')).load<Generated>('generated/index.js');
    const later = missingDatabase();
    const app = gen.createApp({ store: { postgresql: later.url }, pollIntervalMs: 20, log: () => undefined });
    try {
      await assert.rejects(placeOrder(app, LINES.ships), /does not exist/);
      await later.create();
      const orderId = await placeOrder(app, LINES.ships, randomUUID());
      await app.settle();
      assert.equal((await app.readModel('Ordering.OrderSummary').get(orderId))?.status, 'Shipped', 'push and the poll consumer work too');
    } finally {
      await app.close();
      await later.drop();
    }
  });
});

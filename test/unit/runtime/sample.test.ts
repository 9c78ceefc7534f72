// `npm run sample` ends with samples/retail/src/main.ts: the retail flow as a user runs it, compiled
// as CommonJS and as a Node ES module, in memory and on PostgreSQL.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { buildModel } from './support/build';
import { freshDatabase } from './support/postgres';

function run(script: string, env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** What the sample prints: every event, then ShipmentCreated and each order's summary. */
function assertFlowPrinted(stdout: string, store: string): void {
  assert.match(stdout, new RegExp(`^Events \\(${store}\\), as CloudEvents:$`, 'm'));
  assert.equal((stdout.match(/com\.example\.retail\.\w+\.\w+\.v\d/g) ?? []).length, 11, 'eleven events: 4 shipped, 3 out of stock, 4 declined');
  assert.match(stdout, /^ShipmentCreated: \{"orderId":"[0-9a-f-]{36}","trackingNumber":"TRK-[0-9A-F]{8}"\}/m);
  assert.match(stdout, /^ {2}ships {9}\{.*"status":"Shipped"/m);
  assert.match(stdout, /^ {2}out of stock {2}\{.*"status":"Cancelled".*"cancelReason":"Out of stock: SKU-SOLD-OUT"/m);
  assert.match(stdout, /^ {2}declined {6}\{.*"status":"Cancelled".*"cancelReason":"Payment failed: Declined"/m);
  assert.match(stdout, /^OrdersOfCustomer customer-1: Cancelled, Cancelled, Shipped$/m);
}

describe('the retail sample’s main (npm run sample)', function () {
  this.timeout(240_000);

  it('runs the flow in memory (CommonJS) and prints ShipmentCreated and the final OrderSummary', async () => {
    const built = await buildModel('retail');
    const r = await run(path.join(built.dist, 'main.js'));
    assert.equal(r.status, 0, r.stderr);
    assertFlowPrinted(r.stdout, 'in memory');
  });

  it('runs the flow on PostgreSQL with DATABASE_URL', async () => {
    const built = await buildModel('retail');
    const database = await freshDatabase();
    try {
      const r = await run(path.join(built.dist, 'main.js'), { DATABASE_URL: database.url });
      assert.equal(r.status, 0, r.stderr);
      assertFlowPrinted(r.stdout, 'PostgreSQL');
    } finally {
      await database.drop();
    }
  });

  it('runs the flow as a Node ES module ("type": "module", nodenext): Emmett’s dual packages and the generated ESM', async () => {
    const built = await buildModel('retail', 'esm');
    const r = await run(path.join(built.dist, 'main.js'));
    assert.equal(r.status, 0, r.stderr);
    assertFlowPrinted(r.stdout, 'in memory');
  });
});

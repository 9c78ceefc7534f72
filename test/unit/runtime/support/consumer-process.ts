// A consumer process for the fault tests: runs the poll policy Shipping.ShipPaidOrder of the retail
// app (APP_DIST: its compiled code) on PostgreSQL, without push, and prints one JSON line per
// delivery. With CRASH_AFTER=n it kills itself (SIGKILL, no cleanup) right after the n-th delivery
// appended its command — before Emmett stores that event's checkpoint and commits the batch.
import * as path from 'node:path';
import type { Generated } from './app';

const dist = process.env.APP_DIST;
const url = process.env.DATABASE_URL;
if (!dist || !url) throw new Error('APP_DIST and DATABASE_URL are required');
const instanceId = process.env.INSTANCE_ID ?? 'consumer';
const crashAfter = Number(process.env.CRASH_AFTER ?? '0');

const gen = require(path.join(dist, 'generated/index.js')) as Generated;
let deliveries = 0;
gen.createApp({
  store: { postgresql: url },
  push: false,
  consumers: ['Shipping.ShipPaidOrder'],
  instanceId,
  lockTimeoutSeconds: Number(process.env.LOCK_TIMEOUT_SECONDS ?? '30'),
  pollIntervalMs: 20,
  log: (message) => process.stderr.write(`${instanceId}: ${message}\n`),
  onDelivery: ({ policy, delivered, outcome }) => {
    deliveries += 1;
    const duplicate = outcome.status === 'delivered' && outcome.duplicate === true;
    process.stdout.write(`${JSON.stringify({ instanceId, policy, eventId: delivered.event.metadata.eventId, status: outcome.status, duplicate })}\n`);
    if (deliveries === crashAfter) process.kill(process.pid, 'SIGKILL');
  },
});
// The app closes itself on SIGTERM and lets the signal end the process (shutdownSignals, default on).
process.stdout.write(`${JSON.stringify({ instanceId, started: true })}\n`);

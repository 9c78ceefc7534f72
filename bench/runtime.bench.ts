// `npm run bench` (runtime section): the retail sample on the generated Emmett runtime, in memory and
// on PostgreSQL (EVENTMODEL_TEST_PG, else the cluster of scripts/start-postgres.sh; when neither is
// reachable the PostgreSQL figures are skipped with a note).
//   commands/s  — PlaceOrder alone (push and poll off): validate, route, fold, decide, validate,
//                 append, inline OrderSummary projection; one at a time and 16 in flight.
//   flow        — orders through the whole flow (push policies, poll consumers at 10 ms);
//                 events/s = events appended / time until everything settled (each event comes from
//                 one command, so it is also the flow's commands/s).
//   push        — append of an event → its push policy's command appended: p50/p95/p99 under the
//                 flow's load, and p95 one order at a time.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type { App, AppOptions, DeliveryReport, Generated } from '../test/unit/runtime/support/app';
import { buildModel, REPO } from '../test/unit/runtime/support/build';
import { freshDatabase } from '../test/unit/runtime/support/postgres';
import { LINES } from '../test/unit/runtime/support/retail';

type Figures = Record<string, number>;
type Open = () => Promise<{ options: AppOptions; dispose(): Promise<void> }>;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const round = (value: number) => (value >= 100 ? Math.round(value) : Math.round(value * 10) / 10);

const place = (app: App, lines: (typeof LINES)[keyof typeof LINES]) =>
  app.send({ context: 'Ordering', type: 'PlaceOrder', data: { orderId: randomUUID(), customerId: 'bench', lines } });

async function inParallel(count: number, concurrency: number, work: () => Promise<unknown>): Promise<void> {
  let started = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < count) {
        started += 1;
        await work();
      }
    }),
  );
}

async function measure(gen: Generated, prefix: string, open: Open, sizes: { commands: number; flow: number }): Promise<Figures> {
  const quiet = { log: () => undefined };
  // Commands alone, on a fresh store each time (the in-memory store slows down as it grows).
  const commandsPerSecond = async (concurrency: number) => {
    const opened = await open();
    const app = gen.createApp({ ...opened.options, ...quiet, push: false, consumers: false });
    await place(app, LINES.ships); // schema creation and warm-up
    const started = performance.now();
    await inParallel(sizes.commands, concurrency, () => place(app, LINES.ships));
    const rate = sizes.commands / ((performance.now() - started) / 1000);
    await app.close();
    await opened.dispose();
    return rate;
  };
  const sequential = await commandsPerSecond(1);
  const concurrent = await commandsPerSecond(16);

  const latencies: number[] = [];
  const observe = ({ mode, delivered, outcome, finishedAt }: DeliveryReport) => {
    if (mode === 'push' && outcome.status === 'delivered') latencies.push(finishedAt - delivered.appendedAt);
  };
  const opened = await open();
  const app = gen.createApp({ ...opened.options, ...quiet, pollIntervalMs: 10, onDelivery: observe });
  await place(app, LINES.ships);
  await app.settle({ timeoutMs: 120_000 });
  const before = (await app.events()).length;
  latencies.length = 0;
  const started = performance.now();
  const mix = [LINES.ships, LINES.ships, LINES.ships, LINES.outOfStock, LINES.declined] as const;
  let n = 0;
  await inParallel(sizes.flow, 8, () => place(app, mix[n++ % mix.length]!));
  await app.settle({ timeoutMs: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  const events = (await app.events()).length - before;
  const loaded = [...latencies];
  latencies.length = 0;
  for (let i = 0; i < 50; i++) {
    await place(app, LINES.outOfStock);
    await app.settle();
  }
  const idle = [...latencies];
  await app.close();
  await opened.dispose();
  return {
    [`${prefix}CommandsPerSecond`]: round(sequential),
    [`${prefix}CommandsPerSecond16InFlight`]: round(concurrent),
    [`${prefix}FlowOrders`]: sizes.flow,
    [`${prefix}FlowEventsPerSecond`]: round(events / seconds),
    [`${prefix}PushP50Ms`]: percentile(loaded, 50),
    [`${prefix}PushP95Ms`]: percentile(loaded, 95),
    [`${prefix}PushP99Ms`]: percentile(loaded, 99),
    [`${prefix}PushP95OneOrderAtATimeMs`]: percentile(idle, 95),
  };
}

/** Whether a PostgreSQL is reachable, or why not (the bench starts the test cluster, never installs one). */
async function postgres(): Promise<{ ok: true } | { ok: false; why: string }> {
  try {
    if (!process.env.EVENTMODEL_TEST_PG) {
      const out = execFileSync('bash', [path.join(REPO, 'scripts/start-postgres.sh')], {
        encoding: 'utf8',
        env: { ...process.env, EVENTMODEL_PG_INSTALL: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      process.env.EVENTMODEL_TEST_PG = out.trim().split('\n').pop();
    }
    await (await freshDatabase()).drop();
    return { ok: true };
  } catch (error) {
    const text = String((error as { stderr?: string }).stderr || (error as Error).message || error).trim();
    return { ok: false, why: text.split('\n').pop() ?? 'unknown' };
  }
}

export async function run(): Promise<Figures> {
  const gen = (await buildModel('retail')).load<Generated>('generated/index.js');
  const figures: Figures = {};
  Object.assign(
    figures,
    await measure(gen, 'memory', async () => ({ options: { store: 'memory' }, dispose: async () => undefined }), { commands: 5000, flow: 2000 }),
  );
  const pg = await postgres();
  if (!pg.ok) {
    console.log(`  PostgreSQL is not reachable (${pg.why}): its figures are skipped; set EVENTMODEL_TEST_PG or run npm run setup:postgres.`);
    return figures;
  }
  const open: Open = async () => {
    const database = await freshDatabase();
    return { options: { store: { postgresql: database.url } }, dispose: () => database.drop() };
  };
  Object.assign(figures, await measure(gen, 'postgresql', open, { commands: 1000, flow: 500 }));
  return figures;
}

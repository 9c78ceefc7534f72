#!/usr/bin/env node
// The context map webview in a real browser: headless Chromium (Debian's) driven by
// playwright-core loads dist/webview/map.js in the page the extension serves (same HTML, same
// CSP with nonce), with a stub `acquireVsCodeApi` that records posted messages and answers like
// the host. Needs the compiled core: run `npm run build` first.
//
//   node test/browser/run.mjs            (screenshots → test-artifacts/map.png, map-flow.png)
//
// Ends with "N passed, N failed"; exit code 1 when any check failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ORIGIN = 'https://webview.test';
const require = createRequire(import.meta.url);

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  console.log('Chromium missing: installing Debian chromium (needs root) …');
  const run = (args) => {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
  };
  run(['update']);
  run(['install', '-y', '--no-install-recommends', 'chromium']);
}

const compiled = join(ROOT, 'out/src/core/map/index.js');
if (!existsSync(compiled)) {
  console.error('test/browser: out/ is missing; run `npm run build` first.');
  process.exit(2);
}
const map = require(compiled);
const { webviewHtml } = require(join(ROOT, 'out/src/webview/page.js'));
const { Workspace, MemoryHost } = require(join(ROOT, 'out/src/core/index.js'));
const { NodeHost } = require(join(ROOT, 'out/src/node/fs-host.js'));
const { buildWebview } = await import(join(ROOT, 'scripts/build-webview.mjs'));
const { chromium } = await import('playwright-core');

ensureChromium();
const bundle = await buildWebview();
mkdirSync(ARTIFACTS, { recursive: true });

// --- the graphs the host would send ------------------------------------------------------------
const model = new Workspace(new NodeHost(join(ROOT, 'samples/retail'))).model;
const contextGraph = await map.layoutGraph(map.buildContextMap(model));
const flowGraph = await map.layoutGraph(map.graphFor(model, { view: 'flow', command: 'Ordering.PlaceOrder' }).graph);
const commands = map.commandNames(model).map((id) => ({ id, context: id.slice(0, id.indexOf('.')), name: id.slice(id.indexOf('.') + 1) }));

const HOSTILE = 'Evil"\'<script>__pwned=1</script>&amp;🛒';
const hostileModel = new Workspace(
  new MemoryHost({
    'eventmodel.yaml': 'model: "<img src=x onerror=__pwned=2>"\ninclude: [contexts/*.yaml]\n',
    'contexts/a.yaml': `context: ${JSON.stringify(HOSTILE)}\nowner: "<b>team</b>"\n`,
    'contexts/good.yaml':
      'context: Good\ncommands:\n  "Do \\"it\\" <img src=x onerror=__pwned=4>": { emits: [Happened] }\n  Go: { emits: [Happened] }\nevents:\n  Happened: { schema: { type: object } }\n',
    'contexts/b.yaml':
      'context: B\nrelationships:\n  - upstream: Good\n    patterns: [conformist]\n  - upstream: C\n    label: "<img src=x onerror=__pwned=7>"\npolicies:\n  "<svg onload=__pwned=3>":\n    when: Good.Happened\n',
    'contexts/c.yaml':
      'context: C\nactors:\n  "<img src=x onerror=__pwned=5>":\n    description: "<b>bold</b>"\n    sends: [Good.Go]\nexternalSystems:\n  "<svg onload=__pwned=6>":\n    kind: device\n    sends: [Good.Go]\n',
  }),
).model;
const hostileGraph = await map.layoutGraph(map.buildContextMap(hostileModel));

// Actors, external systems of each kind, a plain labelled relationship, a notification policy.
const featuresModel = new Workspace(new NodeHost(join(ROOT, 'test/unit/map/fixtures/features'))).model;
const featuresGraph = await map.layoutGraph(map.buildContextMap(featuresModel));
const featuresFlow = await map.layoutGraph(map.graphFor(featuresModel, { view: 'flow', command: 'Ordering.PlaceOrder' }).graph);
const featuresCommands = map.commandNames(featuresModel).map((id) => ({ id, context: id.slice(0, id.indexOf('.')), name: id.slice(id.indexOf('.') + 1) }));

// --- the page ------------------------------------------------------------------------------------
const nonce = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(18))).toString('base64');
const html = webviewHtml({ nonce, cspSource: ORIGIN, scriptUri: `${ORIGIN}/dist/map.js`, styleUri: `${ORIGIN}/dist/map.css`, title: 'Context map' });
const files = {
  '/index.html': { body: html, type: 'text/html; charset=utf-8' },
  '/dist/map.js': { body: readFileSync(bundle.script, 'utf8'), type: 'text/javascript; charset=utf-8' },
  '/dist/map.css': { body: readFileSync(bundle.style, 'utf8'), type: 'text/css; charset=utf-8' },
};

/** Runs in the page before its scripts: the VS Code API stub and a CSP violation recorder. */
function stub({ initial }) {
  window.__posted = [];
  window.__csp = [];
  window.__state = undefined;
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  window.__send = (data) => window.dispatchEvent(new window.MessageEvent('message', { data }));
  window.acquireVsCodeApi = () => ({
    postMessage(message) {
      window.__posted.push(JSON.parse(JSON.stringify(message)));
      if (message.type === 'ready') setTimeout(() => window.__send(initial), 0);
    },
    getState: () => window.__state,
    setState: (s) => {
      window.__state = s;
    },
  });
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-dev-shm-usage',
  ],
});

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`  ✓ ${name}`);
  } catch (err) {
    failed++;
    console.log(
      `  ✗ ${name}\n    ${String(err && err.stack ? err.stack : err)
        .split('\n')
        .slice(0, 6)
        .join('\n    ')}`,
    );
  }
}

async function openPage(initialGraph, initialCommands = commands) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const file = url.origin === ORIGIN ? files[url.pathname] : undefined;
    if (!file) {
      problems.push(`unexpected request: ${route.request().url()}`);
      return route.abort();
    }
    return route.fulfill({ status: 200, contentType: file.type, body: file.body });
  });
  const initial = { type: 'render', graph: initialGraph, commands: initialCommands, preserveViewport: false };
  await page.addInitScript(stub, { initial });
  await page.goto(`${ORIGIN}/index.html`);
  await page.locator('#canvas svg .em-node').first().waitFor({ timeout: 15000 });
  return { page, problems };
}

const posted = (page) => page.evaluate(() => window.__posted);
const viewBoxOf = (page) => page.locator('#canvas svg').getAttribute('viewBox');
const nodeLocator = (page, id) => page.locator(`#canvas svg .em-node[data-id="${id.replace(/["\\]/g, '\\$&')}"]`);

console.log('context map webview (headless Chromium)');
{
  const { page, problems } = await openPage(contextGraph);

  await check('draws every context and every relationship and event-flow edge', async () => {
    assert.equal(await page.locator('.em-node-context').count(), 4);
    const ids = await page.locator('.em-node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort());
    assert.deepEqual(ids, ['actor:Ordering.Customer', 'context:Inventory', 'context:Ordering', 'context:Payment', 'context:Shipping']);
    assert.equal(await page.locator('.em-edge-relationship').count(), contextGraph.edges.filter((e) => e.kind === 'relationship').length);
    assert.equal(await page.locator('.em-edge-eventFlow').count(), contextGraph.edges.filter((e) => e.kind === 'eventFlow').length);
    assert.equal(await page.locator('.em-edge').count(), contextGraph.edges.length);
    const labels = await page.locator('.em-edge-label-text').allTextContents();
    for (const l of ['U,S', 'D,C', 'C/S', 'U,OHS,PL', 'D,CF', 'D,ACL', 'P', 'OrderPlaced@3', 'StockNotAvailable'])
      assert.ok(labels.includes(l), `label ${l} in ${labels}`);
  });

  await check('nodes and edges are keyboard-focusable with screen-reader names', async () => {
    const node = nodeLocator(page, 'context:Ordering');
    assert.equal(await node.getAttribute('tabindex'), '0');
    assert.equal(await node.getAttribute('role'), 'button');
    assert.match(await node.getAttribute('aria-label'), /^Bounded context Ordering\. owner: team-checkout/);
    const edge = page.locator('.em-edge-relationship').first();
    assert.equal(await edge.getAttribute('tabindex'), '0');
    assert.match(await edge.getAttribute('aria-label'), /^Relationship/);
    for (const id of ['btn-zoom-in', 'btn-zoom-out', 'btn-export-svg', 'sel-command', 'sel-context', 'inp-event']) {
      const name = await page
        .locator(`#${id}`)
        .evaluate((el) => el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].textContent) || el.textContent);
      assert.ok(name && name.trim(), `${id} has an accessible name`);
    }
  });

  await check('every node text fits its box in a real font', async () => {
    const overflow = await page.locator('.em-node').evaluateAll((els) =>
      els.flatMap((g) => {
        const w = Number(g.querySelector('.em-node-box').getAttribute('width'));
        return [...g.querySelectorAll('text')].filter((t) => t.getComputedTextLength() > w - 4).map((t) => t.textContent);
      }),
    );
    assert.deepEqual(overflow, []);
  });

  await check('a click on a context posts reveal with its name range', async () => {
    const before = (await posted(page)).length;
    await nodeLocator(page, 'context:Inventory').locator('.em-node-box').click();
    const msgs = (await posted(page)).slice(before);
    const inventory = contextGraph.nodes.find((n) => n.id === 'context:Inventory');
    assert.deepEqual(msgs, [{ type: 'reveal', range: inventory.range }]);
    assert.equal(inventory.range.file, 'contexts/inventory.yaml');
    assert.equal(inventory.range.start.line, 0);
  });

  await check('a click on an event label of a flow edge reveals that consumer reference', async () => {
    const edge = contextGraph.edges.find((e) => e.kind === 'eventFlow' && e.items.length === 2);
    const before = (await posted(page)).length;
    await page.locator(`.em-edge[data-id="${edge.id.replace(/"/g, '\\"')}"] .em-edge-item[data-item="1"]`).click();
    const msgs = (await posted(page)).slice(before);
    assert.deepEqual(msgs, [{ type: 'reveal', range: edge.items[1].range }]);
  });

  await check('Enter on a focused node reveals it', async () => {
    const before = (await posted(page)).length;
    await nodeLocator(page, 'context:Payment').focus();
    await page.keyboard.press('Enter');
    const msgs = (await posted(page)).slice(before);
    assert.deepEqual(msgs, [{ type: 'reveal', range: contextGraph.nodes.find((n) => n.id === 'context:Payment').range }]);
  });

  await check('hover shows details; filter by context and by event dims the rest', async () => {
    await nodeLocator(page, 'context:Shipping').hover();
    await page.locator('#tooltip').waitFor({ state: 'visible' });
    assert.match(await page.locator('#tooltip').innerText(), /Shipping[\s\S]*team-logistics/);
    await page.selectOption('#sel-context', 'Shipping');
    const dimmed = await page.locator('.em-node.em-dimmed').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    assert.deepEqual(dimmed, ['actor:Ordering.Customer']); // Shipping touches every other context, not the customer
    await page.fill('#inp-event', 'OrderPlaced');
    const visible = await page.locator('.em-node:not(.em-dimmed)').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort());
    assert.deepEqual(visible, []); // no OrderPlaced flow touches Shipping
    await page.selectOption('#sel-context', '');
    const flowNodes = await page.locator('.em-node:not(.em-dimmed)').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort());
    assert.deepEqual(flowNodes, ['context:Inventory', 'context:Ordering']);
    await page.fill('#inp-event', '');
    assert.equal(await page.locator('.em-dimmed').count(), 0);
  });

  await check('zoom and pan change the viewport; a live update keeps it', async () => {
    const fit = await viewBoxOf(page);
    await page.click('#btn-zoom-in');
    await page.mouse.move(700, 400);
    await page.mouse.down();
    await page.mouse.move(600, 350, { steps: 4 });
    await page.mouse.up();
    const zoomed = await viewBoxOf(page);
    assert.notEqual(zoomed, fit);
    await page.evaluate(([graph, commands]) => window.__send({ type: 'render', graph, commands, preserveViewport: true }), [contextGraph, commands]);
    assert.equal(await viewBoxOf(page), zoomed);
    assert.equal(await page.locator('.em-node').count(), 5);
    await page.keyboard.press('0');
    assert.equal(await viewBoxOf(page), fit);
  });

  await check('export buttons and view switches post messages for the host', async () => {
    const before = (await posted(page)).length;
    await page.click('#btn-export-svg');
    await page.click('#btn-export-mermaid');
    await page.selectOption('#sel-command', 'Ordering.PlaceOrder');
    await page.click('#btn-context');
    const msgs = (await posted(page)).slice(before);
    assert.deepEqual(msgs, [
      { type: 'export', format: 'svg' },
      { type: 'export', format: 'mermaid' },
      { type: 'showFlow', command: 'Ordering.PlaceOrder' },
      { type: 'showContextMap' },
    ]);
  });

  await page.mouse.move(0, 0);
  await page.keyboard.press('0');
  await page.screenshot({ path: join(ARTIFACTS, 'map.png') });

  await check('the flow view: swimlanes, both branches, click reveals the step', async () => {
    await page.evaluate((graph) => window.__send({ type: 'render', graph, commands: [], preserveViewport: true }), flowGraph);
    await page.locator('.em-lane').first().waitFor();
    assert.deepEqual(await page.locator('.em-lane-title').allTextContents(), ['Ordering', 'Inventory', 'Payment', 'Shipping']);
    for (const id of [
      'event:Inventory.StockReserved',
      'event:Inventory.StockNotAvailable',
      'command:Shipping.CreateShipment',
      'command:Ordering.CancelOrder',
    ]) {
      assert.equal(await nodeLocator(page, id).count(), 1, id);
    }
    assert.equal(await page.locator('.em-edge-alternative').count(), 4);
    const before = (await posted(page)).length;
    await nodeLocator(page, 'command:Inventory.ReserveStock').locator('.em-node-title').click();
    const msgs = (await posted(page)).slice(before);
    assert.deepEqual(msgs, [{ type: 'reveal', range: flowGraph.nodes.find((n) => n.id === 'command:Inventory.ReserveStock').range }]);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(ARTIFACTS, 'map-flow.png') });
  });

  await check('answers a ping with what it shows', async () => {
    const before = (await posted(page)).length;
    await page.evaluate(() => window.__send({ type: 'ping', id: 7 }));
    await page.waitForFunction((n) => window.__posted.length > n, before);
    const msgs = (await posted(page)).slice(before);
    assert.deepEqual(msgs, [{ type: 'pong', id: 7, view: 'flow', nodes: flowGraph.nodes.length, edges: flowGraph.edges.length }]);
  });

  await check('no CSP violation, console error or stray request', async () => {
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(problems, []);
  });
  await page.close();
}

console.log('actors, external systems, plain relationships (features fixture)');
{
  const { page, problems } = await openPage(featuresGraph, featuresCommands);
  const hidden = (id) => nodeLocator(page, id).evaluate((el) => window.getComputedStyle(el).display === 'none');

  await check('draws actors (round ends, person glyph) and external systems (dashed, kind badge)', async () => {
    assert.equal(await page.locator('.em-node-context').count(), 4);
    assert.deepEqual(await page.locator('.em-node-actor').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))), [
      'actor:Inventory.Clerk',
      'actor:Ordering.Customer',
    ]);
    assert.equal(await page.locator('.em-node-actor .em-node-glyph').count(), 2);
    const box = nodeLocator(page, 'actor:Ordering.Customer').locator('.em-node-box');
    assert.equal(Number(await box.getAttribute('rx')), Number(await box.getAttribute('height')) / 2);
    assert.deepEqual(await page.locator('.em-node-externalSystem .em-node-badge-text').allTextContents(), ['TIMER', 'DEVICE', 'EXTERNAL SYSTEM']);
    const dash = await nodeLocator(page, 'externalSystem:Inventory.WarehouseScanner')
      .locator('.em-node-box')
      .evaluate((el) => window.getComputedStyle(el).strokeDasharray);
    assert.match(dash, /^5(px)?,? 3(px)?$/);
    assert.equal(await page.locator('.em-edge-sends').count(), featuresGraph.edges.filter((e) => e.kind === 'sends').length);
    assert.equal(await page.locator('.em-edge-emits').count(), 2);
    const labels = await page.locator('.em-edge-label-text').allTextContents();
    for (const l of ['PlaceOrder', 'AddCard', 'ReleaseExpiredReservations', 'ParcelScanned', 'PaymentDeclined', 'REST API', 'card tokens'])
      assert.ok(labels.includes(l), `label ${l} in ${labels}`);
    assert.equal(await page.locator('.em-edge-plain').count(), 1);
    assert.equal(
      await page.locator('.em-edge-plain .em-edge-label-source, .em-edge-plain .em-edge-label-target').count(),
      0,
      'no U/D ends on a plain dependency',
    );
  });

  await check('every text of the new nodes fits its box in a real font', async () => {
    const overflow = await page.locator('.em-node-actor, .em-node-externalSystem').evaluateAll((els) =>
      els.flatMap((g) => {
        const box = g.querySelector('.em-node-box');
        const w = Number(box.getAttribute('width'));
        const inset = g.classList.contains('em-node-actor') ? Number(box.getAttribute('rx')) / 2 : 0;
        return [...g.querySelectorAll('text')].filter((t) => t.getComputedTextLength() > w - 4 - 2 * inset).map((t) => t.textContent);
      }),
    );
    assert.deepEqual(overflow, []);
  });

  await check('theme colours reach the new kinds', async () => {
    await page.evaluate(() => {
      document.documentElement.style.setProperty('--vscode-charts-yellow', 'rgb(1, 2, 3)');
      document.documentElement.style.setProperty('--vscode-charts-red', 'rgb(4, 5, 6)');
      document.documentElement.style.setProperty('--vscode-charts-blue', 'rgb(7, 8, 9)');
    });
    const stroke = (sel) =>
      page
        .locator(sel)
        .first()
        .evaluate((el) => window.getComputedStyle(el).stroke);
    assert.equal(await stroke('.em-node-actor .em-node-box'), 'rgb(1, 2, 3)');
    assert.equal(await stroke('.em-node-externalSystem .em-node-box'), 'rgb(4, 5, 6)');
    assert.equal(await stroke('.em-edge-sends .em-edge-line'), 'rgb(7, 8, 9)');
    await page.evaluate(() =>
      ['--vscode-charts-yellow', '--vscode-charts-red', '--vscode-charts-blue'].forEach((v) => document.documentElement.style.removeProperty(v)),
    );
  });

  await check('hover names the kind, tags and label; Enter on an actor and a click on a sent command reveal them', async () => {
    await nodeLocator(page, 'externalSystem:Inventory.WarehouseScanner').hover();
    await page.locator('#tooltip').waitFor({ state: 'visible' });
    assert.match(await page.locator('#tooltip').innerText(), /^External device WarehouseScanner\s+in Inventory/);
    await nodeLocator(page, 'actor:Ordering.Customer').hover();
    assert.match(await page.locator('#tooltip').innerText(), /^Actor Customer[\s\S]*tags: web[\s\S]*Shops on the web site\./);
    const plain = featuresGraph.edges.find((e) => e.kind === 'relationship' && !e.sourceLabel && !e.symmetric);
    await page.locator(`.em-edge[data-id="${plain.id.replace(/"/g, '\\"')}"] .em-edge-label-text`).hover();
    assert.match(await page.locator('#tooltip').innerText(), /^Relationship: Pricing is upstream of Ordering, a plain dependency “REST API”\./);
    let before = (await posted(page)).length;
    await nodeLocator(page, 'actor:Ordering.Customer').focus();
    await page.keyboard.press('Enter');
    assert.deepEqual((await posted(page)).slice(before), [
      { type: 'reveal', range: featuresGraph.nodes.find((n) => n.id === 'actor:Ordering.Customer').range },
    ]);
    const send = featuresGraph.edges.find((e) => e.kind === 'sends' && e.target === 'context:Payment');
    before = (await posted(page)).length;
    await page.locator(`.em-edge[data-id="${send.id.replace(/"/g, '\\"')}"] .em-edge-item[data-item="0"]`).click();
    assert.deepEqual((await posted(page)).slice(before), [{ type: 'reveal', range: send.items[0].range }]);
    await page.mouse.move(0, 0);
  });

  await check('the "Show" filter hides actors and external systems with their edges, and brings them back', async () => {
    const boxes = await page.locator('#kind-filter label').allTextContents();
    assert.deepEqual(
      boxes.map((t) => t.trim()),
      ['Actors (2)', 'External systems (3)'],
    );
    await page.uncheck('#kind-actor');
    assert.equal(await hidden('actor:Ordering.Customer'), true);
    assert.equal(await hidden('actor:Inventory.Clerk'), true);
    assert.equal(await hidden('externalSystem:Inventory.NightlyClock'), false);
    const hiddenEdges = await page.locator('.em-edge.em-hidden').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort());
    assert.deepEqual(
      hiddenEdges,
      featuresGraph.edges
        .filter((e) => e.source.startsWith('actor:'))
        .map((e) => e.id)
        .sort(),
    );
    assert.match(await page.locator('#status').innerText(), /^2 of 9 nodes hidden by the filter\.$/);
    // Hidden nodes leave the Tab order.
    const focusable = await page.locator('#canvas .em-node').evaluateAll((els) =>
      els
        .filter((e) => {
          e.focus();
          return document.activeElement === e;
        })
        .map((e) => e.getAttribute('data-id')),
    );
    assert.ok(!focusable.some((id) => id.startsWith('actor:')), `focusable: ${focusable}`);
    // With the event filter on top: only the device and the context it feeds stay lit.
    await page.uncheck('#kind-externalSystem');
    await page.check('#kind-externalSystem');
    await page.fill('#inp-event', 'ParcelScanned');
    const lit = await page.locator('.em-node:not(.em-dimmed):not(.em-hidden)').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort());
    assert.deepEqual(lit, ['context:Inventory', 'externalSystem:Inventory.WarehouseScanner']);
    assert.match(await page.locator('#status').innerText(), /^2 of 7 nodes match the filter \(2 hidden\)\.$/);
    // A live update keeps the choice.
    await page.evaluate(([graph, commands]) => window.__send({ type: 'render', graph, commands, preserveViewport: true }), [featuresGraph, featuresCommands]);
    assert.equal(await page.locator('#kind-actor').isChecked(), false);
    assert.equal(await hidden('actor:Ordering.Customer'), true);
    await page.fill('#inp-event', '');
    await page.check('#kind-actor');
    assert.equal(await page.locator('.em-hidden, .em-dimmed').count(), 0);
    assert.equal(await page.locator('#status').isHidden(), true);
  });

  await page.mouse.move(0, 0);
  await page.keyboard.press('0');
  await page.screenshot({ path: join(ARTIFACTS, 'map-features.png') });

  await check('the flow view: senders, the source of an event, the notification policy; read models can be hidden', async () => {
    await page.evaluate(([graph, commands]) => window.__send({ type: 'render', graph, commands, preserveViewport: false }), [featuresFlow, featuresCommands]);
    await page.locator('.em-lane').first().waitFor();
    for (const id of ['actor:Ordering.Customer', 'actor:Inventory.Clerk', 'externalSystem:Payment.PaymentProvider', 'policy:Ordering.NotifyCustomer'])
      assert.equal(await nodeLocator(page, id).count(), 1, id);
    assert.equal(await page.locator('.em-node-terminal').count(), 1);
    assert.equal(await nodeLocator(page, 'policy:Ordering.NotifyCustomer').locator('.em-node-end').count(), 1);
    assert.ok((await page.locator('.em-node-terminal .em-node-detail').allTextContents()).includes('notifies: issues no command'));
    assert.equal(await page.locator('.em-edge-sends').count(), 2);
    const kinds = (await page.locator('#kind-filter label').allTextContents()).map((t) => t.trim());
    assert.deepEqual(kinds, ['Commands (3)', 'Events (4)', 'Policies (3)', 'Read models (2)', 'Actors (2)', 'External systems (1)']);
    await page.uncheck('#kind-readModel');
    assert.equal(await page.locator('.em-node-readModel.em-hidden').count(), 2);
    assert.equal(await page.locator('.em-edge-feeds:not(.em-hidden)').count(), 0);
    await page.check('#kind-readModel');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(ARTIFACTS, 'map-features-flow.png') });
  });

  await check('no CSP violation, console error or stray request (features)', async () => {
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(problems, []);
  });
  await page.close();
}

{
  const { page, problems } = await openPage(hostileGraph);
  await check('hostile names are drawn as text, never run or parsed as markup', async () => {
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('#canvas script, #canvas img, #canvas foreignObject').count(), 0);
    const titles = await page.locator('.em-node-title').allTextContents();
    assert.ok(
      titles.some((t) => t.startsWith('Evil"\'<script>__pwned=1')),
      `titles: ${JSON.stringify(titles)}`,
    );
    const labels = await page.locator('.em-node').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    assert.ok(
      labels.some((l) => l.includes(HOSTILE)),
      `aria labels: ${JSON.stringify(labels)}`,
    );
    const text = await page.locator('#canvas svg').evaluate((svg) => svg.textContent);
    assert.ok(text.includes('<b>team</b>'), 'owner drawn as text');
    assert.ok(titles.includes('<img src=x onerror=__pwned=5>') && titles.includes('<svg onload=__pwned=6>'), 'actor and system names drawn as text');
    assert.ok(text.includes('<img src=x onerror=__pwned=7>'), 'relationship label drawn as text');
    await nodeLocator(page, 'actor:C.<img src=x onerror=__pwned=5>').hover();
    await page.locator('#tooltip').waitFor({ state: 'visible' });
    assert.match(await page.locator('#tooltip').innerText(), /<b>bold<\/b>/);
    assert.equal(await page.locator('#tooltip b, #tooltip img').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(problems, []);
  });
  await page.close();
}

{
  const page = await browser.newPage();
  await check('messages of the wrong shape are ignored by the page', async () => {
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.route('**/*', (route) => {
      const file = files[new URL(route.request().url()).pathname];
      return file ? route.fulfill({ status: 200, contentType: file.type, body: file.body }) : route.abort();
    });
    await page.addInitScript(stub, { initial: { type: 'render', graph: { nodes: 'x' } } });
    await page.goto(`${ORIGIN}/index.html`);
    await page.evaluate(() => {
      for (const junk of [null, 42, 'render', { type: 'render' }, { type: 'render', graph: { schema: 2 } }, { type: 'nope' }]) window.__send(junk);
    });
    await page.waitForTimeout(100);
    assert.equal(await page.locator('#canvas svg').count(), 0);
    assert.deepEqual(problems, []);
  });
  await page.close();
}

await browser.close();
console.log(`screenshots: ${['map.png', 'map-flow.png', 'map-features.png', 'map-features-flow.png'].map((f) => join('test-artifacts', f)).join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

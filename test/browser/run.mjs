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
      'context: Good\ncommands:\n  "Do \\"it\\" <img src=x onerror=__pwned=4>": { emits: [Happened] }\nevents:\n  Happened: { schema: { type: object } }\n',
    'contexts/b.yaml':
      'context: B\nrelationships:\n  - upstream: Good\n    patterns: [conformist]\npolicies:\n  "<svg onload=__pwned=3>":\n    when: Good.Happened\n',
  }),
).model;
const hostileGraph = await map.layoutGraph(map.buildContextMap(hostileModel));

// --- the page ------------------------------------------------------------------------------------
const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
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
  window.__send = (data) => window.dispatchEvent(new MessageEvent('message', { data }));
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

async function openPage(initialGraph) {
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
  const initial = { type: 'render', graph: initialGraph, commands, preserveViewport: false };
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
    assert.deepEqual(ids, ['context:Inventory', 'context:Ordering', 'context:Payment', 'context:Shipping']);
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
    assert.deepEqual(dimmed, []); // Shipping touches every other context
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
    assert.equal(await page.locator('.em-node').count(), 4);
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
console.log(`screenshots: ${join('test-artifacts', 'map.png')}, ${join('test-artifacts', 'map-flow.png')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

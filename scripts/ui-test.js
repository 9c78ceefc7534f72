#!/usr/bin/env node
// UI test (what a person sees): the packaged eventmodel.vsix is installed into code-server
// (= VS Code 1.139.1), the retail sample with a breaking change to OrderPlaced v2 is opened in
// headless Chromium, and the Problems panel (Ctrl+Shift+M) must list the incompatible-change
// warning. A screenshot goes to test-artifacts/problems-panel.png. Run `npm run test:ui`
// (packages first); needs `npm run setup:vscode` once.
const { spawnSync } = require('child_process');
const fs = require('fs'),
  os = require('os'),
  path = require('path');
const { chromium } = require('playwright-core');
const {
  ROOT,
  NODE24,
  CS_ENTRY,
  CHROMIUM,
  CHROMIUM_ARGS,
  checkTools,
  freePort,
  makeWorkspace,
  isolatedEnv,
  startCodeServer,
  forwardConsole,
} = require('./code-server-env');

const VSIX = process.env.VSIX || path.join(ROOT, 'eventmodel.vsix');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const SHOT = path.join(ARTIFACTS, 'problems-panel.png');

(async () => {
  checkTools();
  if (!fs.existsSync(VSIX)) {
    console.error(`${VSIX} not found: run \`npm run package\` first.`);
    process.exit(2);
  }
  const t0 = Date.now();
  const tmp = fs.mkdtempSync(path.join(process.env.CS_TMP || os.tmpdir(), 'em-ui-'));
  const extensionsDir = path.join(tmp, 'ext');
  const env = isolatedEnv(tmp);
  const install = spawnSync(NODE24, [CS_ENTRY, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(tmp, 'ud'), '--install-extension', VSIX], {
    env,
    encoding: 'utf8',
  });
  if (install.status !== 0 || !fs.readdirSync(extensionsDir).some((d) => d.startsWith('event-modeler.eventmodel'))) {
    console.error('Installing the .vsix failed:\n' + install.stdout + install.stderr);
    process.exit(1);
  }
  console.log(`[ui] installed ${path.basename(VSIX)} in ${Date.now() - t0} ms`);

  // The retail sample with a breaking change: OrderPlaced v2 turns orderId into an integer.
  const ws = makeWorkspace(tmp);
  const orderingFile = path.join(ws, 'contexts/ordering.yaml');
  const ordering = fs.readFileSync(orderingFile, 'utf8');
  const v2 = ordering.indexOf('      2:');
  const at = ordering.indexOf('orderId: { type: string }', v2);
  fs.writeFileSync(orderingFile, ordering.slice(0, at) + 'orderId: { type: integer }' + ordering.slice(at + 'orderId: { type: string }'.length));

  const port = await freePort();
  const { cs, log } = await startCodeServer(tmp, { port, folder: ws, extensionsDir });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const pageLog = [];
  forwardConsole(page, pageLog);
  let ok = false;
  try {
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    // Open the context file through the Explorer, as a person would.
    const explorer = page.locator('.explorer-folders-view');
    await explorer.getByText('contexts', { exact: true }).waitFor({ timeout: 60000 });
    await explorer.getByText('contexts', { exact: true }).click();
    await explorer.getByText('ordering.yaml', { exact: true }).click();
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30000 });
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    const row = panel.locator('.monaco-list-row').filter({ hasText: 'incompatible-change' }).first();
    await row.waitFor({ timeout: 60000 });
    const text = await panel.innerText();
    console.log(
      '[ui] PROBLEMS PANEL:\n' +
        text
          .split('\n')
          .map((l) => '  ' + l)
          .join('\n'),
    );
    const status = await page
      .locator('.statusbar-item')
      .filter({ hasText: /Event Modeler|\d/ })
      .allInnerTexts()
      .catch(() => []);
    console.log('[ui] status bar:', status.join(' | '));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: SHOT });
    console.log(`[ui] screenshot ${path.relative(ROOT, SHOT)}`);
    ok = /OrderPlaced v2/.test(text) && /incompatible-change/.test(text) && /integer/.test(text);
    if (!ok) console.error('[ui] the Problems panel does not show the OrderPlaced v2 incompatible-change warning');
  } catch (e) {
    console.error('[ui] failed:', e.message);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'ui-failure.png') }).catch(() => undefined);
    if (process.env.DEBUG_CS) fs.writeFileSync(path.join(ARTIFACTS, 'ui-failure.log'), log() + '\n----\n' + pageLog.join('\n'));
  } finally {
    await browser.close();
    cs.kill('SIGTERM');
    if (!process.env.DEBUG_CS) fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`[ui] ${ok ? 'passed' : 'FAILED'} in ${Date.now() - t0} ms`);
  process.exit(ok ? 0 : 1);
})().catch((e) => {
  console.error(e);
  process.exit(3);
});

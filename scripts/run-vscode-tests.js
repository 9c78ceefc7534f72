#!/usr/bin/env node
// Runs test/vscode (bundled to out/test/vscode by scripts/build-extension.mjs --tests) inside a REAL
// VS Code extension host: code-server 4.139.1 (= VS Code 1.139.1) driven by headless Debian Chromium
// through playwright-core, on a fresh copy of samples/retail. Exit code = test result.
// Needs `npm run setup:vscode` once. Env: TEST_TIMEOUT_MS, SCREENSHOT=<png>, DEBUG_CS=<prefix> (keep logs).
const fs = require('fs'),
  os = require('os'),
  path = require('path');
const { chromium } = require('playwright-core');
const { ROOT, CHROMIUM, CHROMIUM_ARGS, checkTools, freePort, makeWorkspace, startCodeServer, forwardConsole } = require('./code-server-env');

const TESTS = path.join(ROOT, 'out/test/vscode/index.js');
const TIMEOUT_MS = +(process.env.TEST_TIMEOUT_MS || 240000);

(async () => {
  checkTools();
  if (!fs.existsSync(TESTS) || !fs.existsSync(path.join(ROOT, 'dist/extension.js'))) {
    console.error('Build first: node scripts/build-extension.mjs --tests');
    process.exit(2);
  }
  const t0 = Date.now();
  const tmp = fs.mkdtempSync(path.join(process.env.CS_TMP || os.tmpdir(), 'em-vscode-'));
  const ws = makeWorkspace(tmp);
  const port = await freePort();
  const { cs, log } = await startCodeServer(tmp, { port, folder: ws, extraArgs: ['--vscode-option', 'enable-smoke-test-driver'] });
  console.log(`[runner] code-server up on ${port} after ${Date.now() - t0} ms; workspace ${ws}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const auth = `127.0.0.1:${port}`;
  let finish;
  const done = new Promise((r) => (finish = r));
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  const pageLog = [];
  forwardConsole(page, pageLog);
  // extensionDevelopmentPath / extensionTestsPath are honoured only with enable-smoke-test-driver.
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://${auth}${ROOT}`],
    ['extensionTestsPath', `vscode-remote://${auth}${TESTS}`],
  ]);
  await page.goto(`http://${auth}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(payload)}`);
  const code = await Promise.race([done, new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS))]);
  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT }).catch((e) => console.log('screenshot failed', e.message));
  console.log(`[runner] tests finished: exit=${code} total ${Date.now() - t0} ms`);
  await browser.close();
  cs.kill('SIGTERM');
  if (process.env.DEBUG_CS) {
    fs.writeFileSync(process.env.DEBUG_CS + '.server.log', log());
    fs.writeFileSync(process.env.DEBUG_CS + '.page.log', pageLog.join('\n'));
    console.log('[runner] kept', tmp);
  } else fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(code === 0 ? 0 : 1);
})().catch((e) => {
  console.error(e);
  process.exit(3);
});

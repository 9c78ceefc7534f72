#!/usr/bin/env node
// The same extension-host suite (test/vscode) on desktop VS Code through @vscode/test-electron, for
// contributors on an ordinary machine with internet (it downloads VS Code from Microsoft's update
// servers; CI here uses scripts/run-vscode-tests.js with code-server instead).
// Usage: npm run test:electron   (env VSCODE_VERSION=stable|insiders|1.139.1, EM_TEST_GREP=<pattern>)
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const require = createRequire(import.meta.url);
const { ROOT, makeWorkspace } = require('./code-server-env.js');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'em-electron-'));
const workspace = makeWorkspace(tmp);
let code = 0;
try {
  await runTests({
    version: process.env.VSCODE_VERSION || 'stable',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out/test/vscode/index.js'),
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir',
      path.join(tmp, 'user-data'),
    ],
    extensionTestsEnv: process.env.EM_TEST_GREP ? { EM_TEST_GREP: process.env.EM_TEST_GREP } : undefined,
  });
} catch (err) {
  console.error(err?.message ?? err);
  code = 1;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);

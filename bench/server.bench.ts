 
/**
 * Language-server figures on a model (the synthetic large one in `npm run bench`): the bundled
 * server (dist/server.js) is started over stdio like an editor would, and we measure
 *   - the first full check (initialize → every diagnostic published),
 *   - keystroke → updated diagnostics for the edited file, without debounce (server work only) and
 *     with the default 200 ms debounce (what a user sees),
 *   - a completion and a find-references request on the large model.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

type Figures = Record<string, number>;

const ROOT = [path.resolve(__dirname, '..', '..'), path.resolve(__dirname, '..')].find((d) => fs.existsSync(path.join(d, 'package.json')))!;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
}

export async function run(files: Record<string, string>, edits = 12): Promise<Figures> {
  const server = path.join(ROOT, 'dist', 'server.js');
  if (!fs.existsSync(server)) spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-extension.mjs')], { stdio: 'inherit' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'em-server-bench-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  const proc = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  let debounceMs = 0;
  const published = new Map<string, { at: number; messages: string[] }>();
  let firstIdle: (() => void) | undefined;
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { message: string }[] }) => {
    published.set(p.uri, { at: performance.now(), messages: p.diagnostics.map((d) => d.message) });
  });
  conn.onNotification('eventModeler/status', (s: { folders: unknown[]; busy: boolean }) => {
    if (s.folders.length > 0 && !s.busy && firstIdle) firstIdle();
  });
  conn.onRequest('workspace/configuration', () => [{ validation: { debounceMs } }]);
  conn.onRequest('client/registerCapability', () => null);
  conn.onNotification('window/logMessage', (m: { message: string }) => {
    if (/failed|Uncaught|Unhandled/.test(m.message)) console.error(m.message);
  });
  conn.listen();
  const figures: Figures = {};
  try {
    const rootUri = pathToFileURL(dir).href;
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
    figures.filesWithDiagnostics = [...published.values()].filter((p) => p.messages.length > 0).length;

    const target =
      Object.keys(files)
        .filter((f) => f.startsWith('contexts/'))
        .sort()[Math.floor(Object.keys(files).length / 3)] ?? Object.keys(files)[1];
    const uri = pathToFileURL(path.join(dir, target)).href;
    let text = files[target];
    const broken = /emits: \[(\w+)/.exec(text);
    if (!broken) throw new Error(`no emits in ${target}`);
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await conn.sendRequest('eventModeler/idle');
    let version = 1;
    const typo = broken[1].slice(0, -2);
    const keystrokes = async (n: number): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const breaking = i % 2 === 0;
        text = breaking ? text.replace(broken[0], `emits: [${typo}`) : text.replace(`emits: [${typo}`, broken[0]);
        const before = published.get(uri)?.at ?? 0;
        const start = performance.now();
        conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
        for (;;) {
          const p = published.get(uri);
          if (p && p.at > before && p.messages.some((m) => m.includes(`'${typo}'`)) === breaking) break;
          await new Promise((r) => setTimeout(r, 1));
        }
        out.push(published.get(uri)!.at - start);
        await conn.sendRequest('eventModeler/idle');
      }
      return out;
    };
    const raw = await keystrokes(edits);
    figures.keystrokeToDiagnosticsNoDebounceMedianMs = median(raw);
    figures.keystrokeToDiagnosticsNoDebounceP95Ms = p95(raw);
    debounceMs = 200;
    conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await new Promise((r) => setTimeout(r, 50));
    await conn.sendRequest('eventModeler/idle');
    const withDebounce = await keystrokes(Math.max(4, Math.floor(edits / 2)));
    figures.keystrokeToDiagnosticsDebounce200MedianMs = median(withDebounce);

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
    fs.rmSync(dir, { recursive: true, force: true });
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

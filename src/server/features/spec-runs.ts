import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { GenerateResult } from '../../protocol/lsp-ext';
import type { ModelFolder } from '../workspace/model-folder';

/**
 * Runs the generated spec tests of a folder for the editor: generate, then the project's test
 * command (`generate.testCommand`, default `npm test`) with two environment variables the
 * generated test files read — `EVENTMODEL_SPECS` (which specs: `Shop`, `Shop.AddItem` or
 * `Shop.AddItem: <name>`) and `EVENTMODEL_SPEC_RESULTS` (a file each spec appends its outcome
 * to, one JSON object per line) — whatever runner and build the project uses.
 */

/** One line of the results file, as the generated tests write it. */
export interface SpecRecord {
  context: string;
  owner: string;
  kind: string;
  name: string;
  ok: boolean;
  /** Why it failed: the expected/actual diff or the error. */
  message?: string;
  durationMs?: number;
}

export interface SpecRunResult {
  ok: boolean;
  /** A one-line summary for the user. */
  message: string;
  scope: string;
  passed: number;
  failed: number;
  results: SpecRecord[];
  exitCode: number | null;
  /** The last part of the command's output. */
  output: string;
}

export const specKey = (context: string, owner: string, name: string) => `${context}.${owner}: ${name}`;

const MAX_OUTPUT = 64 * 1024;
const TIMEOUT_MS = 10 * 60 * 1000;

export interface SpecRunDeps {
  trusted(): boolean;
  generate(folder: ModelFolder): Promise<GenerateResult>;
  log(message: string): void;
}

export class SpecRuns {
  private readonly results = new WeakMap<ModelFolder, Map<string, SpecRecord>>();
  private readonly running = new WeakMap<ModelFolder, Promise<SpecRunResult>>();

  constructor(private readonly deps: SpecRunDeps) {}

  /** The last outcome of a spec in this folder, if it ran. */
  resultOf(folder: ModelFolder, key: string): SpecRecord | undefined {
    return this.results.get(folder)?.get(key);
  }

  isRunning(folder: ModelFolder): boolean {
    return this.running.has(folder);
  }

  /** One run per folder at a time; a second request waits for the first. */
  run(folder: ModelFolder, scope: string): Promise<SpecRunResult> {
    const current = this.running.get(folder);
    if (current) return current;
    const run = this.doRun(folder, scope).finally(() => this.running.delete(folder));
    this.running.set(folder, run);
    return run;
  }

  private async doRun(folder: ModelFolder, scope: string): Promise<SpecRunResult> {
    const result = (ok: boolean, message: string, more: Partial<SpecRunResult> = {}): SpecRunResult => ({
      ok,
      message,
      scope,
      passed: 0,
      failed: 0,
      results: [],
      exitCode: null,
      output: '',
      ...more,
    });
    if (!this.deps.trusted())
      return result(false, 'Running specs is disabled in Restricted Mode (it generates code and runs the test command). Trust the workspace first.');
    const generated = await this.deps.generate(folder);
    if (!generated.ok) return result(false, `Specs not run: generation failed. ${generated.message ?? ''}`.trim());
    const command = folder.model.manifest?.generate.testCommand ?? 'npm test';
    const resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eventmodel-specs-')), 'results.jsonl');
    this.deps.log(`Run specs (${scope}) in ${folder.root}: ${command}`);
    const { code, output } = await runCommand(command, folder.root, { EVENTMODEL_SPECS: scope, EVENTMODEL_SPEC_RESULTS: resultsFile });
    this.deps.log(output);
    const records = readResults(resultsFile);
    fs.rmSync(path.dirname(resultsFile), { recursive: true, force: true });
    const store = this.results.get(folder) ?? new Map<string, SpecRecord>();
    this.results.set(folder, store);
    for (const key of [...store.keys()]) if (inScope(key, scope)) store.delete(key);
    for (const r of records) store.set(specKey(r.context, r.owner, r.name), r);
    const failed = records.filter((r) => !r.ok).length;
    const passed = records.length - failed;
    const more = { passed, failed, results: records, exitCode: code, output };
    if (records.length === 0) {
      const tail = output.trim().split('\n').slice(-3).join(' ').slice(0, 300);
      return result(
        false,
        `No spec of ${scope} ran: \`${command}\` exited with ${code ?? 'a timeout'}${tail ? `: ${tail}` : ''}. Does the test script run the generated spec tests?`,
        more,
      );
    }
    if (failed > 0) {
      const first = records.find((r) => !r.ok)!;
      return result(false, `${scope}: ${failed} of ${records.length} spec(s) failed, first ${first.owner}: ${first.name}.`, more);
    }
    return result(true, `${scope}: ${passed} spec(s) passed.`, more);
  }
}

function inScope(key: string, scope: string): boolean {
  return key === scope || key.startsWith(`${scope}.`) || key.startsWith(`${scope}: `);
}

function readResults(file: string): SpecRecord[] {
  if (!fs.existsSync(file)) return [];
  const out: SpecRecord[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as SpecRecord;
      if (typeof r.context === 'string' && typeof r.owner === 'string' && typeof r.name === 'string' && typeof r.ok === 'boolean') out.push(r);
    } catch {
      // a line cut short by a crash: the others still count
    }
  }
  return out;
}

function runCommand(command: string, cwd: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-MAX_OUTPUT);
    };
    const detached = process.platform !== 'win32';
    const child = spawn(command, { cwd, shell: true, detached, env: { ...process.env, ...env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      output += `\n[eventmodel] stopped after ${TIMEOUT_MS / 60000} minutes`;
      try {
        if (detached && child.pid) process.kill(-child.pid, 'SIGTERM');
        else child.kill('SIGTERM');
      } catch {
        // already gone
      }
    }, TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, output: `${output}\n${err.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

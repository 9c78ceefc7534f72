import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryHost, Workspace } from '../src/core';
import { GenerationCache, planGeneration } from '../src/core/codegen';
import { loadTemplates } from '../src/node/generate-templates';
import { writePlan } from '../src/node/generate-writer';

/** User + system CPU time since `start` (the machine may be shared: wall time alone can mislead). */
function cpuMs(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
}

function since(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Wall time of a fresh process (what a user waits for), and its stdout. */
function timed(args: string[]): { ms: number; stdout: string; status: number | null } {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = since(start);
  if (r.status !== 0 && r.status !== 1) throw new Error(`codegen bench: ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout, status: r.status };
}

const BIN = path.resolve(__dirname, '../../bin/eventmodel.js');
const COLD_RUNS = 5;

/**
 * `eventmodel generate` as a user runs it: a fresh CLI process on the model written to a temp
 * folder. The first run generates everything (and records the generation cache); no-change runs
 * are answered from the cache; then one context file changes. Beside them their floors: Node's own
 * start-up and writing the same files with a plain `fs.writeFileSync` loop.
 */
function coldCli(files: Record<string, string>, planned: { path: string; content: string }[]): Record<string, number> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventmodel-bench-cli-'));
  const floor = fs.mkdtempSync(path.join(os.tmpdir(), 'eventmodel-bench-floor-'));
  try {
    for (const [p, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
      fs.writeFileSync(path.join(root, p), text);
    }
    const generate = (...extra: string[]) => timed([BIN, 'generate', root, '--format', 'json', ...extra]);
    const report = (stdout: string) => JSON.parse(stdout) as { cached?: boolean; created: string[]; updated: string[]; deleted: string[] };
    const first = generate();
    const noChange: number[] = [];
    let cachedRuns = 0;
    for (let i = 0; i < COLD_RUNS; i++) {
      const r = generate();
      noChange.push(r.ms);
      if (report(r.stdout).cached) cachedRuns++;
    }
    const startup: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) startup.push(timed(['-e', '0']).ms);
    const loopStart = process.hrtime.bigint();
    const dirs = new Set<string>();
    for (const f of planned) {
      const abs = path.join(floor, f.path);
      const dir = path.dirname(abs);
      if (!dirs.has(dir)) fs.mkdirSync(dir, { recursive: true });
      dirs.add(dir);
      fs.writeFileSync(abs, f.content);
    }
    const writeLoopMs = since(loopStart);

    // One context changes: one more property in one command's payload.
    const ctx = Object.keys(files).find((p) => p.startsWith('contexts/'))!;
    const text = fs.readFileSync(path.join(root, ctx), 'utf8');
    fs.writeFileSync(
      path.join(root, ctx),
      text.replace(/( +)properties:\n/, (m, indent: string) => `${m}${indent}  benchNote: { type: string }\n`),
    );
    const changed = generate();
    const c = report(changed.stdout);
    const afterChange: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) afterChange.push(generate().ms);
    const noCache = generate('--no-cache');
    return {
      cliFirstRunMs: first.ms,
      cliNoChangeColdMedianMs: median(noChange),
      cliNoChangeRunsAnsweredFromCache: cachedRuns,
      nodeStartupFloorMs: median(startup),
      writeLoopFloorMs: writeLoopMs,
      cliOneContextChangeColdMs: changed.ms,
      filesRewrittenOnOneContextChange: c.created.length + c.updated.length + c.deleted.length,
      cliNoChangeAfterChangeColdMedianMs: median(afterChange),
      cliNoChangeNoCacheColdMs: noCache.ms,
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(floor, { recursive: true, force: true });
  }
}

/**
 * Code generation for a model given as path → text: plan + write into a fresh temp folder, then a
 * re-run with no change (same process, same cache: what the editor or a watch mode does), then a
 * re-run with an empty cache; then the CLI from cold processes (see `coldCli`). Prints nothing.
 */
export async function run(files: Record<string, string>): Promise<Record<string, number>> {
  const loadStart = process.hrtime.bigint();
  const model = new Workspace(new MemoryHost(files)).model;
  const loadMs = since(loadStart);
  const templates = loadTemplates(process.cwd(), undefined, { allowWorkspaceTemplates: false }).templates;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventmodel-bench-codegen-'));
  try {
    const cache = new GenerationCache();
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const plan = await planGeneration(model, { templates, cache });
    const planMs = since(start);
    if (plan.problems.some((p) => p.severity === 'error')) throw new Error(`codegen bench: ${plan.problems[0].message}`);
    const writeStart = process.hrtime.bigint();
    const first = writePlan(root, plan);
    const writeMs = since(writeStart);
    const generateMs = since(start);
    const generateCpuMs = cpuMs(cpu);

    // The editor's case: the model is rebuilt (a new object, same content) and generated again.
    const model2 = new Workspace(new MemoryHost(files)).model;
    const cpu2 = process.cpuUsage();
    const again = process.hrtime.bigint();
    const plan2 = await planGeneration(model2, { templates, cache });
    const second = writePlan(root, plan2);
    const regenerateNoChangeMs = since(again);
    const regenerateNoChangeCpuMs = cpuMs(cpu2);

    const cold = process.hrtime.bigint();
    const plan3 = await planGeneration(model, { templates, cache: new GenerationCache() });
    const third = writePlan(root, plan3);
    const regenerateNoChangeColdCacheMs = since(cold);

    const changed = (r: typeof second) => r.created.length + r.updated.length + r.deleted.length;
    const cli = coldCli(files, plan.files);
    return {
      files: plan.files.length,
      megabytes: Math.round(plan.files.reduce((n, f) => n + f.content.length, 0) / 1e5) / 10,
      modelLoadMs: loadMs,
      planMs,
      writeMs,
      generateMs,
      generateCpuMs,
      filesWritten: first.created.length,
      regenerateNoChangeMs,
      regenerateNoChangeCpuMs,
      filesRewrittenOnRerun: changed(second),
      regenerateNoChangeColdCacheMs,
      filesRewrittenOnColdRerun: changed(third),
      ...cli,
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

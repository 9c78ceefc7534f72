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

/**
 * Code generation for a model given as path → text: plan + write into a fresh temp folder, then a
 * re-run with no change (same process, same cache: what the editor or a watch mode does), then a
 * re-run with an empty cache (what a fresh `eventmodel generate` process does). Prints nothing.
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
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

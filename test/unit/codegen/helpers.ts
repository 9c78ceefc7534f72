import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryHost, Workspace, type Model } from '../../../src/core';
import { planGeneration, type GenerationPlan, type PlanOptions } from '../../../src/core/codegen';
import { loadTemplates } from '../../../src/node/generate-templates';

export const REPO = path.resolve(__dirname, '../../../..');
export const SAMPLE = path.join(REPO, 'samples/retail');
export const STRATEGIES = path.join(REPO, 'test/fixtures/codegen/strategies');
/** TypeScript 7 (native): the compiler the project builds with (`typescript` itself is 6.x, for typescript-eslint). */
export const TSC = path.join(REPO, 'node_modules/typescript-native/bin/tsc');

const temps: string[] = [];

/** A fresh temp folder (removed by `cleanTemps`). */
export function tempDir(prefix = 'eventmodel-codegen-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  temps.push(dir);
  return dir;
}

export function cleanTemps(): void {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Copies a model folder into a temp folder; `node_modules` links to the repo's (ajv runtime,
 * Emmett, cloudevents). Without `code`, only the model is copied (the manifest, contexts and
 * schemas, not `src/` with the sample's own code and generated output), so generation starts fresh.
 */
export function copyModel(from: string, options: { code?: boolean } = {}): string {
  const dir = tempDir();
  const skip = options.code ? new Set(['node_modules', 'out']) : new Set(['node_modules', 'out', 'src', 'tsconfig.json']);
  fs.cpSync(from, dir, { recursive: true, filter: (source) => path.dirname(source) !== from || !skip.has(path.basename(source)) });
  if (options.code) fs.rmSync(path.join(dir, 'src/generated'), { recursive: true, force: true });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

export function builtinTemplates(): Record<string, string> {
  return loadTemplates(REPO, undefined, { allowWorkspaceTemplates: false }).templates;
}

export function memoryModel(files: Record<string, string>): Model {
  return new Workspace(new MemoryHost(files)).model;
}

export async function plan(files: Record<string, string>, options: Partial<PlanOptions> = {}): Promise<GenerationPlan> {
  return planGeneration(memoryModel(files), { templates: builtinTemplates(), ...options });
}

/** Runs the repository's real `tsc` with a generated tsconfig; returns its output (empty when clean). */
export function tsc(dir: string, compilerOptions: Record<string, unknown>, include: string[]): { status: number | null; output: string } {
  const config = path.join(dir, `tsconfig.${Math.random().toString(36).slice(2)}.json`);
  // Generated code runs on Node (the Emmett runtime uses node:os, timers, process): Node's types.
  fs.writeFileSync(
    config,
    JSON.stringify({ compilerOptions: { target: 'ES2022', types: ['node'], skipLibCheck: true, ...compilerOptions }, include }, null, 2),
  );
  const r = spawnSync(TSC, ['-p', config], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  fs.rmSync(config);
  return { status: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}

/** Every file below a folder with its mtime (ms) — to prove a re-run touched nothing. */
export function mtimes(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (abs: string) => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      const child = path.join(abs, e.name);
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) out.set(path.relative(dir, child), fs.statSync(child).mtimeMs);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

export const MINIMAL_MANIFEST = [
  'model: mini',
  'namespace: com.example.mini',
  'include: [contexts/*.yaml]',
  'generate:',
  '  outDir: gen',
  '  scaffoldDir: app',
  '',
].join('\n');

/** A one-context model; `body` is the YAML after `context: <name>`. */
export function miniModel(body: string, context = 'Shop', manifest = MINIMAL_MANIFEST): Record<string, string> {
  return { 'eventmodel.yaml': manifest, 'contexts/shop.yaml': `context: ${context}\n${body}` };
}

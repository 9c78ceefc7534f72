import * as path from 'node:path';
import type * as Codegen from './codegen-entry';
import type { DiagnosticsScheduler } from '../features/diagnostics';
import type { ModelFolder } from '../workspace/model-folder';
import type { Environment, GenerateResult } from '../../protocol/lsp-ext';

const RESTRICTED = 'Code generation is disabled in Restricted Mode (it writes files and runs workspace templates). Trust the workspace to generate.';

/** The built-in templates ship beside the bundle (dist/../templates), as in the repository. */
const BUILTIN_TEMPLATES = path.join(__dirname, '..', 'templates');

const caches = new WeakMap<ModelFolder, Codegen.GenerationCache>();
let codegen: typeof Codegen | undefined;

function loadCodegen(): typeof Codegen {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (codegen ??= require('./codegen-entry') as typeof Codegen);
}
const running = new WeakMap<ModelFolder, Promise<GenerateResult>>();

/**
 * Runs the codegen core and the writer on the folder's model — the same function as
 * `eventmodel generate`, so both produce the same files. Unsaved buffers are part of the model
 * (the client saves them first). One run per folder at a time.
 */
export function generate(folder: ModelFolder, env: Environment, scheduler: DiagnosticsScheduler): Promise<GenerateResult> {
  const current = running.get(folder);
  if (current) return current;
  const run = doGenerate(folder, env, scheduler).finally(() => running.delete(folder));
  running.set(folder, run);
  return run;
}

async function doGenerate(folder: ModelFolder, env: Environment, scheduler: DiagnosticsScheduler): Promise<GenerateResult> {
  const t0 = performance.now();
  const result: GenerateResult = { ok: false, created: [], updated: [], kept: [], deleted: [], log: [], ms: 0 };
  const done = (message?: string): GenerateResult => ({ ...result, message, ms: Math.round(performance.now() - t0) });
  if (!env.trusted) return done(RESTRICTED);
  await scheduler.idle();
  const { GenerationCache, generateWorkspace } = loadCodegen();
  let cache = caches.get(folder);
  if (!cache) caches.set(folder, (cache = new GenerationCache()));
  const outcome = await generateWorkspace(folder.root, folder.workspace, {
    mode: 'write',
    allowWorkspaceTemplates: env.trusted,
    builtinTemplatesDir: BUILTIN_TEMPLATES,
    cache,
  });
  const log = result.log;
  for (const note of outcome.templates?.notes ?? []) log.push(`note: ${note}`);
  for (const t of outcome.templates?.overridden ?? []) log.push(`template override: ${t}`);
  if (outcome.status === 'refused') {
    for (const d of outcome.diagnostics.slice(0, 50))
      log.push(`${d.location.file}:${d.location.start.line + 1}:${d.location.start.character + 1} ${d.rule} ${d.message}`);
    return done(`The model has ${outcome.diagnostics.length} error(s); fix them (see Problems) before generating.`);
  }
  for (const e of outcome.templates?.errors ?? []) log.push(`template error: ${e}`);
  for (const p of outcome.plan?.problems ?? []) {
    const where = p.location ? `${p.location.file}:${p.location.start.line + 1}:${p.location.start.character + 1} ` : p.file ? `${p.file} ` : '';
    log.push(`${p.severity} ${where}${p.code}: ${p.message}`);
  }
  for (const p of outcome.report?.problems ?? []) log.push(`write error ${p.path}: ${p.message}`);
  const report = outcome.report;
  if (report) {
    const uris = (list: string[]) => list.map((rel) => folder.uriOf(rel));
    result.created = uris(report.created);
    result.updated = uris(report.updated);
    result.deleted = uris(report.deleted);
    result.kept = uris([...report.unchanged, ...report.kept]);
    for (const f of report.created) log.push(`created ${f}`);
    for (const f of report.updated) log.push(`updated ${f}`);
    for (const f of report.deleted) log.push(`deleted ${f}`);
    if (report.kept.length) log.push(`kept ${report.kept.length} scaffold(s) you own`);
  }
  const outDir = folder.model.manifest?.generate.outDir;
  if (outDir) result.outDir = folder.uriOf(outDir.replace(/^\.\//, '').replace(/\/$/, ''));
  if (outcome.status !== 'ok') return done(`Generation failed: ${log.find((l) => /error/.test(l)) ?? 'see the output channel'}`);
  result.ok = true;
  return done();
}

import * as path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
// Light imports only at the top: a run answered by the generation cache loads neither the model nor the planner.
import type { Diagnostic } from '../../core/diagnostic';
import type { GenerationProblem } from '../../core/codegen';
import { CACHE_FILE, RecordingHost, upToDate } from '../../node/generate-cache';
import type { LoadedTemplates } from '../../node/generate-templates';
import type { WriteMode, WriteReport } from '../../node/generate-writer';

interface GenerateCliOptions {
  dryRun?: boolean;
  check?: boolean;
  cache: boolean;
  format: 'text' | 'json';
}

/** A run, planned or answered from the cache, as the output shows it. */
export interface Outcome {
  status: 'ok' | 'refused' | 'failed';
  diagnostics: Diagnostic[];
  templates?: LoadedTemplates;
  problems: GenerationProblem[];
  outDir?: string;
  scaffoldDir?: string;
  report?: WriteReport;
  /** Answered from the generation cache: nothing changed since the last run. */
  cached: boolean;
}

export function registerGenerate(program: Command, setExit: (code: number) => void): void {
  program
    .command('generate')
    .description(
      'Generate TypeScript from the model in DIR: message types, validators, CloudEvents envelopes, upcasters, downcasters and the ' +
        'runtime on Emmett (command routing, push/poll delivery, dead letters, read models; in memory or PostgreSQL) under generate.outDir ' +
        '(rewritten every run), and handler scaffolds under generate.scaffoldDir (created once, never overwritten).',
    )
    .argument('[dir]', 'workspace folder containing eventmodel.yaml', '.')
    .option('--dry-run', 'list what would be created, updated and deleted; write nothing')
    .option('--check', 'write nothing; exit 1 when the generated output is stale (for CI)')
    .option('--no-cache', 'ignore the generation cache (.eventmodel/cache/generate.json) and do not update it')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (dir: string, opts: GenerateCliOptions) => {
      const mode: WriteMode = opts.check ? 'check' : opts.dryRun ? 'dry-run' : 'write';
      const outcome = await generateOutcome(dir, mode, opts.cache);
      const code = exitCode(outcome, mode);
      if (opts.format === 'json') process.stdout.write(JSON.stringify(await outcomeJson(outcome, mode), null, 2) + '\n');
      else await printText(outcome, mode);
      setExit(code);
    });
}

/** The CLI's options that change output (the record of another front end's options is not used). */
const CACHE_OPTIONS = { allowWorkspaceTemplates: true };

/** One run of `eventmodel generate DIR`: answered from the generation cache when allowed and nothing changed, else planned and written. */
export async function generateOutcome(dir: string, mode: WriteMode, useCache: boolean): Promise<Outcome> {
  return (useCache ? fromCache(dir, mode) : undefined) ?? (await generate(dir, mode, useCache));
}

function fromCache(dir: string, mode: WriteMode): Outcome | undefined {
  const hit = upToDate(path.resolve(dir), mode, CACHE_OPTIONS);
  if (!hit) return undefined;
  return {
    status: 'ok',
    diagnostics: [],
    templates: hit.templates,
    problems: hit.warnings,
    outDir: hit.outDir,
    scaffoldDir: hit.scaffoldDir,
    report: hit.report,
    cached: true,
  };
}

async function generate(dir: string, mode: WriteMode, useCache: boolean): Promise<Outcome> {
  const [{ loadWorkspace }, { Workspace }, { generateWorkspace }] = await Promise.all([
    import('../load.js'),
    import('../../core/workspace/workspace.js'),
    import('../../node/generate-run.js'),
  ]);
  const loaded = loadWorkspace(dir);
  const record = useCache ? new RecordingHost(loaded.host) : undefined;
  const workspace = record ? new Workspace(record) : loaded.workspace;
  const result = await generateWorkspace(loaded.root, workspace, { ...CACHE_OPTIONS, mode, record });
  return {
    status: result.status,
    diagnostics: result.diagnostics,
    templates: result.templates,
    problems: result.plan?.problems ?? [],
    outDir: result.plan?.outDir,
    scaffoldDir: result.plan?.scaffoldDir,
    report: result.report,
    cached: false,
  };
}

function exitCode(result: Outcome, mode: WriteMode): number {
  if (result.status !== 'ok') return 1;
  return mode === 'check' && result.report?.stale ? 1 : 0;
}

/** The `--format json` report (a contract: fields are added, never renamed). */
export async function outcomeJson(result: Outcome, mode: WriteMode): Promise<Record<string, unknown>> {
  const r = result.report;
  // The diagnostics' printer loads the model core: only when there is something to print.
  const diagnostics = result.diagnostics.length > 0 ? result.diagnostics.map((await import('../output.js')).toJsonDiagnostic) : [];
  return {
    status: result.status,
    mode,
    stale: r?.stale ?? false,
    created: r?.created ?? [],
    updated: r?.updated ?? [],
    deleted: r?.deleted ?? [],
    unchanged: r?.unchanged ?? [],
    kept: r?.kept ?? [],
    diagnostics,
    problems: [
      ...(result.templates?.errors ?? []).map((message) => ({ severity: 'error', code: 'templates', message })),
      ...result.problems.map((p) => ({
        severity: p.severity,
        code: p.code,
        message: p.message,
        ...(p.location ? { file: p.location.file, line: p.location.start.line + 1, column: p.location.start.character + 1 } : p.file ? { file: p.file } : {}),
      })),
      ...(r?.problems ?? []).map((p) => ({ severity: 'error', code: 'write', file: p.path, message: p.message })),
    ],
    notes: result.templates?.notes ?? [],
    templatesOverridden: result.templates?.overridden ?? [],
    cached: result.cached,
  };
}

async function printText(result: Outcome, mode: WriteMode): Promise<void> {
  const out = (line: string) => process.stdout.write(line + '\n');
  const err = (line: string) => process.stderr.write(line + '\n');
  if (result.status === 'refused') {
    const { formatText, useColour } = await import('../output.js');
    out(formatText(result.diagnostics, useColour(process.stdout)));
    err(`eventmodel generate: the model has ${result.diagnostics.length} error(s); fix them before generating (nothing was written).`);
    return;
  }
  for (const note of result.templates?.notes ?? []) err(`note: ${note}`);
  for (const t of result.templates?.overridden ?? []) out(`template override: ${t}`);
  for (const e of result.templates?.errors ?? []) err(`error: ${e}`);
  for (const p of result.problems) {
    const where = p.location ? `${p.location.file}:${p.location.start.line + 1}:${p.location.start.character + 1} ` : p.file ? `${p.file}: ` : '';
    (p.severity === 'error' ? err : out)(`${where}${p.severity} ${p.code} ${p.message}`);
  }
  const r = result.report;
  if (!r) {
    if (result.status !== 'ok') err('eventmodel generate: nothing was written.');
    return;
  }
  for (const p of r.problems) err(`${p.path}: error ${p.message}`);
  const verb =
    mode === 'write' ? { create: 'created', update: 'updated', delete: 'deleted' } : { create: 'would create', update: 'would update', delete: 'would delete' };
  for (const p of r.created) out(`${verb.create.padEnd(13)} ${p}`);
  for (const p of r.updated) out(`${verb.update.padEnd(13)} ${p}`);
  for (const p of r.deleted) out(`${verb.delete.padEnd(13)} ${p}`);
  if (mode === 'dry-run') for (const p of r.unchanged) out(`${'unchanged'.padEnd(13)} ${p}`);
  for (const p of r.kept) out(`${'kept'.padEnd(13)} ${p} (scaffold: yours, not overwritten)`);
  const counts = `${r.created.length} created, ${r.updated.length} updated, ${r.deleted.length} deleted, ${r.unchanged.length} unchanged, ${r.kept.length} scaffold(s) kept`;
  if (result.status !== 'ok') err(`eventmodel generate: refused to write (${r.problems.length} problem(s)); nothing was changed.`);
  else if (mode === 'check')
    out(
      r.stale
        ? `Generated code is stale (${counts.replace(/(\d+) (created|updated|deleted)/g, '$1 to be $2')}); run 'eventmodel generate'.`
        : `Generated code is up to date (${r.unchanged.length} file(s)).`,
    );
  else if (mode === 'dry-run')
    out(
      `Dry run: ${counts
        .replace(/created/, 'to create')
        .replace(/updated/, 'to update')
        .replace(/deleted/, 'to delete')}. Nothing was written.`,
    );
  else out(`Generated into ${result.outDir} (scaffolds under ${result.scaffoldDir}): ${counts}.`);
  if (result.cached) out(`Up to date: nothing changed since the last run (answered from ${CACHE_FILE}).`);
}

import type { Command } from 'commander';
import { Option } from 'commander';
import { generateWorkspace, type GenerateResult } from '../../node/generate-run';
import type { WriteMode } from '../../node/generate-writer';
import { loadWorkspace } from '../load';
import { formatText, toJsonDiagnostic, useColour } from '../output';

interface GenerateCliOptions {
  dryRun?: boolean;
  check?: boolean;
  format: 'text' | 'json';
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
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (dir: string, opts: GenerateCliOptions) => {
      const mode: WriteMode = opts.check ? 'check' : opts.dryRun ? 'dry-run' : 'write';
      const { workspace, root } = loadWorkspace(dir);
      const result = await generateWorkspace(root, workspace, { mode, allowWorkspaceTemplates: true });
      const code = exitCode(result, mode);
      if (opts.format === 'json') process.stdout.write(JSON.stringify(toJson(result, mode), null, 2) + '\n');
      else printText(result, mode);
      setExit(code);
    });
}

function exitCode(result: GenerateResult, mode: WriteMode): number {
  if (result.status !== 'ok') return 1;
  return mode === 'check' && result.report?.stale ? 1 : 0;
}

function toJson(result: GenerateResult, mode: WriteMode): unknown {
  const r = result.report;
  return {
    status: result.status,
    mode,
    stale: r?.stale ?? false,
    created: r?.created ?? [],
    updated: r?.updated ?? [],
    deleted: r?.deleted ?? [],
    unchanged: r?.unchanged ?? [],
    kept: r?.kept ?? [],
    diagnostics: result.diagnostics.map(toJsonDiagnostic),
    problems: [
      ...(result.templates?.errors ?? []).map((message) => ({ severity: 'error', code: 'templates', message })),
      ...(result.plan?.problems ?? []).map((p) => ({
        severity: p.severity,
        code: p.code,
        message: p.message,
        ...(p.location ? { file: p.location.file, line: p.location.start.line + 1, column: p.location.start.character + 1 } : p.file ? { file: p.file } : {}),
      })),
      ...(r?.problems ?? []).map((p) => ({ severity: 'error', code: 'write', file: p.path, message: p.message })),
    ],
    notes: result.templates?.notes ?? [],
    templatesOverridden: result.templates?.overridden ?? [],
  };
}

function printText(result: GenerateResult, mode: WriteMode): void {
  const out = (line: string) => process.stdout.write(line + '\n');
  const err = (line: string) => process.stderr.write(line + '\n');
  if (result.status === 'refused') {
    out(formatText(result.diagnostics, useColour(process.stdout)));
    err(`eventmodel generate: the model has ${result.diagnostics.length} error(s); fix them before generating (nothing was written).`);
    return;
  }
  for (const note of result.templates?.notes ?? []) err(`note: ${note}`);
  for (const t of result.templates?.overridden ?? []) out(`template override: ${t}`);
  for (const e of result.templates?.errors ?? []) err(`error: ${e}`);
  for (const p of result.plan?.problems ?? []) {
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
  else out(`Generated into ${result.plan!.outDir} (scaffolds under ${result.plan!.scaffoldDir}): ${counts}.`);
}

import * as path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { Workspace } from '../../core';
import { exportAsyncApi } from '../../core/export/asyncapi';
import { renderAsyncApi, writeAsyncApi } from '../../node/asyncapi-export';
import { ExportTargetError } from '../../node/export-target';
import { UsageError } from '../errors';
import { loadWorkspace } from '../load';
import { formatText } from '../output';

interface AsyncApiCliOptions {
  output?: string;
  perContext?: boolean;
  format?: 'yaml' | 'json';
  force?: boolean;
}

interface EventCatalogCliOptions {
  output?: string;
  force?: boolean;
}

/**
 * `eventmodel export asyncapi|eventcatalog`: the model in another tool's format. A model with
 * errors is not exported (exit 1, nothing written); a bad target is a usage error (exit 2).
 */
export function registerExport(program: Command, setExit: (code: number) => void): void {
  const exportCommand = program.command('export').description('Export the model to another tool: AsyncAPI 3.0 documents or an EventCatalog.');
  exportCommand
    .command('asyncapi')
    .description(
      'Write the model as AsyncAPI 3.0: channels, one message per event or command version (bundled payload, CloudEvents headers), ' +
        'send/receive operations per context. To standard output unless --output is given.',
    )
    .argument('[dir]', 'workspace folder containing eventmodel.yaml', '.')
    .option('-o, --output <path>', 'file to write (with --per-context: the folder for one file per context)')
    .option('--per-context', 'one document per bounded context (needs --output <folder>)')
    .addOption(new Option('--format <format>', 'document format (default: from the --output extension, else yaml)').choices(['yaml', 'json']))
    .option('--force', 'replace an existing file, or export into a non-empty folder')
    .action((dir: string, opts: AsyncApiCliOptions) => {
      if (opts.perContext && !opts.output) throw new UsageError('--per-context writes one file per context: pass --output <folder>.');
      const workspace = loadExportable(dir);
      if (!workspace) return setExit(1);
      try {
        if (!opts.output) {
          const result = exportAsyncApi(workspace.model, {});
          for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
          process.stdout.write(renderAsyncApi(result.documents[0].document, opts.format ?? 'yaml'));
        } else {
          const report = writeAsyncApi(workspace.model, { output: opts.output, perContext: opts.perContext, format: opts.format, force: opts.force });
          for (const note of report.notes) process.stderr.write(`note: ${note}\n`);
          const shown = report.files.map((f) => path.relative(process.cwd(), f) || f);
          process.stdout.write(`Wrote ${shown.length} AsyncAPI document(s): ${shown.join(', ')}.\n`);
        }
      } catch (err) {
        if (err instanceof ExportTargetError) throw new UsageError(err.message);
        throw err;
      }
      setExit(0);
    });
  exportCommand
    .command('eventcatalog')
    .description('Write the model as an EventCatalog (domains, services, events, commands, channels, teams, users) into a folder, with @eventcatalog/sdk.')
    .argument('[dir]', 'workspace folder containing eventmodel.yaml', '.')
    .option('-o, --output <folder>', 'the catalog folder to write (required)')
    .option('--force', 'export into a non-empty folder (files of an earlier export are replaced, others kept)')
    .action(async (dir: string, opts: EventCatalogCliOptions) => {
      if (!opts.output) throw new UsageError('export eventcatalog needs --output <folder>: the catalog to write.');
      const workspace = loadExportable(dir);
      if (!workspace) return setExit(1);
      const { writeEventCatalog } = await import('../../node/eventcatalog.js');
      try {
        const report = await writeEventCatalog(workspace.model, opts.output, { force: Boolean(opts.force) });
        for (const note of report.notes) process.stderr.write(`note: ${note}\n`);
        const c = report.counts;
        process.stdout.write(
          `Wrote an EventCatalog to ${path.relative(process.cwd(), report.root) || '.'}: ${c.domains} domain(s), ${c.services} service(s), ${c.events} event version(s), ` +
            `${c.commands} command version(s), ${c.channels} channel(s), ${c.teams} team(s), ${c.users} user(s); ${report.files.length} file(s).\n`,
        );
      } catch (err) {
        if (err instanceof ExportTargetError) throw new UsageError(err.message);
        throw err;
      }
      setExit(0);
    });
}

/** The workspace, or undefined after printing its errors (an export of a broken model would mislead). */
function loadExportable(dir: string): Workspace | undefined {
  const { workspace } = loadWorkspace(dir);
  const errors = workspace.diagnostics('validation').filter((d) => d.severity === 'error');
  if (errors.length === 0) return workspace;
  process.stderr.write(formatText(errors, false) + '\n');
  process.stderr.write(`eventmodel export: the model has ${errors.length} error(s); fix them before exporting (nothing was written).\n`);
  return undefined;
}

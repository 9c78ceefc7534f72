import * as path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { ExportTargetError } from '../../node/export-target';
import { diskWorkspaceDiagnostics } from './import-validate';
import { UsageError } from '../errors';
import { formatText } from '../output';

interface ImportCliOptions {
  into: string;
  contextFrom: 'tags' | 'servers' | 'operations';
  messageKind: 'event' | 'command' | 'auto';
  force?: boolean;
  format: 'text' | 'json';
}

/**
 * `eventmodel import asyncapi <file>`: a new model from an AsyncAPI 2.x or 3.0 document. Invalid
 * documents are reported (exit 1, nothing written); the imported model is validated at once.
 */
export function registerImport(program: Command, setExit: (code: number) => void): void {
  const importCommand = program.command('import').description('Create a model from another tool’s description: AsyncAPI 2.x / 3.0.');
  importCommand
    .command('asyncapi')
    .description('Create a model from an AsyncAPI 2.x or 3.0 document: contexts, events and commands, payloads as $ref’d schema files, channels kept.')
    .argument('<file>', 'the AsyncAPI document (YAML or JSON)')
    .option('--into <dir>', 'folder to create the model in (must be empty unless --force)', '.')
    .addOption(
      new Option('--context-from <source>', 'what names the bounded contexts: operation/message tags, servers, or operation-id prefixes')
        .choices(['tags', 'servers', 'operations'])
        .default('tags'),
    )
    .addOption(
      new Option('--message-kind <kind>', 'events or commands: guessed per message from its name (auto), or all of one kind')
        .choices(['auto', 'event', 'command'])
        .default('auto'),
    )
    .option('--force', 'import into a non-empty folder (files of an earlier import are replaced, others kept)')
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json']).default('text'))
    .action(async (file: string, opts: ImportCliOptions) => {
      const { readAsyncApiImport, writeImport, AsyncApiInputError } = await import('../../node/asyncapi-import.js');
      let run;
      try {
        run = await readAsyncApiImport(file, { contextFrom: opts.contextFrom, messageKind: opts.messageKind });
      } catch (err) {
        if (err instanceof AsyncApiInputError) throw new UsageError(err.message);
        throw err;
      }
      const shown = path.relative(process.cwd(), path.resolve(file)) || file;
      // The parser's style warnings (no contact, no license…) say nothing about the import: only counted.
      const style = run.problems.filter((p) => p.severity === 'warning' && p.code !== 'remote-ref').length;
      const problemLines = run.problems
        .filter((p) => p.severity === 'error' || p.code === 'remote-ref')
        .map((p) => `${shown}:${p.line ?? 1}:${p.column ?? 1} ${p.severity} asyncapi/${p.code} ${p.message}${p.path ? ` (at ${p.path})` : ''}`);
      if (!run.result) {
        process.stderr.write(problemLines.join('\n') + '\n');
        const remote = run.problems.filter((p) => p.code === 'remote-ref').length;
        if (remote)
          process.stderr.write(
            `eventmodel import: ${remote} remote reference(s) cannot be fetched offline and may cause the errors above: copy those schemas next to the document and reference the files.\n`,
          );
        process.stderr.write(`eventmodel import: '${shown}' is not a valid AsyncAPI document; nothing was written.\n`);
        return setExit(1);
      }
      let written;
      try {
        written = writeImport(run.result, opts.into, Boolean(opts.force));
      } catch (err) {
        if (err instanceof ExportTargetError) throw new UsageError(err.message);
        throw err;
      }
      const diagnostics = diskWorkspaceDiagnostics(written.root);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      if (opts.format === 'json') {
        process.stdout.write(
          JSON.stringify(
            {
              into: written.root,
              contexts: run.result.contexts,
              messages: run.result.messages,
              files: written.files,
              notes: run.result.notes,
              problems: run.problems,
              validation: { errors: errors.length, warnings: diagnostics.filter((d) => d.severity === 'warning').length },
            },
            null,
            2,
          ) + '\n',
        );
      } else {
        for (const line of problemLines) process.stderr.write(`${line}\n`);
        if (style) process.stderr.write(`note: @asyncapi/parser has ${style} style warning(s) about the document (--format json lists them).\n`);
        for (const note of run.result.notes) process.stderr.write(`note: ${note}\n`);
        for (const m of run.result.messages) process.stdout.write(`${m.kind.padEnd(7)} ${m.context}.${m.name} v${m.version}  ← ${m.source}  (${m.reason})\n`);
        if (errors.length) process.stdout.write(formatText(errors, false) + '\n');
        const where = path.relative(process.cwd(), written.root) || '.';
        process.stdout.write(
          `Imported ${run.result.messages.length} message(s) into ${run.result.contexts.length} context(s) in ${where} (${written.files.length} file(s)); ` +
            `validate: ${errors.length} error(s), ${diagnostics.filter((d) => d.severity === 'warning').length} warning(s).\n`,
        );
      }
      setExit(errors.length ? 1 : 0);
    });
}

import { Option, type Command } from 'commander';
import { SEVERITY_ORDER, type Diagnostic, type Severity } from '../core';
import { UsageError } from './errors';
import { DIAGNOSTIC_FORMATS, findFormat, type DiagnosticReport } from './formats';

export { formatText, summaryLine, toJsonDiagnostic, type JsonDiagnostic } from './formats';

export function useColour(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}

/** The names of the diagnostic formats (`--format` of `validate` and `check`), from the registry in formats/. */
export const OUTPUT_FORMATS: readonly string[] = DIAGNOSTIC_FORMATS.map((f) => f.name);
export type OutputFormat = string;

export function formatOption(): Option {
  return new Option('--format <format>', 'output format').choices([...OUTPUT_FORMATS]).default('text');
}

/** When `validate` and `check` fail: the least severe finding that fails, and how many warnings are tolerated. */
export interface GateOptions {
  failOn: Severity;
  maxWarnings?: number;
}

export function addGateOptions(command: Command, defaultFailOn: Severity): Command {
  return command
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at least this severe').choices(['error', 'warning', 'info', 'hint']).default(defaultFailOn),
    )
    .addOption(
      new Option('--max-warnings <n>', 'exit 1 when there are more than N warnings (whatever --fail-on says)').argParser((value) => {
        const n = Number(value);
        if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new UsageError(`--max-warnings takes a whole number, not '${value}'.`);
        return n;
      }),
    );
}

/** 1 when a finding reaches `--fail-on` or the warnings exceed `--max-warnings`, else 0. */
export function exitCodeFor(diagnostics: readonly Diagnostic[], gate: GateOptions): 0 | 1 {
  const threshold = SEVERITY_ORDER[gate.failOn];
  if (diagnostics.some((d) => SEVERITY_ORDER[d.severity] <= threshold)) return 1;
  if (gate.maxWarnings !== undefined && diagnostics.filter((d) => d.severity === 'warning').length > gate.maxWarnings) return 1;
  return 0;
}

/** Prints diagnostics as `validate` and `check` do, in one of the registered formats. */
export function printDiagnostics(
  diagnostics: Diagnostic[],
  format: OutputFormat,
  fileCount: number,
  where: Pick<DiagnosticReport, 'root' | 'command'> = { root: process.cwd(), command: 'validate' },
): void {
  const chosen = findFormat(format);
  if (!chosen) throw new UsageError(`unknown format '${format}'; use one of ${OUTPUT_FORMATS.join(', ')}.`);
  process.stdout.write(chosen.render({ diagnostics, fileCount, ...where }, { colour: useColour(process.stdout) }));
}

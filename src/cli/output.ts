import { Option, type Command } from 'commander';
import { SEVERITY_ORDER, type Diagnostic, type Severity } from '../core';
import { UsageError } from './errors';

/** The JSON shape of a diagnostic (1-based positions): a contract scripts rely on. */
export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: string;
  message: string;
  related?: { file: string; line: number; column: number; message: string }[];
}

export function toJsonDiagnostic(d: Diagnostic): JsonDiagnostic {
  const out: JsonDiagnostic = {
    file: d.location.file,
    line: d.location.start.line + 1,
    column: d.location.start.character + 1,
    endLine: d.location.end.line + 1,
    endColumn: d.location.end.character + 1,
    severity: d.severity,
    rule: d.rule,
    message: d.message,
  };
  if (d.related?.length) {
    out.related = d.related.map((r) => ({
      file: r.location.file,
      line: r.location.start.line + 1,
      column: r.location.start.character + 1,
      message: r.message,
    }));
  }
  return out;
}

const COLOURS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[90m' };

export function formatText(diagnostics: Diagnostic[], colour: boolean): string {
  const lines = diagnostics.map((d) => {
    const where = `${d.location.file}:${d.location.start.line + 1}:${d.location.start.character + 1}`;
    const sev = colour ? `${COLOURS[d.severity]}${d.severity}\x1b[0m` : d.severity;
    const rule = colour ? `\x1b[2m${d.rule}\x1b[0m` : d.rule;
    return `${where} ${sev} ${rule} ${d.message}`;
  });
  return lines.join('\n');
}

export function summaryLine(diagnostics: Diagnostic[], fileCount: number): string {
  const count = (s: Severity) => diagnostics.filter((d) => d.severity === s).length;
  const parts = [`${count('error')} error(s)`, `${count('warning')} warning(s)`, `${count('info')} info`, `${count('hint')} hint(s)`];
  return `${diagnostics.length === 0 ? 'No problems' : parts.join(', ')} in ${fileCount} file(s).`;
}

export function useColour(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}

export const OUTPUT_FORMATS = ['text', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

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

/** Prints diagnostics as `validate` and `check` do: JSON array, or text lines plus a summary. */
export function printDiagnostics(diagnostics: Diagnostic[], format: OutputFormat, fileCount: number): void {
  if (format === 'json') {
    process.stdout.write(JSON.stringify(diagnostics.map(toJsonDiagnostic), null, 2) + '\n');
    return;
  }
  const text = formatText(diagnostics, useColour(process.stdout));
  if (text) process.stdout.write(text + '\n');
  process.stdout.write(summaryLine(diagnostics, fileCount) + '\n');
}

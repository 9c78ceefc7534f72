import type { Diagnostic, Severity } from '../core';

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
    out.related = d.related.map((r) => ({ file: r.location.file, line: r.location.start.line + 1, column: r.location.start.character + 1, message: r.message }));
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

/** Prints diagnostics as `validate` and `check` do: JSON array, or text lines plus a summary. */
export function printDiagnostics(diagnostics: Diagnostic[], format: 'text' | 'json', fileCount: number): void {
  if (format === 'json') {
    process.stdout.write(JSON.stringify(diagnostics.map(toJsonDiagnostic), null, 2) + '\n');
    return;
  }
  const text = formatText(diagnostics, useColour(process.stdout));
  if (text) process.stdout.write(text + '\n');
  process.stdout.write(summaryLine(diagnostics, fileCount) + '\n');
}

import type { Diagnostic, Severity } from '../../core';
import type { DiagnosticFormat } from './types';

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

export const jsonFormat: DiagnosticFormat = {
  name: 'json',
  description: 'an array of {file, line, column, endLine, endColumn, severity, rule, message, related?}',
  render: (report) => JSON.stringify(report.diagnostics.map(toJsonDiagnostic), null, 2) + '\n',
};

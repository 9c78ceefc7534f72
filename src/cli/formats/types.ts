import type { Diagnostic } from '../../core';

/** What `validate` and `check` hand a format: the findings and where the model lives. */
export interface DiagnosticReport {
  diagnostics: readonly Diagnostic[];
  /** Model and schema files loaded (for the summary line). */
  fileCount: number;
  /** Absolute path of the workspace folder; diagnostic paths are relative to it. */
  root: string;
  /** The command that produced the report (SARIF `automationDetails`, annotations). */
  command: 'validate' | 'check';
}

/** One `--format` of `validate` and `check`: a name, a one-line help text and a renderer. */
export interface DiagnosticFormat {
  name: string;
  description: string;
  /** The whole output, ending in a newline (or empty). */
  render(report: DiagnosticReport, options: { colour: boolean }): string;
}

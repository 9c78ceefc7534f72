import type { Diagnostic, Severity } from '../../core';
import type { DiagnosticFormat } from './types';

const COLOURS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[90m' };

/**
 * `path:line:col severity rule-id message`, 1-based, paths relative to the workspace. The
 * extension's problem matcher (package.json `problemMatchers`) parses exactly this line.
 */
export function formatText(diagnostics: readonly Diagnostic[], colour: boolean): string {
  const lines = diagnostics.map((d) => {
    const where = `${d.location.file}:${d.location.start.line + 1}:${d.location.start.character + 1}`;
    const sev = colour ? `${COLOURS[d.severity]}${d.severity}\x1b[0m` : d.severity;
    const rule = colour ? `\x1b[2m${d.rule}\x1b[0m` : d.rule;
    return `${where} ${sev} ${rule} ${d.message}`;
  });
  return lines.join('\n');
}

export function summaryLine(diagnostics: readonly Diagnostic[], fileCount: number): string {
  const count = (s: Severity) => diagnostics.filter((d) => d.severity === s).length;
  const parts = [`${count('error')} error(s)`, `${count('warning')} warning(s)`, `${count('info')} info`, `${count('hint')} hint(s)`];
  return `${diagnostics.length === 0 ? 'No problems' : parts.join(', ')} in ${fileCount} file(s).`;
}

export const textFormat: DiagnosticFormat = {
  name: 'text',
  description: 'one line per finding, then a summary (colours on a TTY)',
  render(report, { colour }) {
    const text = formatText(report.diagnostics, colour);
    return `${text ? `${text}\n` : ''}${summaryLine(report.diagnostics, report.fileCount)}\n`;
  },
};

import type { Diagnostic } from '../../core';
import { pathFromCwd } from './paths';
import { summaryLine } from './text';
import type { DiagnosticFormat, DiagnosticReport } from './types';

/**
 * GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` annotation per finding,
 * shown on the pull request's diff. Values are escaped as `@actions/core` does (`%`, CR and LF in
 * messages; also `:` and `,` in properties).
 */

export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotation(d: Diagnostic, root: string): string {
  const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
  const { start, end } = d.location;
  const oneLine = start.line === end.line;
  // GitHub accepts columns only for a one-line range; its endColumn is the last column (inclusive).
  const props: [string, string | number][] = [
    ['file', pathFromCwd(root, d.location.file)],
    ['line', start.line + 1],
    ...(oneLine ? [['col', start.character + 1] as [string, number]] : []),
    ['endLine', end.line + 1],
    ...(oneLine ? [['endColumn', Math.max(end.character, start.character + 1)] as [string, number]] : []),
    ['title', d.rule],
  ];
  const related = (d.related ?? []).map(
    (r) => `\n${pathFromCwd(root, r.location.file)}:${r.location.start.line + 1}:${r.location.start.character + 1}: ${r.message}`,
  );
  const message = `${d.message}${related.join('')}`;
  return `::${command} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(message)}`;
}

export const githubFormat: DiagnosticFormat = {
  name: 'github',
  description: 'GitHub Actions annotations (::error file=…,line=…::message), then the summary line',
  render(report: DiagnosticReport) {
    const lines = report.diagnostics.map((d) => annotation(d, report.root));
    lines.push(summaryLine(report.diagnostics, report.fileCount));
    return lines.join('\n') + '\n';
  },
};

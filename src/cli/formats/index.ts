import { githubFormat } from './github';
import { jsonFormat } from './json';
import { sarifFormat } from './sarif';
import { textFormat } from './text';
import type { DiagnosticFormat } from './types';

export type { DiagnosticFormat, DiagnosticReport } from './types';
export { formatText, summaryLine } from './text';
export { toJsonDiagnostic, type JsonDiagnostic } from './json';

/** The `--format`s of `validate` and `check`. Add one: a file in this folder and a line here. */
export const DIAGNOSTIC_FORMATS: readonly DiagnosticFormat[] = [textFormat, jsonFormat, sarifFormat, githubFormat];

export function findFormat(name: string): DiagnosticFormat | undefined {
  return DIAGNOSTIC_FORMATS.find((f) => f.name === name);
}

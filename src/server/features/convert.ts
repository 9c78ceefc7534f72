import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Range } from 'vscode-languageserver';
import type { Diagnostic, Severity, SourceRange } from '../../core';
import type { ModelFolder } from '../workspace/model-folder';

export const SOURCE = 'eventmodel';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(r: SourceRange | Range): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

/** Where a rule is documented: `<base>#<rule-id>`. */
export type RuleDocLink = (rule: string) => string | undefined;

/** A core diagnostic as LSP: rule id as code (linked to its doc), related information, quick-fix data. */
export function toLspDiagnostic(d: Diagnostic, folder: ModelFolder, docLink: RuleDocLink): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toRange(d.location),
    severity: SEVERITY[d.severity],
    source: SOURCE,
    code: d.rule,
    message: d.message,
    data: { rule: d.rule, ...(d.data ?? {}) },
  };
  const href = docLink(d.rule);
  if (href) out.codeDescription = { href };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => ({
      location: { uri: folder.uriOf(r.location.file), range: toRange(r.location) },
      message: r.message,
    }));
  }
  return out;
}

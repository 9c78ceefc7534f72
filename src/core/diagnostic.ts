/** Positions are 0-based (LSP style); the CLI prints them 1-based. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A range inside one workspace file; `file` is a workspace-relative POSIX path. */
export interface SourceRange extends Range {
  file: string;
  /** Character offsets into the file text, for editors that prefer them. */
  startOffset: number;
  endOffset: number;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface RelatedInformation {
  location: SourceRange;
  message: string;
}

export interface Diagnostic {
  /** Stable kebab-case rule id, e.g. `duplicate-name`. */
  rule: string;
  severity: Severity;
  message: string;
  location: SourceRange;
  related?: RelatedInformation[];
  /** Machine-readable facts for quick fixes (rule specific, JSON-serialisable). */
  data?: Record<string, unknown>;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.location.file.localeCompare(b.location.file) ||
    a.location.startOffset - b.location.startOffset ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.rule.localeCompare(b.rule) ||
    a.message.localeCompare(b.message)
  );
}

import type { Diagnostic, RelatedInformation, Severity, SeveritySetting, SourceRange } from '../diagnostic';
import type { Model } from '../model/model';
import type { LoadedFile } from '../model/source';
import type { ContextDef } from '../model/types';

export interface Finding {
  message: string;
  location: SourceRange;
  related?: RelatedInformation[];
  data?: Record<string, unknown>;
  /** Overrides the rule's severity for this finding (e.g. `naming`'s past-tense hint). */
  severity?: Severity;
}

export type Report = (finding: Finding) => void;

/** `validation` findings come from `eventmodel validate`, `compatibility` ones from `eventmodel check`; the editor shows both. */
export type RuleCategory = 'validation' | 'compatibility';

/**
 * A validation rule, ESLint style: one file, a stable id, a default severity, a one-line doc.
 * - `checkFile` sees one file at a time (its results are cached until that file or the manifest
 *   changes);
 * - `checkInModel` reports the model-scoped findings one file gives rise to (its context's
 *   references, its events' consumers, its `$ref`s…), reading the rest of the model only through
 *   `model.index` and `model.files`: the workspace records what it read and re-runs it only when
 *   one of those changed (or the file, or the manifest). It must not iterate `model.contexts`;
 *   `model.index.contextsReferringTo(name)` says who refers to a context;
 * - `summarize` + `checkSummaries` are for findings no single file owns (a cycle through several
 *   contexts): `summarize` extracts what one file contributes, dependency-tracked and reused like
 *   `checkInModel`; `checkSummaries` combines every file's summary (model order, files without one
 *   left out), reads nothing else, and runs again only when a summary is a new one (`memo` keeps
 *   what it wants of its last run in this workspace);
 * - `checkModel` sees the whole model (it runs after every edit and must stay cheap).
 * `scope` names the main one; a rule may have several.
 */
export interface Rule {
  id: string;
  /** `off`: the rule reports only where a setting (manifest `rules:` or the editor's) names a severity for it. */
  defaultSeverity: SeveritySetting;
  doc: string;
  scope: 'file' | 'model';
  category?: RuleCategory;
  checkFile?(file: LoadedFile, context: ContextDef | undefined, model: Model, report: Report): void;
  checkInModel?(file: LoadedFile, context: ContextDef | undefined, model: Model, report: Report): void;
  summarize?(file: LoadedFile, context: ContextDef | undefined, model: Model): unknown;
  checkSummaries?(summaries: readonly unknown[], report: Report, memo: { value?: unknown }): void;
  checkModel?(model: Model, report: Report): void;
}

export function toDiagnostic(rule: Rule, finding: Finding): Diagnostic {
  const d: Diagnostic = {
    rule: rule.id,
    severity: finding.severity ?? (rule.defaultSeverity === 'off' ? 'warning' : rule.defaultSeverity),
    message: finding.message,
    location: finding.location,
  };
  if (finding.related?.length) d.related = finding.related;
  if (finding.data) d.data = finding.data;
  return d;
}

import { compareDiagnostics, type Diagnostic, type SeveritySetting, type SourceRange } from '../diagnostic';
import { compareWithBaseline } from '../evolution/baseline';
import type { WorkspaceHost } from '../model/host';
import { ModelLoader } from '../model/loader';
import type { Model } from '../model/model';
import type { DefaultOverrides } from '../model/parse-manifest';
import type { LoadedFile } from '../model/source';
import type { ContextDef } from '../model/types';
import { ALL_RULES, RULE_IDS } from '../rules/registry';
import { toDiagnostic, type Rule, type RuleCategory } from '../rules/rule';
import { schema } from '../rules/schema';
import { ModelChecks } from './model-checks';
import { applySeverity, severitySettings, unknownRuleIds } from './severity';

export interface WorkspaceOptions {
  /** Severities from the editor's settings; the manifest's `rules:` take precedence. */
  severity?: Record<string, SeveritySetting>;
  /** The rule set (defaults to every built-in rule). */
  rules?: readonly Rule[];
  /** Compatibility defaults from the editor's settings, used where the manifest sets none. */
  defaults?: DefaultOverrides;
}

/** Raw findings of the file-scoped rules for one parse of a file, under one manifest. */
interface FileFindings {
  stamp: number;
  diagnostics: Diagnostic[];
}

/** One file's diagnostics as last published: the raw findings and the result (severities applied, sorted). */
interface FileDiagnostics {
  raw: Diagnostic[];
  severityKey: string;
  diagnostics: Diagnostic[];
}

/**
 * The build phases of a workspace folder: load (incremental, see {@link ModelLoader}) → rules →
 * severities. Every front end (CLI, language server) asks this class, so they report the same.
 * File-scoped findings are kept per parsed file until that file or the manifest changes; the
 * model-scoped ones per file until something they read changes (see {@link ModelChecks}); each
 * file's sorted list is rebuilt only when its findings changed, and keeps its identity otherwise.
 */
export class Workspace {
  private readonly loader: ModelLoader;
  private readonly rules: readonly Rule[];
  private readonly fileFindings = new WeakMap<LoadedFile, FileFindings>();
  private readonly modelChecks: ModelChecks;
  private currentModel?: Model;
  private current?: { all?: Diagnostic[]; byFile: Map<string, FileDiagnostics>; byCategory: Map<RuleCategory, Diagnostic[]> };
  private previousByFile = new Map<string, FileDiagnostics>();
  /** Bumped when cached model-scoped findings may be stale for reasons no dependency records (a reload). */
  private epoch = 0;

  constructor(
    host: WorkspaceHost,
    private readonly options: WorkspaceOptions = {},
  ) {
    this.loader = new ModelLoader(host, { defaults: options.defaults });
    this.rules = options.rules ?? ALL_RULES;
    this.modelChecks = new ModelChecks(this.rules);
  }

  /** Re-reads the file list and every file from the host (unchanged texts keep their parse). */
  reload(): Model {
    this.epoch++;
    this.loader.reload();
    return this.model;
  }

  /**
   * One file changed: `text` is the editor's (possibly unsaved) content; `undefined` drops any
   * overlay and re-reads the file from the host (or notes its deletion).
   */
  update(path: string, text?: string): void {
    // A `$ref` target that was not loaded may now be a link leading outside: its message changes
    // while the file stays absent from the model, which no dependency sees.
    const model = this.currentModel;
    if (model && !model.files.has(path) && model.schemaLinks.some((l) => l.target === path)) this.epoch++;
    this.loader.update(path, text);
  }

  /** Editor severity settings changed. */
  setSeverity(severity: Record<string, SeveritySetting>): void {
    this.options.severity = severity;
    this.current = undefined;
  }

  get model(): Model {
    const model = this.loader.model;
    if (model !== this.currentModel) {
      this.currentModel = model;
      this.current = undefined;
    }
    return model;
  }

  /** The files the model consists of (manifest, contexts, external schemas). */
  files(): string[] {
    return [...this.model.files.keys()];
  }

  /** Severity per rule id as configured (manifest first, then the editor's settings). */
  severities(): Map<string, SeveritySetting> {
    return severitySettings(this.model.manifest, this.options.severity);
  }

  /**
   * Every diagnostic of the model, severities applied, sorted by file and position; optionally
   * only one category of rules (`validate` shows validation, `check` compatibility, the editor both).
   */
  diagnostics(category?: RuleCategory): Diagnostic[] {
    const current = this.compute();
    if (!current.all) {
      // The files in order, each file's list as it is (the server reads them per file instead).
      current.all = [];
      for (const file of [...current.byFile.keys()].sort((a, b) => a.localeCompare(b)))
        for (const d of current.byFile.get(file)!.diagnostics) current.all.push(d);
    }
    if (!category) return current.all;
    let list = current.byCategory.get(category);
    if (!list) {
      const ids = new Set(this.rules.filter((r) => (r.category ?? 'validation') === category).map((r) => r.id));
      list = current.all.filter((d) => ids.has(d.rule));
      current.byCategory.set(category, list);
    }
    return list;
  }

  /**
   * The diagnostics of each file that has any (as {@link diagnostics}, grouped). A file's list is
   * the same array as after the previous edit when its diagnostics did not change, so a front end
   * can re-send only the files whose list is a new one.
   */
  diagnosticsByFile(): ReadonlyMap<string, readonly Diagnostic[]> {
    const out = new Map<string, readonly Diagnostic[]>();
    for (const [file, d] of this.compute().byFile) if (d.diagnostics.length > 0) out.set(file, d.diagnostics);
    return out;
  }

  /** Files whose model-scoped checks ran for the last model (the others' findings were reused). */
  lastCheckedFiles(): readonly string[] {
    this.compute();
    return this.modelChecks.lastChecked;
  }

  /**
   * Findings of this model against a published `baseline` (see core/evolution/baseline), severities
   * applied, without those the model's own check already reports at the same node for the same change.
   */
  baselineDiagnostics(baseline: Model, label: string): Diagnostic[] {
    const key = (d: Diagnostic) => `${d.rule}|${d.location.file}|${d.location.startOffset}|${String(d.data?.type ?? d.message)}`;
    const seen = new Set(this.diagnostics().map(key));
    return applySeverity(compareWithBaseline(baseline, this.model, label), this.severities())
      .filter((d) => !seen.has(key(d)))
      .sort(compareDiagnostics);
  }

  private compute(): NonNullable<Workspace['current']> {
    const model = this.model;
    if (this.current) return this.current;
    const raw = this.rawFindings(model);
    const settings = this.severities();
    const severityKey = [...settings].join(';');
    const byFile = new Map<string, FileDiagnostics>();
    for (const [file, list] of raw) {
      const previous = this.previousByFile.get(file);
      if (previous && previous.severityKey === severityKey && (sameList(previous.raw, list) || sameFindings(previous.raw, list))) {
        // Findings checked again but equal keep the file's list as it was.
        byFile.set(file, previous.raw === list ? previous : { ...previous, raw: list });
        continue;
      }
      byFile.set(file, { raw: list, severityKey, diagnostics: withoutRepeats(applySeverity(list, settings).sort(compareDiagnostics)) });
    }
    this.previousByFile = byFile;
    this.current = { byFile, byCategory: new Map() };
    return this.current;
  }

  /** Every raw finding (no severities), grouped by the file it points into, each group in rule order. */
  private rawFindings(model: Model): Map<string, Diagnostic[]> {
    const byFile = new Map<string, Diagnostic[]>();
    // Findings come in runs of one file: the last file's list is at hand.
    let lastFile: string | undefined;
    let lastList: Diagnostic[] = [];
    const add = (d: Diagnostic) => {
      const file = d.location.file;
      if (file !== lastFile) {
        lastFile = file;
        let list = byFile.get(file);
        if (!list) byFile.set(file, (list = []));
        lastList = list;
      }
      lastList.push(d);
    };
    const stamp = this.loader.configStamp;
    let contextsByFile: Map<string, ContextDef> | undefined;
    const contextOf = (loaded: LoadedFile) => {
      if (loaded.kind !== 'context') return undefined;
      if (!contextsByFile) contextsByFile = new Map(model.contexts.map((c) => [c.file, c]));
      return contextsByFile.get(loaded.path);
    };
    for (const loaded of model.files.values()) {
      const cached = this.fileFindings.get(loaded);
      if (cached && cached.stamp === stamp) {
        for (const d of cached.diagnostics) add(d);
        continue;
      }
      const context = contextOf(loaded);
      const found: Diagnostic[] = [];
      for (const rule of this.rules) {
        if (!rule.checkFile) continue;
        rule.checkFile(loaded, context, model, (f) => found.push(toDiagnostic(rule, f)));
      }
      this.fileFindings.set(loaded, { stamp, diagnostics: found });
      for (const d of found) add(d);
    }
    if (model.manifest && this.rules.includes(schema)) {
      for (const f of unknownRuleIds(model.manifest, RULE_IDS)) add(toDiagnostic(schema, f));
    }
    const inModel = this.modelChecks.run(model, `${stamp}:${this.epoch}`, contextOf);
    // Whole-model checks run after every edit and keep nothing: one that is off (spec-missing by
    // default) is not run at all. The cached per-file checks run regardless (a setting may change).
    const settings = this.severities();
    for (const rule of this.rules) {
      const found = inModel.get(rule);
      if (found) for (const list of found) for (const d of list) add(d);
      if (rule.checkModel && settings.get(rule.id) !== 'off') rule.checkModel(model, (f) => add(toDiagnostic(rule, f)));
    }
    return byFile;
  }
}

/**
 * A sorted list without findings that say the same thing at the same place (a YAML alias repeats
 * its anchor's node, so a finding inside the anchor would otherwise appear once per use).
 */
function withoutRepeats(sorted: Diagnostic[]): Diagnostic[] {
  let seen: Set<string> | undefined;
  let at = -1;
  const out: Diagnostic[] = [];
  for (const d of sorted) {
    if (d.location.startOffset !== at) {
      at = d.location.startOffset;
      seen = undefined;
    }
    const key = `${d.rule}\u0000${d.location.endOffset}\u0000${d.severity}\u0000${d.message}`;
    if (seen?.has(key)) continue;
    (seen ??= new Set()).add(key);
    out.push(d);
  }
  return out.length === sorted.length ? sorted : out;
}

/** Whether two lists of findings say the same (rule, severity, message, place, related, data), in the same order. */
function sameFindings(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x.rule !== y.rule || x.severity !== y.severity || x.message !== y.message || !sameRange(x.location, y.location)) return false;
    const xr = x.related ?? [];
    const yr = y.related ?? [];
    if (xr.length !== yr.length || xr.some((r, k) => r.message !== yr[k].message || !sameRange(r.location, yr[k].location))) return false;
    if (x.data !== y.data && JSON.stringify(x.data) !== JSON.stringify(y.data)) return false;
  }
  return true;
}

function sameRange(a: SourceRange, b: SourceRange): boolean {
  return (
    a.file === b.file &&
    a.startOffset === b.startOffset &&
    a.endOffset === b.endOffset &&
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

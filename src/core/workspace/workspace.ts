import { compareDiagnostics, type Diagnostic, type SeveritySetting } from '../diagnostic';
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

/**
 * The build phases of a workspace folder: load (incremental, see {@link ModelLoader}) → rules →
 * severities. Every front end (CLI, language server) asks this class, so they report the same.
 * File-scoped findings are kept per parsed file until that file or the manifest changes.
 */
export class Workspace {
  private readonly loader: ModelLoader;
  private readonly rules: readonly Rule[];
  private readonly fileFindings = new WeakMap<LoadedFile, FileFindings>();
  private currentModel?: Model;
  private currentDiagnostics?: Diagnostic[];

  constructor(
    host: WorkspaceHost,
    private readonly options: WorkspaceOptions = {},
  ) {
    this.loader = new ModelLoader(host, { defaults: options.defaults });
    this.rules = options.rules ?? ALL_RULES;
  }

  /** Re-reads the file list and every file from the host (unchanged texts keep their parse). */
  reload(): Model {
    this.loader.reload();
    return this.model;
  }

  /**
   * One file changed: `text` is the editor's (possibly unsaved) content; `undefined` drops any
   * overlay and re-reads the file from the host (or notes its deletion).
   */
  update(path: string, text?: string): void {
    this.loader.update(path, text);
  }

  /** Editor severity settings changed. */
  setSeverity(severity: Record<string, SeveritySetting>): void {
    this.options.severity = severity;
    this.currentDiagnostics = undefined;
  }

  get model(): Model {
    const model = this.loader.model;
    if (model !== this.currentModel) {
      this.currentModel = model;
      this.currentDiagnostics = undefined;
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
    const model = this.model;
    if (!this.currentDiagnostics) this.currentDiagnostics = this.computeDiagnostics(model);
    if (!category) return this.currentDiagnostics;
    const ids = new Set(this.rules.filter((r) => (r.category ?? 'validation') === category).map((r) => r.id));
    return this.currentDiagnostics.filter((d) => ids.has(d.rule));
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

  private computeDiagnostics(model: Model): Diagnostic[] {
    const raw: Diagnostic[] = [];
    const stamp = this.loader.configStamp;
    let contextsByFile: Map<string, ContextDef> | undefined;
    for (const loaded of model.files.values()) {
      const cached = this.fileFindings.get(loaded);
      if (cached && cached.stamp === stamp) {
        for (const d of cached.diagnostics) raw.push(d);
        continue;
      }
      if (!contextsByFile) contextsByFile = new Map(model.contexts.map((c) => [c.file, c]));
      const context = loaded.kind === 'context' ? contextsByFile.get(loaded.path) : undefined;
      const found: Diagnostic[] = [];
      for (const rule of this.rules) {
        if (!rule.checkFile) continue;
        rule.checkFile(loaded, context, model, (f) => found.push(toDiagnostic(rule, f)));
      }
      this.fileFindings.set(loaded, { stamp, diagnostics: found });
      for (const d of found) raw.push(d);
    }
    if (model.manifest && this.rules.includes(schema)) {
      for (const f of unknownRuleIds(model.manifest, RULE_IDS)) raw.push(toDiagnostic(schema, f));
    }
    for (const rule of this.rules) {
      if (!rule.checkModel) continue;
      rule.checkModel(model, (f) => raw.push(toDiagnostic(rule, f)));
    }
    return applySeverity(raw, this.severities()).sort(compareDiagnostics);
  }
}

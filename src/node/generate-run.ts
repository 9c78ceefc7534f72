import type { Diagnostic, Workspace } from '../core';
import { planGeneration, type GenerationCache, type GenerationPlan } from '../core/codegen';
import { packageModuleSystem } from './generate-module';
import { loadTemplates, type LoadedTemplates } from './generate-templates';
import { writePlan, type WriteMode, type WriteReport } from './generate-writer';

export interface GenerateOptions {
  mode: WriteMode;
  /** Honour the manifest's `generate.templates` (the editor passes false in an untrusted workspace). */
  allowWorkspaceTemplates: boolean;
  /** Folder of the built-in templates (default: the package's `templates/`). */
  builtinTemplatesDir?: string;
  /** Reused across runs by long-lived callers (editor, watch mode). */
  cache?: GenerationCache;
  schemaBaseUri?: string;
}

export interface GenerateResult {
  /**
   * ok: planned and (in write mode) written; refused: the model has errors (`diagnostics`);
   * failed: planning or writing reported problems (`plan.problems`, `report.problems`, `templates.errors`).
   */
  status: 'ok' | 'refused' | 'failed';
  diagnostics: Diagnostic[];
  templates?: LoadedTemplates;
  plan?: GenerationPlan;
  report?: WriteReport;
}

/**
 * `eventmodel generate` for one workspace folder, shared by the CLI and the editor: refuses a model
 * with errors, loads templates, plans, writes (or checks / lists).
 */
export async function generateWorkspace(root: string, workspace: Workspace, options: GenerateOptions): Promise<GenerateResult> {
  const errors = workspace.diagnostics().filter((d) => d.severity === 'error');
  if (errors.length > 0) return { status: 'refused', diagnostics: errors };
  const model = workspace.model;
  const templates = loadTemplates(root, model.manifest?.generate.templates, {
    allowWorkspaceTemplates: options.allowWorkspaceTemplates,
    builtinDir: options.builtinTemplatesDir,
  });
  if (templates.errors.length > 0) return { status: 'failed', diagnostics: [], templates };
  // The manifest's generate.module wins; else the package.json Node will read for the output decides.
  const defaultModule = model.manifest?.generate.module ? undefined : packageModuleSystem(root, model.manifest?.generate.outDir ?? '.').module;
  const plan = await planGeneration(model, { templates: templates.templates, cache: options.cache, schemaBaseUri: options.schemaBaseUri, defaultModule });
  if (plan.problems.some((p) => p.severity === 'error')) return { status: 'failed', diagnostics: [], templates, plan };
  const report = writePlan(root, plan, options.mode);
  return { status: report.problems.length > 0 ? 'failed' : 'ok', diagnostics: [], templates, plan, report };
}

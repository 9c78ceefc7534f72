import type { Diagnostic, Workspace } from '../core';
import { GenerationCache, planGeneration, type GenerationPlan } from '../core/codegen';
import { recordRun, type RecordingHost } from './generate-cache';
import { ContextStore } from './generate-store';
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
  /**
   * Persist the run in the workspace's generation cache (see generate-cache.ts): the host the
   * workspace was loaded through, which recorded every read. Only a successful write run is recorded.
   */
  record?: RecordingHost;
  /** Planned contexts of earlier runs (default with `record`: the workspace's `.eventmodel/cache/contexts/`). */
  store?: ContextStore;
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
  const moduleProbe = model.manifest?.generate.module ? undefined : (model.manifest?.generate.outDir ?? '.');
  const defaultModule = moduleProbe === undefined ? undefined : packageModuleSystem(root, moduleProbe).module;
  const cacheOptions = {
    allowWorkspaceTemplates: options.allowWorkspaceTemplates,
    builtinTemplatesDir: options.builtinTemplatesDir,
    schemaBaseUri: options.schemaBaseUri,
  };
  // A recorded run also reuses the contexts earlier runs stored (see generate-cache.ts).
  const store = options.store ?? (options.record ? new ContextStore(root, cacheOptions) : undefined);
  const cache = options.cache ?? (store ? new GenerationCache({ fallback: (key) => store.get(key) }) : new GenerationCache());
  const plan = await planGeneration(model, { templates: templates.templates, cache, schemaBaseUri: options.schemaBaseUri, defaultModule });
  if (plan.problems.some((p) => p.severity === 'error')) return { status: 'failed', diagnostics: [], templates, plan };
  const writeStartedMs = Date.now();
  const report = writePlan(root, plan, options.mode);
  const status = report.problems.length > 0 ? 'failed' : 'ok';
  if (options.record && options.mode === 'write' && status === 'ok')
    recordRun(root, {
      host: options.record,
      options: cacheOptions,
      templatesDir: model.manifest?.generate.templates,
      moduleProbe,
      module: defaultModule,
      templates,
      plan,
      report,
      writeStartedMs,
      contexts: store && { cache, store },
    });
  return { status, diagnostics: [], templates, plan, report };
}

/**
 * The Event Modeler language server: LSP over the pure core. Started by the VS Code client over
 * Node IPC (`node dist/server.js --node-ipc`); also runs over stdio for other editors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createConnection,
  DidChangeConfigurationNotification,
  CodeLensRefreshRequest,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  ResponseError,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from './features/code-actions';
import { codeLenses, executeSpecCommand, SPEC_COMMANDS } from './features/code-lens';
import { completion } from './features/completion';
import { DiagnosticsScheduler } from './features/diagnostics';
import { SpecRuns } from './features/spec-runs';
import { generate } from './commands/generate';
import { exportMap, mapView, prewarmMapWhenIdle } from './commands/map';
import { checkAgainst } from './commands/compat-git';
import { listRefs } from './commands/git';
import { hover } from './features/hover';
import { definition, highlights, references } from './features/navigation';
import { planNewContext } from './commands/new-context';
import { exportModel } from './commands/export';
import { pathToUri } from './workspace/paths';
import * as ext from '../protocol/lsp-ext';
import type {
  CheckAgainstParams,
  Environment,
  FolderParams,
  FolderStatus,
  GenerateResult,
  MapExportParams,
  MapExportResult,
  MapParams,
  MapResult,
  NewContextParams,
} from '../protocol/lsp-ext';
import { prepareRename, rename } from './features/rename';
import type { Services } from './services';
import type { ModelFolder } from './workspace/model-folder';
import type { Model } from '../core';
import { DEFAULT_SETTINGS, normalizeSettings, type ServerSettings } from './workspace/settings';
import { documentSymbols, workspaceSymbols } from './features/symbols';
import { WorkspaceManager } from './workspace/workspaces';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let settings: ServerSettings = DEFAULT_SETTINGS;
let env: Environment = { trusted: true, yamlValidates: false };
let rulesDocBase: string | undefined;
let canPullConfiguration = false;
let canWatchFolders = false;
let canRefreshLenses = false;

const log = (message: string) => connection.console.log(message);

const workspaces = new WorkspaceManager(
  () => settings,
  (folder) => scheduler.clear(folder),
);

/** `docs/rules.md#<id>`: from the client (the packaged docs or the repository), else next to the bundle. */
function docLink(rule: string): string | undefined {
  const base = rulesDocBase ?? defaultRulesDoc();
  return base ? `${base}#${rule}` : undefined;
}
let cachedRulesDoc: string | null | undefined;
function defaultRulesDoc(): string | undefined {
  if (cachedRulesDoc === undefined) {
    const file = [path.join(__dirname, '..', 'docs', 'rules.md'), path.join(__dirname, '..', '..', 'docs', 'rules.md')].find((f) => fs.existsSync(f));
    cachedRulesDoc = file ? pathToUri(file) : null;
  }
  return cachedRulesDoc ?? undefined;
}

let lastStatus = '';
/** The model each folder's last `modelChanged` notification announced. */
const notifiedModels = new WeakMap<ModelFolder, Model>();
const scheduler = new DiagnosticsScheduler(
  connection,
  () => settings,
  () => env,
  docLink,
  (folders: FolderStatus[], busy: boolean) => {
    const json = JSON.stringify({ folders, busy });
    if (json === lastStatus) return;
    lastStatus = json;
    void connection.sendNotification(ext.status, { folders, busy });
  },
  log,
  (folder) => {
    prewarmMapWhenIdle(folder, log);
    // Open maps re-request their view, only when the check saw a new model.
    const model = folder.model;
    if (notifiedModels.get(folder) === model) return;
    notifiedModels.set(folder, model);
    void connection.sendNotification(ext.modelChanged, { folder: folder.uri });
  },
);

const services: Services = { workspaces, documents, settings: () => settings, env: () => env, log };

/** Runs of the generated spec tests ("Run specs" CodeLenses), with their outcomes per folder. */
const specRuns = new SpecRuns({ trusted: () => env.trusted, generate: (folder) => generate(folder, env, scheduler), log });

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const init = (params.initializationOptions ?? {}) as { environment?: Environment; settings?: unknown; rulesDocBase?: string };
  if (init.environment) env = { ...env, ...init.environment };
  if (init.settings) settings = normalizeSettings(init.settings);
  if (typeof init.rulesDocBase === 'string' && init.rulesDocBase) rulesDocBase = init.rulesDocBase;
  canPullConfiguration = Boolean(params.capabilities.workspace?.configuration);
  canWatchFolders = Boolean(params.capabilities.workspace?.workspaceFolders);
  canRefreshLenses = Boolean(params.capabilities.workspace?.codeLens?.refreshSupport);
  const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
  for (const f of folders) workspaces.addWorkspaceFolder(f.uri);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      completionProvider: { triggerCharacters: ['.', '@', ' ', '[', ','], resolveProvider: false },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: { label: 'Event Modeler' },
      workspaceSymbolProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite], resolveProvider: false },
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: SPEC_COMMANDS },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'eventmodel-language-server' },
  };
});

connection.onInitialized(async () => {
  if (canPullConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'eventModeler' });
    await pullSettings();
    workspaces.reconfigure();
  }
  for (const folder of workspaces.all()) scheduler.schedule(folder, 0);
  if (canWatchFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      for (const f of e.removed) workspaces.removeWorkspaceFolder(f.uri);
      for (const f of e.added) {
        const folder = workspaces.addWorkspaceFolder(f.uri);
        if (folder) scheduler.schedule(folder, 0);
      }
    });
  }
});

async function pullSettings(): Promise<void> {
  try {
    const raw = await connection.workspace.getConfiguration('eventModeler');
    settings = normalizeSettings(raw);
  } catch (err) {
    log(`Could not read settings: ${err}`);
  }
}

connection.onDidChangeConfiguration(async (change) => {
  if (canPullConfiguration) await pullSettings();
  else settings = normalizeSettings((change.settings as { eventModeler?: unknown } | undefined)?.eventModeler);
  workspaces.reconfigure();
  for (const folder of workspaces.all()) scheduler.schedule(folder, 0);
});

connection.onNotification(ext.environment, (e: Environment) => {
  env = { ...env, ...e };
  for (const folder of workspaces.all()) {
    folder.generation++;
    scheduler.schedule(folder, 0);
  }
});

// --- documents: unsaved buffers are overlays of the folder's workspace ----------------------------

documents.onDidOpen((e) => {
  const folder = workspaces.discover(e.document.uri);
  const rel = folder?.relOf(e.document.uri);
  if (!folder || rel === undefined) return;
  folder.open(rel, e.document.getText());
  scheduler.schedule(folder);
});

documents.onDidChangeContent((e) => {
  const folder = workspaces.folderOf(e.document.uri);
  const rel = folder?.relOf(e.document.uri);
  if (!folder || rel === undefined) return;
  const relevant = folder.affectsModel(rel);
  folder.open(rel, e.document.getText(), relevant);
  // Typing in a YAML or JSON file that is not part of the model re-checks nothing.
  if (relevant) scheduler.schedule(folder);
});

documents.onDidClose((e) => {
  const folder = workspaces.folderOf(e.document.uri);
  const rel = folder?.relOf(e.document.uri);
  if (!folder || rel === undefined) return;
  folder.close(rel);
  scheduler.schedule(folder);
});

documents.onDidSave(async (e) => {
  if (!settings.generateOnSave || !env.trusted) return;
  const folder = workspaces.folderOf(e.document.uri);
  const rel = folder?.relOf(e.document.uri);
  if (!folder || rel === undefined || !folder.isModelFile(rel)) return;
  const result = await generate(folder, env, scheduler);
  log(`Generate on save (${folder.root}): ${result.ok ? `${result.created.length} created, ${result.updated.length} updated` : result.message}`);
});

connection.onDidChangeWatchedFiles((params) => {
  for (const folder of workspaces.filesChanged(params.changes)) scheduler.schedule(folder);
});

// --- language features -------------------------------------------------------------------------

const guard =
  <P, R>(name: string, fn: (services: Services, params: P) => R) =>
  (params: P): R | null => {
    try {
      return fn(services, params);
    } catch (err) {
      if (err instanceof ResponseError) throw err; // a message for the user (e.g. an invalid new name)
      log(`${name} failed: ${(err as Error)?.stack ?? err}`);
      return null;
    }
  };

connection.onCompletion(guard('completion', completion));
connection.onHover(guard('hover', hover));
connection.onDefinition(guard('definition', definition));
connection.onReferences(guard('references', references));
connection.onDocumentHighlight(guard('highlight', highlights));
connection.onPrepareRename(guard('prepareRename', prepareRename));
connection.onRenameRequest(guard('rename', rename));
connection.onDocumentSymbol(guard('documentSymbol', documentSymbols));
connection.onWorkspaceSymbol(guard('workspaceSymbol', workspaceSymbols));
connection.onCodeAction(guard('codeAction', codeActions));
connection.onCodeLens(guard('codeLens', (s, p: Parameters<typeof codeLenses>[2]) => codeLenses(s, specRuns, p)));
connection.onExecuteCommand((params) =>
  executeSpecCommand(
    services,
    {
      runs: specRuns,
      refreshLenses: () => {
        if (canRefreshLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      },
      show: (kind, message) => void (kind === 'error' ? connection.window.showErrorMessage(message) : connection.window.showInformationMessage(message)),
    },
    params,
  ),
);

// --- commands (custom requests) ------------------------------------------------------------------

connection.onRequest(ext.modelFolders, () => ({
  folders: workspaces.all().map((f) => ({ uri: f.uri, root: f.root, model: f.model.manifest?.model })),
}));

connection.onRequest(ext.generate, async (params: FolderParams): Promise<GenerateResult> => {
  const folder = workspaces.pick(params.folder);
  if (!folder) return { ok: false, message: 'No eventmodel.yaml in this workspace.', created: [], updated: [], kept: [], deleted: [], log: [], ms: 0 };
  return generate(folder, env, scheduler);
});

connection.onRequest(ext.gitRefs, async (params: FolderParams) => {
  const folder = workspaces.pick(params.folder);
  if (!folder) return { refs: [], message: 'No eventmodel.yaml in this workspace.' };
  if (!env.trusted) return { refs: [], message: 'Comparing against git is disabled in Restricted Mode: trust the workspace first.' };
  return listRefs(folder.root, settings.compatibility.gitRef || undefined);
});

connection.onRequest(ext.checkAgainst, async (params: CheckAgainstParams) => {
  const folder = workspaces.pick(params.folder);
  if (!folder) return { ok: false, message: 'No eventmodel.yaml in this workspace.', diagnostics: [], summary: '' };
  if (!env.trusted)
    return { ok: false, message: 'Comparing against git is disabled in Restricted Mode: trust the workspace first.', diagnostics: [], summary: '' };
  return checkAgainst(folder, params.ref, docLink);
});

connection.onRequest(ext.newContext, (params: NewContextParams) => {
  const folder = workspaces.pick(params.folder ?? params.directory);
  if (!folder) return { ok: false, message: 'No eventmodel.yaml in this workspace.' };
  return planNewContext(folder, params);
});

connection.onRequest(ext.map, async (params: MapParams): Promise<MapResult> => {
  const folder = workspaces.pick(params.folder);
  if (!folder) return { ok: false, message: 'No eventmodel.yaml in this workspace.' };
  return mapView(folder, params);
});

connection.onRequest(ext.mapExport, async (params: MapExportParams): Promise<MapExportResult> => {
  const folder = workspaces.pick(params.folder);
  if (!folder) return { ok: false, message: 'No eventmodel.yaml in this workspace.' };
  return exportMap(folder, params);
});

connection.onRequest(ext.exportModel, async (params: ext.ExportParams): Promise<ext.ExportResult> => {
  const folder = workspaces.pick(params.folder);
  if (!folder) return { ok: false, message: 'No eventmodel.yaml in this workspace.', files: [], notes: [], summary: '', ms: 0 };
  return exportModel(folder, params, env, scheduler);
});

/** For tests and benchmarks: resolves when every pending check has been published. */
connection.onRequest(ext.idle, async () => {
  await scheduler.idle();
  return { idle: true, pid: process.pid };
});

process.on('uncaughtException', (err) => log(`Uncaught: ${err?.stack ?? err}`));
process.on('unhandledRejection', (err) => log(`Unhandled rejection: ${(err as Error)?.stack ?? err}`));

documents.listen(connection);
connection.listen();

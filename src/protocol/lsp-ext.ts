/**
 * The custom part of the client ↔ server protocol (everything else is plain LSP), as typed
 * `RequestType` / `NotificationType` objects: the server registers handlers with them and the
 * VS Code client sends with them, so a method name or a parameter shape cannot drift apart.
 * Imported by both sides; nothing here runs more than the type constructors.
 */
import { NotificationType, RequestType, RequestType0, type Diagnostic as LspDiagnostic } from 'vscode-languageserver-protocol';
import type { MapRequest } from '../core/map/export';
import type { LaidOutGraph } from '../core/map/types';
import type { CommandChoice } from './webview';

/** Client → server: facts only the editor knows. */
export interface Environment {
  /** Workspace trust: generation and git access are refused while false. */
  trusted: boolean;
  /** Red Hat YAML is installed and validates YAML (`yaml.validate`). */
  yamlValidates: boolean;
}
export const environment = new NotificationType<Environment>('eventModeler/environment');

/** Server → client, after every check: counts for the status bar and `when` clauses. */
export interface FolderStatus {
  /** Absolute path and URI of the folder holding eventmodel.yaml. */
  root: string;
  uri: string;
  model?: string;
  errors: number;
  warnings: number;
  infos: number;
  /** Absolute paths of the model's files (for menus' `resourcePath in …`). */
  files: string[];
  /** Milliseconds the last check took (load + rules). */
  checkMs: number;
}
export interface StatusParams {
  folders: FolderStatus[];
  /** Set while a check is pending or running. */
  busy: boolean;
}
export const status = new NotificationType<StatusParams>('eventModeler/status');

export interface FolderParams {
  /** URI of the model folder, or of any file inside it; the only folder when omitted. */
  folder?: string;
}

export interface GenerateResult {
  ok: boolean;
  /** Why nothing was generated (untrusted workspace, no codegen, errors in the model). */
  message?: string;
  created: string[];
  updated: string[];
  kept: string[];
  deleted: string[];
  /** URI of the generated-code folder. */
  outDir?: string;
  /** Lines for the output channel. */
  log: string[];
  ms: number;
}
export const generate = new RequestType<FolderParams, GenerateResult, void>('eventModeler/generate');

export interface GitRefsResult {
  refs: { name: string; description?: string }[];
  defaultRef?: string;
  message?: string;
}
export const gitRefs = new RequestType<FolderParams, GitRefsResult, void>('eventModeler/gitRefs');

export interface CheckAgainstParams extends FolderParams {
  ref: string;
}
export interface CheckAgainstResult {
  ok: boolean;
  message?: string;
  /** Compatibility diagnostics by document URI. */
  diagnostics: { uri: string; diagnostics: LspDiagnostic[] }[];
  summary: string;
}
export const checkAgainst = new RequestType<CheckAgainstParams, CheckAgainstResult, void>('eventModeler/checkAgainst');

export interface NewContextParams extends FolderParams {
  name: string;
  /** Folder the user picked (explorer context menu); the first include glob's folder otherwise. */
  directory?: string;
}
export interface NewContextResult {
  ok: boolean;
  message?: string;
  uri?: string;
  content?: string;
}
export const newContext = new RequestType<NewContextParams, NewContextResult, void>('eventModeler/newContext');

export interface ModelFoldersResult {
  folders: { uri: string; root: string; model?: string }[];
}
export const modelFolders = new RequestType0<ModelFoldersResult, void>('eventModeler/modelFolders');

/** For tests and benchmarks: resolves when every pending check has been published. */
export interface IdleResult {
  idle: true;
  /** The server's process id (a test kills it to see the client restart it). */
  pid: number;
}
export const idle = new RequestType0<IdleResult, void>('eventModeler/idle');

// --- the context map: the server builds and lays out the graph, the panel only draws it ----------

/** Which view of which model folder: the context map, or the flow of one command (`Context.Name`). */
export type MapParams = FolderParams & MapRequest;

export type MapResult =
  | {
      ok: true;
      /** The laid-out graph of the view actually drawn (the context map when the command was not found). */
      graph: LaidOutGraph;
      /** Every command of the model, for the panel's "Flow of" list. */
      commands: CommandChoice[];
      /** Model files (relative) the graph's ranges point into: the panel opens ranges in these only. */
      files: string[];
      /** Set when the requested view could not be drawn (e.g. the command was renamed). */
      notice?: string;
    }
  | { ok: false; message: string };
export const map = new RequestType<MapParams, MapResult, void>('eventModeler/map');

export type MapExportParams = MapParams & { format: 'svg' | 'mermaid' };
/** The view as the CLI's `eventmodel map --format svg|mermaid` writes it. */
export type MapExportResult = { ok: true; text: string } | { ok: false; message: string };
export const mapExport = new RequestType<MapExportParams, MapExportResult, void>('eventModeler/mapExport');

/** Server → client, after a check found a new model in a folder (open maps re-request their view). */
export interface ModelChangedParams {
  /** URI of the model folder. */
  folder: string;
}
export const modelChanged = new NotificationType<ModelChangedParams>('eventModeler/modelChanged');

// --- exports to other tools: the server writes, the client asks where ------------------------------

export interface ExportParams extends FolderParams {
  target: 'asyncapi' | 'eventcatalog';
  /** Absolute path: the AsyncAPI file, or the folder (EventCatalog, AsyncAPI per context). */
  output: string;
  perContext?: boolean;
  format?: 'yaml' | 'json';
  /** Replace an existing file / export into a non-empty folder. */
  force?: boolean;
}
export interface ExportResult {
  ok: boolean;
  message?: string;
  /** The target exists (a file, or a non-empty folder): ask, then send again with `force`. */
  exists?: boolean;
  /** URIs of the files written. */
  files: string[];
  notes: string[];
  summary: string;
  ms: number;
}
export const exportModel = new RequestType<ExportParams, ExportResult, void>('eventModeler/export');

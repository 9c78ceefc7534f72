/**
 * The custom part of the client ↔ server protocol (everything else is plain LSP).
 * Types only plus method names: imported by both the server and the VS Code client.
 */
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-protocol';

/** Client → server: facts only the editor knows. */
export const ENVIRONMENT = 'eventModeler/environment';
export interface Environment {
  /** Workspace trust: generation and git access are refused while false. */
  trusted: boolean;
  /** Red Hat YAML is installed and validates YAML (`yaml.validate`). */
  yamlValidates: boolean;
}

/** Server → client, after every check: counts for the status bar and `when` clauses. */
export const STATUS = 'eventModeler/status';
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

export interface FolderParams {
  /** URI of the model folder, or of any file inside it; the only folder when omitted. */
  folder?: string;
}

export const GENERATE = 'eventModeler/generate';
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

export const GIT_REFS = 'eventModeler/gitRefs';
export interface GitRefsResult {
  refs: { name: string; description?: string }[];
  defaultRef?: string;
  message?: string;
}

export const CHECK_AGAINST = 'eventModeler/checkAgainst';
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

export const NEW_CONTEXT = 'eventModeler/newContext';
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

export const MODEL_FOLDERS = 'eventModeler/modelFolders';
export interface ModelFoldersResult {
  folders: { uri: string; root: string; model?: string }[];
}

import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LoadedFile, Model } from '../core';
import type { ModelFolder } from './workspace/model-folder';
import type { Environment } from '../protocol/lsp-ext';
import type { ServerSettings } from './workspace/settings';
import type { WorkspaceManager } from './workspace/workspaces';

/** What every feature needs, wired once in server.ts. */
export interface Services {
  workspaces: WorkspaceManager;
  documents: TextDocuments<TextDocument>;
  settings(): ServerSettings;
  env(): Environment;
  log(message: string): void;
}

export interface ModelDocument {
  folder: ModelFolder;
  rel: string;
  model: Model;
  /** The loaded file (undefined when the document is not part of the model). */
  file?: LoadedFile;
}

/** The model folder, relative path and loaded file of a document URI. */
export function modelDocument(services: Services, uri: string): ModelDocument | undefined {
  const folder = services.workspaces.folderOf(uri);
  if (!folder) return undefined;
  const rel = folder.relOf(uri);
  if (rel === undefined) return undefined;
  const model = folder.model;
  return { folder, rel, model, file: model.files.get(rel) };
}

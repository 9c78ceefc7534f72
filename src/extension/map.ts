import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/**
 * Opens the context map webview (map-panel.ts belongs to the context-map work; until it exists the
 * bundler substitutes an empty module and the command explains that the map is not available).
 */
export async function openContextMap(context: vscode.ExtensionContext, folder: vscode.Uri, client: LanguageClient): Promise<unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const panel = require('./map-panel') as Record<string, unknown>;
  const open = (panel.showContextMap ?? panel.openContextMap ?? panel.openMapPanel ?? panel.show ?? panel.default) as
    | ((context: vscode.ExtensionContext, folder: vscode.Uri, client: LanguageClient) => unknown)
    | undefined;
  if (typeof open !== 'function') {
    void vscode.window.showWarningMessage('Event Modeler: the context map is not available in this build.');
    return undefined;
  }
  return open(context, folder, client);
}

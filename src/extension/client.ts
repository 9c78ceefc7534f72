import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { environment, settingsSnapshot } from './config';

/** Starts the language server (dist/server.js) over Node IPC; the client restarts it if it dies. */
export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const rulesDoc = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', pattern: '**/*.json' },
    ],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json}'),
    },
    initializationOptions: {
      environment: environment(),
      settings: settingsSnapshot(),
      rulesDocBase: fs.existsSync(rulesDoc.fsPath) ? rulesDoc.toString() : undefined,
    },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    diagnosticCollectionName: 'eventmodel',
  };
  return new LanguageClient('eventModeler', 'Event Modeler', serverOptions, clientOptions);
}

import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client';
import { registerCommands } from './commands';
import { environment, SECTION } from './config';
import { StatusBar } from './status';
import * as ext from '../protocol/lsp-ext';
import type { StatusParams } from '../protocol/lsp-ext';

/** What activate() returns: used by the extension-host tests and by other extensions. */
export interface EventModelerApi {
  /** Resolves once the language server runs. */
  ready: Promise<void>;
  /** Resolves once every pending check has been published. */
  idle(): Promise<void>;
  status(): StatusParams;
  client(): LanguageClient | undefined;
  /** Milliseconds from activate() to the server's first published status. */
  timings: { activateMs?: number; firstStatusMs?: number };
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): EventModelerApi {
  const t0 = Date.now();
  const timings: EventModelerApi['timings'] = {};
  const output = vscode.window.createOutputChannel('Event Modeler', { log: true });
  const status = new StatusBar();
  const gitDiagnostics = vscode.languages.createDiagnosticCollection('eventmodel-git');
  const modelChanged = new vscode.EventEmitter<ext.ModelChangedParams>();
  context.subscriptions.push(output, status, gitDiagnostics, modelChanged);

  let starting: Promise<LanguageClient> | undefined;
  const start = (): Promise<LanguageClient> => {
    if (!starting) {
      status.starting('Starting the Event Modeler language server…');
      const c = createClient(context, output);
      client = c;
      c.onNotification(ext.status, (s) => {
        if (timings.firstStatusMs === undefined && s.folders.length > 0) timings.firstStatusMs = Date.now() - t0;
        status.update(s);
        void vscode.commands.executeCommand('setContext', 'eventModeler.active', s.folders.length > 0);
        // `resourcePath` in when clauses is the URI path (also on Windows), not the file system path.
        void vscode.commands.executeCommand(
          'setContext',
          'eventModeler.modelFiles',
          s.folders.flatMap((f) => f.files.map((p) => vscode.Uri.file(p).path)),
        );
        void vscode.commands.executeCommand(
          'setContext',
          'eventModeler.modelRoots',
          s.folders.map((f) => vscode.Uri.file(f.root).path),
        );
      });
      // One handler per method (a second registration would replace it): panels listen to the emitter.
      c.onNotification(ext.modelChanged, (e) => modelChanged.fire(e));
      c.onDidChangeState((e) => {
        if (e.newState === State.Stopped) status.failed('The Event Modeler language server stopped. Run "Event Modeler: Restart Language Server".');
      });
      starting = c.start().then(
        () => c,
        (err) => {
          output.appendLine(`Language server failed to start: ${err?.stack ?? err}`);
          status.failed(`The language server failed to start: ${err?.message ?? err}`);
          throw err;
        },
      );
    }
    return starting;
  };

  const sendEnvironment = () => {
    if (client?.isRunning()) void client.sendNotification(ext.environment, environment());
  };

  context.subscriptions.push(
    ...registerCommands({
      context,
      output,
      modelFiles: () => new Set(status.last.folders.flatMap((f) => f.files)),
      client: start,
      gitDiagnostics,
      onModelChanged: modelChanged.event,
      restart: async () => {
        const c = await start();
        await c.restart();
      },
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(sendEnvironment),
    vscode.extensions.onDidChange(sendEnvironment),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('yaml.validate')) sendEnvironment();
      if (e.affectsConfiguration(`${SECTION}.trace.server`) && client)
        void client.setTrace(vscode.workspace.getConfiguration(SECTION).get('trace.server', 'off') as never);
    }),
    { dispose: () => void client?.stop() },
  );

  const ready = start().then(() => {
    timings.activateMs = Date.now() - t0;
  });
  ready.catch(() => undefined);

  return {
    ready,
    idle: async () => {
      const c = await start();
      await c.sendRequest(ext.idle);
    },
    status: () => status.last,
    client: () => client,
    timings,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

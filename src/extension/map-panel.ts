/**
 * The context map panel: hosts the map webview (dist/webview/map.js, built by
 * scripts/build-webview.mjs) and shows what the language server computes. The server builds and
 * lays out the graph (`eventModeler/map`) and exports it (`eventModeler/mapExport`); the panel only
 * passes the graph to the page and acts on the page's requests. After a check that found a new
 * model the server sends `eventModeler/modelChanged` and an open panel re-requests its view, so
 * the map follows edits, saved or not.
 *
 *   showContextMap(context, host, folder)  one panel per model folder (a second call reveals it)
 *   panel.update()                 re-request soon (debounced), keeping the viewport
 *   panel.showFlow('Ctx.Command')  / panel.showContext()
 *   panel.ready                    resolves once the webview has loaded and received its first graph
 *   panel.ping()                   asks the webview what it shows ({ view, nodes, edges }) — for tests
 *
 * Every message from the webview is validated (exact shape) and a reveal is honoured only for a
 * range the panel itself sent (a node, edge or lane of the current graph) inside the model's files.
 */
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { SourceRange } from '../core/diagnostic';
import type { MapRequest } from '../core/map/export';
import type { LaidOutGraph } from '../core/map/types';
import * as ext from '../protocol/lsp-ext';
import { parseWebviewMessage, rangeKey, rangesOf, type HostMessage } from '../protocol/webview';
import { webviewHtml } from '../webview/page';

const VIEW_TYPE = 'eventModeler.contextMap';
/** Coalesces the change notifications of a burst of checks into one request. */
const UPDATE_DELAY_MS = 50;

/** What the panel needs from the extension: the running client and the server's change notifications. */
export interface MapHost {
  client(): Promise<LanguageClient>;
  onModelChanged: vscode.Event<ext.ModelChangedParams>;
}

const panels = new Set<ContextMapPanel>();

/** Opens the map of a model folder (`folder`: the folder URI as the server reports it). */
export function showContextMap(context: vscode.ExtensionContext, host: MapHost, folder: string): ContextMapPanel {
  const existing = [...panels].find((p) => p.folderKey === folder);
  if (existing) {
    existing.reveal();
    return existing;
  }
  return new ContextMapPanel(context, host, folder);
}

export class ContextMapPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  readonly ready: Promise<void>;
  readonly folder: vscode.Uri;
  private readonly disposables: vscode.Disposable[] = [];
  private request: MapRequest = { view: 'context' };
  /** The view the page shows now (the context map after a fallback), for exports. */
  private shown?: { request: MapRequest; graph: LaidOutGraph };
  private allowedRanges = new Set<string>();
  private generation = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private webviewReady = false;
  private resolveReady!: () => void;
  private pings = new Map<number, (r: { view: string; nodes: number; edges: number }) => void>();
  private nextPing = 1;
  private disposed = false;

  constructor(
    context: vscode.ExtensionContext,
    private readonly host: MapHost,
    readonly folderKey: string,
  ) {
    this.folder = vscode.Uri.parse(folderKey);
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    const root = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
    this.panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      'Context Map',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      {
        enableScripts: true,
        localResourceRoots: [root],
        retainContextWhenHidden: false,
        enableFindWidget: false,
      },
    );
    const webview = this.panel.webview;
    webview.html = webviewHtml({
      nonce: crypto.randomBytes(18).toString('base64'),
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'map.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'map.css')).toString(),
      title: 'Context Map',
    });
    this.disposables.push(
      webview.onDidReceiveMessage((data: unknown) => this.receive(data)),
      this.panel.onDidDispose(() => this.dispose()),
      host.onModelChanged((e) => {
        if (e.folder === this.folderKey) this.update();
      }),
    );
    panels.add(this);
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  /** Re-render soon with the latest model, keeping the viewport. */
  update(): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.render(true), UPDATE_DELAY_MS);
  }

  showFlow(command: string): Promise<void> {
    this.request = { view: 'flow', command };
    return this.render(false);
  }

  showContext(): Promise<void> {
    this.request = { view: 'context' };
    return this.render(false);
  }

  /** What the webview currently shows (it answers from its DOM). */
  ping(timeoutMs = 10_000): Promise<{ view: string; nodes: number; edges: number }> {
    const id = this.nextPing++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pings.delete(id);
        reject(new Error('the map webview did not answer'));
      }, timeoutMs);
      this.pings.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      void this.post({ type: 'ping', id });
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    panels.delete(this);
    if (this.timer) clearTimeout(this.timer);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  // --- rendering ---------------------------------------------------------------------------------

  private async render(preserveViewport: boolean): Promise<void> {
    if (!this.webviewReady || this.disposed) return;
    const generation = ++this.generation;
    const request = this.request;
    let result: ext.MapResult;
    try {
      const client = await this.host.client();
      result = await client.sendRequest(ext.map, { folder: this.folderKey, ...request });
    } catch (err) {
      result = { ok: false, message: `The map could not be drawn: ${(err as Error)?.message ?? err}` };
    }
    if (generation !== this.generation || this.disposed) return; // a newer render started meanwhile
    if (!result.ok) {
      await this.post({ type: 'error', message: result.message });
      return;
    }
    const { graph, notice } = result;
    // The command was renamed or removed: the server drew the context map and says why.
    const drawn: MapRequest = graph.view === 'context' ? { view: 'context' } : request;
    if (notice) {
      this.request = drawn;
      preserveViewport = false;
    }
    this.shown = { request: drawn, graph };
    const files = new Set(result.files);
    this.allowedRanges = new Set(
      rangesOf(graph)
        .filter((r) => files.has(r.file))
        .map(rangeKey),
    );
    this.panel.title = graph.view === 'context' ? 'Context Map' : `Flow: ${graph.title.replace(/^Flow of /, '')}`;
    await this.post({ type: 'render', graph, commands: result.commands, preserveViewport, ...(notice ? { notice } : {}) });
    this.resolveReady();
  }

  private post(message: HostMessage): Thenable<boolean> {
    return this.disposed ? Promise.resolve(false) : this.panel.webview.postMessage(message);
  }

  // --- messages from the webview (untrusted) -----------------------------------------------------

  private receive(data: unknown): void {
    const message = parseWebviewMessage(data);
    if (!message) return; // not one of ours: ignored
    switch (message.type) {
      case 'pong':
        this.pings.get(message.id)?.({ view: message.view, nodes: message.nodes, edges: message.edges });
        this.pings.delete(message.id);
        break;
      case 'ready':
        this.webviewReady = true;
        void this.render(false);
        break;
      case 'reveal':
        void this.revealRange(message.range);
        break;
      case 'showFlow':
        void this.showFlow(message.command);
        break;
      case 'showContextMap':
        void this.showContext();
        break;
      case 'export':
        void this.export(message.format);
        break;
    }
  }

  private async revealRange(range: SourceRange): Promise<void> {
    if (!this.allowedRanges.has(rangeKey(range))) return; // only what the panel itself showed
    const uri = vscode.Uri.joinPath(this.folder, ...range.file.split('/'));
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    const column = vscode.window.visibleTextEditors.find((e) => e.viewColumn !== this.panel.viewColumn)?.viewColumn ?? vscode.ViewColumn.One;
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { selection, viewColumn: column, preserveFocus: false });
  }

  private async export(format: 'svg' | 'mermaid'): Promise<void> {
    const shown = this.shown;
    if (!shown) return;
    const client = await this.host.client();
    const result = await client.sendRequest(ext.mapExport, { folder: this.folderKey, ...shown.request, format });
    if (!result.ok) {
      void vscode.window.showErrorMessage(`Event Modeler: ${result.message}`);
      return;
    }
    const graph = shown.graph;
    const stem = graph.view === 'context' ? 'context-map' : `flow-${(graph.root ?? 'command').replace(/^command:/, '').replace(/[^A-Za-z0-9._-]+/g, '_')}`;
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(this.folder, `${stem}.${format === 'svg' ? 'svg' : 'mmd'}`),
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'Mermaid flowchart': ['mmd', 'md'] },
      saveLabel: `Export ${format === 'svg' ? 'SVG' : 'Mermaid'}`,
    });
    if (!target) return;
    const content = format === 'mermaid' && target.path.endsWith('.md') ? '```mermaid\n' + result.text + '```\n' : result.text;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
    const open = await vscode.window.showInformationMessage(`Event Modeler: exported ${vscode.workspace.asRelativePath(target)}.`, 'Open');
    if (open) await vscode.commands.executeCommand('vscode.open', target);
  }
}

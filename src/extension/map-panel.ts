/**
 * The context map panel: hosts the map webview (dist/webview/map.js, built by
 * scripts/build-webview.mjs) and answers it. Owned by the context-map work (issue 6).
 *
 * API for the extension (the command "Event Modeler: Show Context Map" calls one of these):
 *
 *   showContextMap(context, folder: vscode.Uri): ContextMapPanel
 *     The panel loads the model of `folder` itself (core Workspace over the file system plus the
 *     editor's unsaved buffers) and follows edits live. One panel per folder: calling it again
 *     reveals the existing panel. Extra arguments (e.g. the language client) are ignored.
 *
 *   showContextMap(context, getModel: () => Model | undefined, onReveal?: (range) => void): ContextMapPanel
 *     The caller owns the model: call `panel.update()` (or `updateContextMaps()`) when it
 *     changes. `onReveal` opens a definition; without it, ranges open relative to the first
 *     workspace folder.
 *
 *   panel.update()                 re-render soon (debounced), keeping the viewport
 *   panel.showFlow('Ctx.Command')  / panel.showContext()
 *   panel.ready                    resolves once the webview has loaded and received its first graph
 *   panel.ping()                   asks the webview what it shows ({ view, nodes, edges }) — for tests
 *   panel.onDidReceiveMessage      every valid message from the webview (after validation)
 *   updateContextMaps()            update every open panel
 *
 * Every message from the webview is validated (exact shape) and a reveal is honoured only for a
 * range the panel itself sent (a node, edge or lane of the current graph) inside the model's files.
 */
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { Model, SourceRange } from '../core';
import { Workspace } from '../core';
import {
  commandNames,
  graphFor,
  layoutGraph,
  parseWebviewMessage,
  rangeKey,
  rangesOf,
  renderSvg,
  toMermaid,
  webviewHtml,
  type CommandChoice,
  type HostMessage,
  type MapGraph,
  type MapRequest,
  type WebviewMessage,
} from '../core/map';
import { NodeHost } from '../node/fs-host';

const VIEW_TYPE = 'eventModeler.contextMap';
const UPDATE_DELAY_MS = 250;

type ModelSource = { kind: 'folder'; folder: vscode.Uri; workspace: Workspace } | { kind: 'callback'; getModel: () => Model | undefined };

const panels = new Set<ContextMapPanel>();

export function showContextMap(context: vscode.ExtensionContext, folder: vscode.Uri, ...ignored: unknown[]): ContextMapPanel;
export function showContextMap(context: vscode.ExtensionContext, getModel: () => Model | undefined, onReveal?: (range: SourceRange) => void | Thenable<void>): ContextMapPanel;
export function showContextMap(
  context: vscode.ExtensionContext,
  source: vscode.Uri | (() => Model | undefined),
  onReveal?: unknown,
): ContextMapPanel {
  if (typeof source !== 'function') {
    const existing = [...panels].find((p) => p.folder?.toString() === source.toString());
    if (existing) {
      existing.reveal();
      return existing;
    }
    if (source.scheme !== 'file') throw new Error(`Event Modeler: the context map needs a folder on disk, not ${source.toString()}`);
    const workspace = new Workspace(new NodeHost(source.fsPath));
    return new ContextMapPanel(context, { kind: 'folder', folder: source, workspace });
  }
  return new ContextMapPanel(context, { kind: 'callback', getModel: source }, typeof onReveal === 'function' ? (onReveal as (r: SourceRange) => void) : undefined);
}

/** Re-renders every open map (for callers that own the model). */
export function updateContextMaps(): void {
  for (const p of panels) p.update();
}

export class ContextMapPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  readonly ready: Promise<void>;
  private readonly emitter = new vscode.EventEmitter<WebviewMessage>();
  readonly onDidReceiveMessage = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private request: MapRequest = { view: 'context' };
  private allowedRanges = new Set<string>();
  private currentGraph?: MapGraph;
  private generation = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private webviewReady = false;
  private resolveReady!: () => void;
  private pings = new Map<number, (r: { view: string; nodes: number; edges: number }) => void>();
  private nextPing = 1;
  private disposed = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly source: ModelSource,
    private readonly onReveal?: (range: SourceRange) => void | Thenable<void>,
  ) {
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    const root = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
    this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Context Map', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      enableScripts: true,
      localResourceRoots: [root],
      retainContextWhenHidden: false,
      enableFindWidget: false,
    });
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
      this.emitter,
    );
    if (source.kind === 'folder') this.follow(source.folder, source.workspace);
    panels.add(this);
  }

  get folder(): vscode.Uri | undefined {
    return this.source.kind === 'folder' ? this.source.folder : undefined;
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

  // --- model ---------------------------------------------------------------------------------------

  private model(): Model | undefined {
    return this.source.kind === 'folder' ? this.source.workspace.model : this.source.getModel();
  }

  /** Folder mode: follow unsaved edits and file changes of the model's folder. */
  private follow(folder: vscode.Uri, workspace: Workspace): void {
    const relative = (uri: vscode.Uri): string | undefined => {
      if (uri.scheme !== 'file') return undefined;
      const base = folder.path.endsWith('/') ? folder.path : folder.path + '/';
      return uri.path.startsWith(base) ? uri.path.slice(base.length) : undefined;
    };
    const touch = (uri: vscode.Uri, text?: string) => {
      const rel = relative(uri);
      if (!rel || !/\.(ya?ml|json)$/i.test(rel)) return;
      workspace.update(rel, text);
      this.update();
    };
    // Open editors' texts, unsaved changes included, take precedence over the disk.
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty) touch(doc.uri, doc.getText());
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*.{yaml,yml,json}'));
    this.disposables.push(
      watcher,
      watcher.onDidChange((uri) => this.fromDisk(uri, touch)),
      watcher.onDidCreate((uri) => this.fromDisk(uri, touch)),
      watcher.onDidDelete((uri) => touch(uri)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) touch(e.document.uri, e.document.getText());
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => touch(doc.uri)),
    );
  }

  private fromDisk(uri: vscode.Uri, touch: (uri: vscode.Uri, text?: string) => void): void {
    // An open editor's text wins over the file; otherwise re-read the file.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.isDirty);
    touch(uri, open ? open.getText() : undefined);
  }

  // --- rendering ---------------------------------------------------------------------------------

  private async render(preserveViewport: boolean): Promise<void> {
    if (!this.webviewReady || this.disposed) return;
    const generation = ++this.generation;
    const model = this.model();
    if (!model) {
      await this.post({ type: 'error', message: 'No model loaded yet.' });
      return;
    }
    let notice: string | undefined;
    let found = graphFor(model, this.request);
    if (!found.ok) {
      // The command was renamed or removed: fall back to the context map and say why.
      notice = `${found.message} Showing the context map.`;
      this.request = { view: 'context' };
      found = graphFor(model, this.request);
      preserveViewport = false;
    }
    if (!found.ok) return;
    const laidOut = await layoutGraph(found.graph);
    if (generation !== this.generation || this.disposed) return; // a newer render started meanwhile
    this.currentGraph = found.graph;
    this.allowedRanges = new Set(rangesOf(laidOut).filter((r) => model.files.has(r.file)).map(rangeKey));
    this.panel.title = found.graph.view === 'context' ? 'Context Map' : `Flow: ${found.graph.title.replace(/^Flow of /, '')}`;
    const commands: CommandChoice[] = commandNames(model).map((id) => {
      const dot = id.indexOf('.');
      return { id, context: id.slice(0, dot), name: id.slice(dot + 1) };
    });
    await this.post({ type: 'render', graph: laidOut, commands, preserveViewport, ...(notice ? { notice } : {}) });
    this.resolveReady();
  }

  private post(message: HostMessage): Thenable<boolean> {
    return this.disposed ? Promise.resolve(false) : this.panel.webview.postMessage(message);
  }

  // --- messages from the webview (untrusted) -----------------------------------------------------

  private receive(data: unknown): void {
    const message = parseWebviewMessage(data);
    if (!message) return; // not one of ours: ignored
    this.emitter.fire(message);
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
    if (this.onReveal) {
      await this.onReveal(range);
      return;
    }
    const base = this.folder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!base) return;
    const uri = vscode.Uri.joinPath(base, ...range.file.split('/'));
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    const column = vscode.window.visibleTextEditors.find((e) => e.viewColumn !== this.panel.viewColumn)?.viewColumn ?? vscode.ViewColumn.One;
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { selection, viewColumn: column, preserveFocus: false });
  }

  private async export(format: 'svg' | 'mermaid'): Promise<void> {
    const graph = this.currentGraph;
    if (!graph) return;
    const text = format === 'svg' ? renderSvg(await layoutGraph(graph)) : toMermaid(graph);
    const stem = graph.view === 'context' ? 'context-map' : `flow-${(graph.root ?? 'command').replace(/^command:/, '').replace(/[^A-Za-z0-9._-]+/g, '_')}`;
    const base = this.folder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    const defaultUri = base ? vscode.Uri.joinPath(base, `${stem}.${format === 'svg' ? 'svg' : 'mmd'}`) : undefined;
    const target = await vscode.window.showSaveDialog({
      defaultUri,
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'Mermaid flowchart': ['mmd', 'md'] },
      saveLabel: `Export ${format === 'svg' ? 'SVG' : 'Mermaid'}`,
    });
    if (!target) return;
    const content = format === 'mermaid' && target.path.endsWith('.md') ? '```mermaid\n' + text + '```\n' : text;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
    const open = await vscode.window.showInformationMessage(`Event Modeler: exported ${vscode.workspace.asRelativePath(target)}.`, 'Open');
    if (open) await vscode.commands.executeCommand('vscode.open', target);
  }
}

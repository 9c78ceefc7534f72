/**
 * The real language server (out/src/server/server.js) over stdio, for tests of editor features
 * without VS Code: a folder on disk, `initialize`, open documents, typed requests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { REPO } from '../helpers/workspace';

export class Lsp {
  readonly connection: ProtocolConnection;
  readonly messages: { type: number; message: string }[] = [];
  /** The last diagnostics published per URI. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly child: ChildProcess;
  private readonly versions = new Map<string, number>();

  constructor(readonly root: string) {
    this.child = spawn(process.execPath, [path.join(REPO, 'out/src/server/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('window/showMessage', (m: { type: number; message: string }) => {
      this.messages.push(m);
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      this.diagnostics.set(p.uri, p.diagnostics);
    });
    this.connection.onRequest('window/showMessageRequest', (m: { type: number; message: string }) => {
      this.messages.push(m);
      return null;
    });
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.listen();
  }

  uri(rel: string): string {
    return pathToFileURL(path.join(this.root, rel)).toString();
  }

  async start(): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(this.root).toString(),
      workspaceFolders: [{ uri: pathToFileURL(this.root).toString(), name: 'test' }],
      capabilities: { workspace: { codeLens: { refreshSupport: true } } },
      initializationOptions: { environment: { trusted: true, yamlValidates: false } },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    await this.idle();
  }

  async open(rel: string, text: string): Promise<void> {
    this.versions.set(rel, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: this.uri(rel), languageId: 'yaml', version: 1, text },
    });
    await this.idle();
  }

  async change(rel: string, text: string): Promise<void> {
    const version = (this.versions.get(rel) ?? 1) + 1;
    this.versions.set(rel, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: this.uri(rel), version },
      contentChanges: [{ text }],
    });
    await this.idle();
  }

  idle(): Promise<unknown> {
    return this.connection.sendRequest('eventModeler/idle');
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  stop(): void {
    this.connection.dispose();
    this.child.kill();
  }
}

/** The zero-based position of the `occurrence`-th `needle` in `text`, plus `shift` characters. */
export function positionOf(text: string, needle: string, shift = 0, occurrence = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' not found`);
  }
  const before = text.slice(0, at + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

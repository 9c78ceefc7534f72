import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'event-modeler.eventmodel';

export interface Api {
  ready: Promise<void>;
  idle(): Promise<void>;
  status(): { folders: { errors: number; warnings: number; files: string[]; checkMs: number }[]; busy: boolean };
  timings: { activateMs?: number; firstStatusMs?: number };
  client(): { isRunning(): boolean; sendRequest<R>(method: string, params?: unknown): Promise<R> } | undefined;
}

export async function activate(): Promise<Api> {
  const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  await api.ready;
  return api;
}

export function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace has no folder');
  return folder.uri;
}

export function file(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(root(), ...rel.split('/'));
}

export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(file(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Polls until `probe` returns a truthy value (diagnostics arrive asynchronously from the server). */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'eventmodel');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

export function find(editor: vscode.TextEditor, needle: string, occurrence = 0): vscode.Range {
  const text = editor.document.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `'${needle}' not found in ${editor.document.uri.fsPath}`);
  }
  return new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + needle.length));
}

export async function replace(editor: vscode.TextEditor, needle: string, replacement: string, occurrence = 0): Promise<vscode.Range> {
  const range = find(editor, needle, occurrence);
  const ok = await editor.edit((b) => b.replace(range, replacement));
  assert.ok(ok, 'edit failed');
  return new vscode.Range(range.start, editor.document.positionAt(editor.document.offsetAt(range.start) + replacement.length));
}

/**
 * Brings every modified document back to its content on disk and closes all editors. (Not the
 * Revert command: in code-server it sometimes marks a document clean without reloading it.)
 */
export async function revertAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || doc.isUntitled || doc.uri.scheme !== 'file') continue;
    const disk = fs.existsSync(doc.uri.fsPath) ? fs.readFileSync(doc.uri.fsPath, 'utf8') : undefined;
    if (disk === undefined) continue;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), disk);
    await vscode.workspace.applyEdit(edit);
    await doc.save();
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export async function applyEdit(edit: vscode.WorkspaceEdit | undefined): Promise<void> {
  assert.ok(edit, 'no edit');
  assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit failed');
}

/**
 * Remembers the files' contents on disk; the returned function writes them back. (A rename saves
 * files it changed that had no editor open: files.refactoring.autoSave.)
 */
export function snapshot(rels: string[]): () => Promise<void> {
  const saved = rels.map((rel) => [file(rel), fs.readFileSync(file(rel).fsPath)] as const);
  return async () => {
    for (const [uri, bytes] of saved) {
      if (!fs.readFileSync(uri.fsPath).equals(bytes)) await vscode.workspace.fs.writeFile(uri, bytes);
    }
  };
}

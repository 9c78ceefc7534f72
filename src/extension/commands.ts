import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import * as ext from '../protocol/lsp-ext';
import type { CheckAgainstResult, ExportParams, ExportResult, GenerateResult, GitRefsResult } from '../protocol/lsp-ext';
import { showContextMap as openContextMap, type ContextMapPanel } from './map-panel';

export interface CommandHost {
  context: vscode.ExtensionContext;
  /** Absolute paths of every model file (from the server's last status). */
  modelFiles(): Set<string>;
  output: vscode.LogOutputChannel;
  client(): Promise<LanguageClient>;
  gitDiagnostics: vscode.DiagnosticCollection;
  restart(): Promise<void>;
  /** Fired when the server found a new model in a folder (open maps re-request their view). */
  onModelChanged: vscode.Event<ext.ModelChangedParams>;
}

const TRUST_MESSAGE =
  'Event Modeler: this workspace is in Restricted Mode. Code generation, workspace templates and git comparisons are disabled; validation still works.';

/** Registers every `eventModeler.*` command. Each returns its result so tests can assert on it. */
export function registerCommands(host: CommandHost): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('eventModeler.generate', (uri?: vscode.Uri) => generate(host, uri)),
    vscode.commands.registerCommand('eventModeler.checkCompatibility', (uri?: vscode.Uri, ref?: string) => checkCompatibility(host, uri, ref)),
    vscode.commands.registerCommand('eventModeler.clearCompatibility', () => host.gitDiagnostics.clear()),
    vscode.commands.registerCommand('eventModeler.showContextMap', (uri?: vscode.Uri) => showContextMap(host, uri)),
    vscode.commands.registerCommand('eventModeler.newContext', (uri?: vscode.Uri, name?: string) => newContext(host, uri, name)),
    vscode.commands.registerCommand('eventModeler.exportAsyncApi', (uri?: vscode.Uri, output?: vscode.Uri, options?: ExportOptions) =>
      exportAsyncApi(host, uri, output, options),
    ),
    vscode.commands.registerCommand('eventModeler.exportEventCatalog', (uri?: vscode.Uri, output?: vscode.Uri, options?: ExportOptions) =>
      exportEventCatalog(host, uri, output, options),
    ),
    vscode.commands.registerCommand('eventModeler.runSpecsOfContext', (uri?: vscode.Uri) => runSpecsOfContext(uri)),
    vscode.commands.registerCommand('eventModeler.restartServer', () => host.restart()),
    vscode.commands.registerCommand('eventModeler.showOutput', () => host.output.show(true)),
  ];
}

/** The model folder a command applies to: the clicked resource's, else the active editor's, else a pick. */
async function pickFolder(host: CommandHost, uri?: vscode.Uri): Promise<string | undefined> {
  const client = await host.client();
  const { folders } = await client.sendRequest(ext.modelFolders);
  if (folders.length === 0) {
    void vscode.window.showWarningMessage('Event Modeler: no eventmodel.yaml found in this workspace.');
    return undefined;
  }
  const target = (uri ?? vscode.window.activeTextEditor?.document.uri)?.fsPath;
  if (target) {
    const inside = folders
      .filter((f) => target === f.root || target.startsWith(f.root + '/') || target.startsWith(f.root + '\\'))
      .sort((a, b) => b.root.length - a.root.length);
    if (inside[0]) return inside[0].uri;
  }
  if (folders.length === 1) return folders[0].uri;
  const picked = await vscode.window.showQuickPick(
    folders.map((f) => ({ label: f.model ?? vscode.workspace.asRelativePath(f.root), description: f.root, uri: f.uri })),
    { placeHolder: 'Which model?' },
  );
  return picked?.uri;
}

async function trustedOrExplain(): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const choice = await vscode.window.showWarningMessage(TRUST_MESSAGE, 'Manage Workspace Trust');
  if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}

export async function generate(host: CommandHost, uri?: vscode.Uri): Promise<GenerateResult | undefined> {
  if (!(await trustedOrExplain())) return undefined;
  const folder = await pickFolder(host, uri);
  if (!folder) return undefined;
  // Generate from what is on disk, as the CLI would: save the model's unsaved files first.
  const files = host.modelFiles();
  for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && files.has(doc.uri.fsPath)) await doc.save();
  const client = await host.client();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Event Modeler: generating code…', cancellable: false },
    () => client.sendRequest(ext.generate, { folder }),
  );
  host.output.appendLine(`[generate] ${new Date().toLocaleTimeString()} ${vscode.Uri.parse(folder).fsPath}`);
  for (const line of result.log) host.output.appendLine(`  ${line}`);
  if (!result.ok) {
    host.output.appendLine(`  failed: ${result.message}`);
    void vscode.window.showErrorMessage(`Event Modeler: ${result.message ?? 'generation failed.'}`, 'Show Output').then((c) => c && host.output.show(true));
    return result;
  }
  const summary = `${result.created.length} created, ${result.updated.length} updated, ${result.kept.length} unchanged${result.deleted.length ? `, ${result.deleted.length} deleted` : ''} (${result.ms} ms)`;
  host.output.appendLine(`  ${summary}`);
  void vscode.window.showInformationMessage(`Event Modeler: code generated — ${summary}.`, 'Open Output', 'Show Log').then(async (choice) => {
    if (choice === 'Show Log') host.output.show(true);
    if (choice === 'Open Output' && result.outDir) {
      const out = vscode.Uri.parse(result.outDir);
      await vscode.commands.executeCommand('revealInExplorer', out);
      const first = [...result.created, ...result.updated].find((f) => /\.ts$/.test(f));
      if (first) await vscode.window.showTextDocument(vscode.Uri.parse(first), { preview: true });
    }
  });
  return result;
}

export async function checkCompatibility(host: CommandHost, uri?: vscode.Uri, refArg?: string): Promise<CheckAgainstResult | undefined> {
  if (!(await trustedOrExplain())) return undefined;
  const folder = await pickFolder(host, uri);
  if (!folder) return undefined;
  const client = await host.client();
  let ref = refArg;
  if (!ref) {
    const refs = await client.sendRequest(ext.gitRefs, { folder });
    if (refs.refs.length === 0) {
      void vscode.window.showErrorMessage(`Event Modeler: ${refs.message ?? 'no git refs found.'}`);
      return undefined;
    }
    ref = await pickRef(refs);
    if (!ref) return undefined;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Event Modeler: checking compatibility against ${ref}…` },
    () => client.sendRequest(ext.checkAgainst, { folder, ref }),
  );
  host.gitDiagnostics.clear();
  if (!result.ok) {
    void vscode.window.showErrorMessage(`Event Modeler: ${result.message}`);
    return result;
  }
  const converter = client.protocol2CodeConverter;
  for (const entry of result.diagnostics) {
    const diags = await converter.asDiagnostics(entry.diagnostics);
    for (const d of diags) d.source = `eventmodel vs ${ref}`;
    host.gitDiagnostics.set(vscode.Uri.parse(entry.uri), diags);
  }
  host.output.appendLine(`[check --against ${ref}] ${result.summary}`);
  const count = result.diagnostics.reduce((n, e) => n + e.diagnostics.length, 0);
  const show = count ? 'Show Problems' : undefined;
  void vscode.window.showInformationMessage(`Event Modeler: ${result.summary}`, ...(show ? [show, 'Clear'] : [])).then((c) => {
    if (c === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
    if (c === 'Clear') host.gitDiagnostics.clear();
  });
  return result;
}

async function pickRef(refs: GitRefsResult): Promise<string | undefined> {
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem>();
  qp.title = 'Check compatibility against git';
  qp.placeholder = 'Branch, tag or commit to compare the model with (type any ref)';
  const base: vscode.QuickPickItem[] = [];
  const def = refs.refs.find((r) => r.name === refs.defaultRef);
  if (def) base.push({ label: def.name, description: 'default branch', detail: def.description });
  for (const r of refs.refs) if (r !== def) base.push({ label: r.name, description: r.description });
  qp.items = base;
  if (base[0]) qp.activeItems = [base[0]];
  qp.onDidChangeValue((value) => {
    const custom = value.trim();
    qp.items = custom && !base.some((b) => b.label === custom) ? [{ label: custom, description: 'ref or commit' }, ...base] : base;
  });
  return new Promise((resolve) => {
    qp.onDidAccept(() => {
      resolve(qp.selectedItems[0]?.label ?? (qp.value.trim() || undefined));
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

async function showContextMap(host: CommandHost, uri?: vscode.Uri): Promise<ContextMapPanel | undefined> {
  const folder = await pickFolder(host, uri);
  if (!folder) return undefined;
  return openContextMap(host.context, host, folder);
}

export async function newContext(host: CommandHost, uri?: vscode.Uri, nameArg?: string): Promise<vscode.Uri | undefined> {
  const folder = await pickFolder(host, uri);
  if (!folder) return undefined;
  const name =
    nameArg ??
    (await vscode.window.showInputBox({
      title: 'New bounded context',
      prompt: 'Name of the bounded context (PascalCase)',
      placeHolder: 'Billing',
      validateInput: (v) => (/^[A-Z][A-Za-z0-9]*$/.test(v.trim()) ? undefined : 'Use PascalCase letters and digits, e.g. Billing'),
    }));
  if (!name) return undefined;
  const client = await host.client();
  let directory: string | undefined;
  if (uri) {
    try {
      directory = (await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory ? uri.toString() : undefined;
    } catch {
      directory = undefined;
    }
  }
  const plan = await client.sendRequest(ext.newContext, { folder, name: name.trim(), directory });
  if (!plan.ok || !plan.uri || plan.content === undefined) {
    void vscode.window.showErrorMessage(`Event Modeler: ${plan.message}`);
    return undefined;
  }
  const target = vscode.Uri.parse(plan.uri);
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(target, { ignoreIfExists: false, contents: new TextEncoder().encode(plan.content) });
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Event Modeler: could not create ${target.fsPath}.`);
    return undefined;
  }
  await vscode.window.showTextDocument(target);
  return target;
}

/** For tests and keybindings: skip the dialogs (`output` given) and the questions. */
export interface ExportOptions {
  perContext?: boolean;
  format?: 'yaml' | 'json';
  /** Replace an existing target without asking. */
  force?: boolean;
}

export async function exportAsyncApi(
  host: CommandHost,
  uri?: vscode.Uri,
  outputArg?: vscode.Uri,
  options: ExportOptions = {},
): Promise<ExportResult | undefined> {
  if (!(await trustedOrExplain())) return undefined;
  const folder = await pickFolder(host, uri);
  if (!folder) return undefined;
  let perContext = options.perContext;
  if (perContext === undefined && !outputArg) {
    const shape = await vscode.window.showQuickPick(
      [
        { label: 'One document for the model', perContext: false },
        { label: 'One document per bounded context', description: 'into a folder', perContext: true },
      ],
      { title: 'Export AsyncAPI 3.0' },
    );
    if (!shape) return undefined;
    perContext = shape.perContext;
  }
  const root = vscode.Uri.parse(folder);
  const output =
    outputArg ??
    (perContext
      ? (
          await vscode.window.showOpenDialog({
            title: 'Folder for the AsyncAPI documents',
            canSelectFolders: true,
            canSelectFiles: false,
            defaultUri: root,
            openLabel: 'Export Here',
          })
        )?.[0]
      : await vscode.window.showSaveDialog({
          title: 'Export AsyncAPI 3.0',
          defaultUri: vscode.Uri.joinPath(root, 'asyncapi.yaml'),
          filters: { 'AsyncAPI (YAML)': ['yaml', 'yml'], 'AsyncAPI (JSON)': ['json'] },
        }));
  if (!output) return undefined;
  // The save dialog already asked before replacing the file.
  const force = options.force ?? (!perContext && !outputArg);
  const result = await runExport(host, { folder, target: 'asyncapi', output: output.fsPath, perContext, format: options.format, force }, 'AsyncAPI');
  if (result?.ok && !perContext && result.files[0]) await vscode.window.showTextDocument(vscode.Uri.parse(result.files[0]), { preview: true });
  return result;
}

export async function exportEventCatalog(
  host: CommandHost,
  uri?: vscode.Uri,
  outputArg?: vscode.Uri,
  options: ExportOptions = {},
): Promise<ExportResult | undefined> {
  if (!(await trustedOrExplain())) return undefined;
  const folder = await pickFolder(host, uri);
  if (!folder) return undefined;
  const output =
    outputArg ??
    (
      await vscode.window.showOpenDialog({
        title: 'EventCatalog folder to export into',
        canSelectFolders: true,
        canSelectFiles: false,
        defaultUri: vscode.Uri.parse(folder),
        openLabel: 'Export Here',
      })
    )?.[0];
  if (!output) return undefined;
  return runExport(host, { folder, target: 'eventcatalog', output: output.fsPath, force: options.force }, 'EventCatalog');
}

/** Sends the export request (asking before exporting into a non-empty folder) and reports the outcome. */
async function runExport(host: CommandHost, params: ExportParams, label: string): Promise<ExportResult | undefined> {
  const files = host.modelFiles();
  for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && files.has(doc.uri.fsPath)) await doc.save();
  const client = await host.client();
  const send = (p: ExportParams) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Event Modeler: exporting ${label}…` }, () =>
      client.sendRequest(ext.exportModel, p),
    );
  let result = await send(params);
  if (!result.ok && result.exists) {
    const replace = await vscode.window.showWarningMessage(
      `${result.message} Export into it anyway? Files of an earlier export are replaced; other files are kept.`,
      { modal: true },
      'Export',
    );
    if (replace !== 'Export') return undefined;
    result = await send({ ...params, force: true });
  }
  host.output.appendLine(`[export ${params.target}] ${new Date().toLocaleTimeString()} → ${params.output}`);
  for (const note of result.notes) host.output.appendLine(`  note: ${note}`);
  if (!result.ok) {
    host.output.appendLine(`  failed: ${result.message}`);
    void vscode.window.showErrorMessage(`Event Modeler: ${result.message ?? 'the export failed.'}`, 'Show Output').then((c) => c && host.output.show(true));
    return result;
  }
  host.output.appendLine(`  ${result.summary}: ${result.files.length} file(s) (${result.ms} ms)`);
  void vscode.window.showInformationMessage(`Event Modeler: ${result.summary}.`, 'Reveal', 'Show Log').then(async (c) => {
    if (c === 'Show Log') host.output.show(true);
    if (c === 'Reveal') await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(params.output));
  });
  return result;
}

/** The palette's "Run Specs of This Context": the server's `eventModeler.runSpecs` for the active context or spec file. */
async function runSpecsOfContext(uri?: vscode.Uri): Promise<unknown> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) {
    void vscode.window.showInformationMessage('Open a context file or a spec file to run its specs.');
    return undefined;
  }
  return vscode.commands.executeCommand('eventModeler.runSpecs', { folder: target.toString(), file: target.toString() });
}

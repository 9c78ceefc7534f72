import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { ALL_RULES } from '../../src/core';
import { activate, applyEdit, codeOf, file, find, open, ours, replace, revertAll, snapshot, waitFor, type Api } from './helpers';

const ORDERING = 'contexts/ordering.yaml';
const INVENTORY = 'contexts/inventory.yaml';
const PAYMENT = 'contexts/payment.yaml';

suite('Event Modeler in a real VS Code', function () {
  let api: Api;

  suiteSetup(async function () {
    const t0 = Date.now();
    api = await activate();
    await waitFor('the first check', () => api.status().folders.length > 0 && !api.status().busy);
    console.log(
      `[timing] activation→server ready ${api.timings.activateMs} ms, →first diagnostics ${api.timings.firstStatusMs} ms (suite saw ${Date.now() - t0} ms); VS Code ${vscode.version}, Node ${process.version}`,
    );
  });

  // Every test starts from the pristine sample: reverted buffers, files restored, and the server
  // has caught up (file events and reverts reach it asynchronously).
  teardown(async () => {
    await revertAll();
    await new Promise((r) => setTimeout(r, 300));
    await api.idle();
    try {
      await waitFor('a clean model after the test', () => (api.status().folders[0]?.errors === 0 && !api.status().busy) || undefined, 15_000);
    } catch (err) {
      const left = vscode.languages
        .getDiagnostics()
        .flatMap(([u, ds]) => ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => `${u.path}:${d.range.start.line + 1} ${d.message}`));
      throw new Error(`${(err as Error).message}; errors left: ${left.join('; ')}`);
    }
  });

  test('the retail sample is clean and every model file is known', async () => {
    const status = api.status();
    assert.strictEqual(status.folders.length, 1);
    assert.strictEqual(status.folders[0].errors, 0, 'errors in the pristine sample');
    assert.ok(status.folders[0].files.some((f) => f.endsWith('contexts/ordering.yaml')));
    for (const rel of [ORDERING, INVENTORY, PAYMENT])
      assert.deepStrictEqual(
        ours(file(rel))
          .filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
          .map((d) => d.message),
        [],
      );
  });

  test('a broken reference is reported at its exact range while typing, and clears after the fix', async () => {
    const editor = await open(ORDERING);
    const uri = editor.document.uri;
    const at = find(editor, 'emits: [OrderPlaced]').start.translate(0, 'emits: ['.length);
    const t0 = Date.now();
    let arrived = 0;
    let changed = 0;
    const onChange = vscode.workspace.onDidChangeTextDocument((e) => {
      if (!changed && e.document.uri.toString() === uri.toString()) changed = Date.now();
    });
    const listener = vscode.languages.onDidChangeDiagnostics(() => {
      if (!arrived && ours(uri).some((x) => codeOf(x) === 'unresolved-reference')) arrived = Date.now();
    });
    await replace(editor, 'emits: [OrderPlaced]', 'emits: [OrderPlacd]');
    const edited = Date.now();
    const d = await waitFor('unresolved-reference', () => ours(uri).find((x) => codeOf(x) === 'unresolved-reference'));
    listener.dispose();
    onChange.dispose();
    console.log(
      `[timing] keystroke→diagnostic ${(arrived || Date.now()) - (changed || t0)} ms from the change event in the extension host (200 ms debounce, server check ${api.status().folders[0].checkMs} ms; the edit took ${edited - t0} ms to apply)`,
    );
    assert.deepStrictEqual(
      [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      [at.line, at.character, at.line, at.character + 'OrderPlacd'.length],
    );
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /Did you mean 'OrderPlaced'/);
    assert.ok(editor.document.isDirty, 'diagnostics come from the unsaved buffer');
    // The rule id links to its documentation.
    assert.ok(typeof d.code === 'object', 'code carries a link');
    assert.strictEqual((d.code as { target: vscode.Uri }).target.fragment, 'unresolved-reference');
    assert.match((d.code as { target: vscode.Uri }).target.path, /docs\/rules\.md$/);

    await replace(editor, 'emits: [OrderPlacd]', 'emits: [OrderPlaced]');
    await waitFor('the diagnostic to clear', () => ours(uri).every((x) => codeOf(x) !== 'unresolved-reference') || undefined);
    await waitFor('the consequent warning to clear', () => ours(uri).every((x) => codeOf(x) !== 'event-never-emitted') || undefined);
  });

  test('closed files get diagnostics, with related information', async () => {
    const editor = await open(ORDERING);
    await replace(editor, 'context: Ordering', 'context: Sales');
    const inventory = file(INVENTORY);
    const payment = file(PAYMENT);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === inventory.toString()), 'inventory.yaml must stay closed');
    const refs = await waitFor('diagnostics in closed inventory.yaml', () => (ours(inventory).length >= 2 ? ours(inventory) : undefined));
    assert.ok(
      refs.some((x) => /Ordering/.test(x.message)),
      refs.map((x) => x.message).join('\n'),
    );
    await waitFor('diagnostics in closed payment.yaml', () => ours(payment).length > 0 || undefined);
    await replace(editor, 'context: Sales', 'context: Ordering');
    await waitFor('closed files to clear', () => (ours(inventory).length === 0 && ours(payment).length === 0) || undefined);

    // A command named like an event: duplicate-name points at the first definition.
    await replace(editor, '  CancelOrder:\n', '  OrderPlaced:\n');
    const dup = await waitFor('duplicate-name', () => ours(editor.document.uri).find((x) => codeOf(x) === 'duplicate-name'));
    assert.ok(dup.relatedInformation?.length, 'related information');
    const first = dup.relatedInformation![0].location;
    assert.strictEqual(first.uri.toString(), editor.document.uri.toString());
    assert.ok(first.range.start.line !== dup.range.start.line);
  });

  test('a breaking version change shows an incompatible-change warning, and the upcast quick fix handles it', async function () {
    assert.ok(
      ALL_RULES.some((r) => r.id === 'incompatible-change'),
      'the incompatible-change rule is registered',
    );
    const editor = await open(ORDERING);
    const uri = editor.document.uri;
    // v2 makes customerId required: a v2 reader cannot read v1 data (BACKWARD_TRANSITIVE).
    const v2 = find(editor, '      2:').start.line;
    const v3 = find(editor, '      3:').start.line;
    const required = find(editor, 'required: [orderId]', 1);
    assert.ok(required.start.line > v2 && required.start.line < v3);
    await replace(editor, 'required: [orderId]', 'required: [orderId, customerId]', 1);
    const d = await waitFor('incompatible-change', () =>
      ours(uri).find((x) => codeOf(x) === 'incompatible-change' && x.severity === vscode.DiagnosticSeverity.Warning),
    );
    assert.ok(d.range.start.line > v2 && d.range.start.line < v3, `warning inside v2 (lines ${v2 + 1}..${v3 + 1}), got line ${d.range.start.line + 1}`);
    assert.ok(d.relatedInformation?.length, 'related information points at the old schema');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const upcast = actions.find((a) => /upcast: true/.test(a.title));
    assert.ok(upcast, `no upcast fix among ${actions.map((a) => a.title).join(', ')}`);
    await applyEdit(upcast.edit);
    await waitFor(
      'the warning to become "handled"',
      () => !ours(uri).some((x) => codeOf(x) === 'incompatible-change' && x.severity <= vscode.DiagnosticSeverity.Warning) || undefined,
    );
    assert.match(editor.document.getText(), / {6}2:\n[\s\S]*?upcast: true[\s\S]*? {6}3:/);
  });

  test('completion offers events with versions', async () => {
    const editor = await open(INVENTORY);
    const pos = find(editor, 'when: Ordering.OrderPlaced@3').start.translate(0, 'when: '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, pos);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const expected of ['Ordering.OrderPlaced', 'Ordering.OrderPlaced@3', 'Ordering.OrderPlaced@1', 'StockReserved', 'Payment.PaymentConfirmed']) {
      assert.ok(labels.includes(expected), `${expected} missing from ${labels.join(' ')}`);
    }
    const issue = find(editor, 'issue: ReserveStock').start.translate(0, 'issue: '.length);
    const commands = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, issue);
    assert.ok(commands.items.some((i) => i.label === 'ReserveStock'));
  });

  test('go to definition, find references and hover across files', async () => {
    const editor = await open(INVENTORY);
    const uri = editor.document.uri;
    const onName = find(editor, 'Ordering.OrderPlaced@3').start.translate(0, 'Ordering.'.length + 3);
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, onName);
    assert.strictEqual(defs.length, 1);
    const target = 'targetUri' in defs[0] ? { uri: defs[0].targetUri, range: defs[0].targetSelectionRange ?? defs[0].targetRange } : defs[0];
    assert.strictEqual(target.uri.toString(), file(ORDERING).toString());
    const ordering = await vscode.workspace.openTextDocument(file(ORDERING));
    assert.strictEqual(target.range.start.line, ordering.positionAt(ordering.getText().indexOf('  OrderPlaced:')).line);

    const onVersion = find(editor, 'Ordering.OrderPlaced@3').end.translate(0, -1);
    const v3 = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, onVersion);
    const v3Range = 'targetUri' in v3[0] ? (v3[0].targetSelectionRange ?? v3[0].targetRange) : v3[0].range;
    assert.strictEqual(v3Range.start.line, ordering.positionAt(ordering.getText().indexOf('      3:')).line);

    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, onName);
    const where = refs.map((r) => `${r.uri.path.split('/').slice(-2).join('/')}:${r.range.start.line + 1}`).sort();
    // In the contexts: the definition, `emits` of PlaceOrder, `from` of OrderSummary, `when` in
    // Inventory; and every `event: OrderPlaced` of the spec files.
    const inContexts = where.filter((w) => w.startsWith('contexts/'));
    assert.strictEqual(inContexts.length, 4, where.join(' '));
    assert.strictEqual(inContexts.filter((w) => w.startsWith('contexts/ordering.yaml')).length, 3, where.join(' '));
    const specFiles = await vscode.workspace.findFiles('specs/*.yaml');
    let inSpecs = 0;
    for (const spec of specFiles)
      inSpecs += ((await vscode.workspace.openTextDocument(spec)).getText().match(/event: (Ordering\.)?OrderPlaced\b/g) ?? []).length;
    assert.ok(inSpecs > 0, 'the sample has specs about OrderPlaced');
    assert.strictEqual(where.filter((w) => w.startsWith('specs/')).length, inSpecs, where.join(' '));

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, onName);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /Consumed by: .*ReserveStockForOrder/);
    assert.match(text, /Versions: v1, v2, v3 \(upcast\)/);
    assert.match(text, /`total`: Money/);
  });

  test('rename an event and a context across files', async () => {
    const restore = snapshot([ORDERING, INVENTORY, PAYMENT, 'contexts/shipping.yaml']);
    try {
      await renameAcrossFiles();
    } finally {
      await revertAll();
      await restore();
    }
  });

  async function renameAcrossFiles(): Promise<void> {
    const editor = await open(ORDERING);
    const at = find(editor, '  OrderCancelled:').start.translate(0, 4);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', editor.document.uri, at, 'OrderWithdrawn');
    const counts = edit
      .entries()
      .map(([u, e]) => `${u.path.split('/').slice(-2).join('/')}=${e.length}`)
      .sort();
    // The definition and two references in Ordering, and the spec file's `event: OrderCancelled`s.
    const specs = await vscode.workspace.openTextDocument(file('specs/ordering.yaml'));
    const inSpecs = (specs.getText().match(/\bOrderCancelled\b/g) ?? []).length;
    assert.deepStrictEqual(counts, ['contexts/ordering.yaml=3', `specs/ordering.yaml=${inSpecs}`]);
    await applyEdit(edit);
    assert.strictEqual((editor.document.getText().match(/OrderWithdrawn/g) ?? []).length, 3);

    const payment = await open(PAYMENT);
    const ctx = find(payment, 'context: Payment').start.translate(0, 'context: '.length + 1);
    const ctxEdit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', payment.document.uri, ctx, 'Billing');
    const files = ctxEdit
      .entries()
      .map(([u, e]) => `${u.path.split('/').slice(-2).join('/')}=${e.length}`)
      .filter((f) => f.startsWith('contexts/'))
      .sort();
    assert.deepStrictEqual(files, ['contexts/ordering.yaml=3', 'contexts/payment.yaml=1', 'contexts/shipping.yaml=2']);
    const specFiles = ctxEdit.entries().filter(([u]) => u.path.includes('/specs/'));
    assert.ok(
      specFiles.some(([u]) => u.path.endsWith('/specs/payment.yaml')),
      'the spec file of Payment follows (specsFor)',
    );
    await applyEdit(ctxEdit);
    await api.idle();
    await waitFor('a clean model after renaming', () => api.status().folders[0].errors === 0 || undefined);
  }

  test('quick fix: add the missing dead letter', async () => {
    const editor = await open(INVENTORY);
    const uri = editor.document.uri;
    await replace(editor, '      deadLetter: retail.inventory.dlq\n', '');
    const d = await waitFor('missing-dead-letter', () => ours(uri).find((x) => codeOf(x) === 'missing-dead-letter'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => /dead letter/.test(a.title));
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    await applyEdit(fix.edit);
    assert.match(editor.document.getText(), /\n {6}deadLetter: inventory\.reserve-stock-for-order\.dlq\n/);
    await waitFor('the warning to clear', () => !ours(uri).some((x) => codeOf(x) === 'missing-dead-letter') || undefined);
  });

  test('quick fix: create a missing command, and add the next version of an event', async () => {
    const editor = await open(PAYMENT);
    const uri = editor.document.uri;
    await replace(editor, 'issue: ProcessPayment', 'issue: ChargeCard');
    const d = await waitFor('unresolved-reference', () => ours(uri).find((x) => codeOf(x) === 'unresolved-reference'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const create = actions.find((a) => a.title === "Create command 'ChargeCard' in Payment");
    assert.ok(create, actions.map((a) => a.title).join(', '));
    await applyEdit(create.edit);
    await waitFor('the reference to resolve', () => !ours(uri).some((x) => codeOf(x) === 'unresolved-reference') || undefined);

    const inEvent = find(editor, '  PaymentFailed:').start.translate(1, 4);
    const refactors = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      new vscode.Range(inEvent, inEvent),
      vscode.CodeActionKind.Refactor.value,
    );
    const next = refactors.find((a) => a.title.startsWith('Add version 2 of PaymentFailed'));
    assert.ok(next, refactors.map((a) => a.title).join(', '));
    await applyEdit(next.edit);
    assert.match(editor.document.getText(), / {2}PaymentFailed:[\s\S]*versions:\n {6}1:\n {8}schema:[\s\S]* {6}2:\n/);
    await api.idle();
    await waitFor('no errors after the refactoring', () => !ours(uri).some((x) => x.severity === vscode.DiagnosticSeverity.Error) || undefined);
  });

  test('document symbols outline the context', async () => {
    const editor = await open(ORDERING);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    assert.strictEqual(symbols[0].name, 'Ordering');
    const names = symbols[0].children.map((s) => s.name);
    for (const n of ['Order', 'PlaceOrder', 'OrderPlaced', 'CancelOrderWhenOutOfStock', 'OrderSummary']) assert.ok(names.includes(n), names.join(' '));
    const placed = symbols[0].children.find((s) => s.name === 'OrderPlaced')!;
    assert.deepStrictEqual(
      placed.children.map((c) => c.name),
      ['v1', 'v2', 'v3'],
    );
  });

  test('New Bounded Context writes a valid context file matched by include', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('eventModeler.newContext', undefined, 'Billing');
    assert.ok(uri, 'no file created');
    try {
      assert.match(uri.path, /\/contexts\/billing\.yaml$/);
      assert.ok(fs.existsSync(uri.fsPath));
      await waitFor('the new context in the model', () => api.status().folders[0].files.some((f) => f.endsWith('contexts/billing.yaml')) || undefined);
      await api.idle();
      assert.deepStrictEqual(
        ours(uri)
          .filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
          .map((d) => d.message),
        [],
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(uri);
      await waitFor('billing.yaml to leave the model', () => !api.status().folders[0].files.some((f) => f.endsWith('contexts/billing.yaml')) || undefined);
    }
  });

  test('Generate Code writes the files', async function () {
    const result = await vscode.commands.executeCommand<{
      ok: boolean;
      message?: string;
      created: string[];
      updated: string[];
      kept: string[];
      outDir?: string;
      log: string[];
    }>('eventModeler.generate');
    assert.ok(result, 'the command returned nothing');
    assert.ok(result.ok, `${result.message}\n${result.log.join('\n')}`);
    assert.ok(result.created.length > 0, 'nothing created');
    for (const f of result.created) assert.ok(fs.existsSync(vscode.Uri.parse(f).fsPath), `${f} missing`);
    assert.ok(fs.existsSync(file('src/generated').fsPath), 'src/generated missing');
    const again = await vscode.commands.executeCommand<{ ok: boolean; created: string[]; updated: string[] }>('eventModeler.generate');
    assert.deepStrictEqual([again.created.length, again.updated.length], [0, 0], 'a second run changes nothing');
  });

  test('Check Compatibility Against Git reports a modified published version', async () => {
    const editor = await open(ORDERING);
    // v1 of OrderPlaced is published on main (the runner commits the sample); changing it is an error.
    const v1 = find(editor, 'orderId: { type: string }', 2);
    const ordering = editor.document.getText();
    assert.ok(
      editor.document.positionAt(ordering.indexOf('      1:')).line < v1.start.line &&
        v1.start.line < editor.document.positionAt(ordering.indexOf('      2:')).line,
    );
    await replace(editor, 'orderId: { type: string }', 'orderId: { type: integer }', 2);
    await api.idle();
    const result = await vscode.commands.executeCommand<{
      ok: boolean;
      message?: string;
      summary: string;
      diagnostics: { uri: string; diagnostics: unknown[] }[];
    }>('eventModeler.checkCompatibility', undefined, 'main');
    assert.ok(result?.ok, result?.message);
    const found = await waitFor('published-version-modified in Problems', () =>
      vscode.languages.getDiagnostics(editor.document.uri).find((d) => codeOf(d) === 'published-version-modified'),
    );
    assert.strictEqual(found.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(found.source, 'eventmodel vs main');
    assert.strictEqual(found.range.start.line, v1.start.line);
    await vscode.commands.executeCommand('eventModeler.clearCompatibility');
    assert.ok(!vscode.languages.getDiagnostics(editor.document.uri).some((d) => codeOf(d) === 'published-version-modified'));
  });

  test('Show Context Map opens the webview, which answers', async function () {
    const panel = await vscode.commands.executeCommand<
      { ready: Promise<unknown>; ping(): Promise<{ view: string; nodes: number; edges: number }>; dispose(): void } | undefined
    >('eventModeler.showContextMap');
    assert.ok(panel, 'the command returned the panel');
    try {
      await panel.ready;
      const shown = await panel.ping();
      console.log(`[map] ${JSON.stringify(shown)}`);
      assert.ok(shown.nodes >= 4, JSON.stringify(shown));
      assert.ok(shown.edges >= 1, JSON.stringify(shown));
    } finally {
      panel.dispose();
    }
  });

  test('the server answers the map requests: context map, a command flow, a fallback, an export', async () => {
    type MapResult =
      | {
          ok: true;
          graph: { view: string; root?: string; nodes: { id: string }[]; edges: unknown[] };
          commands: { id: string }[];
          files: string[];
          notice?: string;
        }
      | { ok: false; message: string };
    const client = api.client()!;
    const context = await client.sendRequest<MapResult>('eventModeler/map', { view: 'context' });
    assert.ok(context.ok, JSON.stringify(context));
    assert.deepStrictEqual(context.graph.nodes.map((n) => n.id).sort(), [
      'actor:Ordering.Customer',
      'context:Inventory',
      'context:Ordering',
      'context:Payment',
      'context:Shipping',
    ]);
    assert.ok(
      context.commands.some((c) => c.id === 'Ordering.PlaceOrder'),
      JSON.stringify(context.commands),
    );
    assert.ok(context.files.includes(ORDERING), JSON.stringify(context.files));
    const flow = await client.sendRequest<MapResult>('eventModeler/map', { view: 'flow', command: 'Ordering.PlaceOrder' });
    assert.ok(flow.ok, JSON.stringify(flow));
    assert.strictEqual(flow.graph.view, 'flow');
    assert.strictEqual(flow.graph.root, 'command:Ordering.PlaceOrder');
    assert.ok(
      flow.graph.nodes.some((n) => n.id === 'event:Inventory.StockReserved'),
      JSON.stringify(flow.graph.nodes.map((n) => n.id)),
    );
    const gone = await client.sendRequest<MapResult>('eventModeler/map', { view: 'flow', command: 'Ordering.NoSuchCommand' });
    assert.ok(gone.ok, JSON.stringify(gone));
    assert.strictEqual(gone.graph.view, 'context');
    assert.match(gone.notice ?? '', /NoSuchCommand.*Showing the context map\./);
    const mermaid = await client.sendRequest<{ ok: boolean; text?: string }>('eventModeler/mapExport', {
      view: 'flow',
      command: 'Ordering.PlaceOrder',
      format: 'mermaid',
    });
    assert.ok(mermaid.ok && mermaid.text, JSON.stringify(mermaid));
    assert.match(mermaid.text, /PlaceOrder/);
    assert.match(mermaid.text, /StockReserved/);
  });

  test('an open map follows an unsaved edit', async function () {
    // The file first: the map opens beside it, as a user would have them.
    const editor = await open(PAYMENT);
    const panel = await vscode.commands.executeCommand<
      { ready: Promise<unknown>; ping(): Promise<{ view: string; nodes: number; edges: number }>; dispose(): void } | undefined
    >('eventModeler.showContextMap');
    assert.ok(panel, 'the command returned the panel');
    try {
      await panel.ready;
      const before = await panel.ping();
      // Payment's relationship with Inventory is one edge of the context map.
      await replace(editor, '  - upstream: Inventory\n    patterns: [anticorruption-layer]\n', '');
      const after = await waitFor('the map to drop the relationship', async () => {
        const shown = await panel.ping();
        return shown.edges === before.edges - 1 ? shown : undefined;
      });
      console.log(`[map] before ${JSON.stringify(before)} after ${JSON.stringify(after)}`);
      assert.strictEqual(after.nodes, before.nodes);
      assert.strictEqual(after.view, 'context');
    } finally {
      panel.dispose();
    }
  });

  test('a file with thousands of problems is capped, with a final "N more" diagnostic', async () => {
    const noisy = file('contexts/noisy.yaml');
    const events = Array.from({ length: 1500 }, (_, i) => `Missing${i}Happened`);
    const text = `context: Noisy\ncommands:\n  MakeNoise:\n    emits: [${events.join(', ')}]\n`;
    await vscode.workspace.fs.writeFile(noisy, new TextEncoder().encode(text));
    try {
      const shown = await waitFor('capped diagnostics on noisy.yaml', () => (ours(noisy).length > 0 ? ours(noisy) : undefined));
      assert.strictEqual(shown.length, 201, `${shown.length} diagnostics shown`);
      const more = shown.find((d) => codeOf(d) === 'too-many-diagnostics');
      assert.ok(more, 'no "more" diagnostic');
      // 1,500 unknown events and MakeNoise's spec-missing (the sample turns that rule on).
      assert.match(more.message, /^1301 more diagnostic/);
    } finally {
      await vscode.workspace.fs.delete(noisy);
    }
    await waitFor('noisy.yaml to be cleared', () => ours(noisy).length === 0 || undefined);
  });

  test('the server comes back after it dies', async () => {
    const client = api.client()!;
    const { pid } = await client.sendRequest<{ pid: number }>('eventModeler/idle');
    process.kill(pid, 'SIGKILL');
    await waitFor(
      'the server to restart',
      async () => {
        if (!client.isRunning()) return undefined;
        try {
          const r = await client.sendRequest<{ pid: number }>('eventModeler/idle');
          return r.pid !== pid || undefined;
        } catch {
          return undefined;
        }
      },
      30_000,
    );
    const editor = await open(ORDERING);
    await replace(editor, 'emits: [OrderPlaced]', 'emits: [OrderPlacd]');
    await waitFor('diagnostics from the new server', () => ours(editor.document.uri).find((x) => codeOf(x) === 'unresolved-reference'));
  });

  test('the status bar API reports counts', async () => {
    const s = api.status();
    assert.ok(s.folders[0].files.length >= 5);
    assert.strictEqual(typeof s.folders[0].warnings, 'number');
  });
});

import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, codeOf, find, open, ours, replace, revertAll, waitFor, type Api } from './helpers';

const ORDERING = 'contexts/ordering.yaml';

/** A spec under PlaceOrder with a blank line in a block `given` payload and an empty flow `then` payload. */
const SPEC = [
  'emits: [OrderPlaced]',
  '    specs:',
  '      - name: places an order',
  '        given:',
  '          - event: OrderPlaced@2',
  '            data:',
  '              orderId: o-1',
  '              ',
  '        when: { orderId: 0f8fad5b-d9cb-469f-a165-70867728950e, customerId: c-1, lines: [{ sku: A, quantity: 1 }] }',
  '        then:',
  '          - event: OrderPlaced',
  '            data: {  }',
  '',
].join('\n');

const labels = (list: vscode.CompletionList) =>
  list.items.filter((i) => i.kind === vscode.CompletionItemKind.Property).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));

suite('Specs in a real VS Code', function () {
  let api: Api;

  suiteSetup(async () => {
    api = await activate();
    await waitFor('the first check', () => api.status().folders.length > 0 && !api.status().busy);
  });

  teardown(async () => {
    await revertAll();
    await new Promise((r) => setTimeout(r, 300));
    await api.idle();
    await waitFor('a clean model after the test', () => (api.status().folders[0]?.errors === 0 && !api.status().busy) || undefined, 15_000);
  });

  test("completion inside given and then payloads offers the schema's properties (the version named, required first)", async () => {
    const editor = await open(ORDERING);
    await replace(editor, 'emits: [OrderPlaced]\n', SPEC);
    await api.idle();
    // A new key on the blank line of `given`'s block data: OrderPlaced v2, without orderId (written).
    const given = find(editor, '              orderId: o-1\n              ').end;
    const inGiven = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, given);
    assert.deepStrictEqual(labels(inGiven), ['customerId', 'lines']);
    const lines = inGiven.items.find((i) => i.label === 'lines');
    assert.match(String(lines?.detail), /^array of .* · Ordering\.OrderPlaced v2 data$/);
    // Inside the flow `then` data: the latest version (v3, a $ref'd YAML file), required first.
    const then = find(editor, 'data: {  }').start.translate(0, 'data: { '.length);
    const inThen = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, then);
    assert.deepStrictEqual(labels(inThen), ['orderId', 'customerId', 'lines', 'total', 'placedAt']);
    assert.match(String(inThen.items.find((i) => i.label === 'orderId')?.detail), /^string \(uuid\) · required · Ordering\.OrderPlaced v3 data$/);
  });

  test('a wrong value in a spec is reported at its place, and the owner gets a Run specs lens', async () => {
    const editor = await open(ORDERING);
    const lensAtPlaceOrder = async () => {
      const line = find(editor, '  PlaceOrder:').start.line;
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return l.find((x) => x.range.start.line === line && x.command?.command === 'eventModeler.runSpecs');
    };
    // PlaceOrder's specs in specs/ordering.yaml, before the inline one is added.
    const before = await waitFor('the Run specs lens of PlaceOrder', lensAtPlaceOrder);
    const count = Number(/Run (\d+) spec/.exec(before.command!.title)?.[1]);
    assert.ok(count > 0, before.command!.title);
    await replace(editor, 'emits: [OrderPlaced]\n', SPEC.replace('            data: {  }', '            data: { total: { amount: cheap } }'));
    const d = await waitFor('spec-invalid-payload', () => ours(editor.document.uri).find((x) => codeOf(x) === 'spec-invalid-payload'));
    const at = find(editor, 'cheap');
    assert.deepStrictEqual([d.range.start.line, d.range.start.character], [at.start.line, at.start.character]);
    assert.match(d.message, /^Ordering\.OrderPlaced v3 data: total\.amount must be number\.$/);
    // The inline spec counts beside those of the spec file.
    const run = await waitFor('the lens to count the inline spec', async () => {
      const lens = await lensAtPlaceOrder();
      return lens?.command?.title.startsWith(`▶ Run ${count + 1} specs`) ? lens : undefined;
    });
    assert.strictEqual(run.command?.command, 'eventModeler.runSpecs');
  });
});

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CodeAction, CodeLens, CompletionList, Hover, Location, LocationLink, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { MemoryHost, Workspace } from '../../../src/core';
import { writeTemp } from '../helpers/workspace';
import { Lsp, positionOf } from './lsp';

const MANIFEST = 'model: shop\nnamespace: com.example.shop\ninclude: [contexts/*.yaml]\nspecs: [specs/*.yaml]\n';

const SHOP = `context: Shop
aggregates:
  Cart: { id: cartId }
  Order: { id: orderId }
commands:
  AddItem:
    aggregate: Cart
    emits: [ItemAdded, ItemRejected]
    schema:
      type: object
      required: [cartId, sku, quantity]
      properties:
        cartId: { type: string, description: The cart. }
        sku: { type: string }
        quantity: { type: integer, minimum: 1 }
  PlaceOrder:
    aggregate: Order
    emits: [OrderPlaced]
    schema:
      type: object
      required: [orderId, cartId, lines]
      properties:
        orderId: { type: string, format: uuid }
        cartId: { type: string }
        lines: { type: array, minItems: 1, items: { $ref: ../schemas/line.json } }
    specs:
      - name: places
        when:
          orderId: 00000000-0000-4000-8000-000000000001
          cartId: c-1
          lines:
            - quant
        then: []
events:
  ItemAdded:
    aggregate: Cart
    versions:
      1: { schema: { type: object, required: [cartId, sku], properties: { cartId: { type: string }, sku: { type: string } } } }
      2: { schema: { type: object, required: [cartId, sku, quantity], properties: { cartId: { type: string }, sku: { type: string }, quantity: { type: integer } } } }
  ItemRejected:
    aggregate: Cart
    schema: { type: object, required: [cartId, reason], properties: { cartId: { type: string }, reason: { enum: [out-of-stock, unknown-sku] } } }
  OrderPlaced:
    aggregate: Order
    schema: { type: object, required: [orderId], properties: { orderId: { type: string } } }
policies:
  OrderWhenAdded:
    when: ItemAdded@1
    issue: PlaceOrder
readModels:
  CartView:
    from: [ItemAdded, ItemRejected]
    key: cartId
    schema: { type: object, properties: { cartId: { type: string }, skus: { type: array, items: { type: string } } } }
`;

const SPECS = `specsFor: Shop
commands:
  AddItem:
    - name: adds to a cart
      given:
        - event: ItemAdded@1
          data:
            cartId: c-1
            
      when: { cartId: c-1, sku: B, quantity: 1 }
      then: [{ event: ItemAdded, data: {  } }]
    - name: rejects
      given:
        - event: ItemRejected
          data: { cartId: c-1, reason:  }
      when: { cartId: c-1, sku: X, quantity: 1 }
      then: { error: { kind:  } }
`;

const LINE = JSON.stringify({
  type: 'object',
  required: ['sku'],
  properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1, description: 'How many.' } },
});

describe('spec editing in the language server (real server over stdio)', function () {
  this.timeout(60_000);
  let root: string;
  let lsp: Lsp;

  before(async () => {
    root = writeTemp({ 'eventmodel.yaml': MANIFEST, 'contexts/shop.yaml': SHOP, 'specs/shop.yaml': SPECS, 'schemas/line.json': LINE });
    lsp = new Lsp(root);
    await lsp.start();
    await lsp.open('specs/shop.yaml', SPECS);
    await lsp.open('contexts/shop.yaml', SHOP);
  });
  after(() => {
    lsp?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const complete = async (rel: string, text: string, needle: string, shift: number, occurrence = 0) => {
    const list = await lsp.request<CompletionList | null>('textDocument/completion', {
      textDocument: { uri: lsp.uri(rel) },
      position: positionOf(text, needle, shift, occurrence),
    });
    return list?.items ?? [];
  };

  it("offers the given event's properties (its pinned version) on a new line of its block data, without those already written", async () => {
    const items = await complete('specs/shop.yaml', SPECS, '            cartId: c-1\n            ', '            cartId: c-1\n            '.length);
    assert.deepEqual(
      items.map((i) => i.label),
      ['sku'],
    );
    assert.match(String(items[0].detail), /^string · required · Shop\.ItemAdded v1 data$/);
    assert.equal(items[0].textEdit && 'newText' in items[0].textEdit ? items[0].textEdit.newText : '', 'sku: ');
  });

  it('offers the properties of the latest version inside a flow `then` entry, required first', async () => {
    const items = await complete('specs/shop.yaml', SPECS, 'data: {  }', 'data: { '.length);
    assert.deepEqual(
      items.map((i) => i.label),
      ['cartId', 'sku', 'quantity'],
    );
    assert.match(String(items[2].detail), /^integer · required · Shop\.ItemAdded v2 data$/);
  });

  it('offers enum values of a property, and error kinds', async () => {
    const reasons = await complete('specs/shop.yaml', SPECS, 'reason:  }', 'reason: '.length);
    assert.deepEqual(
      reasons.map((i) => i.label),
      ['out-of-stock', 'unknown-sku'],
    );
    const kinds = await complete('specs/shop.yaml', SPECS, 'kind:  }', 'kind: '.length);
    assert.ok(kinds.some((k) => k.label === 'IllegalStateError') && kinds.some((k) => k.label === 'MessageValidationError'));
  });

  it("offers the aggregate's events with versions in `given`, and only the command's emits in `then`", async () => {
    const editing = SPECS.replace('        - event: ItemAdded@1', '        - event: ');
    await lsp.change('specs/shop.yaml', editing);
    const given = await complete('specs/shop.yaml', editing, '        - event: ', '        - event: '.length);
    assert.deepEqual(
      given.map((i) => i.label),
      ['ItemAdded', 'ItemAdded@2', 'ItemAdded@1', 'ItemRejected', 'ItemRejected@1'],
    );
    const then = editing.replace('then: [{ event: ItemAdded, data: {  } }]', 'then: [{ event:  }]');
    await lsp.change('specs/shop.yaml', then);
    const expected = await complete('specs/shop.yaml', then, 'then: [{ event:  }]', 'then: [{ event: '.length);
    assert.deepEqual(
      expected.map((i) => i.label),
      ['ItemAdded', 'ItemRejected'],
    );
    await lsp.change('specs/shop.yaml', SPECS);
  });

  it("offers an array item's properties from a $ref'd file inside a command payload", async () => {
    const items = await complete('contexts/shop.yaml', SHOP, '            - quant', '            - quant'.length);
    assert.deepEqual(
      items.map((i) => i.label),
      ['sku', 'quantity'],
    );
    assert.equal(items[1].documentation && typeof items[1].documentation === 'object' ? items[1].documentation.value : items[1].documentation, 'How many.');
  });

  it('hovers a payload property with its type and whether it is required, and an event reference with its payload', async () => {
    const hover = await lsp.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: lsp.uri('specs/shop.yaml') },
      position: positionOf(SPECS, 'cartId: c-1\n', 2),
    });
    assert.ok(hover);
    const text = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(text, /\*\*cartId\*\*: `string` · required/);
    assert.match(text, /of Shop\.ItemAdded v1 data/);
    const ref = await lsp.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: lsp.uri('specs/shop.yaml') },
      position: positionOf(SPECS, 'ItemAdded@1', 'ItemAdded@'.length),
    });
    const refText = ref && typeof ref.contents === 'object' && 'value' in ref.contents ? ref.contents.value : '';
    assert.match(refText, /\*\*event\*\* `Shop\.ItemAdded@1`/);
    assert.match(refText, /Payload v1:/);
    const owner = await lsp.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: lsp.uri('contexts/shop.yaml') },
      position: positionOf(SHOP, '  AddItem:', 3),
    });
    const ownerText = owner && typeof owner.contents === 'object' && 'value' in owner.contents ? owner.contents.value : '';
    assert.match(ownerText, /Specs \(2\): “adds to a cart”, “rejects”/);
  });

  it('goes to the definition of, finds and renames references written in specs', async () => {
    const position = positionOf(SPECS, 'ItemAdded@1', 3);
    const defs = await lsp.request<LocationLink[] | null>('textDocument/definition', { textDocument: { uri: lsp.uri('specs/shop.yaml') }, position });
    assert.ok(defs?.[0]);
    assert.equal(defs[0].targetUri, lsp.uri('contexts/shop.yaml'));
    assert.equal(defs[0].targetSelectionRange.start.line, positionOf(SHOP, '  ItemAdded:\n').line);
    const refs = await lsp.request<Location[]>('textDocument/references', {
      textDocument: { uri: lsp.uri('contexts/shop.yaml') },
      position: positionOf(SHOP, '  ItemAdded:', 3),
      context: { includeDeclaration: false },
    });
    assert.deepEqual(
      refs.filter((r) => r.uri === lsp.uri('specs/shop.yaml')).map((r) => r.range.start.line),
      [positionOf(SPECS, 'ItemAdded@1').line, positionOf(SPECS, 'event: ItemAdded,').line],
    );
    const edit = await lsp.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: lsp.uri('specs/shop.yaml') },
      position: positionOf(SPECS, 'AddItem:', 2),
      newName: 'PutItem',
    });
    const inSpecs = edit.changes?.[lsp.uri('specs/shop.yaml')] ?? [];
    const inContext = edit.changes?.[lsp.uri('contexts/shop.yaml')] ?? [];
    assert.equal(inSpecs.length, 1, 'the owner key of the spec file');
    assert.equal(inContext.length, 1, 'the definition');
  });

  it('adds a spec from a command with every required property, and the model stays valid', async () => {
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: lsp.uri('contexts/shop.yaml') },
      range: { start: positionOf(SHOP, '  PlaceOrder:', 4), end: positionOf(SHOP, '  PlaceOrder:', 4) },
      context: { diagnostics: [] },
    });
    const add = actions.find((a) => a.title === 'Add a spec from this command (PlaceOrder)');
    assert.ok(add, actions.map((a) => a.title).join(', '));
    const edits = add.edit!.changes![lsp.uri('contexts/shop.yaml')];
    const text = applyEdits(SHOP.replace('            - quant\n', '            - sku: A\n'), edits, SHOP);
    assert.match(
      text,
      /- name: "TODO: what PlaceOrder does in this case"\n {8}given: \[\]\n {8}when:\n {10}orderId: 00000000-0000-4000-8000-000000000001\n {10}cartId: TODO\n {10}lines:\n {12}- sku: TODO\n {8}then:\n {10}- event: OrderPlaced\n {12}data:\n {14}orderId: 00000000-0000-4000-8000-000000000001\n/,
    );
    const diagnostics = new Workspace(new MemoryHost({ 'eventmodel.yaml': MANIFEST, 'contexts/shop.yaml': text, 'schemas/line.json': LINE })).diagnostics();
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.location.start.line + 1} ${d.rule} ${d.message}`),
      [],
    );
  });

  it("offers the spec skeleton of a read model where its context's specs live (the spec file)", async () => {
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: lsp.uri('contexts/shop.yaml') },
      range: { start: positionOf(SHOP, '  CartView:', 4), end: positionOf(SHOP, '  CartView:', 4) },
      context: { diagnostics: [] },
    });
    const add = actions.find((a) => a.title === 'Add a spec from this read model (CartView)');
    assert.ok(add);
    const edits = add.edit!.changes![lsp.uri('specs/shop.yaml')];
    assert.ok(edits, 'written into the spec file');
    const text = applyEdits(SPECS, edits, SPECS);
    assert.match(
      text,
      /\nreadModels:\n {2}CartView:\n {4}- name: "TODO: what CartView does in this case"\n {6}given:\n {8}- event: ItemAdded\n {10}data:\n {12}cartId: TODO\n {12}sku: TODO\n {12}quantity: 1\n {6}then:\n {8}key: TODO\n {8}view:\n {10}cartId: TODO\n/,
    );
  });

  it("fixes spec-missing (turned on in the manifest) by adding a spec to the context's spec file", async () => {
    await lsp.open('eventmodel.yaml', MANIFEST + 'rules:\n  spec-missing: warning\n');
    const uri = lsp.uri('contexts/shop.yaml');
    const missing = (lsp.diagnostics.get(uri) ?? []).filter(
      (d) => d.code === 'spec-missing' || (d.data as { rule?: string } | undefined)?.rule === 'spec-missing',
    );
    assert.deepEqual(
      missing.map((d) => d.message),
      [
        'Shop.OrderWhenAdded has no spec: add one under `specs:` (given, when, then) or in a spec file.',
        'Shop.CartView has no spec: add one under `specs:` (given, when, then) or in a spec file.',
      ],
    );
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: missing[0].range,
      context: { diagnostics: [missing[0]], only: ['quickfix'] },
    });
    const fix = actions.find((a) => a.title === 'Add a spec from this policy (OrderWhenAdded)');
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    const text = applyEdits(SPECS, fix.edit!.changes![lsp.uri('specs/shop.yaml')], SPECS);
    assert.match(
      text,
      /\npolicies:\n {2}OrderWhenAdded:\n {4}- name: "TODO: what OrderWhenAdded does in this case"\n {6}when:\n {8}event: ItemAdded@1\n {8}data:\n {10}cartId: TODO\n {10}sku: TODO\n {6}then:\n {8}command: PlaceOrder\n {8}data:\n {10}cartId: TODO\n$/,
    );
    await lsp.change('eventmodel.yaml', MANIFEST);
  });

  it('shows Run specs lenses on the context, each owner with specs and each spec', async () => {
    const lenses = await lsp.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: lsp.uri('specs/shop.yaml') } });
    assert.deepEqual(
      lenses.map((l) => `${l.range.start.line + 1} ${l.command?.title} ${JSON.stringify(l.command?.arguments?.[0]?.scope)}`),
      [
        '1 ▶ Run specs of Shop (2) "Shop"',
        '3 ▶ Run 2 specs "Shop.AddItem"',
        '4 ▶ Run spec "Shop.AddItem: adds to a cart"',
        '12 ▶ Run spec "Shop.AddItem: rejects"',
      ],
    );
    assert.equal(lenses[0].command?.command, 'eventModeler.runSpecs');
    // The palette's "Run Specs of This Context" names a file instead of a scope: a file of no context says so.
    const before = lsp.messages.length;
    const none = await lsp.request('workspace/executeCommand', {
      command: 'eventModeler.runSpecs',
      arguments: [{ folder: lsp.uri('eventmodel.yaml'), file: lsp.uri('eventmodel.yaml') }],
    });
    assert.equal(none, null);
    assert.match(
      lsp.messages
        .slice(before)
        .map((m) => m.message)
        .join('\n'),
      /not a context file or a spec file/,
    );
    const inline = await lsp.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: lsp.uri('contexts/shop.yaml') } });
    assert.deepEqual(
      inline.map((l) => l.command?.title),
      ['▶ Run specs of Shop (3)', '▶ Run 2 specs', '▶ Run 1 spec', '▶ Run spec'],
    );
  });
});

/** Applies LSP edits (non-overlapping) to `text`, positions computed on `original`'s lines when it is the same file. */
function applyEdits(text: string, edits: TextEdit[], original: string): string {
  const offsetIn = (t: string, p: { line: number; character: number }) =>
    t
      .split('\n')
      .slice(0, p.line)
      .reduce((n, l) => n + l.length + 1, 0) + p.character;
  void original;
  let out = text;
  for (const e of [...edits].sort((a, b) => offsetIn(text, b.range.start) - offsetIn(text, a.range.start))) {
    out = out.slice(0, offsetIn(out, e.range.start)) + e.newText + out.slice(offsetIn(out, e.range.end));
  }
  return out;
}

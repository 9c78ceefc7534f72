import assert from 'node:assert/strict';
import type { EventDef, PolicyDef } from '../../../src/core';
import { brief, diskWorkspace, runCli, SAMPLE } from '../helpers/workspace';

describe('samples/retail', () => {
  const ws = diskWorkspace(SAMPLE);
  const model = ws.model;

  it('validates with zero diagnostics, in the core and through the CLI', () => {
    assert.deepEqual(brief(ws.diagnostics('validation')), []);
    const r = runCli(['validate', SAMPLE]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /No problems/);
    const json = runCli(['validate', SAMPLE, '--format', 'json']);
    assert.deepEqual(JSON.parse(json.stdout), []);
  });

  it('loads the four contexts of the reference scenario and the whole order flow', () => {
    assert.deepEqual(model.contexts.map((c) => c.name).sort(), ['Inventory', 'Ordering', 'Payment', 'Shipping']);
    const flow: [string, string][] = [
      ['Ordering', 'PlaceOrder'],
      ['Inventory', 'ReserveStock'],
      ['Payment', 'ProcessPayment'],
      ['Shipping', 'CreateShipment'],
    ];
    for (const [ctx, cmd] of flow) assert.ok(model.index.find('command', ctx, cmd), `${ctx}.${cmd}`);
    const reserve = model.index.find('command', 'Inventory', 'ReserveStock')!;
    assert.deepEqual(
      reserve.emits.map((r) => r.text),
      ['StockReserved', 'StockNotAvailable'],
    );
  });

  it('has an event with three versions, the last one upcast from an external $ref schema', () => {
    const placed = model.index.find('event', 'Ordering', 'OrderPlaced') as EventDef;
    assert.deepEqual(
      placed.versions.map((v) => v.number),
      [1, 2, 3],
    );
    assert.equal(placed.versions[2].upcast, true);
    assert.deepEqual(placed.versions[2].schema?.value, { $ref: '../schemas/order-placed.v3.yaml' });
    assert.ok(model.files.has('schemas/order-placed.v3.yaml'));
    assert.ok(model.files.has('schemas/money.json'), 'nested $ref from order-line.json is followed');
  });

  it('keeps exact ranges of names and of each part of a reference', () => {
    const policy = model.index.find('policy', 'Inventory', 'ReserveStockForOrder') as PolicyDef;
    const text = model.files.get('contexts/inventory.yaml')!.text;
    const when = policy.when[0];
    assert.equal(text.slice(when.range.startOffset, when.range.endOffset), 'Ordering.OrderPlaced@3');
    assert.equal(text.slice(when.context!.range.startOffset, when.context!.range.endOffset), 'Ordering');
    assert.equal(text.slice(when.name.range.startOffset, when.name.range.endOffset), 'OrderPlaced');
    assert.equal(text.slice(when.version!.range.startOffset, when.version!.range.endOffset), '3');
    const line = text.split('\n')[when.range.start.line];
    assert.equal(line.slice(when.range.start.character, when.range.end.character), 'Ordering.OrderPlaced@3');
    assert.equal(text.slice(policy.nameRange.startOffset, policy.nameRange.endOffset), 'ReserveStockForOrder');
  });

  it('resolves every reference, and finds references of a definition across files', () => {
    for (const ref of model.index.references) assert.ok(model.index.resolve(ref).ok, ref.text);
    const placed = model.index.find('event', 'Ordering', 'OrderPlaced')!;
    const refs = model.index.referencesTo(placed);
    assert.deepEqual([...new Set(refs.map((r) => r.range.file))].sort(), [
      'contexts/inventory.yaml',
      'contexts/ordering.yaml',
      'specs/inventory.yaml',
      'specs/ordering.yaml',
    ]);
    const v = model.index.resolve(refs.find((r) => r.version)!);
    assert.ok(v.ok && v.version?.number === 3);
    assert.deepEqual(
      model.index.emittersOf(placed as EventDef).map((c) => c.name),
      ['PlaceOrder'],
    );
    assert.deepEqual(
      model.index
        .consumersOf(placed as EventDef)
        .map((c) => c.name)
        .sort(),
      ['OrderSummary', 'ReserveStockForOrder'],
    );
  });

  it('covers push with retry and dead letter, poll delivery and a read model', () => {
    const all = model.contexts.flatMap((c) => c.policies);
    assert.ok(all.some((p) => p.delivery?.mode?.value === 'push' && p.delivery.retry && p.delivery.deadLetter));
    assert.ok(all.some((p) => p.delivery?.mode?.value === 'poll' && p.delivery.poll?.intervalMs));
    assert.ok(model.contexts.some((c) => c.readModels.length > 0));
  });
});

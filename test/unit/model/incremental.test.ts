import assert from 'node:assert/strict';
import { MemoryHost, Workspace } from '../../../src/core';
import { brief, readTree, SAMPLE } from '../helpers/workspace';

/** A host that counts reads per path, to prove an edit re-reads only the edited file. */
class CountingHost extends MemoryHost {
  reads = new Map<string, number>();
  override readFile(path: string) {
    this.reads.set(path, (this.reads.get(path) ?? 0) + 1);
    return super.readFile(path);
  }
}

describe('incremental workspace', () => {
  it('re-reads and re-parses only the edited file, reusing every other parse', () => {
    const host = new CountingHost(readTree(SAMPLE));
    const ws = new Workspace(host);
    assert.deepEqual(brief(ws.diagnostics('validation')), []);
    const before = ws.model;
    host.reads.clear();
    const text = before.files.get('contexts/shipping.yaml')!.text;
    ws.update('contexts/shipping.yaml', text.replace('ShipmentCreated]', 'ShipmentCreatd]'));
    const after = ws.model;
    assert.deepEqual([...host.reads.keys()], [], 'an overlay edit reads nothing from the host');
    for (const path of ['contexts/ordering.yaml', 'contexts/inventory.yaml', 'schemas/money.json']) {
      assert.equal(after.files.get(path), before.files.get(path), `${path} keeps its parse`);
    }
    assert.notEqual(after.files.get('contexts/shipping.yaml'), before.files.get('contexts/shipping.yaml'));
    assert.equal(after.index.context('Ordering'), before.index.context('Ordering'), 'unchanged contexts are the same objects');
    const diagnostics = ws.diagnostics();
    assert.ok(diagnostics.some((d) => d.rule === 'unresolved-reference' && d.location.file === 'contexts/shipping.yaml' && /ShipmentCreatd/.test(d.message)));
  });

  it('takes unsaved text, then falls back to the file on disk when the overlay is dropped', () => {
    const files = readTree(SAMPLE);
    const ws = new Workspace(new MemoryHost(files));
    ws.update('contexts/payment.yaml', files['contexts/payment.yaml'].replace('issue: ProcessPayment', 'issue: ProcessPaymnt'));
    assert.ok(ws.diagnostics().some((d) => d.rule === 'unresolved-reference' && /Did you mean 'ProcessPayment'/.test(d.message)));
    ws.update('contexts/payment.yaml');
    assert.deepEqual(brief(ws.diagnostics('validation')), []);
  });

  it('notices a context file created or deleted after loading', () => {
    const files = readTree(SAMPLE);
    const host = new MemoryHost(files);
    const ws = new Workspace(host);
    assert.equal(ws.model.contexts.length, 4);
    ws.update('contexts/billing.yaml', 'context: Billing\nrelationships:\n  - upstream: Payment\n    patterns: [conformist]\n');
    assert.equal(ws.model.contexts.length, 5);
    host.files.delete('contexts/shipping.yaml');
    ws.update('contexts/shipping.yaml');
    assert.deepEqual(ws.model.contexts.map((c) => c.name).sort(), ['Billing', 'Inventory', 'Ordering', 'Payment']);
    // Ordering's read model consumed Shipping.ShipmentCreated: the reference is now unresolved.
    assert.ok(ws.diagnostics().some((d) => d.rule === 'unresolved-reference' && /Shipping/.test(d.message)));
  });

  it('re-checks files that depend on a changed external schema', () => {
    const files = readTree(SAMPLE);
    const ws = new Workspace(new MemoryHost(files));
    assert.deepEqual(brief(ws.diagnostics('validation')), []);
    ws.update('schemas/money.json', '{ "type": "object", "required": "amount" }');
    const d = ws.diagnostics().find((x) => x.rule === 'invalid-payload-schema');
    assert.ok(d && d.location.file === 'schemas/money.json', brief(ws.diagnostics()).join('\n'));
  });

  it('applies a manifest change (severity) to every file', () => {
    const files = readTree(SAMPLE);
    const ws = new Workspace(new MemoryHost(files));
    ws.update('contexts/shipping.yaml', files['contexts/shipping.yaml'].replace('ShipPaidOrder:', 'ship_paid_order:'));
    assert.equal(ws.diagnostics().find((d) => d.rule === 'naming')?.severity, 'warning');
    ws.update('eventmodel.yaml', files['eventmodel.yaml'].replace('naming: warning', 'naming: error'));
    assert.equal(ws.diagnostics().find((d) => d.rule === 'naming')?.severity, 'error');
    ws.update('eventmodel.yaml', files['eventmodel.yaml'].replace('naming: warning', 'naming: off'));
    assert.equal(
      ws.diagnostics().find((d) => d.rule === 'naming'),
      undefined,
    );
  });
});

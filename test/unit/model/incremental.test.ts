import assert from 'node:assert/strict';
import { MemoryHost, Workspace } from '../../../src/core';
import { generateSyntheticModel } from '../../../bench/synthetic';
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

  describe('dependency tracking', () => {
    // A ring: each context is downstream of the one before it (relationship, policies on its events).
    const ring = () => generateSyntheticModel({ contexts: 6, eventsPerContext: 12, policiesPerContext: 2 });
    const file = (i: number) => `contexts/context00${i}.yaml`;

    it('re-checks only the edited context and the contexts it refers to or that refer to it', () => {
      const files = ring();
      const ws = new Workspace(new MemoryHost(files));
      ws.diagnostics();
      ws.update(file(2), files[file(2)].replace('emits: [Thing3Happened]', 'emits: [Thing3Hapened]'));
      const diagnostics = ws.diagnostics();
      assert.deepEqual([...ws.lastCheckedFiles()].sort(), [file(1), file(2), file(3)]);
      assert.ok(diagnostics.some((d) => d.rule === 'unresolved-reference' && d.location.file === file(2) && /Thing3Hapened/.test(d.message)));
      assert.ok(diagnostics.some((d) => d.rule === 'event-never-emitted' && d.location.file === file(2) && /Context002\.Thing3Happened/.test(d.message)));
    });

    it('re-checks the contexts that named a renamed context, and finds their references broken', () => {
      const files = ring();
      const ws = new Workspace(new MemoryHost(files));
      ws.diagnostics();
      ws.update(file(2), files[file(2)].replace('context: Context002', 'context: Context02'));
      const diagnostics = ws.diagnostics();
      assert.deepEqual([...ws.lastCheckedFiles()].sort(), [file(1), file(2), file(3)]);
      const broken = diagnostics.filter((d) => d.location.file === file(3) && /Unknown context 'Context002'/.test(d.message));
      assert.ok(broken.length > 0, brief(diagnostics).join('\n'));
    });

    it('re-checks every file when the manifest changes', () => {
      const files = ring();
      const ws = new Workspace(new MemoryHost(files));
      ws.diagnostics();
      ws.update('eventmodel.yaml', files['eventmodel.yaml'].replace('BACKWARD_TRANSITIVE', 'FULL_TRANSITIVE'));
      ws.diagnostics();
      assert.deepEqual([...ws.lastCheckedFiles()].sort(), [...ws.model.files.keys()].sort());
    });

    it('keeps the diagnostics list of every file whose diagnostics an edit does not change', () => {
      const files = ring();
      const ws = new Workspace(new MemoryHost(files));
      const before = ws.diagnosticsByFile();
      ws.update(file(4), files[file(4)].replace(/description: .*/, 'description: Edited.'));
      const after = ws.diagnosticsByFile();
      assert.deepEqual([...after.keys()], [...before.keys()]);
      // Context005's pins point into Context004 (related information): its list moves with it.
      for (const i of [4, 5]) assert.notEqual(after.get(file(i)), before.get(file(i)), `${file(i)} has new positions`);
      for (const i of [0, 1, 2, 3]) assert.equal(after.get(file(i)), before.get(file(i)), `${file(i)} keeps its list`);
      // An edit that moves nothing (the same length) keeps every list, the edited file's too.
      ws.update(file(4), files[file(4)].replace(/description: .*/, 'description: Edit.'));
      const again = ws.diagnosticsByFile();
      ws.update(file(4), files[file(4)].replace(/description: .*/, 'description: Tide.'));
      for (const [path, list] of ws.diagnosticsByFile()) assert.equal(list, again.get(path), `${path} keeps its list`);
    });
  });
});

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { type Diagnostic, Workspace, MemoryHost } from '../../../src/core';
import { SAMPLE, readTree, runCli, writeTemp } from '../helpers/workspace';

const MANIFEST = 'model: t\ninclude: [contexts/*.yaml]\n';

/** A context with one event whose versions are given as YAML schema blocks (indented 8). */
function context(versions: string[], extra: { event?: string; context?: string; upcast?: number[] } = {}): string {
  const lines = ['context: Sales', ...(extra.context ? [extra.context] : []), 'commands:', '  Place:', '    emits: [Placed]', 'events:', '  Placed:'];
  if (extra.event) lines.push(extra.event);
  lines.push('    versions:');
  versions.forEach((schema, i) => {
    lines.push(`      ${i + 1}:`);
    if (extra.upcast?.includes(i + 1)) lines.push('        upcast: true');
    lines.push(
      '        schema:',
      ...schema
        .trim()
        .split('\n')
        .map((l) => `          ${l}`),
    );
  });
  lines.push('readModels:', '  Orders:', '    from: [Placed]');
  return lines.join('\n') + '\n';
}

function compat(files: Record<string, string>): Diagnostic[] {
  return new Workspace(new MemoryHost(files)).diagnostics('compatibility');
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

describe('incompatible-change (model)', () => {
  const v1 = 'type: object\nproperties:\n  id: { type: string, maxLength: 36 }';
  const v2 = 'type: object\nproperties:\n  id: { type: string, maxLength: 20 }';

  it('reports the breaking change on the node of the newer version, related to the older node', () => {
    const ctx = context([v1, v2]);
    const [d, ...rest] = compat({ 'eventmodel.yaml': MANIFEST, 'contexts/sales.yaml': ctx });
    assert.equal(rest.length, 0);
    assert.equal(d.rule, 'incompatible-change');
    assert.equal(d.severity, 'warning');
    assert.equal(d.location.file, 'contexts/sales.yaml');
    assert.equal(d.location.start.line, lineOf(ctx, 'maxLength: 20'));
    assert.equal(d.related?.[0].location.start.line, lineOf(ctx, 'maxLength: 36'));
    assert.match(d.message, /Placed v2/);
    assert.match(d.message, /BACKWARD/);
    assert.match(d.message, /36 to 20/);
    assert.match(d.message, /upcast: true/);
    assert.equal(d.data?.type, 'MAX_LENGTH_DECREASED');
  });

  it('finds the node inside an external $ref file', () => {
    const ctx = context(['{ $ref: ../schemas/v1.json }', '{ $ref: ../schemas/v2.yaml }']);
    const v2file = 'type: object\nproperties:\n  id:\n    type: string\n    maxLength: 20\n';
    const [d] = compat({
      'eventmodel.yaml': MANIFEST,
      'contexts/sales.yaml': ctx,
      'schemas/v1.json': JSON.stringify({ type: 'object', properties: { id: { type: 'string', maxLength: 36 } } }),
      'schemas/v2.yaml': v2file,
    });
    assert.equal(d.location.file, 'schemas/v2.yaml');
    assert.equal(d.location.start.line, 4);
    assert.equal(d.related?.[0].location.file, 'schemas/v1.json');
  });

  it('takes mode and policy from the event, else the context, else the manifest', () => {
    const open1 = 'type: object\nproperties:\n  id: { type: string }';
    const open2 = 'type: object\nproperties:\n  id: { type: string }\n  note: { type: string }';
    const run = (manifest: string, extra: { event?: string; context?: string }) =>
      compat({ 'eventmodel.yaml': manifest, 'contexts/sales.yaml': context([open1, open2], extra) }).length;
    assert.equal(run(MANIFEST, {}), 1, 'default BACKWARD strict');
    assert.equal(run(MANIFEST + 'defaults:\n  compatibilityPolicy: lenient\n', {}), 0, 'manifest policy');
    assert.equal(run(MANIFEST + 'defaults:\n  compatibilityPolicy: lenient\n', { context: 'compatibilityPolicy: strict' }), 1, 'context beats manifest');
    assert.equal(run(MANIFEST, { context: 'compatibilityPolicy: lenient', event: '    compatibilityPolicy: strict' }), 1, 'event beats context');
    assert.equal(run(MANIFEST, { event: '    compatibility: FORWARD' }), 0, 'adding to an open model is forward compatible');
    assert.equal(run(MANIFEST, { event: '    compatibility: NONE' }), 0);
  });

  it('turns the breaking changes of an `upcast: true` version into info', () => {
    const [d] = compat({ 'eventmodel.yaml': MANIFEST, 'contexts/sales.yaml': context([v1, v2], { upcast: [2] }) });
    assert.equal(d.severity, 'info');
    assert.match(d.message, /handled by the upcaster/);
  });

  it('checks every earlier version in transitive modes: only v1 → v3 breaks', () => {
    const a1 = 'type: object\nproperties:\n  a: { type: string }';
    const a2 = 'type: object\nrequired: [a]\nproperties:\n  a: { type: string, default: x }';
    const a3 = 'type: object\nrequired: [a]\nproperties:\n  a: { type: string }';
    const ctx = (mode: string) => context([a1, a2, a3], { event: `    compatibility: ${mode}` });
    assert.deepEqual(compat({ 'eventmodel.yaml': MANIFEST, 'contexts/sales.yaml': ctx('BACKWARD') }), []);
    const [d, ...rest] = compat({ 'eventmodel.yaml': MANIFEST, 'contexts/sales.yaml': ctx('BACKWARD_TRANSITIVE') });
    assert.equal(rest.length, 0);
    assert.deepEqual(d.data?.olderVersions, [1]);
    assert.equal(d.data?.version, 3);
    assert.equal(d.data?.type, 'REQUIRED_ATTRIBUTE_ADDED');
    assert.match(d.message, /default/);
  });

  it('follows the manifest severity setting', () => {
    const files = { 'eventmodel.yaml': MANIFEST + 'rules:\n  incompatible-change: error\n', 'contexts/sales.yaml': context([v1, v2]) };
    assert.equal(compat(files)[0].severity, 'error');
    files['eventmodel.yaml'] = MANIFEST + 'rules:\n  incompatible-change: off\n';
    assert.deepEqual(compat(files), []);
  });

  it('re-checks after an edit, and only then', () => {
    const host = new MemoryHost({ 'eventmodel.yaml': MANIFEST, 'contexts/sales.yaml': context([v1, v2]) });
    const ws = new Workspace(host);
    assert.equal(ws.diagnostics('compatibility').length, 1);
    ws.update('contexts/sales.yaml', context([v1, v1]));
    assert.equal(ws.diagnostics('compatibility').length, 0);
    ws.update('contexts/sales.yaml', context([v1, v2]));
    assert.equal(ws.diagnostics('compatibility').length, 1);
  });

  it('re-checks when an external schema file appears or changes', () => {
    const files: Record<string, string> = { 'eventmodel.yaml': MANIFEST, 'contexts/sales.yaml': context([v1, '{ $ref: ../schemas/v2.yaml }']) };
    const host = new MemoryHost(files);
    const ws = new Workspace(host);
    // A missing file compares as `{}` (the unresolved-schema-ref rule reports it): nothing breaks yet.
    assert.deepEqual(ws.diagnostics('compatibility'), []);
    host.files.set('schemas/v2.yaml', 'type: object\nproperties:\n  id: { type: string, maxLength: 20 }\n');
    ws.update('schemas/v2.yaml');
    assert.deepEqual(
      ws.diagnostics('compatibility').map((d) => d.data?.type),
      ['MAX_LENGTH_DECREASED'],
    );
    host.files.set('schemas/v2.yaml', 'type: object\nproperties:\n  id: { type: string, maxLength: 36 }\n');
    ws.update('schemas/v2.yaml');
    assert.deepEqual(ws.diagnostics('compatibility'), []);
  });

  it('is not reported by validate', () => {
    assert.deepEqual(new Workspace(new MemoryHost({ 'eventmodel.yaml': MANIFEST, 'contexts/sales.yaml': context([v1, v2]) })).diagnostics('validation'), []);
  });
});

describe('eventmodel check on the sample', function () {
  this.timeout(60000);

  it('reports the upcast v3 of OrderPlaced as handled, never as a warning', () => {
    const json = runCli(['check', SAMPLE, '--format', 'json']);
    const diagnostics = JSON.parse(json.stdout) as Array<{ file: string; severity: string; message: string }>;
    const v3 = diagnostics.filter((d) => /OrderPlaced v3/.test(d.message));
    assert.ok(v3.length > 0);
    assert.ok(v3.every((d) => d.severity === 'info' && /upcaster/.test(d.message)));
  });

  it('a variant with a breaking v3 shows the warning at the right line, in text and JSON', () => {
    const tree = readTree(SAMPLE);
    tree['contexts/ordering.yaml'] = tree['contexts/ordering.yaml'].replace(/\n\s+upcast: true/, '');
    const dir = writeTemp(tree);
    try {
      const schemaText = tree['schemas/order-placed.v3.yaml'];
      const totalLine = lineOf(schemaText, 'total:') + 1;
      const text = runCli(['check', dir]);
      assert.equal(text.status, 1);
      assert.match(text.stdout, new RegExp(`^schemas/order-placed\\.v3\\.yaml:${totalLine}:\\d+ warning incompatible-change OrderPlaced v3 `, 'm'));
      const json = runCli(['check', dir, '--format', 'json']);
      assert.equal(json.status, 1);
      const hit = (JSON.parse(json.stdout) as Array<{ file: string; line: number; severity: string; rule: string; message: string }>).find(
        (d) => d.file === 'schemas/order-placed.v3.yaml' && d.line === totalLine,
      );
      assert.ok(hit);
      assert.equal(hit.severity, 'warning');
      assert.match(hit.message, /total/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MemoryHost, Workspace, type Diagnostic } from '../../../src/core';
import { brief, memoryWorkspace, runCli, writeTemp } from '../helpers/workspace';

const MANIFEST = 'model: hostile\ninclude: [contexts/*.yaml]\n';
const GOOD =
  'context: Sales\ncommands:\n  PlaceOrder:\n    emits: [OrderPlaced]\nevents:\n  OrderPlaced:\n    schema: { type: object }\nreadModels:\n  Orders:\n    from: [OrderPlaced]\n';

function inBounds(files: Record<string, string | Uint8Array>, diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) {
    const content = files[d.location.file];
    assert.ok(content !== undefined, `diagnostic in unknown file ${d.location.file}`);
    const length = typeof content === 'string' ? content.length : content.byteLength;
    assert.ok(
      d.location.startOffset >= 0 && d.location.endOffset <= length && d.location.startOffset <= d.location.endOffset,
      `range out of file: ${brief([d])}`,
    );
  }
}

/** Loads the files in memory and on disk through the CLI: a located error, exit 1, no stack trace. */
function expectError(files: Record<string, string | Uint8Array>, rule: string, file: string, message?: RegExp): Diagnostic {
  const diagnostics = memoryWorkspace(files).diagnostics();
  inBounds(files, diagnostics);
  const hit = diagnostics.find((d) => d.rule === rule && d.location.file === file && d.severity === 'error');
  assert.ok(hit, `expected ${rule} in ${file}, got:\n${brief(diagnostics).join('\n')}`);
  if (message) assert.match(hit.message, message);
  const dir = writeTemp(files);
  const r = runCli(['validate', dir, '--format', 'json']);
  assert.equal(r.status, 1, r.stderr);
  assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
  assert.ok((JSON.parse(r.stdout) as { rule: string }[]).some((d) => d.rule === rule));
  fs.rmSync(dir, { recursive: true, force: true });
  return hit;
}

describe('hostile and broken input', function () {
  this.timeout(120_000);

  it('binary content', () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expectError({ 'eventmodel.yaml': MANIFEST, 'contexts/a.yaml': GOOD, 'contexts/image.yaml': bytes }, 'unreadable-file', 'contexts/image.yaml', /binary/);
  });

  it('non-UTF-8 bytes, located at the bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('context: Other\ndescription: "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]);
    const hit = expectError(
      { 'eventmodel.yaml': MANIFEST, 'contexts/a.yaml': GOOD, 'contexts/latin1.yaml': bytes },
      'unreadable-file',
      'contexts/latin1.yaml',
      /UTF-8/,
    );
    assert.equal(hit.location.start.line, 1);
  });

  it('a 10 MB file is refused without being parsed, and the rest of the model still loads', () => {
    const big = 'context: Big\ndescription: ' + 'x'.repeat(10 * 1024 * 1024) + '\n';
    const files = { 'eventmodel.yaml': MANIFEST, 'contexts/a.yaml': GOOD, 'contexts/big.yaml': big };
    expectError(files, 'unreadable-file', 'contexts/big.yaml', /MB/);
    const ws = memoryWorkspace(files);
    assert.deepEqual(
      ws.model.contexts.map((c) => c.name),
      ['Sales'],
    );
  });

  it('a YAML alias bomb (billion laughs)', () => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= 9; i++)
      lines.push(
        `a${i}: &a${i} [${Array(9)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const bomb = 'context: Bomb\n' + lines.join('\n') + '\n';
    expectError({ 'eventmodel.yaml': MANIFEST, 'contexts/a.yaml': GOOD, 'contexts/bomb.yaml': bomb }, 'yaml-syntax', 'contexts/bomb.yaml', /alias/i);
  });

  it('__proto__ and constructor keys are plain names, not prototype pollution', () => {
    const text = GOOD + 'aggregates:\n  __proto__: { state: { type: object } }\n  constructor: {}\n';
    const ws = memoryWorkspace({ 'eventmodel.yaml': MANIFEST + '__proto__: { polluted: true }\n', 'contexts/a.yaml': text });
    const diagnostics = ws.diagnostics();
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.ok(
      diagnostics.some((d) => d.rule === 'schema' && d.location.file === 'eventmodel.yaml' && /__proto__/.test(d.message)),
      brief(diagnostics).join('\n'),
    );
    assert.ok(diagnostics.some((d) => d.rule === 'naming' && /constructor/.test(d.message)));
    assert.deepEqual(
      ws.model.contexts[0].aggregates.map((a) => a.name),
      ['__proto__', 'constructor'],
    );
  });

  it('a $ref cycle between files terminates with a diagnostic', () => {
    const ctx = GOOD.replace('schema: { type: object }', 'schema: { $ref: ../schemas/a.json }');
    expectError(
      { 'eventmodel.yaml': MANIFEST, 'contexts/a.yaml': ctx, 'schemas/a.json': '{ "$ref": "b.json" }', 'schemas/b.json': '{ "$ref": "a.json" }' },
      'unresolved-schema-ref',
      'schemas/b.json',
      /itself/,
    );
  });

  it('a recursive schema across files (with structure) is fine', () => {
    const ctx = GOOD.replace('schema: { type: object }', 'schema: { $ref: ../schemas/tree.json }');
    const tree = JSON.stringify({ type: 'object', properties: { children: { type: 'array', items: { $ref: 'tree.json' } } } });
    const ws = memoryWorkspace({ 'eventmodel.yaml': MANIFEST, 'contexts/a.yaml': ctx, 'schemas/tree.json': tree });
    assert.deepEqual(brief(ws.diagnostics('validation')), []);
  });

  it('a $ref to a missing file', () => {
    const ctx = GOOD.replace('schema: { type: object }', 'schema: { $ref: ../schemas/nope.json }');
    const hit = expectError({ 'eventmodel.yaml': MANIFEST, 'contexts/a.yaml': ctx }, 'unresolved-schema-ref', 'contexts/a.yaml', /does not exist/);
    assert.equal(hit.location.start.line, 6);
  });

  it('a $ref outside the workspace folder is refused, not read', () => {
    const outside = writeTemp({ 'secret.json': '{ "type": "object" }' });
    const ctx = GOOD.replace('schema: { type: object }', `schema: { $ref: ../../${path.basename(outside)}/secret.json }`);
    const files: Record<string, string> = { 'eventmodel.yaml': MANIFEST, 'contexts/a.yaml': ctx };
    expectError(files, 'unresolved-schema-ref', 'contexts/a.yaml', /outside the workspace/);
    const abs = GOOD.replace('schema: { type: object }', `schema: { $ref: ${path.join(outside, 'secret.json')} }`);
    expectError({ ...files, 'contexts/a.yaml': abs }, 'unresolved-schema-ref', 'contexts/a.yaml', /outside the workspace/);
    // The core never even asks the host for a path outside the folder.
    const host = new MemoryHost({ ...files, 'contexts/b.yaml': abs.replace('Sales', 'Other') });
    const asked: string[] = [];
    const read = host.readFile.bind(host);
    host.readFile = (p: string) => (asked.push(p), read(p));
    new Workspace(host).diagnostics();
    assert.deepEqual(
      asked.filter((p) => p.startsWith('..') || p.startsWith('/')),
      [],
    );
    assert.ok(asked.includes('contexts/a.yaml'));
  });

  it('a symlinked schema leading outside the workspace is refused', () => {
    const outside = writeTemp({ 'secret.json': '{ "type": "object" }' });
    const ctx = GOOD.replace('schema: { type: object }', 'schema: { $ref: ../schemas/link.json }');
    const dir = writeTemp({ 'eventmodel.yaml': MANIFEST, 'contexts/a.yaml': ctx });
    fs.mkdirSync(path.join(dir, 'schemas'));
    fs.symlinkSync(path.join(outside, 'secret.json'), path.join(dir, 'schemas/link.json'));
    const r = runCli(['validate', dir]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /contexts\/a\.yaml:7:\d+ error unresolved-schema-ref .*outside the workspace/);
  });

  it('an empty manifest', () => {
    expectError({ 'eventmodel.yaml': '', 'contexts/a.yaml': GOOD }, 'schema', 'eventmodel.yaml', /empty/);
  });

  it('a manifest whose include matches nothing', () => {
    const hit = expectError({ 'eventmodel.yaml': 'model: x\ninclude: [domains/*.yaml]\n', 'contexts/a.yaml': GOOD }, 'include-empty', 'eventmodel.yaml');
    assert.equal(hit.location.start.line, 1);
  });

  it('one broken file does not hide the others', () => {
    const ws = memoryWorkspace({ 'eventmodel.yaml': MANIFEST, 'contexts/a.yaml': GOOD, 'contexts/b.yaml': 'context: [unclosed\n' });
    const diagnostics = ws.diagnostics();
    assert.ok(diagnostics.some((d) => d.rule === 'yaml-syntax' && d.location.file === 'contexts/b.yaml'));
    assert.deepEqual(
      ws.model.contexts.map((c) => c.name),
      ['Sales'],
    );
  });

  it('a folder without eventmodel.yaml is a usage error (exit 2) with a message', () => {
    const dir = writeTemp({ 'readme.txt': 'nothing' });
    const r = runCli(['validate', dir]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no eventmodel\.yaml/);
  });

  it('unknown flags are usage errors (exit 2)', () => {
    const r = runCli(['validate', '--format', 'xml']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /xml/);
  });
});

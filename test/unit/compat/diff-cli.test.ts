import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
const BIN = path.join(ROOT, 'bin', 'eventmodel.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(cwd: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, 'diff', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('eventmodel diff (CLI)', function () {
  this.timeout(60000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventmodel-diff-'));
    const write = (name: string, content: unknown) => {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    };
    write('v1.json', { type: 'object', properties: { id: { type: 'string' }, qty: { type: 'integer' } }, required: ['id'], additionalProperties: false });
    write('v2-compatible.json', {
      type: 'object',
      properties: { id: { type: 'string' }, qty: { type: 'number' }, note: { type: 'string' } },
      required: ['id'],
      additionalProperties: false,
    });
    write(
      'v2-breaking.yaml',
      'type: object\nproperties:\n  id: { type: string, maxLength: 8 }\n  qty: { type: integer }\nrequired: [id, qty]\nadditionalProperties: false\n',
    );
    write('open-v1.json', { type: 'object', properties: { id: { type: 'string' } } });
    write('open-v2.json', { type: 'object', properties: { id: { type: 'string' }, note: { type: 'string' } } });
    write('refs/order.yaml', 'type: object\nproperties:\n  line: { $ref: "./line.yaml" }\n');
    write('refs/line.yaml', 'type: object\nproperties:\n  sku: { type: string, maxLength: 20 }\n');
    write('refs2/order.json', { type: 'object', properties: { line: { $ref: 'parts/line.json' } } });
    write('refs2/parts/line.json', { type: 'object', properties: { sku: { type: 'string', maxLength: 10 } } });
    write('dangling.json', { type: 'object', properties: { a: { $ref: 'nowhere.json' } } });
    write('broken.json', '{ "type": ');
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and prints the verdict for a compatible change', () => {
    const r = run(dir, 'v1.json', 'v2-compatible.json');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^compatible TYPE_EXTENDED \/properties\/qty\/type → \/properties\/qty\/type: /m);
    assert.match(r.stdout, /^compatible OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL /m);
    assert.match(r.stdout.trim().split('\n').pop()!, /COMPATIBLE under BACKWARD \(strict policy\)/);
  });

  it('exits 1 for an incompatible change, reading YAML, and marks the breaking lines', () => {
    const r = run(dir, 'v1.json', 'v2-breaking.yaml');
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^INCOMPATIBLE MAX_LENGTH_ADDED /m);
    assert.match(r.stdout, /^INCOMPATIBLE REQUIRED_ATTRIBUTE_ADDED /m);
    assert.match(r.stdout, /INCOMPATIBLE under BACKWARD/);
  });

  it('prints the JSON contract', () => {
    const r = run(dir, 'v1.json', 'v2-breaking.yaml', '--format', 'json');
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { compatible: boolean; mode: string; policy: string; changes: Array<Record<string, unknown>> };
    assert.equal(out.compatible, false);
    assert.equal(out.mode, 'BACKWARD');
    assert.equal(out.policy, 'strict');
    assert.ok(out.changes.length >= 2);
    for (const c of out.changes) {
      assert.equal(typeof c.type, 'string');
      assert.equal(typeof c.oldPath, 'string');
      assert.equal(typeof c.newPath, 'string');
      assert.equal(typeof c.compatible, 'boolean');
      assert.equal(typeof c.message, 'string');
    }
    const req = out.changes.find((c) => c.type === 'REQUIRED_ATTRIBUTE_ADDED')!;
    assert.equal(req.compatible, false);
    assert.equal(req.newPath, '/required/1');
  });

  it('judges under --mode and --policy', () => {
    assert.equal(run(dir, 'v1.json', 'v2-breaking.yaml', '--mode', 'FORWARD').status, 0);
    assert.equal(run(dir, 'v1.json', 'v2-compatible.json', '--mode', 'FULL').status, 1);
    assert.equal(run(dir, 'v1.json', 'v2-breaking.yaml', '--mode', 'NONE').status, 0);
    assert.equal(run(dir, 'open-v1.json', 'open-v2.json').status, 1);
    assert.equal(run(dir, 'open-v1.json', 'open-v2.json', '--policy', 'lenient').status, 0);
    const json = JSON.parse(run(dir, 'open-v1.json', 'open-v2.json', '--mode', 'full_transitive', '--policy', 'lenient', '--format', 'json').stdout);
    assert.equal(json.mode, 'FULL_TRANSITIVE');
    assert.equal(json.policy, 'lenient');
    assert.equal(json.compatible, true);
  });

  it('resolves external $refs relative to each file', () => {
    const r = run(dir, 'refs/order.yaml', 'refs2/order.json', '--format', 'json');
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.changes.length, 1);
    assert.equal(out.changes[0].type, 'MAX_LENGTH_DECREASED');
    assert.equal(out.changes[0].newPath, '/properties/line/properties/sku/maxLength');
    assert.equal(out.changes[0].newLocation.document, 'refs2/parts/line.json');
  });

  it('warns about a $ref to nowhere without failing', () => {
    const r = run(dir, 'dangling.json', 'dangling.json');
    assert.equal(r.status, 0);
    assert.match(r.stderr, /nowhere\.json/);
  });

  it('exits 2 with a message and no stack for unreadable files and bad flags', () => {
    for (const args of [
      ['missing.json', 'v1.json'],
      ['broken.json', 'v1.json'],
      ['v1.json', 'v1.json', '--mode', 'SIDEWAYS'],
      ['v1.json', 'v1.json', '--policy', 'loose'],
      ['v1.json'],
    ]) {
      const r = run(dir, ...args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}`);
      assert.ok(r.stderr.trim().length > 0, args.join(' '));
      assert.doesNotMatch(r.stderr, /\n\s+at /, args.join(' '));
    }
  });
});

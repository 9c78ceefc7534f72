import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAgainst } from '../../../src/server/commands/compat-git';
import { ModelFolder } from '../../../src/server/workspace/model-folder';
import { BIN, readTree, runCli, SAMPLE, writeTemp } from '../helpers/workspace';

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
}

function json(r: { stdout: string }): JsonDiagnostic[] {
  return JSON.parse(r.stdout) as JsonDiagnostic[];
}

/** A git repository holding the retail sample under `model/`, committed on `main`. */
class SampleRepo {
  readonly repo = fs.mkdtempSync(path.join(os.tmpdir(), 'eventmodel-evo-'));
  readonly model = path.join(this.repo, 'model');

  constructor(extra: Record<string, string> = {}) {
    this.git('init', '-q', '-b', 'main');
    for (const [rel, text] of Object.entries({ ...readTree(SAMPLE), ...extra })) this.write(rel, text);
    this.git('add', '.');
    this.git('commit', '-q', '-m', 'published model');
  }

  git(...args: string[]): void {
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: this.repo, stdio: 'pipe' });
  }

  read(rel: string): string {
    return fs.readFileSync(path.join(this.model, rel), 'utf8');
  }

  write(rel: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(this.model, rel)), { recursive: true });
    fs.writeFileSync(path.join(this.model, rel), text);
  }

  edit(rel: string, from: string | RegExp, to: string): void {
    const before = this.read(rel);
    const after = before.replace(from, to);
    assert.notEqual(after, before, `edit of ${rel} changed nothing`);
    this.write(rel, after);
  }

  check(...args: string[]) {
    const r = runCli(['check', this.model, '--against', 'main', '--format', 'json', ...args]);
    return { ...r, diagnostics: r.status === 2 ? [] : json(r) };
  }

  remove(): void {
    fs.rmSync(this.repo, { recursive: true, force: true });
  }
}

describe('eventmodel check: wire identity, commands, model errors', function () {
  this.timeout(60000);
  let repo: SampleRepo;
  afterEach(() => repo?.remove());

  it('reports a namespace change once, at the manifest, naming the old and new CloudEvents type', () => {
    repo = new SampleRepo();
    repo.edit('eventmodel.yaml', 'namespace: com.example.retail', 'namespace: com.acme.shop');
    const r = repo.check();
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const found = r.diagnostics.filter((d) => d.rule === 'published-identity-changed');
    assert.equal(found.length, 1, JSON.stringify(r.diagnostics, null, 2));
    assert.equal(found[0].file, 'eventmodel.yaml');
    assert.equal(
      found[0].line,
      repo
        .read('eventmodel.yaml')
        .split('\n')
        .findIndex((l) => l.startsWith('namespace:')) + 1,
    );
    assert.match(found[0].message, /type 'com\.example\.retail\.ordering\.OrderPlaced\.v1' → 'com\.acme\.shop\.ordering\.OrderPlaced\.v1'/);
    assert.equal(found[0].severity, 'error');
  });

  it('reports a changed event channel and a changed versioning strategy at the node that changed', () => {
    repo = new SampleRepo();
    repo.edit('contexts/inventory.yaml', 'channel: retail.inventory.stock-reserved', 'channel: retail.inventory.stock-reservations');
    repo.edit('contexts/shipping.yaml', '  ShipmentCreated:\n', '  ShipmentCreated:\n    versioning: name\n');
    const found = repo.check().diagnostics.filter((d) => d.rule === 'published-identity-changed');
    assert.equal(found.length, 2, JSON.stringify(found, null, 2));
    const channel = found.find((d) => d.file === 'contexts/inventory.yaml');
    assert.ok(channel);
    assert.match(channel.message, /channel 'retail\.inventory\.stock-reserved' → 'retail\.inventory\.stock-reservations'/);
    assert.match(repo.read('contexts/inventory.yaml').split('\n')[channel.line - 1], /channel: retail\.inventory\.stock-reservations/);
    const versioning = found.find((d) => d.file === 'contexts/shipping.yaml');
    assert.ok(versioning);
    assert.match(
      versioning.message,
      /ShipmentCreated v1: type 'com\.example\.retail\.shipping\.ShipmentCreated\.v1' → 'com\.example\.retail\.shipping\.ShipmentCreatedV1'/,
    );
  });

  it('a breaking change to a published command schema is published-version-modified; a new incompatible command version is incompatible-change', () => {
    repo = new SampleRepo();
    repo.edit(
      'contexts/shipping.yaml',
      '      required: [orderId]\n      properties:\n        orderId: { type: string }\n',
      '      required: [orderId, carrier]\n      properties:\n        orderId: { type: string }\n        carrier: { type: string }\n',
    );
    let found = repo.check().diagnostics;
    assert.ok(
      found.some((d) => d.rule === 'published-version-modified' && /CreateShipment v1 differs/.test(d.message)),
      JSON.stringify(found, null, 2),
    );
    repo.git('checkout', '--', '.');
    const v1 = '      type: object\n      required: [orderId]\n      properties:\n        orderId: { type: string }\n';
    repo.edit(
      'contexts/shipping.yaml',
      `    schema:\n${v1}`,
      '    versions:\n      1:\n        schema: { type: object, required: [orderId], properties: { orderId: { type: string } } }\n' +
        '      2:\n        schema: { type: object, required: [orderId, carrier], properties: { orderId: { type: string }, carrier: { type: string } } }\n',
    );
    found = repo.check().diagnostics;
    assert.deepEqual(
      found.filter((d) => d.rule === 'published-version-modified' || d.rule === 'yaml-syntax' || d.rule === 'schema'),
      [],
      JSON.stringify(found, null, 2),
    );
    assert.ok(
      found.some((d) => d.rule === 'incompatible-change' && /^CreateShipment v2 is not BACKWARD_TRANSITIVE compatible/.test(d.message)),
      JSON.stringify(found, null, 2),
    );
  });

  it('check reports model errors: a YAML syntax error fails it and never reads "No problems"', () => {
    const files = readTree(SAMPLE);
    files['contexts/payment.yaml'] += '\n  broken: [unclosed\n';
    const dir = writeTemp(files);
    try {
      const text = runCli(['check', dir]);
      assert.equal(text.status, 1, text.stdout);
      assert.match(text.stdout, /contexts\/payment\.yaml:\d+:\d+ error yaml-syntax /);
      assert.doesNotMatch(text.stdout, /No problems/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a breaking change stays reported when a malformed line is added to the same file', () => {
    repo = new SampleRepo();
    repo.edit('contexts/shipping.yaml', 'trackingNumber: { type: string }', 'trackingNumber: { type: integer }');
    assert.equal(repo.check().status, 1);
    repo.write('contexts/shipping.yaml', repo.read('contexts/shipping.yaml') + 'oops: [\n');
    const r = repo.check();
    assert.equal(r.status, 1);
    assert.ok(r.diagnostics.some((d) => d.rule === 'yaml-syntax'));
  });

  it('--fail-on and --max-warnings decide the exit code', () => {
    // An extra context whose event nothing emits: warnings, no errors.
    const files = { ...readTree(SAMPLE), 'contexts/extra.yaml': 'context: Extra\nevents:\n  Unused:\n    schema: { type: object }\n' };
    const dir = writeTemp(files);
    try {
      const base = runCli(['validate', dir]);
      assert.equal(base.status, 0, base.stdout);
      assert.match(base.stdout, /[1-9]\d* warning\(s\)/);
      assert.equal(runCli(['validate', dir, '--fail-on', 'warning']).status, 1);
      assert.equal(runCli(['validate', dir, '--max-warnings', '0']).status, 1);
      assert.equal(runCli(['validate', dir, '--max-warnings', '99']).status, 0);
      assert.equal(runCli(['validate', dir, '--fail-on', 'nonsense']).status, 2);
      assert.equal(runCli(['check', SAMPLE, '--fail-on', 'error']).status, 0);
      assert.equal(runCli(['check', SAMPLE, '--fail-on', 'info']).status, 1, 'the sample has handled (info) findings');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits with its own code, silently, when the reader of its output goes away (EPIPE)', () => {
    // Enough findings to overflow a pipe buffer: 3,000 events nothing emits.
    const events = Array.from({ length: 3000 }, (_, i) => `  Happened${i}: {}`).join('\n');
    const dir = writeTemp({ 'eventmodel.yaml': 'model: t\ninclude: [contexts/*.yaml]\n', 'contexts/a.yaml': `context: A\nevents:\n${events}\n` });
    try {
      for (const command of ['validate', 'check']) {
        const r = spawnSync(
          'bash',
          ['-c', `node ${JSON.stringify(BIN)} ${command} ${JSON.stringify(dir)} --fail-on warning | head -1; echo "status=\${PIPESTATUS[0]}" >&2`],
          {
            encoding: 'utf8',
            env: { ...process.env, NO_COLOR: '1' },
          },
        );
        assert.doesNotMatch(r.stderr, /EPIPE|Error|at /, r.stderr);
        assert.match(r.stderr, command === 'validate' ? /status=1/ : /status=0/);
        assert.equal(r.stdout.split('\n').filter(Boolean).length, command === 'validate' ? 1 : 1);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('one git baseline reader for the CLI and the editor', function () {
  this.timeout(60000);
  let repo: SampleRepo;
  afterEach(() => repo?.remove());

  it('both report the same findings, including a schema under a dot-folder', async () => {
    repo = new SampleRepo({ '.schemas/tracking.json': '{ "type": "string", "maxLength": 40 }\n' });
    repo.edit('contexts/shipping.yaml', 'trackingNumber: { type: string }', 'trackingNumber: { $ref: ../.schemas/tracking.json }');
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'tracking schema in a dot-folder');
    repo.write('.schemas/tracking.json', '{ "type": "string", "maxLength": 20 }\n');
    repo.edit('eventmodel.yaml', 'namespace: com.example.retail', 'namespace: com.example.shop');

    const cli = repo.check().diagnostics.filter((d) => d.rule.startsWith('published-') || d.rule === 'incompatible-change');
    assert.ok(
      cli.some((d) => d.rule === 'published-version-modified' && d.file === '.schemas/tracking.json'),
      JSON.stringify(cli, null, 2),
    );

    const folder = new ModelFolder(repo.model, { severity: {} });
    const editor = await checkAgainst(folder, 'main', () => undefined);
    assert.equal(editor.ok, true, editor.message);
    const fromEditor = editor.diagnostics.flatMap(({ uri, diagnostics }) =>
      diagnostics.map((d) => ({
        file: path.relative(repo.model, fileURLToPath(uri)).split(path.sep).join('/'),
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        rule: String(d.code),
        message: String(d.message),
      })),
    );
    type Row = { file: string; line: number; column: number; rule: string; message: string };
    const key = (d: Row) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`;
    // The editor leaves out what its live check already shows (incompatible-change of the working tree); compare the baseline rules.
    const baselineOnly = (list: Row[]) => list.filter((d) => d.rule.startsWith('published-'));
    assert.deepEqual(baselineOnly(fromEditor).map(key).sort(), baselineOnly(cli).map(key).sort());
    assert.ok(baselineOnly(fromEditor).length >= 2);
  });
});

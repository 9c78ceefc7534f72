import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/workspace';

interface JsonDiagnostic {
  file: string;
  line: number;
  severity: string;
  rule: string;
  message: string;
}

const MANIFEST = 'model: shop\ninclude: [contexts/*.yaml]\n';

function sales(opts: { idMax?: number; v2?: string; keepCancelled?: boolean; v1Extra?: string } = {}): string {
  const lines = [
    'context: Sales',
    'commands:',
    '  Place:',
    `    emits: [Placed${opts.keepCancelled === false ? '' : ', Cancelled'}]`,
    'events:',
    '  Placed:',
    '    versions:',
    '      1:',
    '        schema:',
    '          type: object',
    '          additionalProperties: false',
    '          properties:',
    `            id: { type: string, maxLength: ${opts.idMax ?? 36} }`,
    ...(opts.v1Extra ? [opts.v1Extra] : []),
  ];
  if (opts.v2) lines.push('      2:', '        schema:', ...opts.v2.split('\n').map((l) => `          ${l}`));
  if (opts.keepCancelled !== false) lines.push('  Cancelled:', '    schema: { type: object }');
  lines.push('readModels:', '  Orders:', `    from: [Placed${opts.keepCancelled === false ? '' : ', Cancelled'}]`);
  return lines.join('\n') + '\n';
}

describe('eventmodel check --against <git-ref>', function () {
  this.timeout(60000);
  let repo: string;
  let model: string;

  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(model, rel)), { recursive: true });
    fs.writeFileSync(path.join(model, rel), text);
  };
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: repo, stdio: 'pipe' });
  const check = (...args: string[]) => {
    const r = runCli(['check', model, '--against', 'main', '--format', 'json', ...args]);
    return { ...r, diagnostics: r.status === 2 ? [] : (JSON.parse(r.stdout) as JsonDiagnostic[]) };
  };

  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'eventmodel-git-'));
    model = path.join(repo, 'model');
    git('init', '-q', '-b', 'main');
    write('eventmodel.yaml', MANIFEST);
    write('contexts/sales.yaml', sales());
    git('add', '.');
    git('commit', '-q', '-m', 'published model');
  });

  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('finds nothing when the working tree matches the baseline', () => {
    const r = check();
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.diagnostics, []);
  });

  it('reports a published version whose schema changed, at the changed node', () => {
    write('contexts/sales.yaml', sales({ idMax: 20 }));
    const r = check();
    assert.equal(r.status, 1);
    const d = r.diagnostics.find((x) => x.rule === 'published-version-modified');
    assert.ok(d, JSON.stringify(r.diagnostics));
    assert.equal(d.severity, 'error');
    assert.equal(d.file, 'contexts/sales.yaml');
    assert.equal(d.line, 13);
    assert.match(d.message, /Placed v1/);
    assert.match(d.message, /main/);
    assert.match(d.message, /v2/);
  });

  it('ignores formatting-only edits of a published schema', () => {
    write('contexts/sales.yaml', sales().replace('{ type: string, maxLength: 36 }', '{ maxLength: 36,   type: string }'));
    assert.deepEqual(check().diagnostics, []);
  });

  it('reports removed events and removed versions', () => {
    write('contexts/sales.yaml', sales({ v2: 'type: object' }));
    git('commit', '-q', '-am', 'v2');
    write('contexts/sales.yaml', sales({ keepCancelled: false }));
    const removed = check().diagnostics.filter((d) => d.rule === 'published-version-removed');
    assert.equal(removed.length, 2, JSON.stringify(removed));
    assert.ok(removed.some((d) => /Placed v2/.test(d.message)));
    assert.ok(removed.some((d) => /Sales\.Cancelled/.test(d.message)));
    assert.ok(removed.every((d) => d.severity === 'error' && d.file === 'contexts/sales.yaml'));
  });

  it('checks a new version against the published schemas, not only the edited ones', () => {
    // The published v1 is closed with id ≤ 36. A new v2 that only adds an optional property is
    // compatible with it, even though the local v1 was edited (an error of its own).
    const v2 = 'type: object\nadditionalProperties: false\nproperties:\n  id: { type: string, maxLength: 36 }\n  note: { type: string }';
    write('contexts/sales.yaml', sales({ v2, v1Extra: '            note: { type: string }' }));
    const r = check();
    assert.ok(r.diagnostics.some((d) => d.rule === 'published-version-modified'));
    assert.deepEqual(
      r.diagnostics.filter((d) => d.rule === 'incompatible-change'),
      [],
    );
    // Locally v1 is tightened to id ≤ 10 and v2 matches it: fine against the local v1, not
    // against the published one, which is what consumers have.
    write('contexts/sales.yaml', sales({ v2: 'type: object\nadditionalProperties: false\nproperties:\n  id: { type: string, maxLength: 10 }', idMax: 10 }));
    const r2 = check();
    const incompatible = r2.diagnostics.filter((d) => d.rule === 'incompatible-change');
    assert.ok(
      incompatible.some((d) => /published at main/.test(d.message)),
      JSON.stringify(r2.diagnostics),
    );
  });

  it('reads external schema files from the baseline too', () => {
    write('schemas/placed.json', JSON.stringify({ type: 'object', properties: { id: { type: 'string', maxLength: 36 } } }, null, 2));
    write('contexts/sales.yaml', sales().replace(/ {6}1:\n {8}schema:\n( {10}.*\n)+/, '      1:\n        schema: { $ref: ../schemas/placed.json }\n'));
    git('add', '.');
    git('commit', '-q', '-m', 'external schema');
    write('schemas/placed.json', JSON.stringify({ type: 'object', properties: { id: { type: 'string', maxLength: 20 } } }, null, 2));
    const d = check().diagnostics.find((x) => x.rule === 'published-version-modified');
    assert.ok(d);
    assert.equal(d.file, 'schemas/placed.json');
  });

  it('follows severity settings of the manifest for baseline rules', () => {
    write('eventmodel.yaml', MANIFEST + 'rules:\n  published-version-modified: warning\n');
    write('contexts/sales.yaml', sales({ idMax: 20 }));
    const d = check().diagnostics.find((x) => x.rule === 'published-version-modified');
    assert.equal(d?.severity, 'warning');
  });

  it('fails clearly (exit 2) for an unknown ref and outside a git repository', () => {
    const bad = runCli(['check', model, '--against', 'no-such-branch']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /no-such-branch/);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'eventmodel-nogit-'));
    try {
      fs.writeFileSync(path.join(outside, 'eventmodel.yaml'), MANIFEST);
      const r = runCli(['check', outside, '--against', 'main']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /git repository/);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

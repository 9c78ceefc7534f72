import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { Workspace } from '../../../src/core';
import { planGeneration } from '../../../src/core/codegen';
import { NodeHost } from '../../../src/node/fs-host';
import { recordRun, RecordingHost, upToDate } from '../../../src/node/generate-cache';
import { ContextStore } from '../../../src/node/generate-store';
import { generateWorkspace } from '../../../src/node/generate-run';
import { loadTemplates } from '../../../src/node/generate-templates';
import { runCli } from '../helpers/workspace';
import { cleanTemps, copyModel, SAMPLE, tempDir } from './helpers';

/** The JSON report of `eventmodel generate ROOT [args]` (the real CLI process). */
function generate(root: string, ...args: string[]) {
  const r = runCli(['generate', root, '--format', 'json', ...args]);
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  return { status: r.status, stderr: r.stderr, report: JSON.parse(r.stdout) as Report };
}

interface Report {
  status: string;
  stale: boolean;
  cached: boolean;
  created: string[];
  updated: string[];
  deleted: string[];
  unchanged: string[];
  kept: string[];
  problems: { code: string; file?: string; message: string }[];
  [key: string]: unknown;
}

/** Every file under `dir` (workspace-relative) with its content and mtime; `.eventmodel` and `node_modules` left out. */
function snapshot(root: string, dir = 'src'): Map<string, { content: string; mtimeNs: bigint }> {
  const out = new Map<string, { content: string; mtimeNs: bigint }>();
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else out.set(child, { content: fs.readFileSync(path.join(root, child), 'utf8'), mtimeNs: fs.statSync(path.join(root, child), { bigint: true }).mtimeNs });
    }
  };
  if (fs.existsSync(path.join(root, dir))) walk(dir);
  return out;
}

const CACHE = '.eventmodel/cache/generate.json';

/** A report without the field that tells how it was answered. */
function withoutCached(report: Report): Omit<Report, 'cached'> {
  const rest: Record<string, unknown> = { ...report };
  delete rest.cached;
  return rest as Omit<Report, 'cached'>;
}

function edit(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${file} has no '${from}'`);
  fs.writeFileSync(file, text.replace(from, to));
}

describe('eventmodel generate: the persisted generation cache', function () {
  this.timeout(120_000);
  after(cleanTemps);

  it('answers a no-change run from the cache: nothing written, same report as a full run, "up to date" said', () => {
    const root = copyModel(SAMPLE);
    const first = generate(root);
    assert.equal(first.report.cached, false);
    assert.ok(fs.existsSync(path.join(root, CACHE)));
    assert.equal(fs.readFileSync(path.join(root, '.eventmodel/cache/.gitignore'), 'utf8').split('\n').at(-2), '*');
    const before = snapshot(root);
    const cacheMtime = fs.statSync(path.join(root, CACHE)).mtimeMs;

    const again = generate(root);
    assert.equal(again.report.cached, true);
    assert.deepEqual(snapshot(root), before, 'a no-change run touches no file');
    assert.equal(fs.statSync(path.join(root, CACHE)).mtimeMs, cacheMtime, 'nor the cache');
    const full = generate(root, '--no-cache');
    assert.equal(full.report.cached, false);
    assert.deepEqual(withoutCached(again.report), withoutCached(full.report));
    assert.deepEqual(
      again.report.unchanged,
      first.report.created.filter((p) => p.startsWith('src/generated/')),
    );

    const text = runCli(['generate', root]);
    assert.equal(text.status, 0);
    assert.match(text.stdout, /0 created, 0 updated, 0 deleted, \d+ unchanged, 11 scaffold\(s\) kept\.\nUp to date: nothing changed since the last run/);
    const check = runCli(['generate', root, '--check']);
    assert.equal(check.status, 0);
    assert.match(check.stdout, /Generated code is up to date/);
  });

  it('after a one-context edit rewrites only that context’s files and leaves every other mtime alone', () => {
    const root = copyModel(SAMPLE);
    generate(root);
    const before = snapshot(root);
    edit(path.join(root, 'contexts/shipping.yaml'), 'trackingNumber: { type: string }', 'trackingNumber: { type: string }\n        carrier: { type: string }');
    const r = generate(root);
    assert.equal(r.report.cached, false);
    assert.deepEqual(r.report.created, []);
    assert.deepEqual(r.report.deleted, []);
    assert.ok(r.report.updated.length > 0);
    for (const p of r.report.updated) assert.match(p, /^src\/generated\/(schemas\/)?shipping\//);
    const after = snapshot(root);
    for (const [p, s] of after) {
      if (r.report.updated.includes(p)) assert.notEqual(s.content, before.get(p)!.content, p);
      else assert.deepEqual(s, before.get(p), `${p} was not touched`);
    }
    assert.equal(generate(root).report.cached, true, 'and the run after is answered from the cache again');
  });

  it('still protects a generated file the user took over, with the same message and exit code as a full run', () => {
    const root = copyModel(SAMPLE);
    generate(root);
    const file = path.join(root, 'src/generated/ordering/types.ts');
    fs.writeFileSync(file, '// mine now\nexport type Mine = 1;\n');
    const cached = runCli(['generate', root]);
    const full = runCli(['generate', root, '--no-cache']);
    assert.equal(cached.status, 1);
    assert.match(cached.stderr, /src\/generated\/ordering\/types\.ts: error exists but was not generated/);
    assert.match(cached.stderr, /refused to write/);
    assert.deepEqual(cached, full);
    assert.equal(fs.readFileSync(file, 'utf8'), '// mine now\nexport type Mine = 1;\n');
  });

  it('sees an edit that keeps the size and the mtime of a generated file, and restores it', () => {
    const root = copyModel(SAMPLE);
    generate(root);
    const file = path.join(root, 'src/generated/ordering/messages.ts');
    const original = fs.readFileSync(file, 'utf8');
    const stat = fs.statSync(file);
    // Same length, marker kept, mtime put back: only the content (and ctime) tell.
    const edited = original.replace(/export/, 'EXPORT');
    assert.equal(edited.length, original.length);
    fs.writeFileSync(file, edited);
    fs.utimesSync(file, stat.atime, stat.mtime);
    const r = generate(root);
    assert.equal(r.report.cached, false);
    assert.deepEqual(r.report.updated, ['src/generated/ordering/messages.ts']);
    assert.equal(fs.readFileSync(file, 'utf8'), original);
  });

  it('recreates a deleted generated file and a deleted scaffold', () => {
    const root = copyModel(SAMPLE);
    generate(root);
    const before = snapshot(root);
    fs.rmSync(path.join(root, 'src/generated/payment/validators.ts'));
    fs.rmSync(path.join(root, 'src/shipping/ship-paid-order.policy.ts'));
    const r = generate(root);
    assert.equal(r.report.cached, false);
    assert.deepEqual(r.report.created.sort(), ['src/generated/payment/validators.ts', 'src/shipping/ship-paid-order.policy.ts']);
    assert.deepEqual(r.report.updated, []);
    const after = snapshot(root);
    for (const p of r.report.created) assert.equal(after.get(p)!.content, before.get(p)!.content);
  });

  it('deletes a stale generated file that appeared in outDir, as a full run does', () => {
    const root = copyModel(SAMPLE);
    generate(root);
    const stale = path.join(root, 'src/generated/ordering/old.ts');
    fs.writeFileSync(stale, '// @generated by eventmodel from an older model\n');
    fs.writeFileSync(path.join(root, 'src/generated/notes.md'), 'mine, no marker\n');
    const r = generate(root);
    assert.equal(r.report.cached, false);
    assert.deepEqual(r.report.deleted, ['src/generated/ordering/old.ts']);
    assert.ok(!fs.existsSync(stale));
    assert.equal(generate(root).report.cached, true, 'a file without the marker is not the generator’s business');
  });

  it('is invalidated by a workspace template change, a new model file and a package.json that changes the module system', () => {
    const root = copyModel(SAMPLE);
    fs.mkdirSync(path.join(root, 'templates'));
    const override = path.join(root, 'templates/messages.ts.hbs');
    fs.writeFileSync(override, fs.readFileSync(path.join(__dirname, '../../../../templates/messages.ts.hbs'), 'utf8'));
    edit(path.join(root, 'eventmodel.yaml'), '  scaffoldDir: src', '  scaffoldDir: src\n  templates: templates');
    assert.equal(generate(root).report.cached, false);
    assert.equal(generate(root).report.cached, true);

    fs.appendFileSync(override, '\n// team footer\n');
    const t = generate(root);
    assert.equal(t.report.cached, false);
    assert.deepEqual(
      t.report.updated.sort(),
      ['inventory', 'ordering', 'payment', 'shipping'].map((c) => `src/generated/${c}/messages.ts`),
    );
    assert.match(fs.readFileSync(path.join(root, 'src/generated/ordering/messages.ts'), 'utf8'), /\/\/ team footer\n$/);

    fs.writeFileSync(
      path.join(root, 'contexts/billing.yaml'),
      'context: Billing\ndescription: Invoices.\nowner: team-billing\nevents:\n  InvoiceIssued:\n    schema: { type: object, properties: { id: { type: string } } }\n',
    );
    const added = generate(root);
    assert.equal(added.report.cached, false);
    assert.ok(added.report.created.includes('src/generated/billing/types.ts'));

    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ type: 'module' }));
    const esm = generate(root);
    assert.equal(esm.report.cached, false);
    assert.ok(esm.report.updated.includes('src/generated/index.ts'));
    assert.equal(generate(root).report.cached, true);
  });

  it('ignores a corrupt, partial or foreign cache file, runs in full and rewrites it', () => {
    const root = copyModel(SAMPLE);
    const reference = generate(root).report;
    const file = path.join(root, CACHE);
    const valid = fs.readFileSync(file, 'utf8');
    for (const broken of [
      '',
      'not json {',
      valid.slice(0, valid.length / 2),
      '{"format":1}',
      JSON.stringify({ ...JSON.parse(valid), generated: [['x']] }),
      'null',
    ]) {
      fs.writeFileSync(file, broken);
      const r = generate(root);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.report.cached, false, `cache ${JSON.stringify(broken.slice(0, 20))}`);
      assert.deepEqual(
        r.report.unchanged,
        reference.created.filter((p) => p.startsWith('src/generated/')),
      );
      assert.doesNotThrow(() => JSON.parse(fs.readFileSync(file, 'utf8')), 'rewritten');
      assert.equal(generate(root).report.cached, true);
    }
    fs.rmSync(file);
    fs.mkdirSync(file);
    const dirInstead = generate(root);
    assert.equal(dirInstead.status, 0);
    assert.equal(dirInstead.report.cached, false);
  });

  it('--no-cache neither reads nor writes the cache; --check and --dry-run read it but never write it', () => {
    const root = copyModel(SAMPLE);
    assert.equal(generate(root, '--no-cache').report.cached, false);
    assert.ok(!fs.existsSync(path.join(root, '.eventmodel')), '--no-cache wrote no cache');
    assert.equal(generate(root, '--check').status, 0);
    assert.ok(!fs.existsSync(path.join(root, '.eventmodel')), '--check wrote no cache');
    generate(root);
    const mtime = fs.statSync(path.join(root, CACHE), { bigint: true }).mtimeNs;
    assert.equal(generate(root, '--no-cache').report.cached, false);
    const check = generate(root, '--check');
    assert.equal(check.report.cached, true);
    assert.equal(check.report.stale, false);
    assert.equal(generate(root, '--dry-run').report.cached, true);
    assert.equal(fs.statSync(path.join(root, CACHE), { bigint: true }).mtimeNs, mtime);

    edit(path.join(root, 'contexts/shipping.yaml'), 'trackingNumber: { type: string }', 'trackingNumber: { type: string }\n        carrier: { type: string }');
    const stale = generate(root, '--check');
    assert.equal(stale.status, 1);
    assert.equal(stale.report.cached, false);
    assert.equal(stale.report.stale, true);
  });

  it('never writes the cache through a .eventmodel link leaving the workspace', () => {
    const root = copyModel(SAMPLE);
    const outside = tempDir('eventmodel-outside-');
    fs.symlinkSync(outside, path.join(root, '.eventmodel'), 'dir');
    const r = generate(root);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(fs.readdirSync(outside), []);
    assert.equal(generate(root).report.cached, false);
  });
});

describe('generation cache: stored contexts make a full run re-plan only what changed', function () {
  this.timeout(120_000);
  after(cleanTemps);

  /** A recorded full run (what the CLI does when the shortcut does not apply); how many contexts came from the store. */
  async function fullRun(root: string) {
    const record = new RecordingHost(new NodeHost(root));
    const store = new ContextStore(root, { allowWorkspaceTemplates: true });
    const result = await generateWorkspace(root, new Workspace(record), { allowWorkspaceTemplates: true, mode: 'write', record, store });
    assert.equal(result.status, 'ok');
    return { stored: store.loaded.size, result };
  }

  /** The same model planned from scratch: no cache, no store. */
  async function fromScratch(root: string) {
    const workspace = new Workspace(new NodeHost(root));
    const templates = loadTemplates(root, undefined, { allowWorkspaceTemplates: true }).templates;
    return (await planGeneration(workspace.model, { templates })).files;
  }

  it('reuses the stored contexts an edit does not reach, with the same plan as from scratch', async () => {
    const root = copyModel(SAMPLE);
    assert.equal((await fullRun(root)).stored, 0, 'nothing stored yet');
    assert.equal((await fullRun(root)).stored, 4, 'every context from the store');
    edit(path.join(root, 'contexts/shipping.yaml'), 'trackingNumber: { type: string }', 'trackingNumber: { type: string }\n        carrier: { type: string }');
    const edited = await fullRun(root);
    assert.ok(edited.stored >= 1 && edited.stored < 4, `${edited.stored} contexts reused`);
    assert.deepEqual(edited.result.plan!.files, await fromScratch(root));
    assert.ok(edited.result.report!.updated.length > 0);
    for (const p of edited.result.report!.updated) assert.match(p, /^src\/generated\/(schemas\/)?shipping\//);
  });

  it('does not reuse a stored context whose generated file changed on disk, and restores the file', async () => {
    const root = copyModel(SAMPLE);
    await fullRun(root);
    const file = path.join(root, 'src/generated/ordering/messages.ts');
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, original.replace('export', '/* edited */ export'));
    const r = await fullRun(root);
    assert.equal(r.stored, 3, 'ordering is planned again');
    assert.deepEqual(r.result.report!.updated, ['src/generated/ordering/messages.ts']);
    assert.equal(fs.readFileSync(file, 'utf8'), original);
    assert.deepEqual(r.result.plan!.files, await fromScratch(root));
  });

  it('ignores a damaged stored context', async () => {
    const root = copyModel(SAMPLE);
    await fullRun(root);
    const dir = path.join(root, '.eventmodel/cache/contexts');
    const names = fs.readdirSync(dir);
    assert.equal(names.length, 4);
    fs.writeFileSync(path.join(dir, names[0]), 'not gzip');
    fs.writeFileSync(path.join(dir, names[1]), zlib.gzipSync('{"view": null}'));
    const r = await fullRun(root);
    assert.equal(r.stored, 2);
    assert.deepEqual(r.result.plan!.files, await fromScratch(root));
    assert.equal((await fullRun(root)).stored, 4, 'and stores them again');
  });
});

describe('generation cache: the record', function () {
  this.timeout(120_000);
  after(cleanTemps);

  it('does not trust the stat of a file that moved while the writer ran (it may have changed after it was compared)', async () => {
    const root = copyModel(SAMPLE);
    const options = { allowWorkspaceTemplates: true };
    const run = async () => {
      const record = new RecordingHost(new NodeHost(root));
      return { record, result: await generateWorkspace(root, new Workspace(record), { ...options, mode: 'write' }) };
    };
    await run();
    // A full run over an up-to-date folder: every file compared unchanged. Then, before the record is
    // written, an editor saves one of them (same size, marker kept): the record must not vouch for it.
    const { record, result } = await run();
    assert.equal(result.report!.unchanged.length, result.plan!.files.filter((f) => f.owner === 'generated').length);
    const file = path.join(root, 'src/generated/ordering/messages.ts');
    const original = fs.readFileSync(file, 'utf8');
    const writeStartedMs = Date.now();
    fs.writeFileSync(file, original.replace(/export/, 'EXPORT'));
    recordRun(root, {
      host: record,
      options,
      templatesDir: undefined,
      moduleProbe: 'src/generated',
      templates: result.templates!,
      plan: result.plan!,
      report: result.report!,
      writeStartedMs,
    });
    assert.equal(upToDate(root, 'write', options), undefined, 'the edited file is hashed, not trusted');
    fs.writeFileSync(file, original);
    assert.ok(upToDate(root, 'write', options), 'with its content back, the run is up to date');
  });
});

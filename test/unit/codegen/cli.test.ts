import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/workspace';
import { cleanTemps, copyModel, SAMPLE, tempDir } from './helpers';

describe('eventmodel generate (CLI)', function () {
  this.timeout(120_000);
  after(cleanTemps);

  it('generates, then --check says up to date; a model change makes --check exit 1', () => {
    const root = copyModel(SAMPLE);
    const first = runCli(['generate', root]);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^created +src\/generated\/ordering\/types\.ts$/m);
    assert.match(first.stdout, /^created +src\/ordering\/order\.decider\.ts$/m);
    assert.match(first.stdout, /Generated into src\/generated \(scaffolds under src\): \d+ created, 0 updated, 0 deleted, 0 unchanged, 0 scaffold\(s\) kept\./);

    const again = runCli(['generate', root]);
    assert.equal(again.status, 0);
    assert.match(again.stdout, /0 created, 0 updated, 0 deleted, \d+ unchanged, 11 scaffold\(s\) kept/);

    const check = runCli(['generate', root, '--check']);
    assert.equal(check.status, 0);
    assert.match(check.stdout, /Generated code is up to date/);

    const ctx = path.join(root, 'contexts/shipping.yaml');
    fs.writeFileSync(
      ctx,
      fs.readFileSync(ctx, 'utf8').replace('trackingNumber: { type: string }', 'trackingNumber: { type: string }\n        carrier: { type: string }'),
    );
    const stale = runCli(['generate', root, '--check']);
    assert.equal(stale.status, 1);
    assert.match(stale.stdout, /^would update +src\/generated\/shipping\/types\.ts$/m);
    assert.match(stale.stdout, /Generated code is stale/);
  });

  it('--dry-run lists the plan and writes nothing; --format json is machine-readable', () => {
    const root = copyModel(SAMPLE);
    const dry = runCli(['generate', root, '--dry-run']);
    assert.equal(dry.status, 0);
    assert.match(dry.stdout, /^would create +src\/generated\/runtime\.ts$/m);
    assert.match(dry.stdout, /Nothing was written/);
    assert.ok(!fs.existsSync(path.join(root, 'src')));
    const json = runCli(['generate', root, '--format', 'json']);
    assert.equal(json.status, 0);
    const report = JSON.parse(json.stdout);
    assert.equal(report.status, 'ok');
    assert.equal(report.mode, 'write');
    assert.ok(report.created.includes('src/generated/index.ts'));
    assert.deepEqual(report.problems, []);
  });

  it('refuses to generate from a model with errors and prints them (exit 1)', () => {
    const root = copyModel(SAMPLE);
    const ctx = path.join(root, 'contexts/inventory.yaml');
    fs.writeFileSync(ctx, fs.readFileSync(ctx, 'utf8').replace('issue: ReserveStock', 'issue: ReserveStok'));
    const r = runCli(['generate', root]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /contexts\/inventory\.yaml:\d+:\d+ error unresolved-reference .*ReserveStok/);
    assert.match(r.stderr, /fix them before generating \(nothing was written\)/);
    assert.ok(!fs.existsSync(path.join(root, 'src')));
  });

  it('reports an unsafe outDir with exit 1, and a folder without a model with exit 2', () => {
    const root = copyModel(SAMPLE);
    const manifest = path.join(root, 'eventmodel.yaml');
    fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace('outDir: src/generated', 'outDir: ../outside'));
    const r = runCli(['generate', root, '--format', 'json']);
    assert.equal(r.status, 1);
    const report = JSON.parse(r.stdout);
    assert.ok(report.problems.some((p: { code: string; message: string }) => p.code === 'unsafe-path' && /leaves the workspace/.test(p.message)));
    const empty = tempDir();
    const usage = runCli(['generate', empty]);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /no eventmodel\.yaml/);
    assert.equal(runCli(['generate', root, '--format', 'xml']).status, 2);
  });

  it('uses the workspace templates named by generate.templates', () => {
    const root = copyModel(SAMPLE);
    fs.mkdirSync(path.join(root, 'templates'));
    const builtin = fs.readFileSync(path.join(__dirname, '../../../../templates/reaction.ts.hbs'), 'utf8');
    fs.writeFileSync(
      path.join(root, 'templates/reaction.ts.hbs'),
      builtin.replaceAll('export function react', '/** Team convention: reactions are pure. */\nexport function react'),
    );
    const manifest = path.join(root, 'eventmodel.yaml');
    fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace('  scaffoldDir: src', '  scaffoldDir: src\n  templates: templates'));
    const r = runCli(['generate', root]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /template override: templates\/reaction\.ts\.hbs/);
    assert.match(fs.readFileSync(path.join(root, 'src/shipping/ship-paid-order.policy.ts'), 'utf8'), /Team convention: reactions are pure/);
  });

  it('generates ESM when the package.json above outDir says "type": "module", unless generate.module says otherwise', () => {
    const root = copyModel(SAMPLE);
    const index = () => fs.readFileSync(path.join(root, 'src/generated/index.ts'), 'utf8');
    // The nearest package.json above the output folder is the one Node reads for it.
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ type: 'module' }));
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'src/package.json'), JSON.stringify({ name: 'inner', type: 'commonjs' }));
    assert.equal(runCli(['generate', root]).status, 0);
    assert.match(index(), /export \* as Ordering from "\.\/ordering";/);
    fs.rmSync(path.join(root, 'src/package.json'));
    assert.equal(runCli(['generate', root]).status, 0);
    assert.match(index(), /export \* as Ordering from "\.\/ordering\/index\.js";/);

    const manifest = path.join(root, 'eventmodel.yaml');
    fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace('  scaffoldDir: src', '  scaffoldDir: src\n  module: commonjs'));
    const r = runCli(['generate', root]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /updated +src\/generated\/index\.ts/);
    assert.match(index(), /export \* as Ordering from "\.\/ordering";/);

    fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace('module: commonjs', 'module: amd'));
    const bad = runCli(['validate', root]);
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /eventmodel\.yaml:\d+:\d+ error schema .*generate\.module/);
  });
});

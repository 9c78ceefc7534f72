import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../../../src/core';
import { GENERATED_MARKER, type GenerationPlan } from '../../../src/core/codegen';
import { NodeHost } from '../../../src/node/fs-host';
import { generateWorkspace, type GenerateOptions } from '../../../src/node/generate-run';
import { writePlan } from '../../../src/node/generate-writer';
import { cleanTemps, copyModel, mtimes, SAMPLE, tempDir } from './helpers';

const run = (root: string, options: Partial<GenerateOptions> = {}) =>
  generateWorkspace(root, new Workspace(new NodeHost(root)), { mode: 'write', allowWorkspaceTemplates: true, ...options });

function read(root: string, rel: string): string {
  return fs.readFileSync(path.join(root, rel), 'utf8');
}

function setManifest(root: string, edit: (text: string) => string): void {
  const p = path.join(root, 'eventmodel.yaml');
  fs.writeFileSync(p, edit(fs.readFileSync(p, 'utf8')));
}

describe('codegen writer', function () {
  this.timeout(120_000);
  after(cleanTemps);

  it('writes everything once; a second run writes nothing and touches no mtime', async () => {
    const root = copyModel(SAMPLE);
    const first = await run(root);
    assert.equal(first.status, 'ok');
    assert.equal(first.report!.created.length, first.plan!.files.length);
    const before = mtimes(path.join(root, 'src'));
    await new Promise((r) => setTimeout(r, 20));
    const second = await run(root);
    assert.equal(second.status, 'ok');
    assert.deepEqual([second.report!.created, second.report!.updated, second.report!.deleted], [[], [], []]);
    assert.equal(second.report!.stale, false);
    assert.equal(second.report!.kept.length, first.plan!.files.filter((f) => f.owner === 'scaffold').length);
    assert.deepEqual(mtimes(path.join(root, 'src')), before);
    assert.deepEqual(
      fs.readdirSync(path.join(root, 'src/generated')).filter((n) => n.includes('eventmodel-tmp')),
      [],
      'no temp file left',
    );
  });

  it('never overwrites a scaffold: user edits survive, a deleted scaffold comes back, a new model element adds one', async () => {
    const root = copyModel(SAMPLE);
    await run(root);
    const decider = 'src/ordering/order.decider.ts';
    fs.writeFileSync(path.join(root, decider), '// mine\nexport const mine = 1;\n');
    fs.rmSync(path.join(root, 'src/shipping/shipment.decider.ts'));
    const ctx = path.join(root, 'contexts/shipping.yaml');
    fs.writeFileSync(ctx, fs.readFileSync(ctx, 'utf8').replace('aggregates:\n  Shipment:\n', 'aggregates:\n  Parcel: {}\n  Shipment:\n'));
    const r = await run(root);
    assert.equal(r.status, 'ok');
    assert.equal(read(root, decider), '// mine\nexport const mine = 1;\n');
    assert.ok(r.report!.kept.includes(decider));
    assert.deepEqual(r.report!.created.sort(), ['src/shipping/parcel.decider.ts', 'src/shipping/shipment.decider.ts']);
  });

  it('updates changed generated files and deletes stale ones inside outDir only, and only with the marker', async () => {
    const root = copyModel(SAMPLE);
    await run(root);
    const foreign = 'src/generated/ordering/notes.md';
    fs.writeFileSync(path.join(root, foreign), 'my notes\n');
    const outside = 'src/elsewhere.ts';
    fs.writeFileSync(path.join(root, outside), `// ${GENERATED_MARKER} (copied by hand)\n`);
    const ctx = path.join(root, 'contexts/shipping.yaml');
    fs.writeFileSync(
      ctx,
      fs
        .readFileSync(ctx, 'utf8')
        .replace(/\n {2}ShipmentCreated:\n {4}aggregate: Shipment\n/, '\n  ShipmentDispatched:\n    aggregate: Shipment\n')
        .replace('emits: [ShipmentCreated]', 'emits: [ShipmentDispatched]'),
    );
    // The rename as a user would do it: every reference follows, the specs' too.
    for (const rel of ['contexts/ordering.yaml', 'specs/ordering.yaml', 'specs/shipping.yaml']) {
      const file = path.join(root, rel);
      fs.writeFileSync(
        file,
        fs.readFileSync(file, 'utf8').replace(/(Shipping\.)?ShipmentCreated\b/g, (_m, q: string | undefined) => `${q ?? ''}ShipmentDispatched`),
      );
    }
    const r = await run(root);
    assert.equal(r.status, 'ok', JSON.stringify(r.diagnostics.map((d) => d.message)));
    assert.deepEqual(r.report!.deleted, ['src/generated/schemas/shipping/shipment-created.v1.schema.json']);
    assert.ok(r.report!.created.includes('src/generated/schemas/shipping/shipment-dispatched.v1.schema.json'));
    assert.ok(r.report!.updated.includes('src/generated/shipping/types.ts'));
    assert.equal(read(root, foreign), 'my notes\n');
    assert.ok(fs.existsSync(path.join(root, outside)));
  });

  it('refuses to overwrite a file in outDir that it did not generate, and writes nothing then', async () => {
    const root = copyModel(SAMPLE);
    fs.mkdirSync(path.join(root, 'src/generated'), { recursive: true });
    fs.writeFileSync(path.join(root, 'src/generated/runtime.ts'), 'export const handWritten = true;\n');
    const r = await run(root);
    assert.equal(r.status, 'failed');
    assert.ok(r.report!.problems.some((p) => p.path === 'src/generated/runtime.ts' && /was not generated/.test(p.message)));
    assert.deepEqual(fs.readdirSync(path.join(root, 'src/generated')), ['runtime.ts']);
    assert.ok(!fs.existsSync(path.join(root, 'src/ordering')));
  });

  it('check and dry-run modes report without writing', async () => {
    const root = copyModel(SAMPLE);
    const dry = await run(root, { mode: 'dry-run' });
    assert.equal(dry.report!.stale, true);
    assert.ok(dry.report!.created.length > 0);
    assert.ok(!fs.existsSync(path.join(root, 'src')));
    const stale = await run(root, { mode: 'check' });
    assert.equal(stale.report!.stale, true);
    await run(root);
    const fresh = await run(root, { mode: 'check' });
    assert.equal(fresh.report!.stale, false);
    fs.appendFileSync(path.join(root, 'src/generated/index.ts'), '// edited\n');
    const edited = await run(root, { mode: 'check' });
    assert.deepEqual(edited.report!.updated, ['src/generated/index.ts']);
    assert.ok(read(root, 'src/generated/index.ts').endsWith('// edited\n'), 'check wrote nothing');
  });

  describe('symlinks and escapes', () => {
    it('refuses an outDir that is a symlink to a folder outside the workspace', async () => {
      const root = copyModel(SAMPLE);
      const outside = tempDir('eventmodel-outside-');
      fs.mkdirSync(path.join(root, 'src'));
      fs.symlinkSync(outside, path.join(root, 'src/generated'), 'dir');
      const r = await run(root);
      assert.equal(r.status, 'failed');
      assert.ok(
        r.report!.problems.some((p) => /symbolic link to .* outside the workspace folder; refused/.test(p.message)),
        JSON.stringify(r.report!.problems),
      );
      assert.deepEqual(fs.readdirSync(outside), []);
      assert.ok(!fs.existsSync(path.join(root, 'src/ordering')), 'nothing written when a path is unsafe');
    });

    it('refuses a scaffold folder reached through a symlink leaving the workspace', async () => {
      const root = copyModel(SAMPLE);
      const outside = tempDir('eventmodel-outside-');
      fs.mkdirSync(path.join(root, 'src'));
      fs.symlinkSync(outside, path.join(root, 'src/ordering'), 'dir');
      const r = await run(root);
      assert.equal(r.status, 'failed');
      assert.ok(r.report!.problems.some((p) => p.path.startsWith('src/ordering/') && /outside the workspace/.test(p.message)));
      assert.deepEqual(fs.readdirSync(outside), []);
    });

    it('does not write through a generated file that is a symlink', async () => {
      const root = copyModel(SAMPLE);
      const outside = tempDir('eventmodel-outside-');
      const target = path.join(outside, 'victim.ts');
      fs.writeFileSync(target, 'victim\n');
      fs.mkdirSync(path.join(root, 'src/generated'), { recursive: true });
      fs.symlinkSync(target, path.join(root, 'src/generated/runtime.ts'));
      const r = await run(root);
      assert.equal(r.status, 'failed');
      assert.ok(r.report!.problems.some((p) => p.path === 'src/generated/runtime.ts' && /symbolic link/.test(p.message)));
      assert.equal(fs.readFileSync(target, 'utf8'), 'victim\n');
    });

    it('refuses a manifest outDir of ../x or an absolute path before touching the disk', async () => {
      for (const outDir of ['../escaped', path.join(tempDir('eventmodel-abs-'), 'gen')]) {
        const root = copyModel(SAMPLE);
        setManifest(root, (t) => t.replace('outDir: src/generated', `outDir: ${outDir}`));
        const r = await run(root);
        assert.equal(r.status, 'failed');
        assert.ok(
          r.plan!.problems.some((p) => p.code === 'unsafe-path'),
          JSON.stringify(r.plan!.problems),
        );
        assert.ok(!fs.existsSync(path.join(root, 'src')));
        assert.ok(!fs.existsSync(path.join(path.dirname(root), 'escaped')));
      }
    });

    it('refuses a plan whose paths leave their folders (defence in depth)', () => {
      const root = tempDir();
      const plan: GenerationPlan = {
        outDir: 'gen',
        scaffoldDir: 'app',
        problems: [],
        files: [
          { path: 'gen/../../evil.ts', content: `// ${GENERATED_MARKER}\n`, owner: 'generated', template: 'index.ts.hbs' },
          { path: 'app/x.ts', content: `// ${GENERATED_MARKER}\n`, owner: 'generated', template: 'index.ts.hbs' },
          { path: 'gen/y.ts', content: 'scaffold\n', owner: 'scaffold', template: 'decider.ts.hbs' },
        ],
      };
      const report = writePlan(root, plan);
      assert.equal(report.problems.length, 3, JSON.stringify(report.problems));
      assert.deepEqual(fs.readdirSync(root), []);
    });

    it('ignores workspace templates unless allowed, and refuses a templates folder outside the workspace', async () => {
      const root = copyModel(SAMPLE);
      fs.mkdirSync(path.join(root, 'my-templates'));
      const custom = fs.readFileSync(path.join(__dirname, '../../../../templates/index.ts.hbs'), 'utf8') + 'export const customised = true;\n';
      fs.writeFileSync(path.join(root, 'my-templates/index.ts.hbs'), custom);
      fs.writeFileSync(path.join(root, 'my-templates/typo.ts.hbs'), '');
      setManifest(root, (t) => t.replace('  scaffoldDir: src', '  scaffoldDir: src\n  templates: my-templates'));
      const untrusted = await run(root, { allowWorkspaceTemplates: false });
      assert.equal(untrusted.status, 'ok');
      assert.ok(untrusted.templates!.notes.some((n) => /only used in a trusted workspace/.test(n)));
      assert.doesNotMatch(read(root, 'src/generated/index.ts'), /customised/);
      const trusted = await run(root);
      assert.equal(trusted.status, 'ok');
      assert.deepEqual(trusted.templates!.overridden, ['my-templates/index.ts.hbs']);
      assert.ok(trusted.templates!.notes.some((n) => /typo\.ts\.hbs overrides no template/.test(n)));
      assert.deepEqual(trusted.report!.updated, ['src/generated/index.ts']);
      assert.match(read(root, 'src/generated/index.ts'), /export const customised = true;/);

      const outside = tempDir('eventmodel-outside-');
      fs.writeFileSync(path.join(outside, 'index.ts.hbs'), '// {{header}}\nexport const pwned = 1;\n');
      fs.rmSync(path.join(root, 'my-templates'), { recursive: true });
      fs.symlinkSync(outside, path.join(root, 'my-templates'), 'dir');
      const escaped = await run(root);
      assert.equal(escaped.status, 'failed');
      assert.ok(escaped.templates!.errors.some((e) => /resolves outside the workspace folder/.test(e)));
      assert.doesNotMatch(read(root, 'src/generated/index.ts'), /pwned/);
    });
  });
});

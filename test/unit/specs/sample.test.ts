import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../../../src/core';
import { NodeHost } from '../../../src/node/fs-host';
import { generateWorkspace } from '../../../src/node/generate-run';
import { cleanTemps, copyModel, REPO, SAMPLE, tsc } from '../codegen/helpers';

/**
 * The retail sample's specs (samples/retail/specs) against the sample's own implementation, the
 * way a user runs them: generate, compile, `node --test`. Every command, policy and read model has
 * specs (the sample turns `spec-missing` on), and a broken decider fails by the spec's name with a diff.
 */
describe('the retail sample’s specs', function () {
  this.timeout(300_000);
  after(cleanTemps);

  async function build(mutate?: (root: string) => void): Promise<{ status: number | null; output: string }> {
    const root = copyModel(SAMPLE, { code: true });
    const result = await generateWorkspace(root, new Workspace(new NodeHost(root)), {
      mode: 'write',
      allowWorkspaceTemplates: false,
      builtinTemplatesDir: path.join(REPO, 'templates'),
    });
    assert.equal(result.status, 'ok', JSON.stringify(result.diagnostics, null, 2));
    mutate?.(root);
    const compiled = tsc(root, { module: 'commonjs', strict: true, rootDir: 'src', outDir: 'dist' }, ['src/**/*.ts']);
    assert.equal(compiled.status, 0, compiled.output);
    const specs = fs
      .readdirSync(path.join(root, 'dist/generated'))
      .map((d) => path.join('dist/generated', d, 'specs.test.js'))
      .filter((f) => fs.existsSync(path.join(root, f)));
    const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...specs], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  }

  it('specifies every command, policy and read model, and every spec passes', async () => {
    const model = new Workspace(new NodeHost(SAMPLE)).model;
    const owners = model.contexts.flatMap((c) => [...c.commands, ...c.policies, ...c.readModels]);
    const unspecified = owners.filter((o) => model.index.specsOf(o).length === 0).map((o) => `${o.context}.${o.name}`);
    assert.deepEqual(unspecified, []);
    const names = owners.flatMap((o) => model.index.specsOf(o).map((s) => `${o.context}.${o.name}: ${s.name}`));
    const { status, output } = await build();
    assert.equal(status, 0, output);
    for (const name of names) assert.match(output, new RegExp(`✔ ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), `${name} ran and passed`);
    assert.match(output, new RegExp(`ℹ pass ${names.length}\\b`));
  });

  it('fails by the spec’s name, with a diff, when a decider is broken', async () => {
    const { status, output } = await build((root) => {
      const file = path.join(root, 'src/inventory/reservation.decider.ts');
      const text = fs.readFileSync(file, 'utf8');
      // Everything counts as in stock: the out-of-stock branch disappears.
      const broken = text.replace('(stockLevels[line.sku] ?? 0) < line.quantity', 'false');
      assert.notEqual(broken, text);
      fs.writeFileSync(file, broken);
    });
    assert.notEqual(status, 0);
    assert.match(output, /✖ Inventory\.ReserveStock: reports the SKUs out of stock/);
    assert.match(output, /StockNotAvailable/);
    assert.match(output, /StockReserved/);
    assert.match(output, /ℹ fail 1\b/);
  });
});

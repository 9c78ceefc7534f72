import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { exportModel } from '../../../src/server/commands/export';
import type { DiagnosticsScheduler } from '../../../src/server/features/diagnostics';
import { ModelFolder } from '../../../src/server/workspace/model-folder';
import { SAMPLE, writeTemp } from '../helpers/workspace';
import { asyncApiProblems } from './asyncapi-helpers';
import { lintCatalog } from './eventcatalog-lint';

const idle = { idle: async () => undefined } as unknown as DiagnosticsScheduler;
const trusted = { trusted: true, yamlValidates: false };

function sampleFolder(): ModelFolder {
  const root = writeTemp({});
  fs.cpSync(SAMPLE, root, { recursive: true });
  return new ModelFolder(root, { severity: {} });
}

describe('the editor export request (eventModeler/export)', function () {
  this.timeout(120_000);

  it('writes an AsyncAPI file the parser accepts; an existing file is reported, then replaced with force', async () => {
    const folder = sampleFolder();
    const output = path.join(folder.root, 'asyncapi.yaml');
    const first = await exportModel(folder, { target: 'asyncapi', output }, trusted, idle);
    assert.equal(first.ok, true, first.message);
    assert.deepEqual(
      first.files.map((f) => fileURLToPath(f)),
      [output],
    );
    assert.deepEqual(await asyncApiProblems(parseYaml(fs.readFileSync(output, 'utf8'))), []);
    const again = await exportModel(folder, { target: 'asyncapi', output }, trusted, idle);
    assert.deepEqual([again.ok, again.exists], [false, true]);
    const forced = await exportModel(folder, { target: 'asyncapi', output, force: true, format: 'json' }, trusted, idle);
    assert.equal(forced.ok, true);
    assert.equal(JSON.parse(fs.readFileSync(output, 'utf8')).asyncapi, '3.0.0');
  });

  it('writes an EventCatalog the linter accepts, per-context AsyncAPI into a folder', async () => {
    const folder = sampleFolder();
    const catalog = path.join(folder.root, 'catalog');
    const r = await exportModel(folder, { target: 'eventcatalog', output: catalog }, trusted, idle);
    assert.equal(r.ok, true, r.message);
    assert.match(r.summary, /5 domain\(s\), 4 service\(s\)/);
    assert.deepEqual((await lintCatalog(catalog)).errors, []);
    const per = await exportModel(folder, { target: 'asyncapi', output: path.join(folder.root, 'apis'), perContext: true }, trusted, idle);
    assert.equal(per.files.length, 4);
  });

  it('refuses in Restricted Mode and for a model with errors, writing nothing', async () => {
    const folder = sampleFolder();
    const output = path.join(folder.root, 'asyncapi.yaml');
    const untrusted = await exportModel(folder, { target: 'asyncapi', output }, { trusted: false, yamlValidates: false }, idle);
    assert.match(untrusted.message!, /Restricted Mode/);
    folder.workspace.update(
      'contexts/inventory.yaml',
      fs.readFileSync(path.join(folder.root, 'contexts/inventory.yaml'), 'utf8').replace('issue: ReserveStock', 'issue: ReserveStok'),
    );
    const broken = await exportModel(folder, { target: 'asyncapi', output }, trusted, idle);
    assert.match(broken.message!, /1 error\(s\)/);
    assert.ok(!fs.existsSync(output));
  });
});

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Workspace } from '../../../src/core';
import { planGeneration } from '../../../src/core/codegen';
import { NodeHost } from '../../../src/node/fs-host';
import { builtinTemplates, REPO, SAMPLE, STRATEGIES } from './helpers';
import { generatedWire, modelWire } from './wire';

describe('codegen: generated envelopes carry the model’s wire identity (wireIdentity())', () => {
  const models = {
    'samples/retail': SAMPLE,
    'every versioning strategy': STRATEGIES,
    'the runtime fixture shop': path.join(REPO, 'test/fixtures/runtime/shop'),
  };
  for (const [title, root] of Object.entries(models)) {
    it(`${title}: type, source, dataschema, channel and schema id of every event version, and the schema files' $id`, async () => {
      const model = new Workspace(new NodeHost(root)).model;
      const plan = await planGeneration(model, { templates: builtinTemplates() });
      assert.deepEqual(
        plan.problems.filter((p) => p.severity === 'error'),
        [],
      );
      const expected = modelWire(model);
      assert.ok(expected.size > 0);
      assert.deepEqual(Object.fromEntries(generatedWire(plan.files)), Object.fromEntries(expected));
      const ids = plan.files.filter((f) => /\/schemas\/.*\.v\d+\.schema\.json$/.test(f.path)).map((f) => (JSON.parse(f.content) as { $id: string }).$id);
      assert.deepEqual(ids.sort(), [...expected.values()].map((w) => w.dataschema).sort());
    });
  }

  it('follows a configured schema base, as wireIdentity() does', async () => {
    const model = new Workspace(new NodeHost(SAMPLE)).model;
    const plan = await planGeneration(model, { templates: builtinTemplates(), schemaBaseUri: 'https://schemas.example.com/retail/' });
    assert.deepEqual(Object.fromEntries(generatedWire(plan.files)), Object.fromEntries(modelWire(model, 'https://schemas.example.com/retail/')));
    assert.equal(
      generatedWire(plan.files).get('Ordering.OrderPlaced@3')?.dataschema,
      'https://schemas.example.com/retail/ordering/order-placed.v3.schema.json',
    );
  });
});

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { exportAsyncApi } from '../../../src/core/export/asyncapi';
import { ModelFacts } from '../../../src/core/export/model-facts';
import { wireIdentity } from '../../../src/core/model/wire';
import { SAMPLE, diskWorkspace, memoryWorkspace, runCli, writeTemp } from '../helpers/workspace';
import { validModel } from './arbitrary-model';
import { asyncApiProblems } from './asyncapi-helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('eventmodel export asyncapi', function () {
  this.timeout(300_000);

  it('exports the sample as one AsyncAPI 3.0 document that @asyncapi/parser accepts without errors or warnings', async () => {
    const model = diskWorkspace(SAMPLE).model;
    const { documents } = exportAsyncApi(model);
    assert.equal(documents.length, 1);
    const doc = documents[0].document as Json;
    assert.deepEqual(await asyncApiProblems(doc), []);
    assert.equal(doc.asyncapi, '3.0.0');
    assert.equal(doc.info.title, 'retail');
    assert.equal(doc.info.description, 'Online retail platform.');
    assert.deepEqual(
      doc.info.tags.map((t: Json) => t.name),
      ['Inventory', 'Ordering', 'Payment', 'Shipping'],
    );

    // One message per event version, on the event's channel, with its wire identity and bundled payload.
    const placed = model.index.find('event', 'Ordering', 'OrderPlaced')!;
    const channel = doc.channels['retail.ordering.order-placed'];
    assert.equal(channel.address, 'retail.ordering.order-placed');
    assert.deepEqual(Object.keys(channel.messages), ['Ordering.OrderPlaced.v1', 'Ordering.OrderPlaced.v2', 'Ordering.OrderPlaced.v3']);
    const facts = new ModelFacts(model);
    for (const v of placed.versions) {
      const m = doc.components.messages[`Ordering.OrderPlaced.v${v.number}`];
      const wire = wireIdentity(model, placed, v);
      assert.equal(m.name, wire.type);
      assert.equal(m.contentType, 'application/json');
      assert.equal(m.payload.schemaFormat, 'application/schema+json;version=draft-07');
      assert.equal(m.headers.schema.properties.type.const, wire.type);
      assert.equal(m.headers.schema.properties.source.const, wire.source);
      assert.equal(m.headers.schema.properties.dataschema.const, wire.dataschema);
      assert.ok(m.headers.schema.properties.correlationid && m.headers.schema.properties.causationid);
      assert.equal(m.correlationId.location, '$message.header#/correlationid');
      const bundled = facts.bundled(v.schema).schema as Json;
      assert.deepEqual(Object.keys(m.payload.schema.properties ?? {}).sort(), Object.keys(bundled.properties ?? {}).sort());
    }
    // v3's Money and OrderLine come from other files: embedded, refs pointing into the message.
    const v3 = doc.components.messages['Ordering.OrderPlaced.v3'].payload.schema;
    assert.match(JSON.stringify(v3), /"\$ref":"#\/components\/messages\/Ordering\.OrderPlaced\.v3\/payload\/schema\/definitions\/Money"/);
    assert.ok(v3.definitions.Money);

    // send by the owning context, receive by the consuming policies and read models.
    const ops = Object.entries(doc.operations as Json).map(([key, op]) => ({ key, ...op }));
    const sendPlaced = ops.find((o) => o.action === 'send' && o.channel.$ref === '#/channels/retail.ordering.order-placed')!;
    assert.equal(sendPlaced['x-eventmodel'].context, 'Ordering');
    assert.deepEqual(sendPlaced['x-eventmodel'].emittedBy, ['command PlaceOrder']);
    const inventoryReads = ops.find(
      (o) => o.action === 'receive' && o['x-eventmodel'].context === 'Inventory' && o.channel.$ref === '#/channels/retail.ordering.order-placed',
    )!;
    assert.deepEqual(inventoryReads.messages, [{ $ref: '#/channels/retail.ordering.order-placed/messages/Ordering.OrderPlaced.v3' }], 'the policy pins @3');
    const handles = ops.find((o) => o.action === 'receive' && o['x-eventmodel'].role === 'handler' && o['x-eventmodel'].context === 'Inventory')!;
    assert.equal(doc.channels[handles.channel.$ref.split('/').pop()].address, 'com.example.retail.inventory.reserve-stock');
    assert.ok(ops.some((o) => o.action === 'send' && o['x-eventmodel'].role === 'policy' && o['x-eventmodel'].policy === 'ReserveStockForOrder'));
    // Owners (the context's owner) as an extension.
    assert.deepEqual(doc.components.messages['Ordering.OrderPlaced.v1']['x-owners'], ['team-checkout']);
  });

  it('exports one document per context that parses, each with only its operations and what they use', async () => {
    const model = diskWorkspace(SAMPLE).model;
    const { documents } = exportAsyncApi(model, { perContext: true });
    assert.deepEqual(
      documents.map((d) => d.fileName),
      ['inventory.asyncapi.yaml', 'ordering.asyncapi.yaml', 'payment.asyncapi.yaml', 'shipping.asyncapi.yaml'],
    );
    for (const d of documents) {
      assert.deepEqual(await asyncApiProblems(d.document), [], d.fileName);
      const doc = d.document as Json;
      for (const op of Object.values(doc.operations as Json)) assert.equal(op['x-eventmodel'].context, d.context);
      assert.equal(doc['x-eventmodel'].context, d.context);
    }
    const shipping = documents.find((d) => d.context === 'Shipping')!.document as Json;
    assert.ok(!Object.keys(shipping.components.messages).some((k) => k.startsWith('Ordering.PlaceOrder')), 'commands Shipping never touches are left out');
  });

  it('exports random valid models that @asyncapi/parser accepts (whole model and per context)', async () => {
    await fc.assert(
      fc.asyncProperty(validModel, fc.boolean(), async (files, perContext) => {
        const model = memoryWorkspace(files).model;
        const { documents } = exportAsyncApi(model, { perContext });
        for (const d of documents) assert.deepEqual(await asyncApiProblems(d.document), [], `${d.fileName}\n${JSON.stringify(files, null, 1)}`);
        if (!perContext) {
          const doc = documents[0].document as Json;
          const count = model.contexts.reduce(
            (n, c) => n + c.events.reduce((k, e) => k + e.versions.length, 0) + c.commands.reduce((k, x) => k + x.versions.length, 0),
            0,
          );
          assert.equal(Object.keys(doc.components.messages).length, count, 'one message per event and command version');
        }
      }),
      { numRuns: 12 },
    );
  });

  it('under versioning: channel gives each version its own channel and operation', () => {
    const files = {
      'eventmodel.yaml': 'model: m\nnamespace: acme\ninclude: [c.yaml]\ndefaults: { versioning: channel }\n',
      'c.yaml':
        'context: Shop\ncommands:\n  Buy:\n    emits: [Bought]\n    schema: { type: object }\nevents:\n  Bought:\n    versions:\n      1: { schema: { type: object } }\n      2: { schema: { type: object }, deprecated: false }\n',
    };
    const doc = exportAsyncApi(memoryWorkspace(files).model).documents[0].document as Json;
    assert.deepEqual(
      Object.values(doc.channels as Json)
        .map((c: Json) => c.address)
        .sort(),
      ['acme.shop.bought.v1', 'acme.shop.bought.v2', 'acme.shop.buy.v1'],
    );
    const sends = Object.values(doc.operations as Json).filter((o: Json) => o.action === 'send');
    assert.equal(sends.length, 2);
  });

  it('says when a payload is JSON Schema 2020-12 (which @asyncapi/parser cannot read) and labels its schemaFormat', () => {
    const files = {
      'eventmodel.yaml': 'model: m\ninclude: [c.yaml]\n',
      'c.yaml': "context: Shop\nevents:\n  Bought:\n    schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: object, prefixItems: [] }\n",
    };
    const { documents, notes } = exportAsyncApi(memoryWorkspace(files).model);
    const m = (documents[0].document as Json).components.messages['Shop.Bought.v1'];
    assert.equal(m.payload.schemaFormat, 'application/schema+json;version=2020-12');
    assert.match(notes.join('\n'), /Shop\.Bought v1: its payload is JSON Schema 2020-12/);
  });

  it('CLI: stdout by default, --output file (refused when it exists unless --force), --per-context folder, --format json', () => {
    const r = runCli(['export', 'asyncapi', SAMPLE]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(parseYaml(r.stdout).asyncapi, '3.0.0');
    const out = writeTemp({});
    const file = path.join(out, 'api', 'retail.json');
    const w = runCli(['export', 'asyncapi', SAMPLE, '--output', file]);
    assert.equal(w.status, 0, w.stderr);
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).asyncapi, '3.0.0', '.json output means JSON');
    const again = runCli(['export', 'asyncapi', SAMPLE, '--output', file]);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /exists; pass --force/);
    assert.equal(runCli(['export', 'asyncapi', SAMPLE, '--output', file, '--force']).status, 0);

    assert.equal(runCli(['export', 'asyncapi', SAMPLE, '--per-context']).status, 2);
    const folder = path.join(out, 'per-context');
    const pc = runCli(['export', 'asyncapi', SAMPLE, '--per-context', '--output', folder, '--format', 'json']);
    assert.equal(pc.status, 0, pc.stderr);
    assert.deepEqual(fs.readdirSync(folder).sort(), [
      '.eventmodel-export.json',
      'inventory.asyncapi.json',
      'ordering.asyncapi.json',
      'payment.asyncapi.json',
      'shipping.asyncapi.json',
    ]);
    const refused = runCli(['export', 'asyncapi', SAMPLE, '--per-context', '--output', folder]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /not empty; pass --force/);
    fs.writeFileSync(path.join(folder, 'README.md'), 'mine');
    const forced = runCli(['export', 'asyncapi', SAMPLE, '--per-context', '--output', folder, '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.deepEqual(
      fs.readdirSync(folder).sort(),
      ['.eventmodel-export.json', 'README.md', 'inventory.asyncapi.yaml', 'ordering.asyncapi.yaml', 'payment.asyncapi.yaml', 'shipping.asyncapi.yaml'],
      'the earlier export is replaced, the user file kept',
    );
  });

  it('CLI: a model with errors is not exported (exit 1, nothing written)', () => {
    const root = writeTemp({ 'eventmodel.yaml': 'include: [c.yaml]\n', 'c.yaml': 'context: Shop\ncommands:\n  Buy:\n    emits: [Nope]\n' });
    const target = path.join(root, 'out.yaml');
    const r = runCli(['export', 'asyncapi', root, '--output', target]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /error unresolved-reference/);
    assert.match(r.stderr, /nothing was written/);
    assert.ok(!fs.existsSync(target));
  });
});

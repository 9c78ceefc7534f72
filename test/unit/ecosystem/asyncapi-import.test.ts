import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { exportAsyncApi } from '../../../src/core/export/asyncapi';
import { readAsyncApiImport, writeImport } from '../../../src/node/asyncapi-import';
import fc from 'fast-check';
import { FIXTURES, SAMPLE, brief, diskWorkspace, memoryWorkspace, runCli, writeTemp } from '../helpers/workspace';
import { validModel } from './arbitrary-model';
import { asyncApiProblems } from './asyncapi-helpers';
import { payloadOf, pointerValue, resolved } from './deref';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const EXAMPLES = path.join(FIXTURES, 'asyncapi/examples');
const WRITTEN = path.join(FIXTURES, 'asyncapi/written');

/** Imports FILE into a fresh folder; returns the import, the written model and its re-export. */
async function importAndExport(file: string, options: Parameters<typeof readAsyncApiImport>[1] = {}) {
  const run = await readAsyncApiImport(file, options);
  assert.ok(run.result, `${path.basename(file)}: ${JSON.stringify(run.problems.filter((p) => p.severity === 'error'))}`);
  const root = writeTemp({});
  writeImport(run.result, root, true);
  const workspace = diskWorkspace(root);
  const errors = workspace.diagnostics('validation').filter((d) => d.severity === 'error');
  assert.deepEqual(brief(errors), [], `${path.basename(file)}: the imported model validates`);
  const exported = exportAsyncApi(workspace.model).documents[0].document as Json;
  return { run, result: run.result, root, workspace, exported };
}

/** The exported message for an imported definition version. */
function exportedMessage(doc: Json, m: { context: string; name: string; version: number }): Json {
  const found = Object.values(doc.components.messages as Json).find(
    (x: Json) => x['x-eventmodel'].context === m.context && x['x-eventmodel'].name === m.name && x['x-eventmodel'].version === m.version,
  );
  assert.ok(found, `${m.context}.${m.name} v${m.version} is exported`);
  return found;
}

/** Every message of ORIGINAL keeps its payload (compared with all references resolved). */
function assertPayloadsKept(originalDoc: Json, exported: Json, messages: { source: string; context: string; name: string; version: number }[], label: string) {
  for (const m of messages) {
    const original = pointerValue(originalDoc, m.source) as Json;
    const before = payloadOf(originalDoc, original);
    const after = payloadOf(exported, exportedMessage(exported, m));
    if (before === undefined)
      assert.ok(after === true || (typeof after === 'object' && Object.keys(after as object).length === 0), `${label} ${m.source}: no payload stays open`);
    else assert.deepEqual(resolved(exported, after), resolved(originalDoc, before), `${label} ${m.source}`);
  }
}

describe('eventmodel import asyncapi', function () {
  this.timeout(600_000);

  const examples = fs.readdirSync(EXAMPLES).filter((f) => /\.ya?ml$/.test(f));

  it("imports AsyncAPI's own published examples (from @asyncapi/cli): the model validates, re-exports and keeps every payload", async () => {
    assert.ok(examples.length >= 19);
    let imported = 0;
    for (const name of examples) {
      const file = path.join(EXAMPLES, name);
      const original = parseYaml(fs.readFileSync(file, 'utf8')) as Json;
      const run = await readAsyncApiImport(file, {});
      if (!run.result) {
        // The Adeo case study references its Avro payloads by URL: offline, they cannot be checked.
        assert.equal(
          name,
          'adeo-kafka-request-reply-asyncapi.yml',
          `${name} was refused: ${JSON.stringify(run.problems.filter((p) => p.severity === 'error'))}`,
        );
        assert.ok(run.problems.some((p) => p.code === 'remote-ref'));
        continue;
      }
      const { result, exported } = await importAndExport(file);
      assert.deepEqual(await asyncApiProblems(exported), [], `${name}: the re-export parses`);
      const componentKeys = Object.keys(original.components?.messages ?? {});
      for (const key of componentKeys)
        assert.ok(
          result.messages.some((m) => m.source === `#/components/messages/${key}`),
          `${name}: component message ${key} imported`,
        );
      assertPayloadsKept(original, exported, result.messages, name);
      imported++;
    }
    assert.ok(imported >= 19);
  });

  it('streetlights (2.6 written from the spec): subscribe is sent, publish received; kinds by tense and verb; $refs to components become shared files', async () => {
    const file = path.join(WRITTEN, 'streetlights-2.6.yaml');
    const { result, root, workspace, exported } = await importAndExport(file);
    const kinds = Object.fromEntries(result.messages.map((m) => [m.name, `${m.kind}: ${m.reason}`]));
    assert.deepEqual(kinds, {
      LightMeasured: "event: 'Measured' is past tense",
      TurnOnOff: "command: starts with the verb 'Turn'",
      DimLight: "command: starts with the verb 'Dim'",
      LightDimmed: "event: 'Dimmed' is past tense",
    });
    const ctx = workspace.model.contexts;
    assert.deepEqual(ctx.map((c) => c.name).sort(), ['Control', 'Lighting']);
    const measured = workspace.model.index.find('event', 'Lighting', 'LightMeasured')!;
    assert.equal(measured.channel, 'smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured');
    assert.ok(fs.existsSync(path.join(root, 'schemas/components/sentAt.json')));
    assert.match(fs.readFileSync(path.join(root, 'contexts/lighting.yaml'), 'utf8'), /\$ref: \.\.\/schemas\/components\/lightMeasuredPayload\.json/);
    // The trait's header schema is applied by the parser? No: the importer keeps the message's own headers only.
    const original = parseYaml(fs.readFileSync(file, 'utf8')) as Json;
    assertPayloadsKept(original, exported, result.messages, 'streetlights-2.6');
    assert.deepEqual(await asyncApiProblems(exported), []);
  });

  it('streetlights (3.0 written from the spec): shared messages, channel-wide operations, multi-format payloads, headers, tags as contexts', async () => {
    const file = path.join(WRITTEN, 'streetlights-3.0.yaml');
    const { result, workspace, exported } = await importAndExport(file);
    assert.deepEqual(result.contexts, ['Lamps', 'Monitoring']);
    const byName = Object.fromEntries(result.messages.map((m) => [m.name, [m.context, m.kind]]));
    // Events belong to their publisher, commands to their handler.
    assert.deepEqual(byName, { LightMeasured: ['Monitoring', 'event'], TurnOnOff: ['Lamps', 'command'], LightsDimmed: ['Lamps', 'event'] });
    const measured = workspace.model.index.find('event', 'Monitoring', 'LightMeasured')!;
    assert.ok(measured.headers, 'message headers become the event headers');
    // Only received, never sent: an external system is its source and the receiving context reacts to it.
    const monitoring = workspace.model.index.context('Monitoring')!;
    assert.deepEqual(
      monitoring.externalSystems.map((x) => [x.name, x.emits.map((e) => e.text)]),
      [['ExternalSource', ['LightMeasured']]],
    );
    assert.deepEqual(
      monitoring.policies.map((p) => [p.name, p.when.map((w) => w.text)]),
      [['OnLightMeasured', ['LightMeasured']]],
    );
    assert.ok(!workspace.diagnostics('validation').some((d) => d.rule === 'event-never-emitted' && d.message.includes('LightMeasured')));
    assert.deepEqual(
      Object.keys((exported.components.messages['Monitoring.LightMeasured.v1'].headers.schema as Json).properties).includes('my-app-header'),
      true,
    );
    const original = parseYaml(fs.readFileSync(file, 'utf8')) as Json;
    assertPayloadsKept(original, exported, result.messages, 'streetlights-3.0');
    assert.deepEqual(await asyncApiProblems(exported), []);
  });

  it('--context-from servers | operations and --message-kind pick contexts and kinds as documented', async () => {
    const servers = await importAndExport(path.join(WRITTEN, 'streetlights-2.6.yaml'), { contextFrom: 'servers' });
    assert.deepEqual(servers.result.contexts, ['Production', 'Sensors']);
    assert.equal(servers.result.messages.find((m) => m.name === 'LightMeasured')!.context, 'Sensors');
    const shop = await importAndExport(path.join(WRITTEN, 'shop-2.6.yaml'), { contextFrom: 'operations' });
    assert.deepEqual(shop.result.contexts, ['Billing', 'Ordering']);
    assert.equal(shop.result.messages.find((m) => m.name === 'OrderPlaced')!.context, 'Ordering');
    assert.equal(shop.result.messages.find((m) => m.name === 'ChargeCustomer')!.context, 'Billing');
    // Billing receives OrderPlaced: a reaction without a command, and a plain upstream relationship.
    const billing = shop.workspace.model.index.context('Billing')!;
    assert.deepEqual(
      billing.policies.map((p) => [p.name, p.when.map((w) => w.text), p.issue]),
      [['OnOrderPlaced', ['Ordering.OrderPlaced'], undefined]],
    );
    assert.deepEqual(
      billing.relationships.map((r) => [r.direction, r.other?.name.value, r.patterns.length]),
      [['upstream', 'Ordering', 0]],
    );
    const allCommands = await importAndExport(path.join(WRITTEN, 'shop-2.6.yaml'), { messageKind: 'command' });
    assert.ok(allCommands.result.messages.every((m) => m.kind === 'command' && m.reason === '--message-kind command'));
    const tags = await importAndExport(path.join(WRITTEN, 'shop-2.6.yaml'));
    assert.deepEqual(tags.result.contexts, ['Billing', 'Ordering'], 'operation tags name the same contexts');
    assert.deepEqual(tags.workspace.model.index.find('event', 'Ordering', 'OrderPlaced')!.tags, ['pii'], 'the context tag is not repeated as a tag');
  });

  it('round trip: the sample exported, imported and exported again keeps every message, kind, version and payload', async () => {
    const first = exportAsyncApi(diskWorkspace(SAMPLE).model).documents[0].document as Json;
    const dir = writeTemp({ 'retail.asyncapi.yaml': stringify(first, { aliasDuplicateObjects: false }) });
    const { result, workspace, exported } = await importAndExport(path.join(dir, 'retail.asyncapi.yaml'));
    const identity = (doc: Json) =>
      Object.values(doc.components.messages as Json)
        .map((m: Json) => `${m['x-eventmodel'].kind} ${m['x-eventmodel'].context}.${m['x-eventmodel'].name} v${m['x-eventmodel'].version}`)
        .sort();
    assert.deepEqual(identity(exported), identity(first));
    for (const m of Object.values(first.components.messages as Json)) {
      const again = exportedMessage(exported, m['x-eventmodel']);
      assert.deepEqual(resolved(exported, payloadOf(exported, again)), resolved(first, payloadOf(first, m)), m.name);
    }
    assert.equal(workspace.model.manifest?.namespace, 'com.example.retail');
    const inventory = workspace.model.index.context('Inventory')!;
    const reserve = inventory.policies.find((p) => p.name === 'ReserveStockForOrder')!;
    assert.deepEqual([reserve.when.map((w) => w.text), reserve.issue?.text], [['Ordering.OrderPlaced@3'], 'ReserveStock']);
    assert.ok(workspace.model.index.context('Ordering')!.readModels.some((r) => r.name === 'OrderSummary'));
    assert.ok(result.messages.every((m) => m.reason === 'x-eventmodel.kind'));
  });

  it('round trip of random valid models: every message and payload survives export → import → export', async () => {
    await fc.assert(
      fc.asyncProperty(validModel, async (files) => {
        const first = exportAsyncApi(memoryWorkspace(files).model).documents[0].document as Json;
        const dir = writeTemp({ 'model.asyncapi.json': JSON.stringify(first) });
        const { exported } = await importAndExport(path.join(dir, 'model.asyncapi.json'));
        const ids = (doc: Json) =>
          Object.values(doc.components.messages as Json)
            .map((m: Json) => `${m['x-eventmodel'].kind} ${m['x-eventmodel'].context}.${m['x-eventmodel'].name} v${m['x-eventmodel'].version}`)
            .sort();
        assert.deepEqual(ids(exported), ids(first));
        for (const m of Object.values(first.components.messages as Json)) {
          const again = exportedMessage(exported, m['x-eventmodel']);
          assert.deepEqual(resolved(exported, payloadOf(exported, again)), resolved(first, payloadOf(first, m)), m.name);
          assert.deepEqual(resolved(exported, again.headers.schema), resolved(first, m.headers.schema), `${m.name} headers`);
          assert.deepEqual(again['x-cloudevents'], m['x-cloudevents'], `${m.name}: the same CloudEvents type, source and dataschema`);
        }
        const addresses = (doc: Json) =>
          Object.values(doc.channels as Json)
            .flatMap((c: Json) => Object.keys(c.messages).map((k) => `${k} @ ${c.address}`))
            .sort();
        assert.deepEqual(addresses(exported), addresses(first), 'every message stays on its channel');
      }),
      { numRuns: 12 },
    );
  });

  it('CLI: reports each message, refuses invalid documents with a location and non-empty folders', () => {
    const into = path.join(writeTemp({}), 'model');
    const ok = runCli(['import', 'asyncapi', path.join(WRITTEN, 'shop-2.6.yaml'), '--into', into]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /^event +Ordering\.OrderPlaced v1 +← #\/channels\/shop\.orders\.placed\/subscribe\/message +\('Placed' is past tense\)$/m);
    assert.match(ok.stdout, /^command Billing\.ChargeCustomer v1 /m);
    assert.match(ok.stdout, /Imported 4 message\(s\) into 2 context\(s\) .*validate: 0 error\(s\)/);
    assert.equal(runCli(['validate', into]).status, 0);
    const again = runCli(['import', 'asyncapi', path.join(WRITTEN, 'shop-2.6.yaml'), '--into', into]);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /not empty; pass --force/);

    const bad = writeTemp({ 'bad.yaml': 'asyncapi: 3.0.0\ninfo:\n  title: x\nchannels:\n  a:\n    address: 42\n' });
    const target = path.join(bad, 'out');
    const r = runCli(['import', 'asyncapi', path.join(bad, 'bad.yaml'), '--into', target]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /bad\.yaml:\d+:\d+ error asyncapi\//);
    assert.match(r.stderr, /not a valid AsyncAPI document; nothing was written/);
    assert.ok(!fs.existsSync(target));
    assert.equal(runCli(['import', 'asyncapi', path.join(bad, 'missing.yaml')]).status, 2);
    const json = runCli(['import', 'asyncapi', path.join(WRITTEN, 'streetlights-2.6.yaml'), '--into', path.join(bad, 'j'), '--format', 'json']);
    assert.equal(json.status, 0, json.stderr);
    const report = JSON.parse(json.stdout);
    assert.equal(report.messages.length, 4);
    assert.deepEqual(report.validation.errors, 0);
  });
});

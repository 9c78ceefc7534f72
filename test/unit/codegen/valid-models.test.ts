import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MemoryHost, Workspace } from '../../../src/core';
import { planGeneration, type GenerationPlan, type ModuleSystem } from '../../../src/core/codegen';
import { builtinTemplates, cleanTemps, MINIMAL_MANIFEST, REPO, tempDir, tsc } from './helpers';

/**
 * Models found in real use (AsyncAPI, EventCatalog, Context Mapper translations) that `validate`
 * accepts but `generate` refused, or whose output did not compile. Each is checked for what the
 * user sees in the plan, and every output is compiled by the real tsc, CommonJS and Node ESM.
 */

const ASYNCAPI = [
  'asyncapi: 2.6.0',
  'info: { title: Shipping, version: 1.0.0 }',
  'components:',
  '  schemas:',
  '    Money:',
  '      type: object',
  '      required: [amount, currency]',
  '      properties:',
  '        amount: { type: number }',
  "        currency: { $ref: '#/components/schemas/Currency' }",
  '    Currency: { type: string, pattern: "^[A-Z]{3}$" }',
  '',
].join('\n');

interface Case {
  title: string;
  files: Record<string, string>;
  check(plan: GenerationPlan, file: (rel: string) => string): void;
}

const context = (name: string, body: string) => `context: ${name}\n${body}`;

const CASES: Case[] = [
  {
    title: 'a context without events, aggregates without commands, commands without events, a context with only aggregates',
    files: {
      'eventmodel.yaml': MINIMAL_MANIFEST,
      'contexts/warehouse.yaml': context(
        'Warehouse',
        'aggregates:\n  Bin: {}\n  Shelf:\n    state: { type: object, properties: { slots: { type: integer } } }\n',
      ),
      'contexts/billing.yaml': context(
        'Billing',
        'aggregates:\n  Account: {}\ncommands:\n  Charge:\n    aggregate: Account\n    emits: []\n    schema: { type: object }\n',
      ),
    },
    check(plan, file) {
      // upcasters.ts named the context's unions without importing them: "Cannot find name 'WarehouseContextEvent'".
      assert.match(
        file('gen/warehouse/upcasters.ts'),
        /import type \{\n {2}WarehouseContextEvent,\n {2}WarehouseContextLatestEvent,\n {2}WarehouseContextAnyCommand,\n {2}WarehouseContextCommand,\n\} from "\.\/messages(\.js)?";/,
      );
      assert.match(file('gen/billing/messages.ts'), /export type BillingContextEvent = never;/);
      assert.match(file('gen/billing/messages.ts'), /export type AccountEvent = never;/);
      assert.ok(plan.files.some((f) => f.path === 'app/warehouse/bin.decider.ts'));
    },
  },
  {
    title: 'root-level #/components refs inside an external AsyncAPI file',
    files: {
      'eventmodel.yaml': MINIMAL_MANIFEST,
      'schemas/asyncapi.yaml': ASYNCAPI,
      'contexts/shipping.yaml': context(
        'Shipping',
        'commands:\n  Ship:\n    emits: [Shipped]\nevents:\n  Shipped:\n    schema:\n      type: object\n      required: [fee]\n      properties:\n        fee: { $ref: ../schemas/asyncapi.yaml#/components/schemas/Money }\n',
      ),
    },
    check(plan, file) {
      // The bundle embeds Money and Currency themselves (not the AsyncAPI document, whose components Ajv would not rewrite).
      const bundled = JSON.parse(file('gen/schemas/shipping/shipped.v1.schema.json'));
      assert.equal(bundled.properties.fee.$ref, '#/definitions/Money');
      assert.equal(bundled.definitions.Money.properties.currency.$ref, '#/definitions/Currency');
      assert.equal(bundled.definitions.Currency.pattern, '^[A-Z]{3}$');
      const shared = file('gen/shared-types.ts');
      assert.match(shared, /export interface Money \{\n {2}amount: number\n {2}currency: Currency\n/);
      assert.match(shared, /export type Currency = string/);
      assert.ok(plan.files.length > 0);
    },
  },
  {
    title: 'refs between external files, and plain-name anchors ($anchor, $id "#name")',
    files: {
      'eventmodel.yaml': MINIMAL_MANIFEST,
      'schemas/money.json': JSON.stringify({
        title: 'Money',
        type: 'object',
        properties: { amount: { type: 'number' }, code: { $ref: 'codes.json#currency' } },
      }),
      'schemas/codes.json': JSON.stringify({ definitions: { Currency: { $id: '#currency', type: 'string', enum: ['EUR', 'USD'] } } }),
      'schemas/line.json': JSON.stringify({ type: 'object', required: ['price'], properties: { price: { $ref: 'money.json' } } }),
      'contexts/sales.yaml': context(
        'Sales',
        [
          'commands:',
          '  AddLine:',
          '    emits: []',
          '    schema:',
          '      $schema: https://json-schema.org/draft/2020-12/schema',
          '      type: object',
          '      properties:',
          '        line: { $ref: ../schemas/line.json }',
          "        tag: { $ref: '#tag' }",
          '      $defs:',
          '        Tag: { $anchor: tag, type: string, minLength: 1 }',
          '',
        ].join('\n'),
      ),
    },
    check(_plan, file) {
      const bundled = JSON.parse(file('gen/schemas/sales/add-line.schema.json'));
      assert.equal(bundled.properties.tag.$ref, '#/$defs/Tag');
      assert.deepEqual(Object.keys(bundled.$defs).sort(), ['Codes', 'Line', 'Money', 'Tag']);
      assert.equal(bundled.$defs.Money.properties.code.$ref, '#/$defs/Codes/definitions/Currency');
      assert.match(file('gen/sales/types.ts'), /line\?: shared\.Line/);
      assert.match(file('gen/shared-types.ts'), /price: Money/);
    },
  },
  {
    title: 'an aggregate Handling beside an event HandlingEvent',
    files: {
      'eventmodel.yaml': MINIMAL_MANIFEST,
      'contexts/cargo.yaml': context(
        'Cargo',
        'aggregates:\n  Handling: {}\ncommands:\n  RegisterHandling:\n    aggregate: Handling\n    emits: [HandlingEvent]\nevents:\n  HandlingEvent:\n    aggregate: Handling\n    schema: { type: object, properties: { at: { type: string } } }\n',
      ),
    },
    check(plan, file) {
      // The event's own name keeps `HandlingEvent`; the aggregate's event union takes its alternative.
      assert.match(file('gen/cargo/types.ts'), /export type HandlingEvent = HandlingEventV1;/);
      assert.match(file('gen/cargo/messages.ts'), /export type HandlingAggregateEvent = HandlingEventV1Event;/);
      assert.match(file('app/cargo/handling.decider.ts'), /import type \{ HandlingCommand, HandlingAggregateEvent \} from/);
      const warning = plan.problems.find((p) => p.code === 'renamed');
      assert.match(
        warning!.message,
        /aggregate Cargo\.Handling gets the identifier 'HandlingAggregateEvent' instead of 'HandlingEvent', which is taken by event Cargo\.HandlingEvent/,
      );
      assert.equal(warning!.location?.start.line, 2);
    },
  },
  {
    title: 'names that collide after case conversion, reserved words, globals, a name without letters and a 130-character name',
    files: {
      'eventmodel.yaml': MINIMAL_MANIFEST,
      'contexts/a.yaml': context(
        'Sales',
        [
          'aggregates:',
          '  Order: {}',
          '  order: {}',
          '  _: {}',
          `  ${'Long'.repeat(33)}: {}`,
          'commands:',
          '  delete:',
          '    aggregate: order',
          '    emits: [Order_Placed]',
          'events:',
          '  OrderPlaced: { schema: { type: object } }',
          '  Order_Placed: { schema: { type: object } }',
          '  Event: { schema: { type: object } }',
          '  Map: {}',
          'readModels:',
          '  Record:',
          '    from: [Map, Event]',
          '',
        ].join('\n'),
      ),
      'contexts/b.yaml': context('sales', 'events:\n  Done: { schema: { type: object } }\n'),
      'contexts/c.yaml': context('runtime', 'aggregates:\n  Promise: {}\n'),
    },
    check(plan, file) {
      const paths = plan.files.map((f) => f.path);
      for (const p of [
        'app/sales/order.decider.ts',
        'app/sales/order-2.decider.ts',
        'gen/schemas/sales/order-placed.v1.schema.json',
        'gen/schemas/sales/order-placed-2.v1.schema.json',
        'gen/sales-context/index.ts',
        'gen/runtime-context/index.ts',
      ]) {
        assert.ok(paths.includes(p), `${p} is planned`);
      }
      assert.ok(
        paths.some((p) => /^app\/sales\/n-[0-9a-f]{8}\.decider\.ts$/.test(p)),
        'the aggregate _ gets a file',
      );
      const long = paths.find((p) => p.startsWith('app/sales/long-'))!;
      assert.ok(path.posix.basename(long).length < 100, long);
      const index = file('gen/index.ts');
      assert.match(index, /export \* as Sales from "\.\/sales(\/index\.js)?";/);
      assert.match(index, /export \* as sales from "\.\/sales-context(\/index\.js)?";/);
      assert.match(index, /export \* as runtimeContext from "\.\/runtime-context(\/index\.js)?";/);
      assert.match(file('gen/sales/types.ts'), /export type deletePayload = unknown;/);
      assert.match(file('gen/sales/types.ts'), /export type MapPayload = MapV1;/);
      assert.match(file('gen/sales/upcasters.ts'), /export const upcastEventEvent = upcastEventToV1;/);
      assert.match(file('gen/sales/types.ts'), /export type RecordView = \{ \[key: string\]: unknown \};/);
    },
  },
  {
    title: 'an event declared with neither schema nor versions, read by a policy',
    files: {
      'eventmodel.yaml': MINIMAL_MANIFEST,
      'contexts/a.yaml': context(
        'Alerts',
        'commands:\n  Notify:\n    emits: [Raised]\nevents:\n  Raised: {}\npolicies:\n  NotifyOnRaised:\n    when: Raised\n    issue: Notify\n',
      ),
    },
    check(_plan, file) {
      assert.match(file('gen/alerts/types.ts'), /export type RaisedV1 = unknown;/);
      assert.match(file('gen/alerts/policies.ts'), /export type NotifyOnRaisedInput = AlertsMessages\.RaisedV1Event;/);
    },
  },
];

describe('codegen: models validate accepts and generate used to refuse or break', function () {
  this.timeout(300_000);
  const plans = new Map<string, GenerationPlan>();
  let root = '';
  before(async () => {
    root = tempDir('eventmodel-valid-');
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    fs.mkdirSync(path.join(root, 'esm'));
    fs.writeFileSync(path.join(root, 'esm/package.json'), JSON.stringify({ type: 'module' }));
    for (const [i, c] of CASES.entries()) {
      const workspace = new Workspace(new MemoryHost(c.files));
      assert.deepEqual(
        workspace
          .diagnostics()
          .filter((d) => d.severity === 'error')
          .map((d) => d.message),
        [],
        `${c.title}: validate accepts the model`,
      );
      for (const module of ['commonjs', 'esm'] as ModuleSystem[]) {
        const plan = await planGeneration(workspace.model, { templates: builtinTemplates(), defaultModule: module });
        plans.set(`${i}:${module}`, plan);
        for (const f of plan.files) {
          const abs = path.join(root, module === 'esm' ? 'esm' : 'cjs', `c${i}`, f.path);
          fs.mkdirSync(path.dirname(abs), { recursive: true });
          fs.writeFileSync(abs, f.content);
        }
      }
    }
  });
  after(cleanTemps);

  for (const [i, c] of CASES.entries()) {
    it(`${c.title}: planned without error`, () => {
      for (const module of ['commonjs', 'esm']) {
        const plan = plans.get(`${i}:${module}`)!;
        assert.deepEqual(
          plan.problems.filter((p) => p.severity === 'error'),
          [],
          module,
        );
        const file = (rel: string) => {
          const f = plan.files.find((x) => x.path === rel);
          assert.ok(f, `${rel} is planned (have: ${plan.files.map((x) => x.path).join(', ')})`);
          return f.content;
        };
        c.check(plan, file);
      }
    });
  }

  it('every case compiles with tsc --strict as CommonJS', () => {
    const r = tsc(root, { strict: true, noEmit: true, module: 'commonjs' }, ['cjs/**/*.ts']);
    assert.equal(r.output, '');
    assert.equal(r.status, 0);
  });

  it('every case compiles with tsc --strict as Node ESM (nodenext, "type": "module")', () => {
    const r = tsc(root, { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext' }, ['esm/**/*.ts']);
    assert.equal(r.output, '');
    assert.equal(r.status, 0);
  });
});

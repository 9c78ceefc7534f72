import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import matter from 'gray-matter';
import { writeEventCatalog } from '../../../src/node/eventcatalog';
import { SAMPLE, diskWorkspace, memoryWorkspace, runCli, writeTemp } from '../helpers/workspace';
import { validModel } from './arbitrary-model';
import { lintCatalog } from './eventcatalog-lint';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function front(file: string): Json {
  return matter(fs.readFileSync(file, 'utf8')).data as Json;
}

function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out.sort();
}

describe('eventmodel export eventcatalog', function () {
  this.timeout(600_000);

  it('writes the sample with @eventcatalog/sdk; @eventcatalog/linter finds no errors and no warnings', async () => {
    const parent = writeTemp({});
    const out = path.join(parent, 'catalog');
    const report = await writeEventCatalog(diskWorkspace(SAMPLE).model, out, { force: false });
    const lint = await lintCatalog(out);
    assert.deepEqual(lint.errors, []);
    assert.deepEqual(lint.warnings, []);
    assert.ok(lint.files >= 40);
    assert.deepEqual(fs.readdirSync(parent), ['catalog'], 'nothing is written beside the folder');
    assert.ok(!filesUnder(out).some((f) => f.endsWith('.lock')));

    // The model is a domain with a subdomain per context; each context one service inside its domain.
    const retail = front(path.join(out, 'domains/Retail/index.mdx'));
    assert.deepEqual(
      retail.domains.map((d: Json) => d.id),
      ['Inventory', 'Ordering', 'Payment', 'Shipping'],
    );
    const ordering = path.join(out, 'domains/Ordering/services/OrderingService');
    const service = front(path.join(ordering, 'index.mdx'));
    assert.deepEqual(service.owners, ['team-checkout']);
    assert.deepEqual(service.sends[0], { id: 'OrderPlaced', version: '3.0.0', to: [{ id: 'retail.ordering.order-placed' }] });
    assert.ok(service.receives.some((r: Json) => r.id === 'StockNotAvailable' && r.from[0].id === 'retail.inventory.stock-not-available'));
    assert.ok(
      service.receives.some((r: Json) => r.id === 'GetOrderSummary'),
      'read model queries',
    );

    // Versions: the latest in place, earlier ones under versioned/, each with its bundled schema.
    const placed = path.join(ordering, 'events/OrderPlaced');
    assert.equal(front(path.join(placed, 'index.mdx')).version, '3.0.0');
    for (const v of ['1.0.0', '2.0.0']) {
      assert.equal(front(path.join(placed, `versioned/${v}/index.mdx`)).version, v);
      assert.ok(fs.existsSync(path.join(placed, `versioned/${v}/schema.json`)));
    }
    const v3 = JSON.parse(fs.readFileSync(path.join(placed, 'schema.json'), 'utf8'));
    assert.ok(v3.definitions?.Money, 'external schema files are embedded');
    assert.equal(front(path.join(placed, 'index.mdx')).schemaPath, 'schema.json');
    assert.ok(fs.existsSync(path.join(out, 'teams/team-warehouse.mdx')));
    assert.equal(front(path.join(out, 'channels/retail.ordering.order-placed/index.mdx')).address, 'retail.ordering.order-placed');
    assert.equal(report.counts.events, 9);
  });

  it('random valid models export to catalogs the linter accepts (deprecation, owners as teams and users, tags as badges)', async () => {
    let deprecated = 0;
    let users = 0;
    let badges = 0;
    await fc.assert(
      fc.asyncProperty(validModel, async (files) => {
        const out = path.join(writeTemp({}), 'catalog');
        await writeEventCatalog(memoryWorkspace(files).model, out, { force: false });
        const lint = await lintCatalog(out);
        assert.deepEqual(lint.errors, [], JSON.stringify(files, null, 1));
        // The only warning a generated model may earn: a message nothing sends or receives (not possible here).
        assert.deepEqual(
          lint.warnings.filter((w) => !/versions\/no-deprecated-references/.test(w)),
          [],
        );
        for (const f of filesUnder(out)) {
          if (!f.endsWith('index.mdx')) continue;
          const data = front(path.join(out, f));
          if (data.deprecated === true) deprecated++;
          if (Array.isArray(data.badges) && data.badges.length) badges++;
        }
        if (fs.existsSync(path.join(out, 'users'))) users++;
      }),
      { numRuns: 30 },
    );
    assert.ok(deprecated > 0, 'some generated versions are deprecated');
    assert.ok(badges > 0, 'tags become badges');
    assert.ok(users > 0, 'some owners are people');
  });

  it('CLI: needs --output, refuses a non-empty folder, --force replaces its own earlier export only', () => {
    assert.equal(runCli(['export', 'eventcatalog', SAMPLE]).status, 2);
    const out = path.join(writeTemp({}), 'catalog');
    const r = runCli(['export', 'eventcatalog', SAMPLE, '--output', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Wrote an EventCatalog to .*: 5 domain\(s\), 4 service\(s\), 9 event version\(s\)/);
    const again = runCli(['export', 'eventcatalog', SAMPLE, '--output', out]);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /not empty; pass --force/);
    fs.writeFileSync(path.join(out, 'eventcatalog.config.js'), 'export default {};\n');
    fs.rmSync(path.join(out, 'domains/Shipping/services/ShippingService/events/ShipmentCreated/index.mdx'));
    const forced = runCli(['export', 'eventcatalog', SAMPLE, '--output', out, '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.ok(fs.existsSync(path.join(out, 'eventcatalog.config.js')), 'the user file is kept');
    assert.ok(fs.existsSync(path.join(out, 'domains/Shipping/services/ShippingService/events/ShipmentCreated/index.mdx')), 'the export is complete again');
    const broken = writeTemp({ 'eventmodel.yaml': 'include: [c.yaml]\n', 'c.yaml': 'context: Shop\ncommands:\n  Buy:\n    emits: [Nope]\n' });
    const target = path.join(broken, 'catalog');
    assert.equal(runCli(['export', 'eventcatalog', broken, '--output', target]).status, 1);
    assert.ok(!fs.existsSync(target));
  });
});

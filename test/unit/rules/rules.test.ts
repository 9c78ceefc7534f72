import assert from 'node:assert/strict';
import { ALL_RULES } from '../../../src/core';
import { looksPastTense } from '../../../src/core/rules/naming';
import { brief, memoryWorkspace } from '../helpers/workspace';

const MANIFEST = 'model: t\ninclude: [contexts/*.yaml]\n';

function findings(contexts: Record<string, string>, rule: string, manifest = MANIFEST) {
  const files: Record<string, string> = { 'eventmodel.yaml': manifest };
  for (const [name, text] of Object.entries(contexts)) files[`contexts/${name}.yaml`] = text;
  return memoryWorkspace(files).diagnostics().filter((d) => d.rule === rule);
}

const rel = (ctx: string, dir: string, other: string, patterns: string[]) =>
  `context: ${ctx}\nrelationships:\n  - ${dir}: ${other}\n    patterns: [${patterns.join(', ')}]\n`;

describe('rule catalogue', () => {
  it('every rule has a stable kebab-case id, a one-line doc and a default severity', () => {
    const ids = new Set<string>();
    for (const rule of ALL_RULES) {
      assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(!ids.has(rule.id), `duplicate id ${rule.id}`);
      ids.add(rule.id);
      assert.ok(rule.doc.length > 20 && !rule.doc.includes('\n'), rule.id);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(rule.defaultSeverity));
    }
  });

  it('unknown rule ids in the manifest are reported with a suggestion', () => {
    const d = findings({ a: 'context: A\n' }, 'schema', MANIFEST + 'rules:\n  unconsumed-events: off\n');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /Did you mean 'unconsumed-event'/);
    assert.equal(d[0].location.start.line, 3);
  });
});

describe('relationship-pattern-conflict', () => {
  const id = 'relationship-pattern-conflict';
  const B = 'context: B\n';
  it('conformist with anticorruption-layer on one downstream', () => {
    assert.equal(findings({ a: rel('A', 'upstream', 'B', ['conformist', 'anticorruption-layer']), b: B }, id).length, 1);
  });
  it('customer-supplier with conformist, and with open-host-service', () => {
    assert.equal(findings({ a: rel('A', 'upstream', 'B', ['customer-supplier', 'conformist']), b: B }, id).length, 1);
    assert.equal(findings({ a: rel('A', 'upstream', 'B', ['customer-supplier', 'open-host-service']), b: B }, id).length, 1);
  });
  it('a symmetric pattern on an upstream relationship, and an asymmetric one on a partner', () => {
    assert.match(findings({ a: rel('A', 'upstream', 'B', ['partnership']), b: B }, id)[0].message, /symmetric/);
    assert.match(findings({ a: rel('A', 'partner', 'B', ['conformist']), b: B }, id)[0].message, /upstream\/downstream/);
  });
  it('separate-ways combined with anything', () => {
    assert.match(findings({ a: rel('A', 'partner', 'B', ['separate-ways', 'shared-kernel']), b: B }, id)[0].message, /separate-ways/);
  });
  it('conflicts across the two declarations of one relationship, with the other side as related', () => {
    const d = findings({ a: rel('A', 'upstream', 'B', ['conformist']), b: rel('B', 'downstream', 'A', ['anticorruption-layer']) }, id);
    assert.equal(d.length, 1);
    assert.equal(d[0].related?.[0].location.file === 'contexts/a.yaml' || d[0].location.file === 'contexts/a.yaml', true);
  });
  it('opposite directions declared by the two contexts', () => {
    const d = findings({ a: rel('A', 'upstream', 'B', ['conformist']), b: rel('B', 'upstream', 'A', ['conformist']) }, id);
    assert.ok(d.some((x) => /each declared upstream/.test(x.message)));
  });
  it('accepts compatible combinations', () => {
    assert.deepEqual(findings({ a: rel('A', 'upstream', 'B', ['open-host-service', 'published-language', 'anticorruption-layer']), b: B }, id), []);
    assert.deepEqual(findings({ a: rel('A', 'upstream', 'B', ['customer-supplier', 'anticorruption-layer']), b: B }, id), []);
  });
});

describe('naming', () => {
  it('recognises past-tense and outcome event names', () => {
    for (const name of ['OrderPlaced', 'PaymentPaid', 'EmailSent', 'StockNotAvailable', 'ShipmentCreated', 'OrderShipped', 'PaymentFailed']) assert.ok(looksPastTense(name), name);
    for (const name of ['PlaceOrder', 'OrderPlace', 'ShipmentCreate', 'Order']) assert.ok(!looksPastTense(name), name);
  });
  it('hints (not warns) when an event is not in the past tense', () => {
    const d = findings({ a: 'context: A\ncommands:\n  Make:\n    emits: [CreateOrder]\nevents:\n  CreateOrder: {}\n' }, 'naming');
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'hint');
  });
  it('warns for non-PascalCase names of every kind, suggesting the PascalCase form', () => {
    const d = findings({ a: 'context: sales_ctx\naggregates:\n  order_agg: {}\ncommands:\n  place_order: {}\n' }, 'naming');
    assert.deepEqual(d.map((x) => x.message.match(/'(\w+)'\)/)?.[1]), ['SalesCtx', 'OrderAgg', 'PlaceOrder']);
  });
});

describe('references', () => {
  it('tells when a reference names a definition of the wrong kind', () => {
    const d = findings({ a: 'context: A\ncommands:\n  Place:\n    emits: [Place]\n' }, 'unresolved-reference');
    assert.match(d[0].message, /is a command, not an event/);
  });
  it('reports an unknown qualified context with a suggestion', () => {
    const d = findings({ a: 'context: Alpha\nevents:\n  Done: {}\n', b: 'context: B\nreadModels:\n  V:\n    from: [Alpah.Done]\n' }, 'unresolved-reference');
    assert.match(d[0].message, /Did you mean 'Alpha'/);
  });
  it('points unknown-version at the version digits', () => {
    const [d] = findings({ a: 'context: A\ncommands:\n  Make:\n    emits: [Made]\nevents:\n  Made: {}\nreadModels:\n  V:\n    from: [Made@4]\n' }, 'unknown-version');
    const line = '    from: [Made@4]';
    assert.equal(d.location.start.character, line.indexOf('4'));
    assert.equal(d.location.end.character, line.indexOf('4') + 1);
  });
});

describe('structural schema errors are placed on the offending node', () => {
  it('a wrong enum value is located at the value, with a suggestion', () => {
    const [d] = findings({ a: 'context: A\nevents:\n  Done:\n    compatibility: BACKWARDS\n' }, 'schema');
    assert.equal(d.location.start.line, 3);
    assert.equal(d.location.start.character, 19);
    assert.match(d.message, /Did you mean 'BACKWARD'/);
  });
  it('a missing required property is located at the definition name', () => {
    const [d] = findings({ a: 'context: A\npolicies:\n  React:\n    when: Done\n' }, 'schema');
    assert.match(d.message, /Missing required property 'issue'/);
    assert.equal(d.location.start.line, 2);
  });
  it('schema and versions together', () => {
    const d = findings({ a: 'context: A\nevents:\n  Done:\n    schema: {}\n    versions: { 1: { schema: {} } }\n' }, 'schema');
    assert.match(brief(d).join('\n'), /either `schema`/);
  });
});

describe('severity overrides', () => {
  it('off removes a rule, and any level replaces its default', () => {
    const ctx = { a: 'context: A\nevents:\n  Done: {}\n' };
    assert.equal(findings(ctx, 'event-never-emitted')[0].severity, 'warning');
    assert.equal(findings(ctx, 'event-never-emitted', MANIFEST + 'rules:\n  event-never-emitted: error\n')[0].severity, 'error');
    assert.deepEqual(findings(ctx, 'event-never-emitted', MANIFEST + 'rules:\n  event-never-emitted: off\n'), []);
  });
});

describe('rule documentation', () => {
  it('docs/rules.md documents every rule once, with its one-line doc', () => {
    const text = require('node:fs').readFileSync(require('node:path').join(__dirname, '../../../../docs/rules.md'), 'utf8') as string;
    for (const rule of ALL_RULES) {
      assert.equal(text.split(`\n## ${rule.id}\n`).length, 2, `heading for ${rule.id}`);
      assert.ok(text.includes(rule.doc), `doc line of ${rule.id}`);
    }
  });
});

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPath } from '../../../src/core/evolution/history';
import { brief, memoryWorkspace, readTree, runCli, SAMPLE, writeTemp } from '../helpers/workspace';

const MANIFEST = 'model: t\ninclude: [contexts/*.yaml]\n';

/** One event `Placed` with the given versions (YAML under `versions:`), consumed by a read model reading `from`. */
function model(versions: string, opts: { mode?: string; from?: string } = {}): Record<string, string> {
  const indented = versions
    .trim()
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');
  return {
    'eventmodel.yaml': MANIFEST,
    'contexts/sales.yaml':
      `context: Sales\ncommands:\n  Place:\n    emits: [Placed]\nevents:\n  Placed:\n${opts.mode ? `    compatibility: ${opts.mode}\n` : ''}    versions:\n${indented}\n` +
      `readModels:\n  Orders:\n    from: [${opts.from ?? 'Placed'}]\n`,
  };
}

const closed = (props: string, required = 'id') => `{ type: object, additionalProperties: false, required: [${required}], properties: { ${props} } }`;

function findings(files: Record<string, string>, rule: string) {
  return memoryWorkspace(files)
    .diagnostics()
    .filter((d) => d.rule === rule);
}

describe('evolution: upcasters and downcasters', () => {
  describe('readPath (which earlier versions a version is compared with)', () => {
    const e = (flags: string) => flags.split('').map((f) => ({ upcast: f === 'u', downcast: f === 'd' }));
    it('transitive checks stop at the nearest earlier converter of the same direction', () => {
      // v1 v2 v3(upcast) v4 v5: v5 reads v3 and v4 data as is; v1/v2 data reaches it through v3's upcaster.
      assert.deepEqual(readPath(e('--u--'), 4, true, 'upcast'), { checked: [2, 3], handled: [] });
      assert.deepEqual(readPath(e('--u--'), 4, true, 'downcast'), { checked: [0, 1, 2, 3], handled: [] });
      assert.deepEqual(readPath(e('-d---'), 4, true, 'downcast'), { checked: [1, 2, 3], handled: [] });
    });
    it('a converter on the version itself covers its previous version only', () => {
      assert.deepEqual(readPath(e('---u'), 3, true, 'upcast'), { checked: [], handled: [2] });
      assert.deepEqual(readPath(e('---d'), 3, false, 'downcast'), { checked: [], handled: [2] });
    });
    it('non-transitive modes compare with the previous version only', () => {
      assert.deepEqual(readPath(e('----'), 3, false, 'upcast'), { checked: [2], handled: [] });
    });
  });

  it('a v4 identical to v3 (which has an upcaster) is clean under BACKWARD_TRANSITIVE: v1/v2 data reaches v4 through it', () => {
    const v3 = closed('id: { type: string }, total: { type: number }', 'id, total');
    const files = model(
      `1: { schema: ${closed('id: { type: string }')} }\n2: { schema: ${closed('id: { type: string }, note: { type: string }')} }\n3: { upcast: true, schema: ${v3} }\n4: { schema: ${v3} }`,
      {
        mode: 'BACKWARD_TRANSITIVE',
      },
    );
    const d = findings(files, 'incompatible-change');
    assert.ok(d.length > 0, 'v3 has handled findings');
    assert.deepEqual(
      d.filter((x) => x.severity !== 'info'),
      [],
    );
    assert.ok(d.every((x) => (x.data?.version as number) === 3));
  });

  it('the sample with OrderPlaced v4 = v3 added passes `eventmodel check` (exit 0)', () => {
    const files = readTree(SAMPLE);
    files['contexts/ordering.yaml'] = files['contexts/ordering.yaml'].replace(
      '        schema: { $ref: ../schemas/order-placed.v3.yaml }\n        upcast: true\n',
      '        schema: { $ref: ../schemas/order-placed.v3.yaml }\n        upcast: true\n      4:\n        schema: { $ref: ../schemas/order-placed.v3.yaml }\n',
    );
    assert.match(files['contexts/ordering.yaml'], /4:\n/);
    const dir = writeTemp(files);
    try {
      const r = runCli(['check', dir]);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.doesNotMatch(r.stdout, /warning incompatible-change/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('`upcast: true` does not excuse a FORWARD break: old readers still cannot read the new version', () => {
    // Closed v1; v2 adds a required property. Under FULL the backward part is the upcaster's, the forward part is not.
    const files = model(
      `1: { schema: ${closed('id: { type: string }')} }\n2: { upcast: true, schema: ${closed('id: { type: string }, total: { type: number }', 'id, total')} }`,
      { mode: 'FULL' },
    );
    const d = findings(files, 'incompatible-change');
    const warnings = d.filter((x) => x.severity === 'warning');
    assert.equal(warnings.length, 1, brief(d).join('\n'));
    assert.deepEqual(warnings[0].data?.directions, ['forward']);
    assert.match(warnings[0].message, /consumers still on the older schema cannot read events written with the new one/i);
    assert.doesNotMatch(warnings[0].message, /lacks the property|Declare the earlier versions closed/, 'no backward-only explanation or advice');
    assert.match(warnings[0].message, /The upcaster only serves readers of the new version/);
    assert.match(warnings[0].message, /`downcast: true` on v2/);
  });

  it('`downcast: true` covers the FORWARD break, so FULL is satisfied with both converters', () => {
    const files = model(
      `1: { schema: ${closed('id: { type: string }')} }\n2: { upcast: true, downcast: true, schema: ${closed('id: { type: string }, total: { type: number }', 'id, total')} }`,
      { mode: 'FULL' },
    );
    const d = findings(files, 'incompatible-change');
    assert.ok(d.length > 0);
    assert.ok(
      d.every((x) => x.severity === 'info'),
      brief(d).join('\n'),
    );
    assert.match(d.map((x) => x.message).join('\n'), /handled by the upcaster \(`upcast: true`\) and the downcaster \(`downcast: true`\)/);
  });

  it('a downcaster alone leaves BACKWARD breaks reported', () => {
    const files = model(
      `1: { schema: ${closed('id: { type: string }')} }\n2: { downcast: true, schema: ${closed('id: { type: string }, total: { type: number }', 'id, total')} }`,
      { mode: 'FULL' },
    );
    const warnings = findings(files, 'incompatible-change').filter((x) => x.severity === 'warning');
    assert.equal(warnings.length, 1);
    assert.deepEqual(warnings[0].data?.directions, ['backward']);
    assert.match(warnings[0].message, /The downcaster only serves readers of older versions/);
  });

  it('commands are versioned and checked by the same rules', () => {
    const files = {
      'eventmodel.yaml': MANIFEST,
      'contexts/sales.yaml':
        'context: Sales\ncommands:\n  Place:\n    emits: [Placed]\n    versions:\n' +
        `      1: { schema: ${closed('id: { type: string }')} }\n` +
        `      2: { schema: ${closed('id: { type: string }, total: { type: number }', 'id, total')} }\n` +
        'events:\n  Placed: { schema: { type: object } }\nreadModels:\n  Orders: { from: [Placed] }\n',
    };
    const ws = memoryWorkspace(files);
    const place = ws.model.contexts[0].commands[0];
    assert.deepEqual(
      place.versions.map((v) => v.number),
      [1, 2],
    );
    assert.deepEqual(place.schema?.value, ws.model.contexts[0].commands[0].versions[1].schema?.value, 'schema is the latest version');
    const d = ws.diagnostics().filter((x) => x.rule === 'incompatible-change');
    assert.equal(d.length, 1, brief(ws.diagnostics()).join('\n'));
    assert.match(d[0].message, /^Place v2 is not BACKWARD compatible/);
  });

  it('reads a schema built with YAML merge keys as the merged schema', () => {
    const files = {
      'eventmodel.yaml': MANIFEST,
      'contexts/sales.yaml': [
        'context: Sales',
        'x-base: &base',
        '  type: object',
        '  additionalProperties: false',
        '  required: [id]',
        '  properties: { id: { type: string } }',
        'commands:',
        '  Place: { emits: [Placed] }',
        'events:',
        '  Placed:',
        '    versions:',
        '      1: { schema: *base }',
        '      2:',
        '        schema:',
        '          <<: *base',
        '          required: [id, total]',
        '          properties: { id: { type: string }, total: { type: number } }',
        'readModels:',
        '  Orders: { from: [Placed] }',
        '',
      ].join('\n'),
    };
    const ws = memoryWorkspace(files);
    const v2 = ws.model.contexts[0].events[0].versions[1].schema?.value as Record<string, unknown>;
    assert.deepEqual(v2, {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'total'],
      properties: { id: { type: 'string' }, total: { type: 'number' } },
    });
    assert.equal('<<' in v2, false);
    const d = ws.diagnostics();
    assert.deepEqual(
      d.filter((x) => x.rule === 'schema'),
      [],
      'x- keys and merge keys are not format errors',
    );
    const change = d.find((x) => x.rule === 'incompatible-change');
    assert.ok(change, brief(d).join('\n'));
    assert.match(change.message, /required property `total` added to a closed content model/);
    // The finding points into the merged map's own text (where `total` is declared), not into the anchor.
    assert.equal(change.location.start.line + 1, 17);
    assert.match(files['contexts/sales.yaml'].split('\n')[16], /total/);
  });

  it('a merge key with a scalar value is a located yaml-syntax error, not a crash', () => {
    const d = memoryWorkspace({ 'eventmodel.yaml': MANIFEST, 'contexts/a.yaml': 'context: A\nevents:\n  Done:\n    schema:\n      <<: 3\n' }).diagnostics();
    const hit = d.find((x) => x.rule === 'yaml-syntax');
    assert.ok(hit, brief(d).join('\n'));
    assert.equal(hit.location.start.line + 1, 5);
  });
});

describe('pinned consumers receive newer versions', () => {
  const v1 = closed('id: { type: string }');
  it('reports a pin that a newer version cannot be downcast to, at the version digits', () => {
    const files = model(`1: { schema: ${v1} }\n2: { schema: ${closed('id: { type: string }, total: { type: number }')} }`, { from: 'Placed@1' });
    const [d, ...rest] = findings(files, 'pinned-version-undeliverable');
    assert.ok(d);
    assert.deepEqual(rest, []);
    const line = files['contexts/sales.yaml'].split('\n')[d.location.start.line];
    assert.equal(line.slice(d.location.start.character, d.location.end.character), '1');
    assert.match(d.message, /Orders reads Sales\.Placed@1, but v2 events cannot be delivered to it: readers of v1 cannot read v2/);
    assert.match(d.message, /Add `downcast: true` to v2/);
  });
  it('is silent when the newer version is readable by old readers, or has a downcaster', () => {
    assert.deepEqual(findings(model(`1: { schema: ${v1} }\n2: { schema: ${v1} }`, { from: 'Placed@1' }), 'pinned-version-undeliverable'), []);
    assert.deepEqual(
      findings(
        model(`1: { schema: ${v1} }\n2: { downcast: true, schema: ${closed('id: { type: string }, total: { type: number }')} }`, { from: 'Placed@1' }),
        'pinned-version-undeliverable',
      ),
      [],
    );
  });
  it('follows the chain: a downcaster further up still needs each step to be readable', () => {
    // v3 downcasts to v2, but v2 data (with `total`) cannot be read by v1 readers.
    const v2 = closed('id: { type: string }, total: { type: number }');
    const files = model(
      `1: { schema: ${v1} }\n2: { schema: ${v2} }\n3: { downcast: true, schema: ${closed('id: { type: string }, total: { type: number }, tax: { type: number }')} }`,
      {
        from: 'Placed@1',
      },
    );
    const [d] = findings(files, 'pinned-version-undeliverable');
    assert.ok(d);
    assert.deepEqual(d.data?.undeliverable, [2, 3]);
  });
});

describe('messages', () => {
  it('suggests a past-tense event name built from the verb, not "<Name>ed"', () => {
    const hint = (name: string) =>
      memoryWorkspace({ 'eventmodel.yaml': MANIFEST, 'contexts/a.yaml': `context: A\ncommands:\n  Make:\n    emits: [${name}]\nevents:\n  ${name}: {}\n` })
        .diagnostics()
        .find((d) => d.rule === 'naming')?.message;
    assert.match(hint('CreateOrder') ?? '', /e\.g\. 'OrderCreated'/);
    assert.doesNotMatch(hint('HandlingEvent') ?? '', /HandlingEvented/);
    assert.match(hint('ShipParcel') ?? '', /'ParcelShipped'/);
  });
  it('says "an aggregate", not "a aggregate"', () => {
    const d = memoryWorkspace({
      'eventmodel.yaml': MANIFEST,
      'contexts/a.yaml': 'context: A\naggregates:\n  Order: {}\ncommands:\n  Make:\n    emits: [Order]\n',
    })
      .diagnostics()
      .find((x) => x.rule === 'unresolved-reference');
    assert.ok(d);
    assert.match(d.message, /is an aggregate, not an event/);
  });
  it('says a remote $ref is not fetched instead of "outside the workspace"', () => {
    const d = memoryWorkspace({
      'eventmodel.yaml': MANIFEST,
      'contexts/a.yaml': 'context: A\ncommands:\n  Make:\n    emits: [Made]\nevents:\n  Made:\n    schema: { $ref: "https://example.com/made.json" }\n',
    })
      .diagnostics()
      .find((x) => x.rule === 'unresolved-schema-ref');
    assert.ok(d);
    assert.match(d.message, /remote reference: remote schemas are not fetched/);
    assert.doesNotMatch(d.message, /outside the workspace/);
    assert.equal(path.basename(d.location.file), 'a.yaml');
  });
});

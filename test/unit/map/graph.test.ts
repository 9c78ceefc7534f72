import assert from 'node:assert/strict';
import type { SourceRange } from '../../../src/core';
import { buildContextMap, buildFlow, commandNames, findCommand, type MapEdge, type MapGraph } from '../../../src/core/map';
import { diskWorkspace, memoryWorkspace, SAMPLE } from '../helpers/workspace';

const model = diskWorkspace(SAMPLE).model;

/** The text a range covers, read from the model's files. */
function textAt(range: SourceRange): string {
  const file = model.files.get(range.file);
  assert.ok(file, `file ${range.file} is part of the model`);
  return file.text.slice(range.startOffset, range.endOffset);
}

function edgesOf(graph: MapGraph, kind: MapEdge['kind']): MapEdge[] {
  return graph.edges.filter((e) => e.kind === kind);
}

describe('map: context map of samples/retail', () => {
  const graph = buildContextMap(model);

  it('has the four contexts with owner, counts and the range of their name', () => {
    assert.equal(graph.view, 'context');
    assert.equal(graph.title, 'Context map of retail');
    assert.deepEqual(
      graph.nodes
        .filter((n) => n.kind === 'context')
        .map((n) => [n.id, n.owner, n.counts?.commands, n.counts?.events, n.counts?.policies, n.counts?.readModels]),
      [
        ['context:Inventory', 'team-warehouse', 1, 2, 1, 0],
        ['context:Ordering', 'team-checkout', 2, 2, 2, 1],
        ['context:Payment', 'team-payments', 1, 2, 1, 0],
        ['context:Shipping', 'team-logistics', 1, 1, 1, 0],
      ],
    );
    for (const n of graph.nodes) assert.equal(textAt(n.range), n.label);
    assert.deepEqual(graph.nodes.find((n) => n.label === 'Ordering')!.detail, ['owner: team-checkout', '2 commands · 2 events · 2 policies · 1 read model']);
  });

  it('has every relationship once, both declarations merged, in Context Mapper notation', () => {
    const rels = edgesOf(graph, 'relationship').map((e) => ({
      from: e.source,
      to: e.target,
      patterns: e.patterns,
      symmetric: e.symmetric,
      ends: [e.sourceLabel, e.targetLabel],
      label: e.label,
      declaredIn: e.items.map((i) => i.range.file),
    }));
    assert.deepEqual(rels, [
      {
        from: 'context:Inventory',
        to: 'context:Ordering',
        patterns: ['customer-supplier'],
        symmetric: false,
        ends: ['U,S', 'D,C'],
        label: '[U,S]→[D,C]',
        declaredIn: ['contexts/inventory.yaml', 'contexts/ordering.yaml'],
      },
      {
        from: 'context:Inventory',
        to: 'context:Payment',
        patterns: ['anticorruption-layer'],
        symmetric: false,
        ends: ['U', 'D,ACL'],
        label: '[U]→[D,ACL]',
        declaredIn: ['contexts/payment.yaml'],
      },
      {
        from: 'context:Inventory',
        to: 'context:Shipping',
        patterns: ['partnership'],
        symmetric: true,
        ends: ['P', 'P'],
        label: '[P]↔[P]',
        declaredIn: ['contexts/shipping.yaml'],
      },
      {
        from: 'context:Payment',
        to: 'context:Ordering',
        patterns: ['conformist', 'open-host-service', 'published-language'],
        symmetric: false,
        ends: ['U,OHS,PL', 'D,CF'],
        label: '[U,OHS,PL]→[D,CF]',
        declaredIn: ['contexts/ordering.yaml', 'contexts/payment.yaml'],
      },
      {
        from: 'context:Payment',
        to: 'context:Shipping',
        patterns: ['conformist'],
        symmetric: false,
        ends: ['U', 'D,CF'],
        label: '[U]→[D,CF]',
        declaredIn: ['contexts/shipping.yaml'],
      },
    ]);
    // Each item's range is the relationship entry as written.
    for (const e of edgesOf(graph, 'relationship')) for (const i of e.items) assert.match(textAt(i.range), /^(upstream|downstream|partner): \w+/);
  });

  it('has every cross-context event flow, labelled with the event and the version read', () => {
    const flows = edgesOf(graph, 'eventFlow').map((e) => [e.source.slice(8), e.target.slice(8), e.events]);
    assert.deepEqual(flows, [
      ['Inventory', 'Ordering', ['Inventory.StockNotAvailable', 'Inventory.StockReserved']],
      ['Inventory', 'Payment', ['Inventory.StockReserved']],
      ['Ordering', 'Inventory', ['Ordering.OrderPlaced@3']],
      ['Payment', 'Ordering', ['Payment.PaymentConfirmed', 'Payment.PaymentFailed']],
      ['Payment', 'Shipping', ['Payment.PaymentConfirmed']],
      ['Shipping', 'Ordering', ['Shipping.ShipmentCreated']],
    ]);
    const placed = edgesOf(graph, 'eventFlow').find((e) => e.source === 'context:Ordering')!;
    assert.equal(placed.label, 'OrderPlaced@3');
    assert.equal(textAt(placed.range), 'Ordering.OrderPlaced@3');
    assert.match(placed.items[0].detail, /policy ReserveStockForOrder reads Ordering\.OrderPlaced v3/);
    // Every item points at the consumer's reference (a policy's `when` or a read model's `from`).
    for (const e of edgesOf(graph, 'eventFlow')) {
      for (const i of e.items) assert.equal(textAt(i.range).replace(/^\w+\./, ''), i.label);
    }
    const readModelFlow = edgesOf(graph, 'eventFlow').find((e) => e.source === 'context:Shipping')!;
    assert.match(readModelFlow.items[0].detail, /read model OrderSummary reads Shipping\.ShipmentCreated \(latest, v1\)/);
  });

  it('draws the Customer actor after the contexts, sending PlaceOrder to Ordering', () => {
    assert.deepEqual(
      graph.nodes.filter((n) => n.kind !== 'context').map((n) => [n.id, n.kind, n.context]),
      [['actor:Ordering.Customer', 'actor', 'Ordering']],
    );
    const sends = edgesOf(graph, 'sends');
    assert.deepEqual(
      sends.map((e) => [e.source, e.target, e.commands, e.label]),
      [['actor:Ordering.Customer', 'context:Ordering', ['Ordering.PlaceOrder'], 'PlaceOrder']],
    );
    assert.equal(textAt(sends[0].range), 'PlaceOrder');
  });

  it('is the same for the same model (stable ids and order)', () => {
    assert.deepEqual(buildContextMap(diskWorkspace(SAMPLE).model), graph);
  });
});

describe('map: flow view of samples/retail', () => {
  const found = findCommand(model, 'PlaceOrder');
  assert.ok(found.ok);
  const flow = buildFlow(model, found.command);
  const ids = flow.nodes.map((n) => n.id);
  const has = (kind: MapEdge['kind'], from: string, to: string) => flow.edges.find((e) => e.kind === kind && e.source === from && e.target === to);

  it('follows the order flow end to end across the four contexts', () => {
    assert.equal(flow.root, 'command:Ordering.PlaceOrder');
    const chain: [MapEdge['kind'], string, string][] = [
      ['emits', 'command:Ordering.PlaceOrder', 'event:Ordering.OrderPlaced'],
      ['triggers', 'event:Ordering.OrderPlaced', 'policy:Inventory.ReserveStockForOrder'],
      ['issues', 'policy:Inventory.ReserveStockForOrder', 'command:Inventory.ReserveStock'],
      ['emits', 'command:Inventory.ReserveStock', 'event:Inventory.StockReserved'],
      ['triggers', 'event:Inventory.StockReserved', 'policy:Payment.ChargeReservedOrder'],
      ['issues', 'policy:Payment.ChargeReservedOrder', 'command:Payment.ProcessPayment'],
      ['emits', 'command:Payment.ProcessPayment', 'event:Payment.PaymentConfirmed'],
      ['triggers', 'event:Payment.PaymentConfirmed', 'policy:Shipping.ShipPaidOrder'],
      ['issues', 'policy:Shipping.ShipPaidOrder', 'command:Shipping.CreateShipment'],
      ['emits', 'command:Shipping.CreateShipment', 'event:Shipping.ShipmentCreated'],
      ['feeds', 'event:Shipping.ShipmentCreated', 'readModel:Ordering.OrderSummary'],
    ];
    for (const [kind, from, to] of chain) assert.ok(has(kind, from, to), `${from} ${kind} ${to}`);
    // Who starts it: the customer.
    assert.ok(has('sends', 'actor:Ordering.Customer', 'command:Ordering.PlaceOrder'));
    assert.equal(ids[0], 'actor:Ordering.Customer');
    assert.equal(has('triggers', 'event:Ordering.OrderPlaced', 'policy:Inventory.ReserveStockForOrder')!.label, '@3');
  });

  it('draws alternative outcomes as branches: StockReserved | StockNotAvailable, PaymentConfirmed | PaymentFailed', () => {
    const reserved = has('emits', 'command:Inventory.ReserveStock', 'event:Inventory.StockReserved')!;
    const notAvailable = has('emits', 'command:Inventory.ReserveStock', 'event:Inventory.StockNotAvailable')!;
    assert.equal(reserved.alternative, true);
    assert.equal(notAvailable.alternative, true);
    assert.match(notAvailable.items[0].detail, /outcome 2 of 2/);
    assert.equal(textAt(notAvailable.range), 'StockNotAvailable');
    assert.ok(has('triggers', 'event:Inventory.StockNotAvailable', 'policy:Ordering.CancelOrderWhenOutOfStock'));
    assert.ok(has('issues', 'policy:Ordering.CancelOrderWhenOutOfStock', 'command:Ordering.CancelOrder'));
    assert.equal(has('emits', 'command:Payment.ProcessPayment', 'event:Payment.PaymentFailed')!.alternative, true);
    assert.ok(has('issues', 'policy:Ordering.CancelOrderWhenPaymentFails', 'command:Ordering.CancelOrder'));
    assert.equal(has('emits', 'command:Ordering.PlaceOrder', 'event:Ordering.OrderPlaced')!.alternative, undefined);
  });

  it('shows each definition once (CancelOrder is reached by two policies) and no cycle', () => {
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(ids.filter((id) => id === 'command:Ordering.CancelOrder').length, 1);
    assert.equal(flow.edges.filter((e) => e.back).length, 0);
    assert.equal(new Set(flow.edges.map((e) => e.id)).size, flow.edges.length);
  });

  it('puts every step in the swimlane of its context, lanes in order of appearance', () => {
    assert.deepEqual(
      flow.groups.map((g) => g.label),
      ['Ordering', 'Inventory', 'Payment', 'Shipping'],
    );
    const laneOf = new Map(flow.groups.flatMap((g) => g.nodeIds.map((id) => [id, g.context])));
    for (const n of flow.nodes) assert.equal(laneOf.get(n.id), n.context, n.id);
    for (const n of flow.nodes) assert.equal(textAt(n.range), n.label);
  });

  it('can leave read models out', () => {
    const lean = buildFlow(model, found.command, { includeReadModels: false });
    assert.ok(!lean.nodes.some((n) => n.kind === 'readModel'));
    assert.ok(!lean.edges.some((e) => e.kind === 'feeds'));
  });
});

describe('map: command lookup and cycles', () => {
  it('finds commands by Name or Context.Name and explains unknown or ambiguous names', () => {
    assert.deepEqual(commandNames(model), [
      'Inventory.ReserveStock',
      'Ordering.CancelOrder',
      'Ordering.PlaceOrder',
      'Payment.ProcessPayment',
      'Shipping.CreateShipment',
    ]);
    const q = findCommand(model, 'Inventory.ReserveStock');
    assert.ok(q.ok && q.command.name === 'ReserveStock');
    const unknown = findCommand(model, 'PlaceOrdr');
    assert.ok(!unknown.ok);
    assert.match(unknown.message, /Unknown command 'PlaceOrdr'\. Did you mean 'PlaceOrder'\?/);

    const twice = memoryWorkspace({
      'eventmodel.yaml': 'include: [contexts/*.yaml]\n',
      'contexts/a.yaml': 'context: A\ncommands:\n  Go: { emits: [] }\n',
      'contexts/b.yaml': 'context: B\ncommands:\n  Go: { emits: [] }\n',
    }).model;
    const ambiguous = findCommand(twice, 'Go');
    assert.ok(!ambiguous.ok);
    assert.match(ambiguous.message, /several contexts; write one of: A\.Go, B\.Go/);
    assert.ok(findCommand(twice, 'B.Go').ok);
  });

  it('shows a cycle once and marks the edge that closes it', () => {
    const cyclic = memoryWorkspace({
      'eventmodel.yaml': 'include: [contexts/*.yaml]\n',
      'contexts/a.yaml': [
        'context: A',
        'commands:',
        '  Ping: { emits: [Pinged] }',
        'events:',
        '  Pinged: { schema: { type: object } }',
        'policies:',
        '  PingAgain: { when: B.Ponged, issue: Ping }',
        '',
      ].join('\n'),
      'contexts/b.yaml': [
        'context: B',
        'commands:',
        '  Pong: { emits: [Ponged] }',
        'events:',
        '  Ponged: { schema: { type: object } }',
        'policies:',
        '  Answer: { when: A.Pinged, issue: Pong }',
        '',
      ].join('\n'),
    }).model;
    const found = findCommand(cyclic, 'Ping');
    assert.ok(found.ok);
    const flow = buildFlow(cyclic, found.command);
    assert.deepEqual(
      flow.nodes.map((n) => n.id),
      ['command:A.Ping', 'event:A.Pinged', 'policy:B.Answer', 'command:B.Pong', 'event:B.Ponged', 'policy:A.PingAgain'],
    );
    const back = flow.edges.filter((e) => e.back);
    assert.deepEqual(
      back.map((e) => [e.source, e.target]),
      [['policy:A.PingAgain', 'command:A.Ping']],
    );
    assert.equal(flow.edges.length, 6);
  });

  it('draws a model with unresolved references: what resolves is shown', () => {
    const broken = memoryWorkspace({
      'eventmodel.yaml': 'include: [contexts/*.yaml]\n',
      'contexts/a.yaml':
        'context: A\nrelationships:\n  - upstream: Nowhere\n    patterns: [conformist]\ncommands:\n  Go: { emits: [Gone, Missing] }\nevents:\n  Gone: { schema: { type: object } }\npolicies:\n  P: { when: Nowhere.Thing, issue: Go }\n',
    }).model;
    const map = buildContextMap(broken);
    assert.deepEqual(
      map.nodes.map((n) => n.id),
      ['context:A'],
    );
    assert.deepEqual(map.edges, []);
    const found = findCommand(broken, 'Go');
    assert.ok(found.ok);
    // P's trigger does not resolve, but it does issue Go: it is drawn as a sender of the command.
    const flow = buildFlow(broken, found.command);
    assert.deepEqual(
      flow.nodes.map((n) => n.id),
      ['command:A.Go', 'event:A.Gone', 'policy:A.P'],
    );
    assert.deepEqual(
      flow.edges.map((e) => [e.kind, e.source, e.target]),
      [
        ['emits', 'command:A.Go', 'event:A.Gone'],
        ['issues', 'policy:A.P', 'command:A.Go'],
      ],
    );
  });
});

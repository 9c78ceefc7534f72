import assert from 'node:assert/strict';
import * as path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { SourceRange } from '../../../src/core';
import {
  buildContextMap,
  buildFlow,
  findCommand,
  layoutGraph,
  renderSvg,
  toJson,
  toMermaid,
  type LaidOutGraph,
  type MapEdge,
  type MapGraph,
} from '../../../src/core/map';
import { diskWorkspace, memoryWorkspace, REPO, runCli } from '../helpers/workspace';

/** Actors, external systems of each kind, a label-only relationship, a policy without `issue`. */
const FEATURES = path.join(REPO, 'test/unit/map/fixtures/features');
const model = diskWorkspace(FEATURES).model;

function textAt(range: SourceRange): string {
  const file = model.files.get(range.file);
  assert.ok(file, `file ${range.file} is part of the model`);
  return file.text.slice(range.startOffset, range.endOffset);
}

function edge(graph: MapGraph, kind: MapEdge['kind'], source: string, target: string): MapEdge {
  const found = graph.edges.find((e) => e.kind === kind && e.source === source && e.target === target);
  assert.ok(found, `${source} ${kind} ${target}`);
  return found;
}

/** Every `<g>` with a data-id, with its class, from an SVG document. */
function svgGroups(svg: string): { cls: string; id: string; node: Record<string, unknown> }[] {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(svg);
  const out: { cls: string; id: string; node: Record<string, unknown> }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o['@class'] === 'string' && typeof o['@data-id'] === 'string') out.push({ cls: o['@class'], id: o['@data-id'], node: o });
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(doc);
  return out;
}

describe('map: actors, external systems and plain relationships (context map)', () => {
  const graph = buildContextMap(model);

  it('the fixture is a valid model', () => {
    const r = runCli(['validate', FEATURES]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it('draws actors and external systems as nodes of their own, after the contexts, with the system kind', () => {
    assert.deepEqual(
      graph.nodes.map((n) => [n.id, n.kind, n.systemKind]),
      [
        ['context:Inventory', 'context', undefined],
        ['context:Ordering', 'context', undefined],
        ['context:Payment', 'context', undefined],
        ['context:Pricing', 'context', undefined],
        ['actor:Inventory.Clerk', 'actor', undefined],
        ['actor:Ordering.Customer', 'actor', undefined],
        ['externalSystem:Inventory.NightlyClock', 'externalSystem', 'timer'],
        ['externalSystem:Inventory.WarehouseScanner', 'externalSystem', 'device'],
        ['externalSystem:Payment.PaymentProvider', 'externalSystem', 'system'],
      ],
    );
    for (const n of graph.nodes) assert.equal(textAt(n.range), n.label, n.id);
    const customer = graph.nodes.find((n) => n.id === 'actor:Ordering.Customer')!;
    assert.equal(customer.description, 'Shops on the web site.');
    assert.deepEqual(customer.tags, ['web']);
    assert.deepEqual(graph.nodes.find((n) => n.id === 'context:Ordering')!.tags, ['core-domain']);
  });

  it('connects each sender to every context whose commands it sends, one item per command', () => {
    const sends = graph.edges.filter((e) => e.kind === 'sends').map((e) => [e.source, e.target, e.commands]);
    assert.deepEqual(sends, [
      ['actor:Inventory.Clerk', 'context:Inventory', ['Inventory.ReserveStock']],
      ['actor:Ordering.Customer', 'context:Ordering', ['Ordering.PlaceOrder']],
      ['actor:Ordering.Customer', 'context:Payment', ['Payment.AddCard']],
      ['externalSystem:Inventory.NightlyClock', 'context:Inventory', ['Inventory.ReleaseExpiredReservations']],
      ['externalSystem:Payment.PaymentProvider', 'context:Payment', ['Payment.RefundPayment']],
    ]);
    const addCard = edge(graph, 'sends', 'actor:Ordering.Customer', 'context:Payment');
    assert.equal(addCard.label, 'AddCard');
    assert.equal(textAt(addCard.items[0].range), 'Payment.AddCard');
    assert.equal(addCard.items[0].detail, 'Actor Customer (Ordering) sends Payment.AddCard.');
    assert.match(edge(graph, 'sends', 'externalSystem:Inventory.NightlyClock', 'context:Inventory').items[0].detail, /^External timer NightlyClock/);
  });

  it('connects an external system to the context of the events it is the source of', () => {
    const emits = graph.edges.filter((e) => e.kind === 'emits').map((e) => [e.source, e.target, e.events]);
    assert.deepEqual(emits, [
      ['externalSystem:Inventory.WarehouseScanner', 'context:Inventory', ['Inventory.ParcelScanned']],
      ['externalSystem:Payment.PaymentProvider', 'context:Payment', ['Payment.PaymentDeclined']],
    ]);
    const scanned = edge(graph, 'emits', 'externalSystem:Inventory.WarehouseScanner', 'context:Inventory');
    assert.equal(textAt(scanned.range), 'ParcelScanned');
    assert.equal(scanned.items[0].detail, 'External device WarehouseScanner (Inventory) is the source of Inventory.ParcelScanned.');
  });

  it('draws a relationship without patterns as a plain dependency with its label', () => {
    const plain = edge(graph, 'relationship', 'context:Pricing', 'context:Ordering');
    assert.deepEqual(plain.patterns, []);
    assert.equal(plain.symmetric, false);
    assert.equal(plain.sourceLabel, undefined, 'no U/D ends on a plain dependency');
    assert.equal(plain.targetLabel, undefined);
    assert.deepEqual(plain.relationshipLabels, ['REST API']);
    assert.equal(plain.label, 'REST API');
    assert.match(plain.items[0].detail, /Ordering declares Pricing as its upstream, a plain dependency: “REST API”\./);
    assert.match(textAt(plain.range), /^upstream: Pricing\n\s+label: REST API\s*$/);
    // A label next to patterns: both are kept.
    const labelled = edge(graph, 'relationship', 'context:Payment', 'context:Ordering');
    assert.deepEqual(
      [labelled.sourceLabel, labelled.targetLabel, labelled.label, labelled.relationshipLabels],
      ['U', 'D,CF', '[U]→[D,CF] · card tokens', ['card tokens']],
    );
  });

  it('merges both declarations of a relationship: patterns from one, labels from both', () => {
    const merged = buildContextMap(
      memoryWorkspace({
        'eventmodel.yaml': 'include: [contexts/*.yaml]\n',
        'contexts/a.yaml': 'context: A\nrelationships:\n  - upstream: B\n    label: events over Kafka\n',
        'contexts/b.yaml':
          'context: B\nrelationships:\n  - downstream: A\n    patterns: [open-host-service]\n    label: events over Kafka\n  - partner: C\n    label: shared roadmap\n',
        'contexts/c.yaml': 'context: C\n',
      }).model,
    );
    const ab = merged.edges.find((e) => e.source === 'context:B' && e.target === 'context:A')!;
    assert.deepEqual(
      [ab.patterns, ab.sourceLabel, ab.targetLabel, ab.relationshipLabels, ab.items.length],
      [['open-host-service'], 'U,OHS', 'D', ['events over Kafka'], 2],
    );
    const bc = merged.edges.find((e) => e.source === 'context:B' && e.target === 'context:C')!;
    assert.deepEqual([bc.symmetric, bc.label], [true, '[P]↔[P] · shared roadmap']);
  });

  it('leaves out what an actor or system sends or emits when it does not resolve', () => {
    const broken = buildContextMap(
      memoryWorkspace({
        'eventmodel.yaml': 'include: [contexts/*.yaml]\n',
        'contexts/a.yaml': 'context: A\nactors:\n  Ann: { sends: [Missing, Nowhere.Go] }\nexternalSystems:\n  Box: { kind: device, emits: [Gone] }\n',
      }).model,
    );
    assert.deepEqual(
      broken.nodes.map((n) => n.id),
      ['context:A', 'actor:A.Ann', 'externalSystem:A.Box'],
    );
    assert.deepEqual(broken.edges, []);
  });

  it('is the same for the same model', () => {
    assert.deepEqual(buildContextMap(diskWorkspace(FEATURES).model), graph);
  });
});

describe('map: senders, sources and notifications (flow view)', () => {
  const found = findCommand(model, 'PlaceOrder');
  assert.ok(found.ok);
  const flow = buildFlow(model, found.command);
  const node = (id: string) => flow.nodes.find((n) => n.id === id);

  it('shows who sends the commands of the flow: the actor starting it, a clerk sending a later step', () => {
    assert.equal(flow.nodes[0].id, 'actor:Ordering.Customer');
    assert.equal(edge(flow, 'sends', 'actor:Ordering.Customer', 'command:Ordering.PlaceOrder').items[0].detail, 'Actor Customer sends Ordering.PlaceOrder.');
    assert.ok(edge(flow, 'issues', 'policy:Inventory.ReserveOnOrder', 'command:Inventory.ReserveStock'));
    const clerk = edge(flow, 'sends', 'actor:Inventory.Clerk', 'command:Inventory.ReserveStock');
    assert.equal(textAt(clerk.range), 'ReserveStock');
    // The Customer's other command (AddCard) is not part of this flow.
    assert.ok(!flow.nodes.some((n) => n.id === 'command:Payment.AddCard'));
  });

  it('shows the external system that is a source of an event of the flow', () => {
    const source = edge(flow, 'emits', 'externalSystem:Payment.PaymentProvider', 'event:Payment.PaymentDeclined');
    assert.equal(source.items[0].detail, 'External system PaymentProvider is the source of Payment.PaymentDeclined.');
    assert.equal(node('externalSystem:Payment.PaymentProvider')!.systemKind, 'system');
    // It is a source, not a step: the walk does not follow what else it sends (RefundPayment).
    assert.ok(!flow.nodes.some((n) => n.id === 'command:Payment.RefundPayment'));
  });

  it('ends a branch at a policy that issues no command: a notification, not an error', () => {
    const notify = node('policy:Ordering.NotifyCustomer')!;
    assert.equal(notify.terminal, true);
    assert.deepEqual(notify.detail, ['notifies: issues no command']);
    assert.ok(edge(flow, 'triggers', 'event:Ordering.OrderPlaced', 'policy:Ordering.NotifyCustomer'));
    assert.ok(!flow.edges.some((e) => e.source === notify.id));
    assert.equal(node('policy:Inventory.ReserveOnOrder')!.terminal, undefined);
  });

  it('names a read model’s key and queries', () => {
    assert.deepEqual(node('readModel:Ordering.OrderSummary')!.detail, ['key: orderId', 'query: GetOrderSummary']);
  });

  it('puts actors and external systems in the lane of the context that declares them', () => {
    const laneOf = new Map(flow.groups.flatMap((g) => g.nodeIds.map((id) => [id, g.context])));
    assert.equal(laneOf.get('actor:Ordering.Customer'), 'Ordering');
    assert.equal(laneOf.get('actor:Inventory.Clerk'), 'Inventory');
    assert.equal(laneOf.get('externalSystem:Payment.PaymentProvider'), 'Payment');
    assert.equal(new Set(flow.nodes.map((n) => n.id)).size, flow.nodes.length);
  });

  it('starting from a command sent by a timer or issued by a policy shows that sender first', () => {
    const timer = findCommand(model, 'ReleaseExpiredReservations');
    assert.ok(timer.ok);
    const t = buildFlow(model, timer.command);
    assert.deepEqual(
      t.nodes.map((n) => n.id),
      ['externalSystem:Inventory.NightlyClock', 'command:Inventory.ReleaseExpiredReservations', 'event:Inventory.ReservationReleased'],
    );
    const reserve = findCommand(model, 'ReserveStock');
    assert.ok(reserve.ok);
    const r = buildFlow(model, reserve.command);
    // The policy that issues the command is shown (its own trigger belongs to another flow).
    assert.ok(edge(r, 'issues', 'policy:Inventory.ReserveOnOrder', 'command:Inventory.ReserveStock'));
    assert.ok(edge(r, 'sends', 'actor:Inventory.Clerk', 'command:Inventory.ReserveStock'));
    assert.ok(!r.nodes.some((n) => n.id === 'event:Ordering.OrderPlaced'));
  });
});

describe('map: exports of the new kinds', () => {
  const contextGraph = buildContextMap(model);
  const found = findCommand(model, 'PlaceOrder');
  assert.ok(found.ok);
  const flowGraph = buildFlow(model, found.command);

  it('SVG: distinct shapes for actors (round ends, person glyph) and external systems (dashed, kind badge)', async () => {
    const svg = renderSvg(await layoutGraph(contextGraph));
    assert.equal(XMLValidator.validate(svg), true);
    const groups = svgGroups(svg);
    const byId = new Map(groups.map((g) => [g.id, g]));
    assert.match(byId.get('actor:Ordering.Customer')!.cls, /\bem-node em-node-actor\b/);
    assert.match(byId.get('externalSystem:Inventory.WarehouseScanner')!.cls, /\bem-node-externalSystem em-node-system-device\b/);
    assert.match(byId.get('externalSystem:Inventory.NightlyClock')!.cls, /\bem-node-system-timer\b/);
    const actor = byId.get('actor:Ordering.Customer')!.node as Record<string, Record<string, string>>;
    const box = actor.rect as unknown as Record<string, string>;
    assert.equal(Number(box['@rx']), Number(box['@height']) / 2, 'an actor is a pill');
    assert.ok(JSON.stringify(actor).includes('em-node-glyph'), 'an actor has the person glyph');
    const scanner = JSON.stringify(byId.get('externalSystem:Inventory.WarehouseScanner')!.node);
    assert.match(scanner, /"@stroke-dasharray":"5 3"/);
    assert.match(scanner, /em-node-badge/);
    for (const badge of ['>DEVICE<', '>TIMER<', '>EXTERNAL SYSTEM<', '>ACTOR<']) assert.ok(svg.includes(badge), badge);
    // Edges: what senders send, what systems emit, the plain dependency with its label.
    for (const label of ['>PlaceOrder<', '>AddCard<', '>ReleaseExpiredReservations<', '>ParcelScanned<', '>REST API<', '>card tokens<'])
      assert.ok(svg.includes(label), label);
    assert.match(byId.get('relationship:["context:Pricing","context:Ordering"]')!.cls, /\bem-edge-plain\b/);
    assert.match(byId.get('sends:["actor:Ordering.Customer","context:Payment"]')!.cls, /\bem-edge-sends em-edge-commands\b/);
    assert.match(byId.get('emits:["externalSystem:Inventory.WarehouseScanner","context:Inventory"]')!.cls, /\bem-edge-emits em-edge-events\b/);
    assert.ok(svg.includes('Relationship: Pricing is upstream of Ordering, a plain dependency “REST API”.'), 'hover title of the plain dependency');
    assert.ok(svg.includes('plain dependency (no pattern)') && svg.includes('commands sent by actors and external systems'), 'legend');
    assert.ok(svg.includes('<desc id="em-desc">4 bounded contexts, 2 actors, 3 external systems, 3 relationships, 3 event flows.</desc>'));
  });

  it('SVG: a plain dependency has no end marks; a label sits in the centre label', async () => {
    const laid = await layoutGraph(contextGraph);
    const plain = laid.edges.find((e) => e.id === 'relationship:["context:Pricing","context:Ordering"]')!;
    assert.deepEqual(
      plain.labels.map((l) => [l.role, l.lines]),
      [['center', ['REST API']]],
    );
    const labelled = laid.edges.find((e) => e.id === 'relationship:["context:Payment","context:Ordering"]')!;
    assert.deepEqual(
      labelled.labels.map((l) => [l.role, l.lines]),
      [
        ['center', ['card tokens']],
        ['source', ['U']],
        ['target', ['D,CF']],
      ],
    );
    const send = laid.edges.find((e) => e.kind === 'sends' && e.target === 'context:Payment')!;
    assert.deepEqual(
      send.labels.map((l) => l.lines),
      [['AddCard']],
    );
  });

  it('SVG: the flow marks the notification policy and draws senders and sources', async () => {
    const svg = renderSvg(await layoutGraph(flowGraph));
    assert.equal(XMLValidator.validate(svg), true);
    const groups = svgGroups(svg);
    assert.match(groups.find((g) => g.id === 'policy:Ordering.NotifyCustomer')!.cls, /\bem-node-terminal\b/);
    assert.ok(JSON.stringify(groups.find((g) => g.id === 'policy:Ordering.NotifyCustomer')!.node).includes('em-node-end'));
    assert.equal(groups.filter((g) => /\bem-edge-sends\b/.test(g.cls)).length, 2);
    assert.ok(groups.some((g) => g.id === 'emits:["externalSystem:Payment.PaymentProvider","event:Payment.PaymentDeclined"]'));
    assert.ok(svg.includes('>notifies: issues no command<'));
  });

  it('layout: senders come before what they send; lanes keep their nodes; deterministic', async () => {
    const a = await layoutGraph(flowGraph);
    const again = diskWorkspace(FEATURES).model;
    const command = findCommand(again, 'PlaceOrder');
    assert.ok(command.ok);
    assert.deepEqual(await layoutGraph(buildFlow(again, command.command)), a);
    const at = (id: string) => a.nodes.find((n) => n.id === id)!;
    assert.ok(at('actor:Ordering.Customer').x + at('actor:Ordering.Customer').width <= at('command:Ordering.PlaceOrder').x);
    assert.ok(at('actor:Inventory.Clerk').x + at('actor:Inventory.Clerk').width <= at('command:Inventory.ReserveStock').x);
    assert.ok(at('externalSystem:Payment.PaymentProvider').x + at('externalSystem:Payment.PaymentProvider').width <= at('event:Payment.PaymentDeclined').x);
    for (const lane of a.groups) {
      assert.ok(lane.y >= 0, `lane ${lane.label} starts inside the drawing`);
      for (const id of lane.nodeIds)
        assert.ok(at(id).y >= lane.y + 20 && at(id).y + at(id).height <= lane.y + lane.height, `${id} inside lane ${lane.label} below its title`);
    }
    const map = await layoutGraph(contextGraph);
    assert.deepEqual(await layoutGraph(buildContextMap(diskWorkspace(FEATURES).model)), map);
  });

  it('Mermaid: actors as stadiums, external systems as subroutines, labelled edges', () => {
    const text = toMermaid(contextGraph);
    assert.ok(text.includes('n5(["ACTOR<br/>Customer"])'), text);
    assert.ok(text.includes('n7[["DEVICE<br/>WarehouseScanner"]]'));
    assert.ok(text.includes('n6[["TIMER<br/>NightlyClock"]]'));
    assert.ok(text.includes('n8[["EXTERNAL SYSTEM<br/>PaymentProvider"]]'));
    assert.ok(text.includes('n3 -->|"REST API"| n1'), 'the plain dependency with its label');
    assert.ok(text.includes('n2 -->|"U → D,CF · card tokens"| n1'));
    assert.ok(text.includes('n5 -->|"AddCard"| n2'));
    assert.ok(text.includes('n7 -.->|"ParcelScanned"| n0'));
    assert.ok(text.includes('  class n4,n5 actor\n') && text.includes('  class n6,n7,n8 externalSystem\n'));
    const flowText = toMermaid(flowGraph);
    assert.ok(flowText.includes('["POLICY<br/>NotifyCustomer<br/>notifies: issues no command"]'));
    assert.match(flowText, /n\d+\(\["ACTOR<br\/>Clerk"\]\)/);
  });

  it('JSON: new kinds and fields, and the CLI prints the same', async () => {
    const json = JSON.parse(toJson(await layoutGraph(contextGraph))) as LaidOutGraph;
    const scanner = json.nodes.find((n) => n.id === 'externalSystem:Inventory.WarehouseScanner')!;
    assert.deepEqual([scanner.kind, scanner.systemKind, scanner.label], ['externalSystem', 'device', 'WarehouseScanner']);
    const plain = json.edges.find((e) => e.id === 'relationship:["context:Pricing","context:Ordering"]')!;
    assert.deepEqual([plain.relationshipLabels, plain.sourceLabel], [['REST API'], undefined]);
    assert.deepEqual(json.edges.find((e) => e.kind === 'sends' && e.source === 'actor:Ordering.Customer' && e.target === 'context:Ordering')!.commands, [
      'Ordering.PlaceOrder',
    ]);
    const cli = runCli(['map', FEATURES, '--format', 'json']);
    assert.equal(cli.status, 0, cli.stderr);
    assert.deepEqual(JSON.parse(cli.stdout), json);
    const flow = runCli(['map', FEATURES, '--format', 'json', '--command', 'PlaceOrder']);
    assert.equal(flow.status, 0, flow.stderr);
    assert.equal((JSON.parse(flow.stdout) as LaidOutGraph).nodes.find((n) => n.id === 'policy:Ordering.NotifyCustomer')!.terminal, true);
  });
});

describe('map: the specs of a flow (Given/When/Then)', () => {
  const shop = diskWorkspace(path.join(REPO, 'test/fixtures/specs/shop')).model;
  const found = findCommand(shop, 'AddItem');
  assert.ok(found.ok);
  const flow = buildFlow(shop, found.command);

  it('lists each step’s spec names on its node, in the SVG hover text and in JSON', async () => {
    const command = flow.nodes.find((n) => n.id === 'command:Shop.AddItem');
    assert.ok(command);
    const expected = shop.index.specsOf(found.command).map((s) => s.name);
    assert.ok(expected.length > 0, 'the fixture specifies AddItem');
    assert.deepEqual(command.specs, expected);
    assert.ok(command.detail.includes(`${expected.length === 1 ? 'spec' : 'specs'}: ${expected.length}`));
    const laid = await layoutGraph(flow);
    const svg = renderSvg(laid);
    for (const name of expected) assert.ok(svg.includes(`specified by: `) && svg.includes(name.replace(/&/g, '&amp;').replace(/</g, '&lt;')), name);
    assert.deepEqual((JSON.parse(toJson(laid)) as MapGraph).nodes.find((n) => n.id === command.id)?.specs, expected);
  });

  it('leaves steps without specs without a specs field', () => {
    assert.ok(flow.nodes.filter((n) => n.kind === 'event').every((n) => n.specs === undefined));
  });
});

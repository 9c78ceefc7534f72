import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  buildContextMap,
  buildFlow,
  escapeMermaid,
  findCommand,
  layoutGraph,
  renderSvg,
  toJson,
  toMermaid,
  type LaidOutGraph,
  type MapGraph,
} from '../../../src/core/map';
import { diskWorkspace, memoryWorkspace, REPO, runCli, SAMPLE } from '../helpers/workspace';

const model = diskWorkspace(SAMPLE).model;
const contextGraph = buildContextMap(model);
const placeOrder = findCommand(model, 'PlaceOrder');
assert.ok(placeOrder.ok);
const flowGraph = buildFlow(model, placeOrder.command);

const HOSTILE = 'Evil"\'<script>alert(1)</script>&amp;#quot;`|🛒\u0007';
/** Hostile text in every name that may hold it (references are identifiers; definition names are free text). */
const hostileModel = memoryWorkspace({
  'eventmodel.yaml': `model: ${JSON.stringify('</title><script>x()</script>')}\ninclude: [contexts/*.yaml]\n`,
  'contexts/a.yaml': `context: ${JSON.stringify(HOSTILE)}\nowner: "<b onmouseover=alert(2)>team</b>"\n`,
  'contexts/good.yaml': [
    'context: Good',
    'commands:',
    `  ${JSON.stringify('Do "it" <now>')}: { emits: [Happened] }`,
    '  Go: { emits: [Happened] }',
    'events:',
    '  Happened: { schema: { type: object } }',
    '',
  ].join('\n'),
  'contexts/b.yaml': [
    'context: B',
    `description: ${JSON.stringify('"quoted" <i>desc</i> ]]> & 🛒')}`,
    'relationships:',
    '  - upstream: Good',
    '    patterns: [conformist]',
    '  - upstream: C',
    `    label: ${JSON.stringify('<a href="x">REST</a> & "gRPC" ]]>')}`,
    'policies:',
    `  ${JSON.stringify('end"--><script>alert(3)</script>')}:`,
    '    when: Good.Happened',
    '',
  ].join('\n'),
  // Actors and external systems: free-text names and descriptions too.
  'contexts/c.yaml': [
    'context: C',
    'actors:',
    `  ${JSON.stringify('Act"or <script>alert(4)</script>')}:`,
    `    description: ${JSON.stringify('<img src=x onerror=alert(5)>')}`,
    '    sends: [Good.Go]',
    'externalSystems:',
    `  ${JSON.stringify('Sys&amp;<svg onload=alert(6)>')}:`,
    '    kind: timer',
    '    sends: [Good.Go]',
    '',
  ].join('\n'),
}).model;

function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function assertGeometry(g: LaidOutGraph): void {
  assert.ok(g.width > 0 && g.height > 0);
  for (const n of g.nodes) {
    assert.ok(Number.isFinite(n.x) && Number.isFinite(n.y) && n.width > 0 && n.height > 0, n.id);
    assert.ok(n.x >= 0 && n.y >= 0 && n.x + n.width <= g.width + 0.01 && n.y + n.height <= g.height + 0.01, `${n.id} inside the drawing`);
  }
  for (let i = 0; i < g.nodes.length; i++)
    for (let j = i + 1; j < g.nodes.length; j++) assert.ok(!overlaps(g.nodes[i], g.nodes[j]), `${g.nodes[i].id} / ${g.nodes[j].id} overlap`);
  for (const e of g.edges) assert.ok(e.points.length >= 2, `${e.id} is routed`);
}

/** A strict line-by-line check of the Mermaid flowchart syntax we emit. */
function assertMermaidShape(text: string): void {
  const lines = text.trimEnd().split('\n');
  assert.match(lines[0], /^%% /);
  assert.equal(lines[1], 'flowchart LR');
  const label = '"[^"]*"';
  const patterns = [
    new RegExp(`^ {2,4}n\\d+(\\[${label}\\]|\\(\\[${label}\\]\\)|\\[\\[${label}\\]\\])$`),
    new RegExp(`^ {2}subgraph lane\\d+\\[${label}\\]$`),
    /^ {4}direction LR$/,
    /^ {2}end$/,
    new RegExp(`^ {2}n\\d+ (-->|<-->|-\\.->)(\\|${label}\\|)? n\\d+$`),
    /^ {2}classDef \w+ [\w:#,]+$/,
    /^ {2}class [n\d,]+ \w+$/,
    /^ {2}linkStyle [\d,]+ [\w:#,]+$/,
  ];
  for (const line of lines.slice(2))
    assert.ok(
      patterns.some((p) => p.test(line)),
      `unexpected Mermaid line: ${line}`,
    );
  const opened = lines.filter((l) => /^ {2}subgraph /.test(l)).length;
  assert.equal(lines.filter((l) => l === '  end').length, opened);
}

describe('map: layout (ELK)', () => {
  it('lays out the context map without overlaps, deterministically', async () => {
    const a = await layoutGraph(contextGraph);
    const b = await layoutGraph(buildContextMap(diskWorkspace(SAMPLE).model));
    assert.deepEqual(a, b);
    assertGeometry(a);
    const rel = a.edges.find((e) => e.kind === 'relationship' && e.source === 'context:Payment' && e.target === 'context:Ordering')!;
    assert.deepEqual(
      rel.labels.map((l) => [l.role, l.lines]),
      [
        ['source', ['U,OHS,PL']],
        ['target', ['D,CF']],
      ],
    );
    const cs = a.edges.find((e) => e.patterns?.includes('customer-supplier'))!;
    assert.deepEqual(cs.labels.find((l) => l.role === 'center')!.lines, ['C/S']);
  });

  it('lays out the flow in swimlanes: each step inside its context band, bands do not overlap', async () => {
    const g = await layoutGraph(flowGraph);
    assertGeometry(g);
    assert.equal(g.groups.length, 4);
    const sorted = [...g.groups].sort((x, y) => x.y - y.y);
    for (let i = 0; i + 1 < sorted.length; i++) assert.ok(sorted[i].y + sorted[i].height <= sorted[i + 1].y + 0.01, 'lanes stack');
    for (const lane of g.groups) {
      assert.equal(lane.width, g.width);
      for (const id of lane.nodeIds) {
        const n = g.nodes.find((x) => x.id === id)!;
        assert.ok(n.y >= lane.y && n.y + n.height <= lane.y + lane.height, `${id} inside lane ${lane.label}`);
      }
    }
    // Time flows left to right: the command starts the flow, only its sender (the customer) is before it.
    const start = g.nodes.find((n) => n.id === g.root)!;
    const customer = g.nodes.find((n) => n.id === 'actor:Ordering.Customer')!;
    assert.equal(Math.min(...g.nodes.filter((n) => n !== customer).map((n) => n.x)), start.x);
    assert.ok(customer.x + customer.width <= start.x);
    assert.deepEqual(await layoutGraph(flowGraph), g);
  });
});

describe('map: SVG export', () => {
  it('is a well-formed standalone SVG with every node and edge of the sample', async () => {
    const svg = renderSvg(await layoutGraph(contextGraph));
    assert.equal(XMLValidator.validate(svg), true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      isArray: (name) => name === 'g' || name === 'text' || name === 'path',
    }).parse(svg);
    assert.equal(doc.svg['@xmlns'], 'http://www.w3.org/2000/svg');
    assert.match(doc.svg['@viewBox'], /^0 0 \d+ \d+$/);
    assert.ok(!/<script|<foreignObject|href=|\son\w+=/i.test(svg), 'no script, link or handler');
    const groups: { '@class': string; '@data-id': string }[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (typeof o['@class'] === 'string' && typeof o['@data-id'] === 'string') groups.push(o as never);
        for (const v of Object.values(o)) walk(v);
      }
    };
    walk(doc);
    const nodeIds = groups.filter((g) => /\bem-node\b/.test(g['@class'])).map((g) => g['@data-id']);
    const edgeIds = groups.filter((g) => /\bem-edge\b/.test(g['@class'])).map((g) => g['@data-id']);
    assert.deepEqual(nodeIds.sort(), contextGraph.nodes.map((n) => n.id).sort());
    assert.deepEqual(edgeIds.sort(), contextGraph.edges.map((e) => e.id).sort());
    for (const label of ['Inventory', 'owner: team-checkout', 'OrderPlaced@3', 'U,OHS,PL', 'D,ACL', 'C/S']) assert.ok(svg.includes(`>${label}<`), label);
  });

  it('renders the flow with lanes, well formed', async () => {
    const svg = renderSvg(await layoutGraph(flowGraph));
    assert.equal(XMLValidator.validate(svg), true);
    assert.equal((svg.match(/class="em-lane"/g) ?? []).length, 4);
    assert.equal((svg.match(/class="em-node /g) ?? []).length, flowGraph.nodes.length);
    assert.equal((svg.match(/em-edge-alternative/g) ?? []).length, 4);
  });

  it('escapes hostile names (quotes, <script>, entities, emoji, control characters)', async () => {
    const graph = buildContextMap(hostileModel);
    assert.ok(graph.nodes.some((n) => n.label === HOSTILE));
    assert.deepEqual(
      graph.edges.map((e) => e.kind),
      ['relationship', 'relationship', 'eventFlow', 'sends', 'sends'],
      'the relationships, the event flow and what the actor and the timer send resolve',
    );
    const svg = renderSvg(await layoutGraph(graph));
    assert.equal(XMLValidator.validate(svg), true);
    assert.ok(!svg.includes('<script'), 'no raw <script>');
    assert.ok(svg.includes('end"--&gt;&lt;script&gt;alert(3)&lt;/script&gt;'), 'policy name escaped in the edge title');
    assert.ok(!svg.includes(']]>'), 'no raw CDATA end');
    assert.ok(!svg.includes('<b '), 'no raw <b>');
    assert.ok(svg.includes('&lt;script&gt;'), 'escaped');
    assert.ok(svg.includes('🛒'), 'emoji kept');
    assert.ok(!svg.includes('\u0007'), 'control character replaced');
    const parsed = new XMLParser({ ignoreAttributes: false, processEntities: true }).parse(svg);
    assert.equal(parsed.svg.title['#text'] ?? parsed.svg.title, 'Context map of </title><script>x()</script>');
    // The new kinds: actor and external system names, descriptions, a relationship label.
    assert.ok(!/<img|<svg onload|<a href/.test(svg), 'no raw markup from actors, systems or labels');
    assert.ok(
      svg.includes('>Act&quot;or &lt;script&gt;alert(4)&lt;/script&gt;<') || svg.includes('>Act"or &lt;script&gt;alert(4)&lt;/script&gt;<'),
      'actor name escaped',
    );
    assert.ok(svg.includes('Sys&amp;amp;&lt;svg onload=alert(6)&gt;'), 'system name escaped');
    assert.ok(svg.includes('&lt;img src=x onerror=alert(5)&gt;'), 'actor description escaped');
    assert.ok(
      svg.includes('&lt;a href=&quot;x&quot;&gt;REST&lt;/a&gt; &amp; &quot;gRPC&quot; ]]&gt;') ||
        svg.includes('&lt;a href="x"&gt;REST&lt;/a&gt; &amp; "gRPC" ]]&gt;'),
      'relationship label escaped',
    );
    const texts: string[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (typeof node === 'string') texts.push(node);
      else if (node && typeof node === 'object') Object.values(node).forEach(walk);
    };
    walk(parsed);
    assert.ok(texts.includes('Act"or <script>alert(4)</script>'), 'the actor name reads back as written');
    assert.ok(texts.includes('<a href="x">REST</a> & "gRPC" ]]>'), 'the label reads back as written');
  });
});

describe('map: Mermaid export', () => {
  it('writes a flowchart GitHub renders: context map', () => {
    const text = toMermaid(contextGraph);
    assertMermaidShape(text);
    assert.ok(text.includes('n0["Inventory<br/>owner: team-warehouse<br/>1 command · 2 events · 1 policy"]'));
    assert.ok(text.includes('-->|"U,OHS,PL → D,CF"|'));
    assert.ok(text.includes('<-->|"P"|'));
    assert.ok(text.includes('-.->|"OrderPlaced@3"|'));
    assert.equal((text.match(/ (-->|<-->|-\.->)/g) ?? []).length, contextGraph.edges.length);
  });

  it('writes the flow with one subgraph per context', () => {
    const text = toMermaid(flowGraph);
    assertMermaidShape(text);
    assert.deepEqual(
      [...text.matchAll(/subgraph lane\d+\["(\w+)"\]/g)].map((m) => m[1]),
      ['Ordering', 'Inventory', 'Payment', 'Shipping'],
    );
    assert.equal((text.match(/ (-->|<-->|-\.->)/g) ?? []).length, flowGraph.edges.length);
  });

  it('escapes hostile names with Mermaid entity codes', () => {
    assert.equal(escapeMermaid('a"b<c>&d#e`f|g\nh'), 'a#34;b#60;c#62;#38;d#35;e#96;f#124;g h');
    const text = toMermaid(buildContextMap(hostileModel));
    assertMermaidShape(text);
    assert.ok(!/<script|<b /.test(text));
    assert.ok(text.includes("Evil#34;'#60;script#62;alert(1)#60;/script#62;#38;amp;#35;quot;#96;#124;🛒"));
    assert.ok(text.includes('(["ACTOR<br/>Act#34;or #60;script#62;alert(4)#60;/script#62;"])'), 'actor escaped');
    assert.ok(text.includes('[["TIMER<br/>Sys#38;amp;#60;svg onload=alert(6)#62;"]]'), 'timer escaped');
    assert.ok(text.includes('|"#60;a href=#34;x#34;#62;REST#60;/a#62; #38; #34;gRPC#34; ]]#62;"|'), 'relationship label escaped');
    const flow = findCommand(hostileModel, 'Good.Do "it" <now>');
    assert.ok(flow.ok, 'Context.Name lookup with odd characters');
    const flowText = toMermaid(buildFlow(hostileModel, flow.command));
    assertMermaidShape(flowText);
    assert.ok(flowText.includes('end#34;--#62;#60;script#62;alert(3)#60;/script#62;'));
    assert.ok(flowText.includes('Do #34;it#34; #60;now#62;'));
  });
});

describe('map: JSON export', () => {
  it('is the laid-out graph with source ranges', async () => {
    const json = JSON.parse(toJson(await layoutGraph(contextGraph))) as LaidOutGraph;
    assert.equal(json.schema, 1);
    assert.equal(json.nodes.filter((n) => n.kind === 'context').length, 4);
    assert.deepEqual(
      json.nodes.filter((n) => n.kind !== 'context').map((n) => n.id),
      ['actor:Ordering.Customer'],
    );
    const n = json.nodes[0];
    assert.deepEqual(Object.keys(n.range).sort(), ['end', 'endOffset', 'file', 'start', 'startOffset']);
    assert.ok(typeof n.x === 'number' && typeof n.width === 'number');
    assert.ok(json.edges.every((e) => e.points.length >= 2 && e.range.file.startsWith('contexts/')));
  });
});

describe('map: CLI', function () {
  this.timeout(120_000);

  it('prints the context map as SVG (default), Mermaid and JSON, exit 0', () => {
    const svg = runCli(['map', SAMPLE]);
    assert.equal(svg.status, 0, svg.stderr);
    assert.equal(XMLValidator.validate(svg.stdout), true);
    const mermaid = runCli(['map', SAMPLE, '--format', 'mermaid']);
    assert.equal(mermaid.status, 0, mermaid.stderr);
    assert.equal(mermaid.stdout, toMermaid(contextGraph));
    const json = runCli(['map', SAMPLE, '--format', 'json', '--command', 'Inventory.ReserveStock']);
    assert.equal(json.status, 0, json.stderr);
    const flow = JSON.parse(json.stdout) as LaidOutGraph;
    assert.equal(flow.view, 'flow');
    assert.equal(flow.root, 'command:Inventory.ReserveStock');
  });

  it('exits 2 for usage errors: unknown command, --view flow without --command, conflicting options', () => {
    const unknown = runCli(['map', SAMPLE, '--command', 'PlaceOrdr']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Unknown command 'PlaceOrdr'\. Did you mean 'PlaceOrder'\?/);
    assert.equal(runCli(['map', SAMPLE, '--view', 'flow']).status, 2);
    assert.equal(runCli(['map', SAMPLE, '--view', 'context', '--command', 'PlaceOrder']).status, 2);
    assert.equal(runCli(['map', SAMPLE, '--format', 'png']).status, 2);
    assert.equal(runCli(['map', path.join(REPO, 'does-not-exist')]).status, 2);
  });

  it('still draws a model with errors (exit 0) and writes --output files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventmodel-map-'));
    fs.mkdirSync(path.join(dir, 'contexts'));
    fs.writeFileSync(path.join(dir, 'eventmodel.yaml'), 'include: [contexts/*.yaml]\n');
    fs.writeFileSync(path.join(dir, 'contexts/a.yaml'), 'context: A\ncommands:\n  Go: { emits: [Missing] }\n');
    const out = path.join(dir, 'out/map.mmd');
    const r = runCli(['map', dir, '--format', 'mermaid', '--output', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(fs.readFileSync(out, 'utf8'), /n0\["A<br\/>/);
    assert.equal(runCli(['validate', dir]).status, 1, 'the same model has errors');
  });

  it('docs/retail-context-map.svg is what the CLI draws for the sample', () => {
    const committed = fs.readFileSync(path.join(REPO, 'docs/retail-context-map.svg'), 'utf8');
    const now = runCli(['map', SAMPLE]).stdout;
    assert.equal(committed, now, 'regenerate: node bin/eventmodel.js map samples/retail --output docs/retail-context-map.svg');
  });
});

export type { MapGraph };

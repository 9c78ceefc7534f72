import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkLabel, ElkNode } from 'elkjs/lib/elk-api';
import { centerLabelLines, endLabels, labelSize, listsItems, nodeSize } from './measure';
import { GROUP, MARGIN } from './style';
import type { LabelBox, LaidOutEdge, LaidOutGraph, LaidOutGroup, LaidOutNode, MapGraph, Point } from './types';

/**
 * Layered (Sugiyama) layout by ELK. The same graph always gets the same coordinates: the
 * graph builders emit nodes and edges in a stable order and ELK's random seed is fixed.
 * Runs synchronously inside the returned promise (no worker), in Node and in the extension host.
 */

const ROOT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.randomSeed': '1',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.spacing.nodeNode': '36',
  'elk.layered.spacing.nodeNodeBetweenLayers': '64',
  'elk.spacing.edgeNode': '16',
  'elk.spacing.edgeEdge': '12',
  'elk.spacing.edgeLabel': '4',
  'elk.spacing.labelLabel': '4',
  'elk.layered.spacing.edgeNodeBetweenLayers': '16',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '10',
  'elk.edgeLabels.inline': 'false',
  'elk.layered.edgeLabels.sideSelection': 'SMART_DOWN',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.separateConnectedComponents': 'true',
  'elk.spacing.componentComponent': '48',
  'elk.padding': `[top=${MARGIN},left=${MARGIN},bottom=${MARGIN},right=${MARGIN}]`,
  // Absolute coordinates everywhere: no per-container offsets to add up afterwards.
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
};

/**
 * Large maps (hundreds of contexts) are laid out without label dummies — ELK's cost grows fast
 * with them — and with layer wrapping, so a long chain folds into rows instead of a 100,000-px
 * strip; their labels are then placed on the longest segment of each route.
 */
const LARGE_GRAPH = { nodes: 60, edges: 150 };

export function isLargeGraph(graph: MapGraph): boolean {
  return graph.nodes.length > LARGE_GRAPH.nodes || graph.edges.length > LARGE_GRAPH.edges;
}

export interface LayoutOptions {
  /** Layout direction; defaults to left to right. */
  direction?: 'RIGHT' | 'DOWN';
}

let elk: InstanceType<typeof ELK> | undefined;

export async function layoutGraph(graph: MapGraph, options: LayoutOptions = {}): Promise<LaidOutGraph> {
  elk ??= new ELK();
  const direction = options.direction ?? 'RIGHT';
  const rootOptions: Record<string, string> = { ...ROOT_OPTIONS, 'elk.direction': direction };
  const large = isLargeGraph(graph);
  if (large) {
    rootOptions['elk.layered.nodePlacement.strategy'] = 'BRANDES_KOEPF';
    rootOptions['elk.layered.thoroughness'] = '1';
    rootOptions['elk.layered.considerModelOrder.strategy'] = 'NONE';
    rootOptions['elk.layered.wrapping.strategy'] = 'MULTI_EDGE';
    rootOptions['elk.aspectRatio'] = '1.6';
    // Room between columns for the labels placed afterwards.
    rootOptions['elk.layered.spacing.nodeNodeBetweenLayers'] = '120';
  }
  if (graph.groups.length === 0) {
    const result = await elk.layout(elkGraph(graph, rootOptions, undefined, !large));
    const laidOut = collect(graph, result, 0);
    if (large) placeLabels(laidOut);
    return laidOut;
  }
  return layoutLanes(elk, graph, rootOptions);
}

/**
 * Swimlanes: one horizontal band per context, time flowing left to right. ELK has no lanes, so
 * two passes: the first (plain layered) decides each node's layer (its column); nodes are then
 * given a row inside their context's band, and the second pass (interactive strategies, which
 * keep layers from x and order and position from y) routes the edges and places the labels.
 */
async function layoutLanes(elk: InstanceType<typeof ELK>, graph: MapGraph, rootOptions: Record<string, string>): Promise<LaidOutGraph> {
  const first = await elk.layout(elkGraph(graph, { ...rootOptions, 'elk.separateConnectedComponents': 'false' }));
  const interactive = {
    ...rootOptions,
    'elk.separateConnectedComponents': 'false',
    'elk.layered.layering.strategy': 'INTERACTIVE',
    'elk.layered.cycleBreaking.strategy': 'INTERACTIVE',
    'elk.layered.crossingMinimization.strategy': 'INTERACTIVE',
    'elk.layered.nodePlacement.strategy': 'INTERACTIVE',
    'elk.layered.considerModelOrder.strategy': 'NONE',
  };
  const laneOf = new Map<string, number>();
  graph.groups.forEach((g, i) => g.nodeIds.forEach((id) => laneOf.set(id, i)));
  // The second pass may still merge or shift columns; rows are then re-assigned from its result
  // (its columns are stable under another interactive pass) until every lane is a clean band.
  let result = first;
  for (let attempt = 0; attempt < 3; attempt++) {
    result = await elk.layout(elkGraph(graph, interactive, lanePositions(result, laneOf, graph.groups.length)));
    if (lanesSeparated(result, laneOf, graph.groups.length)) break;
  }
  return collect(graph, result, LANE_HEADER);
}

/** Initial positions for the interactive pass: column from `placed`, a row inside the node's lane. */
function lanePositions(placed: ElkNode, laneOf: Map<string, number>, lanes: number): Map<string, { x: number; y: number }> {
  const nodes = [...(placed.children ?? [])];
  // Columns: nodes whose x extents overlap share a layer.
  const byX = nodes.sort((a, b) => (a.x ?? 0) - (b.x ?? 0) || compare(a.id, b.id));
  const column = new Map<string, number>();
  const columnX: number[] = [];
  let col = -1;
  let right = -Infinity;
  for (const n of byX) {
    if ((n.x ?? 0) > right) {
      col++;
      columnX.push(n.x ?? 0);
    }
    right = Math.max(right, (n.x ?? 0) + (n.width ?? 0));
    column.set(n.id, col);
  }
  // Rows inside each lane: per column, the lane's nodes stacked in their current order.
  const cells = new Map<string, ElkNode[]>();
  for (const n of byX) {
    const key = `${laneOf.get(n.id) ?? 0}:${column.get(n.id)}`;
    cells.set(key, [...(cells.get(key) ?? []), n]);
  }
  const rowHeight = Math.max(0, ...nodes.map((n) => n.height ?? 0)) + LANE_ROW_GAP;
  const rows = Array.from({ length: lanes }, () => 1);
  for (const [key, list] of cells) {
    list.sort((a, b) => (a.y ?? 0) - (b.y ?? 0) || compare(a.id, b.id));
    const lane = Number(key.split(':')[0]);
    rows[lane] = Math.max(rows[lane], list.length);
  }
  const laneTop: number[] = [];
  let top = MARGIN;
  for (const r of rows) {
    laneTop.push(top);
    top += r * rowHeight + LANE_GAP;
  }
  const out = new Map<string, { x: number; y: number }>();
  for (const [key, list] of cells) {
    const lane = Number(key.split(':')[0]);
    list.forEach((n, i) => out.set(n.id, { x: columnX[column.get(n.id)!], y: laneTop[lane] + GROUP.paddingTop + i * rowHeight }));
  }
  return out;
}

/** Whether each lane's nodes lie strictly above the next lane's, with room for the lane's title and padding. */
function lanesSeparated(result: ElkNode, laneOf: Map<string, number>, lanes: number): boolean {
  const ext = Array.from({ length: lanes }, () => ({ top: Infinity, bottom: -Infinity }));
  for (const n of result.children ?? []) {
    const lane = laneOf.get(n.id) ?? 0;
    ext[lane].top = Math.min(ext[lane].top, n.y ?? 0);
    ext[lane].bottom = Math.max(ext[lane].bottom, (n.y ?? 0) + (n.height ?? 0));
  }
  for (let i = 0; i + 1 < lanes; i++) if (ext[i].bottom + GROUP.padding > ext[i + 1].top - GROUP.paddingTop) return false;
  return true;
}

/** Room at the left of each lane for its title; the drawing is shifted right by it. */
const LANE_HEADER = 0;
const LANE_ROW_GAP = 28;
const LANE_GAP = 48;

function elkGraph(graph: MapGraph, rootOptions: Record<string, string>, positions?: Map<string, { x: number; y: number }>, withLabels = true): ElkNode {
  const children: ElkNode[] = graph.nodes.map((node) => ({ id: node.id, ...nodeSize(node), ...(positions?.get(node.id) ?? {}) }));
  const edges: ElkExtendedEdge[] = graph.edges.map((edge) => {
    const labels: ElkLabel[] = [];
    const center = withLabels ? centerLabelLines(edge) : [];
    if (center.length)
      labels.push({ id: `${edge.id}#center`, text: center.join('\n'), ...labelSize(center), layoutOptions: { 'elk.edgeLabels.placement': 'CENTER' } });
    const ends = withLabels ? endLabels(edge) : {};
    if (ends.source)
      labels.push({ id: `${edge.id}#source`, text: ends.source, ...labelSize([ends.source]), layoutOptions: { 'elk.edgeLabels.placement': 'TAIL' } });
    if (ends.target)
      labels.push({ id: `${edge.id}#target`, text: ends.target, ...labelSize([ends.target]), layoutOptions: { 'elk.edgeLabels.placement': 'HEAD' } });
    const layoutOptions: Record<string, string> = {};
    // Relationships set the left-to-right order (upstream before downstream); event flows follow.
    if (edge.kind === 'relationship' && !edge.symmetric) layoutOptions['elk.layered.priority.direction'] = '10';
    if (edge.back) layoutOptions['elk.layered.priority.direction'] = '0';
    return { id: edge.id, sources: [edge.source], targets: [edge.target], labels, layoutOptions };
  });
  return { id: '__root__', layoutOptions: rootOptions, children, edges };
}

/** Reads ELK's result back onto the graph (absolute coordinates), drawing lanes around groups. */
function collect(graph: MapGraph, result: ElkNode, shiftX: number): LaidOutGraph {
  // The first lane needs room above its top nodes for its title: move the drawing down if not.
  const top = Math.min(...(result.children ?? []).map((c) => c.y ?? 0));
  const shiftY = graph.groups.length && top < GROUP.paddingTop ? GROUP.paddingTop - top : 0;
  const boxes = new Map<string, { x: number; y: number; width: number; height: number }>();
  for (const c of result.children ?? []) {
    boxes.set(c.id, { x: round((c.x ?? 0) + shiftX), y: round((c.y ?? 0) + shiftY), width: round(c.width ?? 0), height: round(c.height ?? 0) });
  }
  const laidEdges = new Map<string, { points: Point[]; labels: LabelBox[] }>();
  for (const e of result.edges ?? []) {
    const points: Point[] = [];
    for (const s of e.sections ?? []) {
      for (const p of [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]) {
        const q = { x: round(p.x + shiftX), y: round(p.y + shiftY) };
        const last = points[points.length - 1];
        if (!last || last.x !== q.x || last.y !== q.y) points.push(q);
      }
    }
    const labels: LabelBox[] = (e.labels ?? []).map((l) => ({
      role: (l.id?.endsWith('#source') ? 'source' : l.id?.endsWith('#target') ? 'target' : 'center') as LabelBox['role'],
      lines: (l.text ?? '').split('\n'),
      x: round((l.x ?? 0) + shiftX),
      y: round((l.y ?? 0) + shiftY),
      width: round(l.width ?? 0),
      height: round(l.height ?? 0),
    }));
    laidEdges.set(e.id, { points, labels });
  }

  const nodes: LaidOutNode[] = graph.nodes.map((n) => ({ ...n, ...boxes.get(n.id)! }));
  const edges: LaidOutEdge[] = graph.edges.map((e) => ({ ...e, ...(laidEdges.get(e.id) ?? { points: [], labels: [] }) }));
  let width = round((result.width ?? 0) + shiftX);
  let height = round((result.height ?? 0) + shiftY);

  // Lanes: full-width bands around each group's nodes, split halfway between neighbours.
  const groups: LaidOutGroup[] = [];
  if (graph.groups.length) {
    const extents = graph.groups.map((g) => {
      const members = g.nodeIds.map((id) => boxes.get(id)).filter((b) => b !== undefined);
      return { top: Math.min(...members.map((b) => b.y)) - GROUP.paddingTop, bottom: Math.max(...members.map((b) => b.y + b.height)) + GROUP.padding };
    });
    const order = extents.map((_, i) => i).sort((a, b) => extents[a].top - extents[b].top || a - b);
    const bounds = new Map<number, { top: number; bottom: number }>();
    order.forEach((lane, k) => {
      const prev = k > 0 ? extents[order[k - 1]] : undefined;
      const next = k < order.length - 1 ? extents[order[k + 1]] : undefined;
      const top = prev ? (prev.bottom + extents[lane].top) / 2 : Math.min(extents[lane].top, 0);
      const bottom = next ? (extents[lane].bottom + next.top) / 2 : Math.max(extents[lane].bottom, height);
      bounds.set(lane, { top, bottom });
    });
    height = Math.max(height, ...[...bounds.values()].map((b) => b.bottom));
    graph.groups.forEach((g, i) => {
      const b = bounds.get(i)!;
      groups.push({ ...g, x: 0, y: round(b.top), width, height: round(b.bottom - b.top) });
    });
  }
  width = round(width);

  const out: LaidOutGraph = { schema: 1, view: graph.view, title: graph.title, width, height: round(height), nodes, edges, groups };
  if (graph.root) out.root = graph.root;
  return out;
}

/**
 * Labels of a large map, placed without ELK: one compact line per edge (the relationship's
 * notation, or the event / the number of events), centred on the longest segment of its route.
 */
function placeLabels(graph: LaidOutGraph): void {
  for (const edge of graph.edges) {
    if (edge.points.length < 2) continue;
    const text =
      edge.kind === 'relationship'
        ? edge.symmetric
          ? (edge.sourceLabel ?? '')
          : edge.sourceLabel
            ? `${edge.sourceLabel} → ${edge.targetLabel}`
            : (edge.relationshipLabels?.[0] ?? '')
        : listsItems(edge) && edge.items.length > 1
          ? `${edge.items.length} ${edge.commands ? 'commands' : 'events'}`
          : edge.label;
    if (!text) continue;
    let best = 0;
    let bestLength = -1;
    for (let i = 0; i + 1 < edge.points.length; i++) {
      const a = edge.points[i];
      const b = edge.points[i + 1];
      const length = Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
      if (length > bestLength) {
        best = i;
        bestLength = length;
      }
    }
    const a = edge.points[best];
    const b = edge.points[best + 1];
    const size = labelSize([text]);
    const horizontal = Math.abs(a.y - b.y) < Math.abs(a.x - b.x);
    const mx = (a.x + b.x) / 2;
    const my = (a.y + b.y) / 2;
    edge.labels = [
      {
        role: 'center',
        lines: [text],
        x: round(horizontal ? mx - size.width / 2 : mx + 3),
        y: round(horizontal ? my - size.height - 2 : my - size.height / 2),
        width: size.width,
        height: size.height,
      },
    ];
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

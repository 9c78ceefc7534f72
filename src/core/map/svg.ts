import { capitalise } from '../text';
import { captionWidth, listsItems, nodeText } from './measure';
import { textWidth } from './text-metrics';
import { EDGE_LABEL, FONT_FAMILY, GROUP, KIND_LABEL, NODE, PALETTE } from './style';
import { el, serializeSvg, type SvgElement } from './svg-tree';
import type { LabelBox, LaidOutEdge, LaidOutGraph, LaidOutGroup, LaidOutNode, MapEdge, MapNode, Point } from './types';

export interface SvgOptions {
  /**
   * Webview rendering: focusable nodes and edges with ARIA roles, wide invisible hit paths for
   * clicking edges, and no background (the theme's shows through). Default false (export).
   */
  interactive?: boolean;
}

const KIND_COLOURS: Record<Exclude<MapNode['kind'], 'context'>, { fill: string; stroke: string }> = {
  command: PALETTE.command,
  event: PALETTE.event,
  policy: PALETTE.policy,
  readModel: PALETTE.readModel,
  actor: PALETTE.actor,
  externalSystem: PALETTE.externalSystem,
};

/** What a node is, as a heading: `Bounded context`, `Actor`, `External device`, `Policy`… */
export function kindName(node: MapNode): string {
  if (node.kind === 'externalSystem') return `External ${node.systemKind ?? 'system'}`;
  return capitalise(KIND_LABEL[node.kind]);
}

/** Baseline of a line of text of `size` px centred in a line box of `line` px starting at `top`. */
function baseline(top: number, line: number, size: number): number {
  return top + (line - size) / 2 + size * 0.8;
}

/** The accessible name of a node: what a screen reader announces and the hover shows first. */
export function describeNode(node: MapNode): string {
  const parts = [`${kindName(node)} ${node.label}`];
  if (node.kind !== 'context') parts.push(`in ${node.context}`);
  parts.push(...node.detail);
  if (node.tags?.length) parts.push(`tags: ${node.tags.join(', ')}`);
  if (node.specs?.length) parts.push(`specified by: ${node.specs.join('; ')}`);
  if (node.description) parts.push(node.description);
  return parts.join('. ') + '.';
}

export function describeEdge(edge: MapEdge, nodes: ReadonlyMap<string, MapNode>): string {
  const from = nodes.get(edge.source)?.label ?? edge.source;
  const to = nodes.get(edge.target)?.label ?? edge.target;
  let head: string;
  switch (edge.kind) {
    case 'relationship': {
      const labels = edge.relationshipLabels?.length ? ` “${edge.relationshipLabels.join('”, “')}”` : '';
      const notation = edge.sourceLabel ? (edge.symmetric ? `[${edge.sourceLabel}]↔[${edge.targetLabel}]` : `[${edge.sourceLabel}]→[${edge.targetLabel}]`) : '';
      head = edge.symmetric
        ? `Relationship between ${from} and ${to}: ${edge.patterns?.join(', ') || 'partner'} (${notation})${labels}`
        : edge.patterns?.length
          ? `Relationship: ${from} is upstream of ${to}: ${edge.patterns.join(', ')} (${notation})${labels}`
          : `Relationship: ${from} is upstream of ${to}, a plain dependency${labels}`;
      break;
    }
    case 'eventFlow':
      head = `Events from ${from} to ${to}: ${edge.items.map((i) => i.label).join(', ')}`;
      break;
    case 'sends':
      head = edge.commands ? `${from} sends commands of ${to}: ${edge.items.map((i) => i.label).join(', ')}` : `${from} sends ${to}`;
      break;
    case 'emits':
      head = edge.events
        ? `${from} is the source of events of ${to}: ${edge.items.map((i) => i.label).join(', ')}`
        : `${from} emits ${to}${edge.alternative ? ' (alternative outcome)' : ''}`;
      break;
    default:
      head = `${from} ${edge.kind} ${to}${edge.alternative ? ' (alternative outcome)' : ''}${edge.back ? ' (closes a cycle)' : ''}`;
  }
  return [head + '.', ...edge.items.map((i) => i.detail)].join(' ');
}

function pathOf(points: Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${fmt(p.x)} ${fmt(p.y)}`).join(' ');
}

function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function markers(): SvgElement {
  const marker = (id: string, fill: string, cls: string) =>
    el('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' }, [
      el('path', { d: 'M0 0 L10 5 L0 10 z', class: `em-arrowhead ${cls}`, fill }),
    ]);
  return el('defs', {}, [
    marker('em-arrow', PALETTE.relationship, 'em-arrowhead-relationship'),
    marker('em-arrow-flow', PALETTE.eventFlow, 'em-arrowhead-flow'),
    marker('em-arrow-step', PALETTE.flowEdge, 'em-arrowhead-step'),
    marker('em-arrow-sends', PALETTE.sends, 'em-arrowhead-sends'),
  ]);
}

function edgeStyle(edge: MapEdge): { stroke: string; dash?: string; marker?: string; width: number } {
  switch (edge.kind) {
    case 'relationship':
      // A plain dependency (no pattern) is drawn thinner than a DDD relationship.
      return { stroke: PALETTE.relationship, width: edge.symmetric || edge.sourceLabel ? 1.6 : 1.2, marker: edge.symmetric ? undefined : 'url(#em-arrow)' };
    case 'eventFlow':
      return { stroke: PALETTE.eventFlow, width: 1.4, dash: '6 4', marker: 'url(#em-arrow-flow)' };
    case 'sends':
      return { stroke: PALETTE.sends, width: 1.4, marker: 'url(#em-arrow-sends)' };
    case 'emits':
      // Events an external system brings into a context look like the event flows between contexts.
      if (edge.events) return { stroke: PALETTE.eventFlow, width: 1.4, dash: '6 4', marker: 'url(#em-arrow-flow)' };
      return { stroke: PALETTE.flowEdge, width: 1.4, marker: 'url(#em-arrow-step)' };
    case 'feeds':
      return { stroke: PALETTE.flowEdge, width: 1.2, dash: '2 3', marker: 'url(#em-arrow-step)' };
    default:
      return { stroke: PALETTE.flowEdge, width: 1.4, dash: edge.back ? '6 4' : undefined, marker: 'url(#em-arrow-step)' };
  }
}

function labelElement(label: LabelBox, edge: LaidOutEdge): SvgElement {
  const isEnd = label.role !== 'center';
  const text = label.lines.map((line, i) => {
    const itemIndex = listsItems(edge) && label.role === 'center' && i < edge.items.length && !/^\+\d+ more$/.test(line) ? i : undefined;
    return el(
      'text',
      {
        class: itemIndex !== undefined ? 'em-edge-label-text em-edge-item' : 'em-edge-label-text',
        'data-item': itemIndex,
        x: label.x + label.width / 2,
        y: baseline(label.y + EDGE_LABEL.paddingY + i * EDGE_LABEL.line, EDGE_LABEL.line, EDGE_LABEL.size),
        'text-anchor': 'middle',
        'font-size': EDGE_LABEL.size,
        'font-weight': isEnd ? 'bold' : undefined,
        fill: edge.events ? PALETTE.eventFlow : edge.commands ? PALETTE.sends : PALETTE.text,
      },
      [line],
    );
  });
  return el('g', { class: `em-edge-label em-edge-label-${label.role}` }, [
    el('rect', {
      class: 'em-edge-label-box',
      x: label.x,
      y: label.y,
      width: label.width,
      height: label.height,
      rx: 3,
      fill: PALETTE.labelFill,
      'fill-opacity': isEnd ? 1 : 0.85,
      stroke: isEnd ? PALETTE.relationship : 'none',
      'stroke-width': isEnd ? 1 : undefined,
    }),
    ...text,
  ]);
}

function edgeElement(edge: LaidOutEdge, nodes: ReadonlyMap<string, MapNode>, interactive: boolean): SvgElement {
  const style = edgeStyle(edge);
  const d = pathOf(edge.points);
  const description = describeEdge(edge, nodes);
  const classes = ['em-edge', `em-edge-${edge.kind}`];
  if (edge.alternative) classes.push('em-edge-alternative');
  if (edge.back) classes.push('em-edge-back');
  if (edge.symmetric) classes.push('em-edge-symmetric');
  if (edge.kind === 'relationship' && !edge.symmetric && !edge.sourceLabel) classes.push('em-edge-plain');
  if (edge.events) classes.push('em-edge-events');
  if (edge.commands) classes.push('em-edge-commands');
  return el(
    'g',
    {
      class: classes.join(' '),
      'data-id': edge.id,
      tabindex: interactive ? 0 : undefined,
      role: interactive ? 'button' : undefined,
      'aria-label': interactive ? description : undefined,
    },
    [
      !interactive && el('title', {}, [description]),
      interactive && el('path', { class: 'em-edge-hit', d, fill: 'none', stroke: 'transparent', 'stroke-width': 12 }),
      el('path', {
        class: 'em-edge-line',
        d,
        fill: 'none',
        stroke: style.stroke,
        'stroke-width': style.width,
        'stroke-dasharray': style.dash,
        'marker-end': style.marker,
      }),
      ...edge.labels.map((l) => labelElement(l, edge)),
    ],
  );
}

/** A person: head and shoulders, centred on (x, y). */
function personGlyph(x: number, y: number, fill: string): SvgElement {
  return el('g', { class: 'em-node-glyph', 'aria-hidden': 'true' }, [
    el('circle', { cx: x, cy: y - 5, r: 4, fill }),
    el('path', { d: `M${fmt(x - 7)} ${fmt(y + 9)} A7 7 0 0 1 ${fmt(x + 7)} ${fmt(y + 9)} Z`, fill }),
  ]);
}

function nodeShape(node: LaidOutNode, colours: { fill: string; stroke: string }): SvgElement[] {
  const isContext = node.kind === 'context';
  const box = (extra: SvgElement['attrs'] = {}) =>
    el('rect', {
      class: 'em-node-box',
      width: node.width,
      height: node.height,
      rx: isContext ? NODE.radius * 2 : NODE.radius,
      fill: colours.fill,
      stroke: colours.stroke,
      'stroke-width': isContext ? 1.6 : 1.2,
      ...extra,
    });
  switch (node.kind) {
    case 'actor':
      // Round ends: a person, not a part of the system.
      return [box({ rx: node.height / 2 })];
    case 'externalSystem':
      // Dashed: outside the model.
      return [box({ rx: 2, 'stroke-dasharray': '5 3' })];
    case 'policy':
      // A reaction that issues no command ends the flow: a double outline, like an end state.
      if (node.terminal)
        return [
          box(),
          el('rect', {
            class: 'em-node-end',
            x: 3,
            y: 3,
            width: node.width - 6,
            height: node.height - 6,
            rx: NODE.radius - 2,
            fill: 'none',
            stroke: colours.stroke,
            'stroke-width': 0.8,
          }),
        ];
      return [box()];
    default:
      return [box()];
  }
}

function nodeElement(node: LaidOutNode, interactive: boolean): SvgElement {
  const t = nodeText(node);
  const colours = node.kind === 'context' ? { fill: PALETTE.contextFill, stroke: PALETTE.contextStroke } : KIND_COLOURS[node.kind];
  // Actors' round ends take some room on each side; the glyph sits left of the text.
  const inset = node.kind === 'actor' ? NODE.paddingX : 0;
  const cx = (inset + t.textLeft + node.width - inset) / 2;
  const texts: SvgElement[] = [];
  let top = NODE.paddingTop;
  if (t.caption) {
    if (t.badge) {
      const w = captionWidth(t);
      texts.push(el('rect', { class: 'em-node-badge', x: cx - w / 2, y: top + 0.5, width: w, height: NODE.captionLine - 1, rx: 3, fill: colours.stroke }));
    }
    texts.push(
      el(
        'text',
        {
          class: t.badge ? 'em-node-caption em-node-badge-text' : 'em-node-caption',
          x: cx,
          y: baseline(top, NODE.captionLine, NODE.captionSize),
          'text-anchor': 'middle',
          'font-size': NODE.captionSize,
          'font-weight': 'bold',
          'letter-spacing': 0.5,
          fill: t.badge ? PALETTE.background : colours.stroke,
        },
        [t.caption],
      ),
    );
    top += NODE.captionLine;
  }
  texts.push(
    el(
      'text',
      {
        class: 'em-node-title',
        x: cx,
        y: baseline(top, t.titleLine, t.titleSize),
        'text-anchor': 'middle',
        'font-size': t.titleSize,
        'font-weight': 'bold',
        fill: PALETTE.text,
      },
      [t.title],
    ),
  );
  top += t.titleLine;
  for (const line of t.detail) {
    texts.push(
      el(
        'text',
        {
          class: 'em-node-detail',
          x: cx,
          y: baseline(top, NODE.detailLine, NODE.detailSize),
          'text-anchor': 'middle',
          'font-size': NODE.detailSize,
          fill: PALETTE.muted,
        },
        [line],
      ),
    );
    top += NODE.detailLine;
  }
  const description = describeNode(node);
  const classes = ['em-node', `em-node-${node.kind}`];
  if (node.systemKind) classes.push(`em-node-system-${node.systemKind}`);
  if (node.terminal) classes.push('em-node-terminal');
  return el(
    'g',
    {
      class: classes.join(' '),
      'data-id': node.id,
      transform: `translate(${fmt(node.x)} ${fmt(node.y)})`,
      tabindex: interactive ? 0 : undefined,
      role: interactive ? 'button' : undefined,
      'aria-label': interactive ? description : undefined,
    },
    [
      !interactive && el('title', {}, [description]),
      ...nodeShape(node, colours),
      t.glyph === 'person' && personGlyph(inset + NODE.paddingX / 2 + NODE.glyphWidth / 2, node.height / 2, colours.stroke),
      ...texts,
    ],
  );
}

function laneElement(group: LaidOutGroup, index: number, interactive: boolean): SvgElement {
  return el(
    'g',
    {
      class: 'em-lane',
      'data-id': group.id,
      'aria-label': interactive ? `Swimlane of context ${group.label}` : undefined,
      role: interactive ? 'group' : undefined,
    },
    [
      el('title', {}, [`Bounded context ${group.label}`]),
      el('rect', {
        class: index % 2 === 0 ? 'em-lane-box' : 'em-lane-box em-lane-box-alt',
        x: group.x,
        y: group.y,
        width: group.width,
        height: group.height,
        fill: index % 2 === 0 ? PALETTE.groupFill : PALETTE.background,
        stroke: PALETTE.groupStroke,
        'stroke-width': 1,
      }),
      el('text', { class: 'em-lane-title', x: group.x + 12, y: group.y + 22, 'font-size': GROUP.titleSize, 'font-weight': 'bold', fill: PALETTE.muted }, [
        group.label,
      ]),
    ],
  );
}

const LEGEND_HEIGHT = 40;

function legendEntries(graph: LaidOutGraph): { dash?: string; stroke: string; width?: number; text: string }[] {
  // Entries for what is new in the model appear only when the drawing has it.
  const has = (test: (e: MapEdge) => boolean) => graph.edges.some(test);
  if (graph.view === 'context') {
    return [
      {
        stroke: PALETTE.relationship,
        text: 'relationship: U upstream, D downstream; C/S customer/supplier, OHS open host service, PL published language, CF conformist, ACL anticorruption layer, P partnership, SK shared kernel',
      },
      ...(has((e) => e.kind === 'relationship' && !e.symmetric && !e.sourceLabel)
        ? [{ stroke: PALETTE.relationship, width: 1.2, text: 'plain dependency (no pattern), upstream → downstream' }]
        : []),
      { dash: '6 4', stroke: PALETTE.eventFlow, text: 'events consumed (Event@N: the version read)' },
      ...(has((e) => e.kind === 'sends') ? [{ stroke: PALETTE.sends, text: 'commands sent by actors and external systems' }] : []),
    ];
  }
  return [
    { stroke: PALETTE.flowEdge, text: 'command → event → policy → command; a command with several events: alternative outcomes' },
    ...(has((e) => e.kind === 'sends') ? [{ stroke: PALETTE.sends, text: 'sent by an actor or external system' }] : []),
    { dash: '2 3', stroke: PALETTE.flowEdge, text: 'feeds a read model' },
    { dash: '6 4', stroke: PALETTE.flowEdge, text: 'closes a cycle' },
  ];
}

function legendWidth(graph: LaidOutGraph): number {
  return 20 + legendEntries(graph).reduce((w, e) => w + 34 + textWidth(e.text, 11) + 24, 0);
}

/** One line explaining the notation, under the exported drawing (readers of a README have no hover). */
function legend(graph: LaidOutGraph, y: number): SvgElement {
  const items: SvgElement[] = [];
  let x = 20;
  for (const e of legendEntries(graph)) {
    items.push(el('path', { d: `M${x} ${y} L${x + 28} ${y}`, stroke: e.stroke, 'stroke-width': e.width ?? 1.6, 'stroke-dasharray': e.dash, fill: 'none' }));
    items.push(el('text', { x: x + 34, y: y + 4, 'font-size': 11, fill: PALETTE.muted }, [e.text]));
    x += 34 + textWidth(e.text, 11) + 24;
  }
  return el('g', { class: 'em-legend' }, items);
}

/** The map as an SVG element tree (see `serializeSvg` and the webview's DOM builder). */
export function renderSvgTree(graph: LaidOutGraph, options: SvgOptions = {}): SvgElement {
  const interactive = options.interactive ?? false;
  const nodesById = new Map<string, MapNode>(graph.nodes.map((n) => [n.id, n]));
  const legendText = !interactive;
  const width = Math.ceil(legendText ? Math.max(graph.width, legendWidth(graph)) : graph.width);
  const height = Math.ceil(graph.height + (legendText ? LEGEND_HEIGHT : 0));
  const count = (kind: MapNode['kind']) => graph.nodes.filter((n) => n.kind === kind).length;
  const outside = [
    count('actor') ? `${count('actor')} ${count('actor') === 1 ? 'actor' : 'actors'}` : '',
    count('externalSystem') ? `${count('externalSystem')} external ${count('externalSystem') === 1 ? 'system' : 'systems'}` : '',
  ].filter((p) => p !== '');
  const summary =
    graph.view === 'context'
      ? `${count('context')} bounded contexts, ${[...outside, ''].join(', ')}${graph.edges.filter((e) => e.kind === 'relationship').length} relationships, ${graph.edges.filter((e) => e.kind === 'eventFlow').length} event flows.`
      : `${graph.nodes.length} steps across ${graph.groups.length} contexts.`;
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: `em-map em-view-${graph.view}`,
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: interactive ? 'application' : 'img',
      'aria-labelledby': 'em-title em-desc',
      'font-family': FONT_FAMILY,
    },
    [
      el('title', { id: 'em-title' }, [graph.title]),
      el('desc', { id: 'em-desc' }, [summary]),
      markers(),
      !interactive && el('rect', { class: 'em-background', x: 0, y: 0, width, height, fill: PALETTE.background }),
      graph.groups.length > 0 &&
        el(
          'g',
          { class: 'em-lanes' },
          graph.groups.map((g, i) => laneElement(g, i, interactive)),
        ),
      el(
        'g',
        { class: 'em-edges' },
        graph.edges.map((e) => edgeElement(e, nodesById, interactive)),
      ),
      el(
        'g',
        { class: 'em-nodes' },
        graph.nodes.map((n) => nodeElement(n, interactive)),
      ),
      legendText && legend(graph, graph.height + LEGEND_HEIGHT / 2),
    ],
  );
}

/** A standalone SVG document: well formed, no scripts, no external resources, every name escaped. */
export function renderSvg(graph: LaidOutGraph): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serializeSvg(renderSvgTree(graph))}`;
}

import { EDGE_LABEL, NODE } from './style';
import { textWidth, truncate } from './text-metrics';
import type { MapEdge, MapNode } from './types';

/** What a node box shows, line by line, with sizes: the layout sizes boxes from it, the renderer draws it. */
export interface NodeText {
  caption?: string;
  /** Draw the caption as a filled badge (an external system's kind). */
  badge?: boolean;
  /** A glyph left of the text (an actor's person). */
  glyph?: 'person';
  /** Where the text block starts (room for the glyph); text is centred in the rest of the box. */
  textLeft: number;
  title: string;
  titleSize: number;
  titleLine: number;
  detail: string[];
}

const CAPTION: Partial<Record<MapNode['kind'], string>> = {
  command: 'COMMAND',
  event: 'EVENT',
  policy: 'POLICY',
  readModel: 'READ MODEL',
  actor: 'ACTOR',
};

const SYSTEM_CAPTION: Record<NonNullable<MapNode['systemKind']>, string> = { system: 'EXTERNAL SYSTEM', device: 'DEVICE', timer: 'TIMER' };

export function nodeText(node: MapNode): NodeText {
  const isContext = node.kind === 'context';
  const titleSize = isContext ? NODE.contextTitleSize : NODE.titleSize;
  const external = node.kind === 'externalSystem';
  return {
    caption: external ? SYSTEM_CAPTION[node.systemKind ?? 'system'] : CAPTION[node.kind],
    badge: external || undefined,
    glyph: node.kind === 'actor' ? 'person' : undefined,
    textLeft: node.kind === 'actor' ? NODE.glyphWidth : 0,
    title: truncate(node.label, titleSize, NODE.maxTextWidth, true),
    titleSize,
    titleLine: isContext ? NODE.contextTitleLine : NODE.titleLine,
    detail: node.detail.map((d) => truncate(d, NODE.detailSize, NODE.maxTextWidth)),
  };
}

export function nodeSize(node: MapNode): { width: number; height: number } {
  const t = nodeText(node);
  let w = textWidth(t.title, t.titleSize, true);
  if (t.caption) w = Math.max(w, captionWidth(t));
  for (const d of t.detail) w = Math.max(w, textWidth(d, NODE.detailSize));
  // An actor's box has round ends: a little more room so no text runs into the curve.
  const roundEnds = node.kind === 'actor' ? 2 * NODE.paddingX : 0;
  const width = Math.ceil(Math.max(NODE.minWidth, w + 2 * NODE.paddingX + t.textLeft + roundEnds));
  const height = Math.ceil(NODE.paddingTop + (t.caption ? NODE.captionLine : 0) + t.titleLine + t.detail.length * NODE.detailLine + NODE.paddingBottom);
  return { width, height };
}

/** Width of the caption, with the badge's padding when it is one. */
export function captionWidth(t: NodeText): number {
  return t.caption ? textWidth(t.caption, NODE.captionSize, true) + (t.badge ? 2 * NODE.badgePaddingX : 0) : 0;
}

/** Edges whose items are listed one per label line (event flows, and what actors and systems send to or emit into a context). */
export function listsItems(edge: MapEdge): boolean {
  return edge.kind === 'eventFlow' || edge.events !== undefined || edge.commands !== undefined;
}

/** The lines of an edge's centre label: one per item for event flows (capped), else the label. */
export function centerLabelLines(edge: MapEdge): string[] {
  let lines: string[];
  if (listsItems(edge)) {
    const labels = edge.items.map((i) => i.label);
    lines = labels.length > EDGE_LABEL.maxLines ? [...labels.slice(0, EDGE_LABEL.maxLines - 1), `+${labels.length - EDGE_LABEL.maxLines + 1} more`] : labels;
  } else if (edge.kind === 'relationship') {
    // Asymmetric relationships show their notation at the ends; the centre names C/S only,
    // then the relationship's own label.
    if (edge.symmetric) lines = [edge.sourceLabel ?? ''];
    else lines = edge.patterns?.includes('customer-supplier') ? ['C/S'] : [];
    lines.push(...(edge.relationshipLabels ?? []).slice(0, EDGE_LABEL.maxLines - lines.length));
  } else {
    lines = edge.label ? [edge.label] : [];
  }
  return lines.filter((l) => l !== '').map((l) => truncate(l, EDGE_LABEL.size, EDGE_LABEL.maxTextWidth));
}

export function endLabels(edge: MapEdge): { source?: string; target?: string } {
  if (edge.kind !== 'relationship' || edge.symmetric || !edge.sourceLabel) return {};
  return { source: edge.sourceLabel, target: edge.targetLabel };
}

export function labelSize(lines: string[]): { width: number; height: number } {
  const w = Math.max(0, ...lines.map((l) => textWidth(l, EDGE_LABEL.size)));
  return { width: Math.ceil(w + 2 * EDGE_LABEL.paddingX), height: lines.length * EDGE_LABEL.line + 2 * EDGE_LABEL.paddingY };
}

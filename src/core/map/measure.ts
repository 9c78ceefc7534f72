import { EDGE_LABEL, NODE } from './style';
import { textWidth, truncate } from './text-metrics';
import type { MapEdge, MapNode } from './types';

/** What a node box shows, line by line, with sizes: the layout sizes boxes from it, the renderer draws it. */
export interface NodeText {
  caption?: string;
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
};

export function nodeText(node: MapNode): NodeText {
  const isContext = node.kind === 'context';
  const titleSize = isContext ? NODE.contextTitleSize : NODE.titleSize;
  return {
    caption: CAPTION[node.kind],
    title: truncate(node.label, titleSize, NODE.maxTextWidth, true),
    titleSize,
    titleLine: isContext ? NODE.contextTitleLine : NODE.titleLine,
    detail: node.detail.map((d) => truncate(d, NODE.detailSize, NODE.maxTextWidth)),
  };
}

export function nodeSize(node: MapNode): { width: number; height: number } {
  const t = nodeText(node);
  let w = textWidth(t.title, t.titleSize, true);
  if (t.caption) w = Math.max(w, textWidth(t.caption, NODE.captionSize, true));
  for (const d of t.detail) w = Math.max(w, textWidth(d, NODE.detailSize));
  const width = Math.ceil(Math.max(NODE.minWidth, w + 2 * NODE.paddingX));
  const height = Math.ceil(NODE.paddingTop + (t.caption ? NODE.captionLine : 0) + t.titleLine + t.detail.length * NODE.detailLine + NODE.paddingBottom);
  return { width, height };
}

/** The lines of an edge's centre label: one per item for event flows (capped), else the label. */
export function centerLabelLines(edge: MapEdge): string[] {
  let lines: string[];
  switch (edge.kind) {
    case 'eventFlow': {
      const labels = edge.items.map((i) => i.label);
      lines = labels.length > EDGE_LABEL.maxLines ? [...labels.slice(0, EDGE_LABEL.maxLines - 1), `+${labels.length - EDGE_LABEL.maxLines + 1} more`] : labels;
      break;
    }
    case 'relationship':
      // Asymmetric relationships show their notation at the ends; the centre names C/S only.
      if (edge.symmetric) lines = [edge.sourceLabel ?? ''];
      else lines = edge.patterns?.includes('customer-supplier') ? ['C/S'] : [];
      break;
    default:
      lines = edge.label ? [edge.label] : [];
  }
  return lines.filter((l) => l !== '').map((l) => truncate(l, EDGE_LABEL.size, EDGE_LABEL.maxTextWidth));
}

export function endLabels(edge: MapEdge): { source?: string; target?: string } {
  if (edge.kind !== 'relationship' || edge.symmetric) return {};
  return { source: edge.sourceLabel, target: edge.targetLabel };
}

export function labelSize(lines: string[]): { width: number; height: number } {
  const w = Math.max(0, ...lines.map((l) => textWidth(l, EDGE_LABEL.size)));
  return { width: Math.ceil(w + 2 * EDGE_LABEL.paddingX), height: lines.length * EDGE_LABEL.line + 2 * EDGE_LABEL.paddingY };
}

import { escapeMermaid } from './escape';
import { nodeText } from './measure';
import { PALETTE } from './style';
import type { MapEdge, MapGraph, MapNode } from './types';

/**
 * A Mermaid flowchart of a graph, for GitHub Markdown (```mermaid blocks) and Mermaid tools.
 * Node ids are generated (`n0`, `n1`, …, lanes `lane0`, …) so no name can clash with Mermaid's
 * syntax or keywords; every label is quoted and escaped with Mermaid's entity codes.
 */
export function toMermaid(graph: MapGraph): string {
  const ids = new Map<string, string>();
  graph.nodes.forEach((n, i) => ids.set(n.id, `n${i}`));
  const lines: string[] = [];
  lines.push(`%% ${escapeMermaid(graph.title).replace(/^\{/, '#123;')} (eventmodel map)`);
  lines.push('flowchart LR');

  const nodeLine = (n: MapNode, indent: string) => {
    const parts = n.kind === 'context' ? [n.label, ...n.detail] : [kindCaption(n), n.label, ...n.detail];
    const text = parts.map(escapeMermaid).join('<br/>');
    const [open, close] = SHAPE[n.kind] ?? ['[', ']'];
    lines.push(`${indent}${ids.get(n.id)}${open}"${text}"${close}`);
  };

  if (graph.groups.length > 0) {
    const grouped = new Set<string>();
    graph.groups.forEach((g, i) => {
      lines.push(`  subgraph lane${i}["${escapeMermaid(g.label)}"]`);
      lines.push('    direction LR');
      for (const id of g.nodeIds) {
        const n = graph.nodes.find((x) => x.id === id);
        if (n) {
          nodeLine(n, '    ');
          grouped.add(id);
        }
      }
      lines.push('  end');
    });
    for (const n of graph.nodes) if (!grouped.has(n.id)) nodeLine(n, '  ');
  } else {
    for (const n of graph.nodes) nodeLine(n, '  ');
  }

  const flowLinks: number[] = [];
  const sendLinks: number[] = [];
  graph.edges.forEach((e, i) => {
    const from = ids.get(e.source);
    const to = ids.get(e.target);
    if (!from || !to) return;
    const label = mermaidEdgeLabel(e);
    const text = label ? `|"${escapeMermaid(label)}"|` : '';
    lines.push(`  ${from} ${arrow(e)}${text} ${to}`);
    if (e.kind === 'eventFlow' || e.events) flowLinks.push(i);
    if (e.kind === 'sends') sendLinks.push(i);
  });

  // Colours as in the SVG export.
  lines.push(`  classDef context fill:${PALETTE.contextFill},stroke:${PALETTE.contextStroke},color:${PALETTE.text}`);
  for (const kind of ['command', 'event', 'policy', 'readModel', 'actor', 'externalSystem'] as const) {
    lines.push(`  classDef ${kind} fill:${PALETTE[kind].fill},stroke:${PALETTE[kind].stroke},color:${PALETTE.text}`);
  }
  const byKind = new Map<string, string[]>();
  for (const n of graph.nodes) byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), ids.get(n.id)!]);
  for (const [kind, list] of byKind) lines.push(`  class ${list.join(',')} ${kind}`);
  if (flowLinks.length) lines.push(`  linkStyle ${flowLinks.join(',')} stroke:${PALETTE.eventFlow},color:${PALETTE.eventFlow}`);
  if (sendLinks.length) lines.push(`  linkStyle ${sendLinks.join(',')} stroke:${PALETTE.sends},color:${PALETTE.sends}`);
  return lines.join('\n') + '\n';
}

/** Mermaid shapes: actors are stadiums, external systems subroutines (double-sided boxes). */
const SHAPE: Partial<Record<MapNode['kind'], [string, string]>> = { actor: ['([', '])'], externalSystem: ['[[', ']]'] };

function kindCaption(n: MapNode): string {
  return nodeText(n).caption ?? n.kind.toUpperCase();
}

function arrow(e: MapEdge): string {
  switch (e.kind) {
    case 'relationship':
      return e.symmetric ? '<-->' : '-->';
    case 'eventFlow':
    case 'feeds':
      return '-.->';
    case 'emits':
      return e.events ? '-.->' : '-->';
    default:
      return e.back ? '-.->' : '-->';
  }
}

function mermaidEdgeLabel(e: MapEdge): string {
  if (e.kind === 'relationship') {
    const notation = e.symmetric ? (e.sourceLabel ?? '') : e.sourceLabel ? `${e.sourceLabel} → ${e.targetLabel}` : '';
    return [notation, ...(e.relationshipLabels ?? [])].filter((t) => t !== '').join(' · ');
  }
  if (e.kind === 'eventFlow' || e.events || e.commands) return e.items.map((i) => i.label).join(', ');
  return e.label;
}

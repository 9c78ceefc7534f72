import type { Model } from '../model/model';
import { buildContextMap } from './context-map';
import { buildFlow, findCommand } from './flow';
import { layoutGraph } from './layout';
import { toMermaid } from './mermaid';
import { renderSvg } from './svg';
import type { LaidOutGraph, MapGraph } from './types';

export type MapFormat = 'svg' | 'mermaid' | 'json';

/** The map as JSON: the laid-out graph (absolute coordinates, source ranges), stable key order. */
export function toJson(graph: LaidOutGraph): string {
  return JSON.stringify(graph, null, 2) + '\n';
}

/** Renders a graph in one format (layout first where the format needs coordinates). */
export async function renderMap(graph: MapGraph, format: MapFormat): Promise<string> {
  if (format === 'mermaid') return toMermaid(graph);
  const laid = await layoutGraph(graph);
  return format === 'svg' ? renderSvg(laid) : toJson(laid);
}

export type MapRequest = { view: 'context' } | { view: 'flow'; command: string };

/**
 * The graph a request asks for, or a message for the user when the command is unknown or
 * ambiguous. Shared by the CLI and the webview host so both show the same thing.
 */
export function graphFor(model: Model, request: MapRequest): { ok: true; graph: MapGraph } | { ok: false; message: string } {
  if (request.view === 'context') return { ok: true, graph: buildContextMap(model) };
  const found = findCommand(model, request.command);
  if (!found.ok) return { ok: false, message: found.message };
  return { ok: true, graph: buildFlow(model, found.command) };
}

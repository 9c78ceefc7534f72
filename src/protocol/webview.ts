import type { SourceRange } from '../core/diagnostic';
import type { LaidOutGraph } from '../core/map/types';

/**
 * The protocol between the map webview and its host (the extension). Both sides validate what
 * they receive with these functions: the webview is treated as untrusted by the host.
 */

/** A command the user can open the flow view of. */
export interface CommandChoice {
  /** `Context.Name`. */
  id: string;
  context: string;
  name: string;
}

export type HostMessage =
  | {
      type: 'render';
      graph: LaidOutGraph;
      commands: CommandChoice[];
      /** Keep the user's zoom and pan (a live update of the same view). */
      preserveViewport: boolean;
      /** Set when the requested view could not be drawn (e.g. the command was renamed). */
      notice?: string;
    }
  | { type: 'error'; message: string }
  /** Asks the page what it shows (tests of the real extension use it). */
  | { type: 'ping'; id: number };

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'reveal'; range: SourceRange }
  | { type: 'showFlow'; command: string }
  | { type: 'showContextMap' }
  | { type: 'export'; format: 'svg' | 'mermaid' }
  /** The answer to `ping`, counted from the page's DOM. */
  | { type: 'pong'; id: number; view: 'context' | 'flow' | 'none'; nodes: number; edges: number };

const MAX_STRING = 2048;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function hasOnlyKeys(v: Record<string, unknown>, keys: string[]): boolean {
  return Object.keys(v).every((k) => keys.includes(k));
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0x7fffffff;
}

function isPosition(v: unknown): v is { line: number; character: number } {
  return isRecord(v) && hasOnlyKeys(v, ['line', 'character']) && isCount(v.line) && isCount(v.character);
}

/** A workspace-relative POSIX path that stays inside the workspace. */
function isSafeRelativePath(p: unknown): p is string {
  if (typeof p !== 'string' || p.length === 0 || p.length > MAX_STRING) return false;
  if (p.startsWith('/') || p.includes('\\') || /^[a-zA-Z]:/.test(p) || p.includes('\0')) return false;
  return p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

function isSourceRange(v: unknown): v is SourceRange {
  if (!isRecord(v) || !hasOnlyKeys(v, ['file', 'start', 'end', 'startOffset', 'endOffset'])) return false;
  if (!isSafeRelativePath(v.file) || !isPosition(v.start) || !isPosition(v.end) || !isCount(v.startOffset) || !isCount(v.endOffset)) return false;
  const s = v.start;
  const e = v.end;
  return (s.line < e.line || (s.line === e.line && s.character <= e.character)) && v.startOffset <= v.endOffset;
}

/** A message from the webview, or undefined when it is not exactly one of the known shapes. */
export function parseWebviewMessage(data: unknown): WebviewMessage | undefined {
  if (!isRecord(data) || typeof data.type !== 'string') return undefined;
  switch (data.type) {
    case 'ready':
    case 'showContextMap':
      return hasOnlyKeys(data, ['type']) ? { type: data.type } : undefined;
    case 'reveal': {
      if (!hasOnlyKeys(data, ['type', 'range']) || !isSourceRange(data.range)) return undefined;
      const r = data.range;
      return {
        type: 'reveal',
        range: {
          file: r.file,
          start: { line: r.start.line, character: r.start.character },
          end: { line: r.end.line, character: r.end.character },
          startOffset: r.startOffset,
          endOffset: r.endOffset,
        },
      };
    }
    case 'showFlow':
      if (!hasOnlyKeys(data, ['type', 'command']) || typeof data.command !== 'string' || data.command.length === 0 || data.command.length > MAX_STRING)
        return undefined;
      return { type: 'showFlow', command: data.command };
    case 'export':
      if (!hasOnlyKeys(data, ['type', 'format']) || (data.format !== 'svg' && data.format !== 'mermaid')) return undefined;
      return { type: 'export', format: data.format };
    case 'pong':
      if (!hasOnlyKeys(data, ['type', 'id', 'view', 'nodes', 'edges']) || !isCount(data.id) || !isCount(data.nodes) || !isCount(data.edges)) return undefined;
      if (data.view !== 'context' && data.view !== 'flow' && data.view !== 'none') return undefined;
      return { type: 'pong', id: data.id, view: data.view, nodes: data.nodes, edges: data.edges };
    default:
      return undefined;
  }
}

/** Light checks of a host message in the webview (the host is trusted, but the page must not crash on junk). */
export function parseHostMessage(data: unknown): HostMessage | undefined {
  if (!isRecord(data)) return undefined;
  if (data.type === 'error' && typeof data.message === 'string') return { type: 'error', message: data.message };
  if (data.type === 'ping' && isCount(data.id)) return { type: 'ping', id: data.id };
  if (data.type !== 'render' || !isRecord(data.graph) || !Array.isArray(data.commands) || typeof data.preserveViewport !== 'boolean') return undefined;
  const g = data.graph;
  if (
    g.schema !== 1 ||
    !Array.isArray(g.nodes) ||
    !Array.isArray(g.edges) ||
    !Array.isArray(g.groups) ||
    typeof g.width !== 'number' ||
    typeof g.height !== 'number'
  )
    return undefined;
  return data as HostMessage;
}

/** Every range a graph shows (nodes, edges, their items, lanes): the only ranges the host will reveal. */
export function rangesOf(graph: LaidOutGraph): SourceRange[] {
  const out: SourceRange[] = [];
  for (const n of graph.nodes) out.push(n.range);
  for (const g of graph.groups) out.push(g.range);
  for (const e of graph.edges) {
    out.push(e.range);
    for (const i of e.items) out.push(i.range);
  }
  return out;
}

export function rangeKey(r: SourceRange): string {
  return `${r.file}\u0000${r.startOffset}\u0000${r.endOffset}\u0000${r.start.line}:${r.start.character}\u0000${r.end.line}:${r.end.character}`;
}

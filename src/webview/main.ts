/**
 * The context map webview (browser side). Receives laid-out graphs from the host, draws them as
 * SVG (the same renderer as the CLI's export, built as DOM nodes: no model text is ever parsed
 * as markup), and reports user intent back: reveal a definition, open a command's flow, export.
 * Bundled by scripts/build-webview.mjs into dist/webview/map.js.
 */
import { describeEdge, kindName, renderSvgTree } from '../core/map/svg';
import { KIND_PLURAL } from '../core/map/style';
import { SAFE_NAME, type SvgElement } from '../core/map/svg-tree';
import { parseHostMessage, type CommandChoice, type HostMessage, type WebviewMessage } from '../protocol/webview';
import type { LaidOutEdge, LaidOutGraph, LaidOutNode, MapNode, MapNodeKind } from '../core/map/types';
import type { SourceRange } from '../core/diagnostic';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface ViewBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface SavedState {
  view: string;
  root?: string;
  viewBox: ViewBox;
  /** Node kinds the user unticked under "Show". */
  hiddenKinds?: string[];
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const MIN_ZOOM_SIZE = 40;
const vscode = acquireVsCodeApi();

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const canvas = $<HTMLElement>('canvas');
const tooltip = $<HTMLDivElement>('tooltip');
const status = $<HTMLDivElement>('status');
const selCommand = $<HTMLSelectElement>('sel-command');
const selContext = $<HTMLSelectElement>('sel-context');
const inpEvent = $<HTMLInputElement>('inp-event');
const dlEvents = $<HTMLDataListElement>('dl-events');
const btnContext = $<HTMLButtonElement>('btn-context');
const kindFilter = $<HTMLFieldSetElement>('kind-filter');

let graph: LaidOutGraph | undefined;
let svg: SVGSVGElement | undefined;
let viewBox: ViewBox = { x: 0, y: 0, w: 100, h: 100 };
let nodesById = new Map<string, LaidOutNode>();
let edgesById = new Map<string, LaidOutEdge>();
let restored = vscode.getState() as SavedState | undefined;
/** Whether the status line shows the filter's summary (not a notice from the host). */
let filterStatusShown = false;
/** Node kinds hidden by the "Show" filter; kept across views and live updates. */
const hiddenKinds = new Set<string>(Array.isArray(restored?.hiddenKinds) ? restored.hiddenKinds.filter((k) => typeof k === 'string') : []);

// --- rendering ---------------------------------------------------------------------------------

/** The renderer's element tree as DOM: element and attribute names checked, text as text nodes. */
function toDom(node: SvgElement): SVGElement {
  if (!SAFE_NAME.test(node.tag)) throw new Error('unexpected element');
  const el = document.createElementNS(SVG_NS, node.tag);
  for (const [name, value] of Object.entries(node.attrs)) {
    if (value === undefined) continue;
    if (!SAFE_NAME.test(name) || /^on/i.test(name)) throw new Error('unexpected attribute');
    el.setAttribute(name, String(value));
  }
  for (const child of node.children) el.appendChild(typeof child === 'string' ? document.createTextNode(child) : toDom(child));
  return el;
}

function render(message: Extract<HostMessage, { type: 'render' }>): void {
  const previous = graph;
  graph = message.graph;
  nodesById = new Map(graph.nodes.map((n) => [n.id, n]));
  edgesById = new Map(graph.edges.map((e) => [e.id, e]));
  const tree = renderSvgTree(graph, { interactive: true });
  tree.attrs.width = '100%';
  tree.attrs.height = '100%';
  tree.attrs.preserveAspectRatio = 'xMidYMid meet';
  const next = toDom(tree) as SVGSVGElement;
  const focusedId = (document.activeElement as Element | null)?.getAttribute?.('data-id') ?? undefined;

  const sameView = previous !== undefined && previous.view === graph.view && previous.root === graph.root;
  if (message.preserveViewport && sameView) {
    // keep viewBox as it is
  } else if (restored && restored.view === graph.view && restored.root === graph.root) {
    viewBox = restored.viewBox;
  } else {
    viewBox = fitBox();
  }
  restored = undefined;
  canvas.replaceChildren(next);
  svg = next;
  applyViewBox();
  if (focusedId) (svg.querySelector(`[data-id="${CSS.escape(focusedId)}"]`) as SVGElement | null)?.focus();

  setStatus(message.notice ?? '');
  filterStatusShown = false;
  updateControls(message.commands);
  applyFilter();
  document.body.dataset.view = graph.view;
}

function updateControls(commands: CommandChoice[]): void {
  if (!graph) return;
  const current = graph.view === 'flow' ? (graph.root?.replace(/^command:/, '') ?? '') : '';
  selCommand.replaceChildren(option('', 'Choose a command…'));
  const byContext = new Map<string, CommandChoice[]>();
  for (const c of commands) byContext.set(c.context, [...(byContext.get(c.context) ?? []), c]);
  for (const [ctx, list] of byContext) {
    const group = document.createElement('optgroup');
    group.label = ctx;
    for (const c of list) group.appendChild(option(c.id, c.name));
    selCommand.appendChild(group);
  }
  selCommand.value = current;
  btnContext.setAttribute('aria-pressed', String(graph.view === 'context'));

  const contexts = [
    ...new Set(graph.view === 'context' ? graph.nodes.filter((n) => n.kind === 'context').map((n) => n.label) : graph.groups.map((g) => g.context)),
  ].sort();
  const keepContext = selContext.value;
  selContext.replaceChildren(option('', 'All'), ...contexts.map((c) => option(c, c)));
  selContext.value = contexts.includes(keepContext) ? keepContext : '';

  const events = new Set<string>();
  for (const e of graph.edges) if (e.events) for (const i of e.items) events.add(i.label.replace(/@\d+$/, ''));
  for (const n of graph.nodes) if (n.kind === 'event') events.add(n.label);
  dlEvents.replaceChildren(...[...events].sort().map((e) => option(e, e)));

  updateKindFilter();
}

/** One checkbox per kind of node the view has (contexts always show on the context map). */
function updateKindFilter(): void {
  if (!graph) return;
  const counts = new Map<MapNodeKind, number>();
  for (const n of graph.nodes) counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
  const kinds = (Object.keys(KIND_PLURAL) as MapNodeKind[]).filter((k) => counts.has(k) && !(graph!.view === 'context' && k === 'context'));
  const legend = document.createElement('legend');
  legend.textContent = 'Show';
  const boxes = kinds.map((kind) => {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = `kind-${kind}`;
    box.value = kind;
    box.checked = !hiddenKinds.has(kind);
    box.addEventListener('change', () => {
      if (box.checked) hiddenKinds.delete(kind);
      else hiddenKinds.add(kind);
      applyFilter();
      saveState();
    });
    label.append(box, ` ${KIND_PLURAL[kind]} (${counts.get(kind)})`);
    return label;
  });
  kindFilter.replaceChildren(legend, ...boxes);
  kindFilter.hidden = boxes.length === 0;
}

function option(value: string, label: string): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  return o;
}

function setStatus(text: string): void {
  status.textContent = text;
  status.hidden = text === '';
}

// --- viewport ----------------------------------------------------------------------------------

function fitBox(): ViewBox {
  if (!graph) return { x: 0, y: 0, w: 100, h: 100 };
  return { x: 0, y: 0, w: Math.max(graph.width, 1), h: Math.max(graph.height, 1) };
}

function applyViewBox(): void {
  if (!svg) return;
  svg.setAttribute('viewBox', `${viewBox.x} ${viewBox.y} ${viewBox.w} ${viewBox.h}`);
  saveState();
}

function saveState(): void {
  vscode.setState({ view: graph?.view, root: graph?.root, viewBox, hiddenKinds: [...hiddenKinds] } satisfies Partial<SavedState>);
}

/** Graph units per screen pixel (the SVG keeps its aspect ratio: the larger ratio wins). */
function unitsPerPixel(): number {
  const r = canvas.getBoundingClientRect();
  return Math.max(viewBox.w / Math.max(r.width, 1), viewBox.h / Math.max(r.height, 1));
}

/** The graph point under a client (screen) point. */
function toGraph(clientX: number, clientY: number): { x: number; y: number } {
  const r = canvas.getBoundingClientRect();
  const k = unitsPerPixel();
  const offsetX = (r.width * k - viewBox.w) / 2;
  const offsetY = (r.height * k - viewBox.h) / 2;
  return { x: viewBox.x - offsetX + (clientX - r.left) * k, y: viewBox.y - offsetY + (clientY - r.top) * k };
}

function zoom(factor: number, clientX?: number, clientY?: number): void {
  const r = canvas.getBoundingClientRect();
  const cx = clientX ?? r.left + r.width / 2;
  const cy = clientY ?? r.top + r.height / 2;
  const p = toGraph(cx, cy);
  const limit = graph ? Math.max(graph.width, graph.height) * 8 : 1e6;
  const w = Math.min(Math.max(viewBox.w * factor, MIN_ZOOM_SIZE), limit);
  const h = (viewBox.h * w) / viewBox.w;
  viewBox = { x: p.x - ((p.x - viewBox.x) * w) / viewBox.w, y: p.y - ((p.y - viewBox.y) * h) / viewBox.h, w, h };
  applyViewBox();
}

function pan(dxPixels: number, dyPixels: number): void {
  const k = unitsPerPixel();
  viewBox = { ...viewBox, x: viewBox.x - dxPixels * k, y: viewBox.y - dyPixels * k };
  applyViewBox();
}

canvas.addEventListener(
  'wheel',
  (e) => {
    e.preventDefault();
    zoom(Math.exp(e.deltaY * 0.0015), e.clientX, e.clientY);
  },
  { passive: false },
);

let drag: { x: number; y: number; moved: boolean; id: number } | undefined;
canvas.addEventListener('pointerdown', (e) => {
  if (e.button !== 0) return;
  drag = { x: e.clientX, y: e.clientY, moved: false, id: e.pointerId };
});
canvas.addEventListener('pointermove', (e) => {
  if (!drag || drag.id !== e.pointerId) return;
  const dx = e.clientX - drag.x;
  const dy = e.clientY - drag.y;
  if (!drag.moved && Math.hypot(dx, dy) < 4) return;
  if (!drag.moved) {
    drag.moved = true;
    canvas.setPointerCapture(e.pointerId);
    canvas.classList.add('panning');
    hideTooltip();
  }
  pan(dx, dy);
  drag.x = e.clientX;
  drag.y = e.clientY;
});
const endDrag = (e: PointerEvent) => {
  if (!drag || drag.id !== e.pointerId) return;
  if (drag.moved) {
    canvas.releasePointerCapture(e.pointerId);
    canvas.classList.remove('panning');
    // Swallow the click that ends a pan.
    const swallow = (ev: Event) => ev.stopPropagation();
    canvas.addEventListener('click', swallow, { capture: true, once: true });
    setTimeout(() => canvas.removeEventListener('click', swallow, { capture: true }), 0);
  }
  drag = undefined;
};
canvas.addEventListener('pointerup', endDrag);
canvas.addEventListener('pointercancel', endDrag);

// --- interaction -------------------------------------------------------------------------------

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

/** The range an element of the map stands for: an edge's item (a label line), an edge, a node or a lane. */
function rangeAt(target: Element): SourceRange | undefined {
  const owner = target.closest('[data-id]');
  if (!owner || !graph) return undefined;
  const id = owner.getAttribute('data-id')!;
  const item = target.closest('[data-item]');
  const edge = edgesById.get(id);
  if (edge) {
    const index = item ? Number(item.getAttribute('data-item')) : NaN;
    return Number.isInteger(index) && edge.items[index] ? edge.items[index].range : edge.range;
  }
  const node = nodesById.get(id);
  if (node) return node.range;
  return graph.groups.find((g) => g.id === id)?.range;
}

function reveal(target: Element): void {
  const range = rangeAt(target);
  if (!range) return;
  post({ type: 'reveal', range });
}

canvas.addEventListener('click', (e) => {
  if (e.target instanceof Element && e.target.closest('.em-node, .em-edge, .em-lane-title')) reveal(e.target);
});

canvas.addEventListener('dblclick', (e) => {
  // Double-click on a command in the flow view, or nothing: no zoom surprises.
  e.preventDefault();
});

document.addEventListener('keydown', (e) => {
  const target = e.target as Element | null;
  const inField = target instanceof HTMLInputElement || target instanceof HTMLSelectElement;
  if (target instanceof Element && target.closest('.em-node, .em-edge') && (e.key === 'Enter' || e.key === ' ')) {
    e.preventDefault();
    reveal(target);
    return;
  }
  if (inField) return;
  const step = 60;
  switch (e.key) {
    case '+':
    case '=':
      zoom(1 / 1.25);
      break;
    case '-':
    case '_':
      zoom(1.25);
      break;
    case '0':
      viewBox = fitBox();
      applyViewBox();
      break;
    case 'ArrowLeft':
      pan(step, 0);
      break;
    case 'ArrowRight':
      pan(-step, 0);
      break;
    case 'ArrowUp':
      pan(0, step);
      break;
    case 'ArrowDown':
      pan(0, -step);
      break;
    case 'Escape':
      hideTooltip();
      return;
    default:
      return;
  }
  e.preventDefault();
});

// Keep focused elements visible: scroll the viewport to them when tabbing.
canvas.addEventListener('focusin', (e) => {
  const el = (e.target as Element).closest('[data-id]');
  if (!el || !graph) return;
  const node = nodesById.get(el.getAttribute('data-id')!);
  const box = node ?? boxOfEdge(edgesById.get(el.getAttribute('data-id')!));
  // Only when entirely out of sight: a click focuses too, and must not move the map.
  if (box && (box.x + box.width < viewBox.x || box.y + box.height < viewBox.y || box.x > viewBox.x + viewBox.w || box.y > viewBox.y + viewBox.h)) {
    viewBox = { ...viewBox, x: box.x + box.width / 2 - viewBox.w / 2, y: box.y + box.height / 2 - viewBox.h / 2 };
    applyViewBox();
  }
  showTooltip(el);
});
canvas.addEventListener('focusout', hideTooltip);

function boxOfEdge(edge: LaidOutEdge | undefined): { x: number; y: number; width: number; height: number } | undefined {
  if (!edge || edge.points.length === 0) return undefined;
  const xs = edge.points.map((p) => p.x);
  const ys = edge.points.map((p) => p.y);
  return { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
}

// --- hover details -----------------------------------------------------------------------------

function detailsOf(el: Element): { heading: string; lines: string[] } | undefined {
  const id = el.getAttribute('data-id');
  if (!id) return undefined;
  const node = nodesById.get(id);
  if (node) {
    const lines = [...node.detail];
    if (node.kind !== 'context') lines.unshift(`in ${node.context}`);
    // A context's single owner is in its detail already.
    const owners = (node.owners ?? []).filter((o) => o !== node.owner);
    if (owners.length) lines.push(`${node.owner ? 'also owned by' : 'owners'}: ${owners.join(', ')}`);
    if (node.tags?.length) lines.push(`tags: ${node.tags.join(', ')}`);
    for (const spec of node.specs ?? []) lines.push(`spec: ${spec}`);
    if (node.description) lines.push(node.description);
    lines.push(`${node.range.file}:${node.range.start.line + 1} — click or Enter to open`);
    return { heading: `${kindName(node)} ${node.label}`, lines };
  }
  const edge = edgesById.get(id);
  if (edge) {
    const text = describeEdge(edge, nodesById as ReadonlyMap<string, MapNode>);
    const [heading, ...rest] = text.split(/(?<=\.) /);
    return { heading, lines: [...rest, 'Click or Enter to open the declaration'] };
  }
  return undefined;
}

function showTooltip(el: Element, clientX?: number, clientY?: number): void {
  const details = detailsOf(el);
  if (!details) return hideTooltip();
  const heading = document.createElement('strong');
  heading.textContent = details.heading;
  const body = details.lines.map((l) => {
    const div = document.createElement('div');
    div.textContent = l;
    return div;
  });
  tooltip.replaceChildren(heading, ...body);
  tooltip.hidden = false;
  const r = el.getBoundingClientRect();
  const x = clientX ?? r.left + r.width / 2;
  const y = clientY ?? r.bottom;
  const tw = tooltip.offsetWidth;
  const th = tooltip.offsetHeight;
  tooltip.style.left = `${Math.max(4, Math.min(window.innerWidth - tw - 4, x + 12))}px`;
  tooltip.style.top = `${Math.max(4, y + 16 + th > window.innerHeight ? y - th - 12 : y + 16)}px`;
}

function hideTooltip(): void {
  tooltip.hidden = true;
}

canvas.addEventListener('pointermove', (e) => {
  if (drag?.moved) return;
  const el = e.target instanceof Element ? e.target.closest('.em-node, .em-edge') : null;
  if (el) showTooltip(el, e.clientX, e.clientY);
  else hideTooltip();
});
canvas.addEventListener('pointerleave', hideTooltip);

// --- filter ------------------------------------------------------------------------------------

function applyFilter(): void {
  if (!svg || !graph) return;
  const ctx = selContext.value;
  const ev = inpEvent.value.trim().toLowerCase();
  // Hidden kinds take their nodes, and every edge touching one, out of the drawing.
  const hidden = new Set(graph.nodes.filter((n) => hiddenKinds.has(n.kind)).map((n) => n.id));
  const shownEdges = graph.edges.filter((e) => !hidden.has(e.source) && !hidden.has(e.target));
  const shownNodes = graph.nodes.filter((n) => !hidden.has(n.id));
  let nodes: Set<string> | undefined;
  let edges: Set<string> | undefined;
  if (ctx || ev) {
    const ownNode = (n: LaidOutNode) => !ctx || n.context === ctx;
    const eventNode = (n: LaidOutNode) => n.kind === 'event' && n.label.toLowerCase().includes(ev);
    const own = new Set(shownNodes.filter(ownNode).map((n) => n.id));
    const named = new Set(shownNodes.filter(eventNode).map((n) => n.id));
    const edgeMatches = (e: LaidOutEdge) =>
      (!ctx || own.has(e.source) || own.has(e.target)) &&
      (!ev || (e.events !== undefined && e.items.some((i) => i.label.toLowerCase().includes(ev))) || named.has(e.source) || named.has(e.target));
    edges = new Set(shownEdges.filter(edgeMatches).map((e) => e.id));
    nodes = new Set(shownEdges.filter((e) => edges!.has(e.id)).flatMap((e) => [e.source, e.target]));
    // Nodes that satisfy every filter themselves stay visible even without a matching edge.
    for (const n of shownNodes) if (ownNode(n) && (!ev || eventNode(n))) nodes.add(n.id);
  }
  for (const el of svg.querySelectorAll('.em-node, .em-edge')) {
    const id = el.getAttribute('data-id')!;
    const isNode = el.classList.contains('em-node');
    const edge = isNode ? undefined : edgesById.get(id);
    const gone = isNode ? hidden.has(id) : edge !== undefined && (hidden.has(edge.source) || hidden.has(edge.target));
    const set = isNode ? nodes : edges;
    el.classList.toggle('em-hidden', gone);
    el.classList.toggle('em-dimmed', !gone && set !== undefined && !set.has(id));
  }
  canvas.setAttribute('data-filtered', String(nodes !== undefined || hidden.size > 0));
  // The filter's summary replaces an earlier summary, never a notice from the host.
  if (!status.hidden && !filterStatusShown) return;
  const what = graph.view === 'context' ? 'nodes' : 'steps';
  const text = nodes
    ? `${nodes.size} of ${shownNodes.length} ${what} match the filter${hidden.size ? ` (${hidden.size} hidden)` : ''}.`
    : hidden.size
      ? `${hidden.size} of ${graph.nodes.length} ${what} hidden by the filter.`
      : '';
  setStatus(text);
  filterStatusShown = text !== '';
}

selContext.addEventListener('change', applyFilter);
inpEvent.addEventListener('input', applyFilter);

// --- toolbar -----------------------------------------------------------------------------------

selCommand.addEventListener('change', () => {
  if (selCommand.value) post({ type: 'showFlow', command: selCommand.value });
});
btnContext.addEventListener('click', () => post({ type: 'showContextMap' }));
$<HTMLButtonElement>('btn-zoom-in').addEventListener('click', () => zoom(1 / 1.25));
$<HTMLButtonElement>('btn-zoom-out').addEventListener('click', () => zoom(1.25));
$<HTMLButtonElement>('btn-fit').addEventListener('click', () => {
  viewBox = fitBox();
  applyViewBox();
});
$<HTMLButtonElement>('btn-export-svg').addEventListener('click', () => post({ type: 'export', format: 'svg' }));
$<HTMLButtonElement>('btn-export-mermaid').addEventListener('click', () => post({ type: 'export', format: 'mermaid' }));

// --- host messages -----------------------------------------------------------------------------

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseHostMessage(event.data);
  if (!message) return;
  if (message.type === 'error') {
    setStatus(message.message);
    filterStatusShown = false;
    return;
  }
  if (message.type === 'ping') {
    post({
      type: 'pong',
      id: message.id,
      view: graph?.view ?? 'none',
      nodes: svg?.querySelectorAll('.em-node').length ?? 0,
      edges: svg?.querySelectorAll('.em-edge').length ?? 0,
    });
    return;
  }
  render(message);
});

post({ type: 'ready' });

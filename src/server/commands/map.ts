import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as MapEntry from './map-entry';
import type { MapFormat, MapRequest } from '../../core/map/export';
import type { LaidOutGraph, MapGraph } from '../../core/map/types';
import type { ModelFolder } from '../workspace/model-folder';
import type { MapExportParams, MapExportResult, MapParams, MapResult } from '../../protocol/lsp-ext';
import { rangesOf, type CommandChoice } from '../../protocol/webview';
import { LAYOUT_WORKER_ROLE, type LayoutRequest, type LayoutResponse } from './map-protocol';

let mapModule: typeof MapEntry | undefined;

function loadMap(): typeof MapEntry {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (mapModule ??= require('./map-entry') as typeof MapEntry);
}

/** The map bundle's file: dist/map.js beside the server bundle, map-entry.js beside this file when compiled by tsc. */
function mapEntryFile(): string | undefined {
  return [path.join(__dirname, 'map-entry.js'), path.join(__dirname, 'map.js')].find((f) => fs.existsSync(f));
}

type Pending = { resolve: (r: LayoutResponse) => void; reject: (e: Error) => void };
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * The layout engine in a worker thread: ELK runs synchronously for up to a second on a large map,
 * which in the server's thread would hold up every diagnostic meanwhile (an open map is laid out
 * again after each edit). Started in idle time after the first check and warmed with the folder's
 * context map, so the first map a user opens is laid out by a warm engine.
 */
class LayoutWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  failed = false;

  constructor(file: string) {
    this.worker = new Worker(file, { workerData: { role: LAYOUT_WORKER_ROLE } });
    this.worker.unref();
    this.worker.on('message', (r: LayoutResponse) => {
      const p = this.pending.get(r.id);
      this.pending.delete(r.id);
      p?.resolve(r);
    });
    const fail = (err: Error) => {
      this.failed = true;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`The map layout worker stopped (exit code ${code}).`)));
  }

  request(message: WithoutId<LayoutRequest>): Promise<LayoutResponse> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

let layoutWorker: LayoutWorker | undefined;
let workerUnavailable = false;

function worker(): LayoutWorker | undefined {
  if (layoutWorker?.failed) layoutWorker = undefined;
  if (!layoutWorker && !workerUnavailable) {
    const file = mapEntryFile();
    try {
      if (file) layoutWorker = new LayoutWorker(file);
      else workerUnavailable = true;
    } catch {
      workerUnavailable = true;
    }
  }
  return layoutWorker;
}

/** Lays a graph out in the worker, or here when there is none. */
async function layout(graph: MapGraph): Promise<LaidOutGraph> {
  const w = worker();
  if (w) {
    try {
      const r = await w.request({ kind: 'layout', graph });
      if (r.ok && r.graph) return r.graph;
      if (!r.ok) throw new Error(r.message);
    } catch {
      // a worker that failed is replaced next time; this request is laid out here
    }
  }
  return loadMap().layoutGraph(graph);
}

async function render(graph: MapGraph, format: MapFormat): Promise<string> {
  const w = format === 'mermaid' ? undefined : worker();
  if (w) {
    try {
      const r = await w.request({ kind: 'render', graph, format });
      if (r.ok && r.text !== undefined) return r.text;
      if (!r.ok) throw new Error(r.message);
    } catch {
      // rendered here instead
    }
  }
  return loadMap().renderMap(graph, format);
}

let warm: 'no' | 'scheduled' | 'warming' | 'done' = 'no';
let warmTimer: NodeJS.Timeout | undefined;

/**
 * Call after every check: once the server has been idle for `delayMs`, the map module is loaded
 * and the layout worker lays out the folder's context map once (the result is dropped), so the
 * first map request finds a warm engine. Each check in the meantime postpones it; once warm, this
 * does nothing.
 */
export function prewarmMapWhenIdle(folder: ModelFolder, log: (message: string) => void, delayMs = 1500): void {
  if (warm === 'warming' || warm === 'done') return;
  if (warmTimer) clearTimeout(warmTimer);
  warm = 'scheduled';
  warmTimer = setTimeout(() => void prewarm(folder, log), delayMs);
  warmTimer.unref();
}

async function prewarm(folder: ModelFolder, log: (message: string) => void): Promise<void> {
  warm = 'warming';
  const t0 = performance.now();
  try {
    let contexts = 0;
    if (worker()) {
      // The whole request once (graph, layout, the reply's JSON), then the layout again: ELK's code
      // is optimised over its first runs.
      const view = await mapView(folder, { folder: folder.uri, view: 'context' });
      if (view.ok) {
        JSON.stringify(view);
        contexts = view.graph.nodes.length;
        const found = loadMap().graphFor(folder.model, { view: 'context' });
        if (found.ok) await layout(found.graph);
      }
    } else loadMap();
    warm = 'done';
    log(`Map layout engine ready (warmed in ${Math.round(performance.now() - t0)} ms, ${contexts} contexts).`);
  } catch (err) {
    warm = 'done';
    log(`Map layout warm-up failed: ${(err as Error)?.stack ?? err}`);
  }
}

/** Whether layouts run in the worker thread (it started and has not failed). */
export function layoutWorkerRunning(): boolean {
  return layoutWorker !== undefined && !layoutWorker.failed;
}

/** Stops the layout worker (tests; the server's exit ends it anyway). */
export async function stopMapWorker(): Promise<void> {
  const w = layoutWorker;
  layoutWorker = undefined;
  if (w) await w.terminate();
}

/** The view a client asked for, or undefined when the parameters are not one of the two shapes. */
function requestOf(params: MapParams): MapRequest | undefined {
  if (params?.view === 'context') return { view: 'context' };
  if (params?.view === 'flow' && typeof params.command === 'string' && params.command.length > 0) return { view: 'flow', command: params.command };
  return undefined;
}

/**
 * `eventModeler/map`: the laid-out graph of a view of the folder's current model (unsaved editor
 * buffers included), the commands for the flow picker, and the files the panel may open. A flow
 * whose command no longer exists falls back to the context map with a notice.
 */
export async function mapView(folder: ModelFolder, params: MapParams): Promise<MapResult> {
  let request = requestOf(params);
  if (!request) return { ok: false, message: 'Unknown map view: expected the context map or the flow of a command.' };
  const map = loadMap();
  const model = folder.model;
  let notice: string | undefined;
  let found = map.graphFor(model, request);
  if (!found.ok) {
    notice = `${found.message} Showing the context map.`;
    request = { view: 'context' };
    found = map.graphFor(model, request);
  }
  if (!found.ok) return { ok: false, message: found.message };
  const graph = await layout(found.graph);
  const commands: CommandChoice[] = map.commandNames(model).map((id) => {
    const dot = id.indexOf('.');
    return { id, context: id.slice(0, dot), name: id.slice(dot + 1) };
  });
  const files = [...new Set(rangesOf(graph).map((r) => r.file))].filter((file) => model.files.has(file));
  return { ok: true, graph, commands, files, ...(notice ? { notice } : {}) };
}

/** `eventModeler/mapExport`: the view as SVG or Mermaid, the same text as `eventmodel map`. */
export async function exportMap(folder: ModelFolder, params: MapExportParams): Promise<MapExportResult> {
  const request = requestOf(params);
  if (!request) return { ok: false, message: 'Unknown map view: expected the context map or the flow of a command.' };
  if (params.format !== 'svg' && params.format !== 'mermaid')
    return { ok: false, message: `Unknown export format ${JSON.stringify(params.format)}: expected svg or mermaid.` };
  const map = loadMap();
  const found = map.graphFor(folder.model, request);
  if (!found.ok) return { ok: false, message: found.message };
  return { ok: true, text: await render(found.graph, params.format) };
}

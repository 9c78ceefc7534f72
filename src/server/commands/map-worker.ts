import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { layoutGraph, renderMap } from '../../core/map';
import { LAYOUT_WORKER_ROLE, type LayoutRequest, type LayoutResponse } from './map-protocol';

/**
 * When the map bundle runs as the server's layout worker, it answers layout and render requests
 * one at a time: ELK runs synchronously, so in the worker it never holds up the server's
 * diagnostics, and the worker's engine stays warm between requests. Does nothing elsewhere.
 */
export function serveLayouts(): void {
  const port = parentPort;
  if (isMainThread || !port || (workerData as { role?: string } | null)?.role !== LAYOUT_WORKER_ROLE) return;
  port.on('message', (request: LayoutRequest) => {
    void answer(request).then((response) => port.postMessage(response));
  });
}

async function answer(request: LayoutRequest): Promise<LayoutResponse> {
  try {
    if (request.kind === 'layout') return { id: request.id, ok: true, graph: await layoutGraph(request.graph) };
    return { id: request.id, ok: true, text: await renderMap(request.graph, request.format) };
  } catch (err) {
    return { id: request.id, ok: false, message: (err as Error)?.stack ?? String(err) };
  }
}

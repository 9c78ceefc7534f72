import type * as MapEntry from './map-entry';
import type { MapRequest } from '../../core/map/export';
import type { ModelFolder } from '../workspace/model-folder';
import type { MapExportParams, MapExportResult, MapParams, MapResult } from '../../protocol/lsp-ext';
import { rangesOf, type CommandChoice } from '../../protocol/webview';

let mapModule: typeof MapEntry | undefined;

function loadMap(): typeof MapEntry {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (mapModule ??= require('./map-entry') as typeof MapEntry);
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
  const graph = await map.layoutGraph(found.graph);
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
  return { ok: true, text: await map.renderMap(found.graph, params.format) };
}

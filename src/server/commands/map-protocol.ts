/**
 * Messages between the server and its map layout worker (see map-worker.ts). Kept apart from
 * both so that importing it pulls neither the layout engine into the server bundle nor the server
 * into the map bundle.
 */
import type { MapFormat } from '../../core/map/export';
import type { LaidOutGraph, MapGraph } from '../../core/map/types';

/** `workerData.role` of the layout worker: dist/map.js serves layouts when started with it. */
export const LAYOUT_WORKER_ROLE = 'eventmodel-map-layout';

export type LayoutRequest = { id: number; kind: 'layout'; graph: MapGraph } | { id: number; kind: 'render'; graph: MapGraph; format: MapFormat };

export type LayoutResponse = { id: number; ok: true; graph?: LaidOutGraph; text?: string } | { id: number; ok: false; message: string };

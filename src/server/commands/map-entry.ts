/**
 * The context map as the server loads it: bundled on its own (dist/map.js) and required on the
 * first map request only, so starting the server does not parse the layout engine (elkjs). The
 * same bundle is the server's layout worker (see map-worker.ts).
 */
import { serveLayouts } from './map-worker';

export { commandNames, graphFor, layoutGraph, renderMap } from '../../core/map';

serveLayouts();

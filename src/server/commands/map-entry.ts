/**
 * The context map as the server loads it: bundled on its own (dist/map.js) and required on the
 * first map request only, so starting the server does not parse the layout engine (elkjs).
 */
export { commandNames, graphFor, layoutGraph, renderMap } from '../../core/map';

/**
 * The map's pure core: graphs (context map, command flow), layout, and exports (SVG, Mermaid,
 * JSON). No `vscode`, no file system: the CLI, the language server and the webview all use it.
 */
export * from './types';
export { buildContextMap, patternNotation, contextNodeId } from './context-map';
export { buildFlow, findCommand, commandNames, definitionNodeId, type FlowOptions, type CommandLookup } from './flow';
export { layoutGraph, type LayoutOptions } from './layout';
export { renderSvg, renderSvgTree, describeNode, describeEdge, kindName, type SvgOptions } from './svg';
export { serializeSvg, type SvgElement } from './svg-tree';
export { toMermaid } from './mermaid';
export { toJson, renderMap, graphFor, type MapFormat, type MapRequest } from './export';
export { escapeXmlText, escapeXmlAttr, escapeHtml, escapeMermaid } from './escape';

import { escapeHtml } from '../core/map/escape';

export interface WebviewHtmlOptions {
  /** A fresh random nonce per page load (base64 or hex, ≥ 16 characters). */
  nonce: string;
  /** The webview's `cspSource` (where its local resources are served from). */
  cspSource: string;
  /** URIs of the bundle and stylesheet, as the webview sees them (`asWebviewUri`). */
  scriptUri: string;
  styleUri: string;
  title: string;
}

/** The Content-Security-Policy of the map page: only the nonce'd bundle runs, nothing remote loads. */
export function mapContentSecurityPolicy(nonce: string, cspSource: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * The map webview's page. No inline script or style: the bundle (`dist/webview/map.js`) and
 * stylesheet are loaded from the extension, the script only with the nonce. The graph arrives
 * later by message, so nothing from the model is written into the HTML except the escaped title.
 */
export function webviewHtml(o: WebviewHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(o.nonce)) throw new Error('webviewHtml: the nonce must be ≥ 16 base64/hex characters');
  if (!isCspSourceList(o.cspSource)) throw new Error('webviewHtml: unexpected characters in cspSource');
  const csp = mapContentSecurityPolicy(o.nonce, o.cspSource);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(o.styleUri)}" nonce="${escapeHtml(o.nonce)}">
<title>${escapeHtml(o.title)}</title>
</head>
<body>
<header class="toolbar" role="toolbar" aria-label="Map controls">
  <button id="btn-context" type="button" aria-pressed="true" title="Show the context map">Context map</button>
  <label for="sel-command">Flow of</label>
  <select id="sel-command" title="Show the flow of a command across contexts"><option value="">Choose a command…</option></select>
  <span class="sep" aria-hidden="true"></span>
  <label for="sel-context">Context</label>
  <select id="sel-context" title="Highlight one context and its neighbours"><option value="">All</option></select>
  <label for="inp-event">Event</label>
  <input id="inp-event" type="search" list="dl-events" placeholder="Filter by event" autocomplete="off" spellcheck="false">
  <datalist id="dl-events"></datalist>
  <span class="sep" aria-hidden="true"></span>
  <fieldset id="kind-filter" class="kinds" title="Show or hide kinds of nodes"><legend>Show</legend></fieldset>
  <span class="sep" aria-hidden="true"></span>
  <button id="btn-zoom-in" type="button" aria-label="Zoom in" title="Zoom in (+)">+</button>
  <button id="btn-zoom-out" type="button" aria-label="Zoom out" title="Zoom out (−)">−</button>
  <button id="btn-fit" type="button" title="Fit the whole map (0)">Fit</button>
  <span class="sep" aria-hidden="true"></span>
  <button id="btn-export-svg" type="button" class="secondary" title="Save the current view as SVG">Export SVG</button>
  <button id="btn-export-mermaid" type="button" class="secondary" title="Save the current view as a Mermaid flowchart">Export Mermaid</button>
</header>
<main id="canvas" aria-label="Map: Tab moves between contexts and relationships, Enter opens the definition, arrow keys pan, + and − zoom"></main>
<div id="tooltip" role="tooltip" hidden></div>
<div id="status" role="status" aria-live="polite"></div>
<script nonce="${escapeHtml(o.nonce)}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>
`;
}

/** One CSP source expression: a keyword like 'self', a scheme, or a host source with optional scheme, port and path. */
const CSP_SOURCE = /^(?:'self'|[a-z][a-z0-9+.-]*:|(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*\.)?[a-z0-9+-]+(?:\.[a-z0-9+-]+)*(?::(?:\d+|\*))?(?:\/[^\s;,'"<>]*)?)$/i;

/**
 * VS Code's `webview.cspSource` is a space-separated list (code-server's is
 * `'self' https://*.vscode-cdn.net`); each item must be a plain source expression, so nothing
 * can smuggle another directive (`;`) or an `'unsafe-…'` keyword into the policy.
 */
function isCspSourceList(value: string): boolean {
  const items = value.trim().split(/\s+/);
  return value.trim() !== '' && items.every((item) => CSP_SOURCE.test(item));
}

import assert from 'node:assert/strict';
import { layoutGraph, buildContextMap } from '../../../src/core/map';
import { parseHostMessage, parseWebviewMessage, rangeKey, rangesOf } from '../../../src/protocol/webview';
import { mapContentSecurityPolicy, webviewHtml } from '../../../src/webview/page';
import { diskWorkspace, SAMPLE } from '../helpers/workspace';

const range = { file: 'contexts/ordering.yaml', start: { line: 0, character: 9 }, end: { line: 0, character: 17 }, startOffset: 9, endOffset: 17 };

describe('map: webview protocol (host side validation)', () => {
  it('accepts exactly the known messages', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', range }), { type: 'reveal', range });
    assert.deepEqual(parseWebviewMessage({ type: 'showFlow', command: 'Ordering.PlaceOrder' }), { type: 'showFlow', command: 'Ordering.PlaceOrder' });
    assert.deepEqual(parseWebviewMessage({ type: 'showContextMap' }), { type: 'showContextMap' });
    assert.deepEqual(parseWebviewMessage({ type: 'export', format: 'mermaid' }), { type: 'export', format: 'mermaid' });
    assert.deepEqual(parseWebviewMessage({ type: 'pong', id: 1, view: 'flow', nodes: 3, edges: 2 }), { type: 'pong', id: 1, view: 'flow', nodes: 3, edges: 2 });
  });

  it('rejects anything else: junk, extra keys, bad ranges, paths leaving the workspace', () => {
    const bad: unknown[] = [
      null,
      'ready',
      [],
      { type: 'nope' },
      { type: 'ready', extra: 1 },
      { type: 'export', format: 'png' },
      { type: 'showFlow', command: '' },
      { type: 'showFlow', command: 'x'.repeat(5000) },
      { type: 'reveal' },
      { type: 'reveal', range: { ...range, file: '../etc/passwd' } },
      { type: 'reveal', range: { ...range, file: '/etc/passwd' } },
      { type: 'reveal', range: { ...range, file: 'C:/x.yaml' } },
      { type: 'reveal', range: { ...range, file: 'a\\..\\b.yaml' } },
      { type: 'reveal', range: { ...range, file: 'contexts/./a.yaml' } },
      { type: 'reveal', range: { ...range, start: { line: -1, character: 0 } } },
      { type: 'reveal', range: { ...range, start: { line: 1.5, character: 0 } } },
      { type: 'reveal', range: { ...range, start: { line: 9, character: 0 } } },
      { type: 'reveal', range: { ...range, startOffset: 20 } },
      { type: 'reveal', range: { ...range, evil: true } },
      { type: 'reveal', range: { ...range, start: { line: 0, character: 0, x: 1 } } },
      { type: 'pong', id: 1, view: 'other', nodes: 1, edges: 1 },
    ];
    for (const b of bad) assert.equal(parseWebviewMessage(b), undefined, JSON.stringify(b));
    // A reveal's range is copied: nothing else of the object reaches the host.
    const parsed = parseWebviewMessage(JSON.parse(JSON.stringify({ type: 'reveal', range })));
    assert.deepEqual(parsed, { type: 'reveal', range });
  });

  it('the webview only accepts render messages of the right shape', async () => {
    const graph = await layoutGraph(buildContextMap(diskWorkspace(SAMPLE).model));
    assert.ok(parseHostMessage({ type: 'render', graph, commands: [], preserveViewport: false }));
    assert.equal(parseHostMessage({ type: 'render', graph: { ...graph, schema: 2 }, commands: [], preserveViewport: false }), undefined);
    assert.equal(parseHostMessage({ type: 'render', graph }), undefined);
    assert.deepEqual(parseHostMessage({ type: 'ping', id: 3 }), { type: 'ping', id: 3 });
    // The host reveals only ranges it sent.
    const keys = new Set(rangesOf(graph).map(rangeKey));
    assert.ok(keys.has(rangeKey(graph.nodes[0].range)));
    assert.ok(!keys.has(rangeKey({ ...graph.nodes[0].range, endOffset: graph.nodes[0].range.endOffset + 1 })));
  });
});

describe('map: webview page', () => {
  const nonce = 'AbCdEfGhIjKlMnOpQrStUv12';
  const html = webviewHtml({
    nonce,
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/map.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/map.css',
    title: 'Map of "<script>alert(1)</script>" 🛒',
  });

  it('has a strict CSP: nonce-only scripts, no inline or remote resources', () => {
    const csp = mapContentSecurityPolicy(nonce, 'https://x.test');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, new RegExp(`script-src 'nonce-${nonce}'(;|$)`));
    assert.ok(!/unsafe-inline|unsafe-eval|\*/.test(csp));
    assert.ok(html.includes(`<script nonce="${nonce}" src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/map.js"></script>`));
    assert.equal((html.match(/<script/g) ?? []).length, 1, 'one script: the bundle');
    assert.ok(!/<style|style=|\son\w+=/i.test(html), 'no inline style or handlers');
  });

  it('escapes the title (HTML)', () => {
    assert.ok(html.includes('<title>Map of &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; 🛒</title>'));
    assert.ok(!html.includes('<script>alert'));
  });

  it('refuses a weak nonce or an odd cspSource', () => {
    assert.throws(() => webviewHtml({ nonce: 'short', cspSource: 'x', scriptUri: 'a', styleUri: 'b', title: 't' }));
    assert.throws(() => webviewHtml({ nonce, cspSource: "x; script-src 'unsafe-inline'", scriptUri: 'a', styleUri: 'b', title: 't' }));
    assert.throws(() => webviewHtml({ nonce, cspSource: "'self' 'unsafe-inline'", scriptUri: 'a', styleUri: 'b', title: 't' }));
    assert.throws(() => webviewHtml({ nonce, cspSource: 'https://a.b <script>', scriptUri: 'a', styleUri: 'b', title: 't' }));
  });

  it('accepts the source lists VS Code and code-server hand out', () => {
    for (const cspSource of [
      "'self' https://*.vscode-cdn.net",
      'https://file+.vscode-resource.vscode-cdn.net',
      'vscode-webview://abc123',
      'https://*.vscode-cdn.net:443',
    ]) {
      assert.match(webviewHtml({ nonce, cspSource, scriptUri: 'a', styleUri: 'b', title: 't' }), /Content-Security-Policy/, cspSource);
    }
  });
});

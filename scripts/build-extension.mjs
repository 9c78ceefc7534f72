#!/usr/bin/env node
// Bundles the VS Code extension with esbuild:
//   src/extension/extension.ts → dist/extension.js   (client; `vscode` external)
//   src/server/server.ts       → dist/server.js      (language server with the core)
//   --tests: test/vscode/*.ts  → out/test/vscode/*.js (mocha suite run inside the extension host)
//   --production: minified, no source maps (what `npm run package` ships)
//   --watch: rebuild on change
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const tests = args.has('--tests');
const watch = args.has('--watch');

/**
 * map-panel.ts (the context-map work) is bundled on its own (dist/map-panel.js) and required only
 * when the map is opened, so activation does not load the layout engine. Until it exists an empty
 * module stands in.
 */
const mapPanelSource = path.join(root, 'src/extension/map-panel.ts');
const hasMapPanel = fs.existsSync(mapPanelSource);
const lazyMapPanel = {
  name: 'lazy-map-panel',
  setup(build) {
    build.onResolve({ filter: /^\.\/map-panel$/ }, (a) => {
      if (!a.importer.endsWith(path.join('src', 'extension', 'map.ts'))) return undefined;
      return hasMapPanel ? { path: './map-panel.js', external: true } : { path: 'map-panel-missing', namespace: 'stub' };
    });
    build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/** The code generator is its own bundle (dist/codegen.js), required by the server on first use. */
const lazyCodegen = {
  name: 'lazy-codegen',
  setup(build) {
    build.onResolve({ filter: /^\.\/codegen-entry$/ }, (a) => (a.importer.endsWith(path.join('src', 'server', 'commands', 'generate.ts')) ? { path: './codegen.js', external: true } : undefined));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  keepNames: true,
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
  external: ['vscode'],
  plugins: [lazyMapPanel, lazyCodegen],
  // ESM dependencies (prettier, used by the code generator) read import.meta.url, undefined in CommonJS.
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('url').pathToFileURL(__filename).href;" },
};

const builds = [
  { ...common, entryPoints: { extension: path.join(root, 'src/extension/extension.ts') }, outdir: path.join(root, 'dist') },
  { ...common, entryPoints: { server: path.join(root, 'src/server/server.ts') }, outdir: path.join(root, 'dist') },
  {
    ...common,
    entryPoints: { codegen: path.join(root, 'src/server/commands/codegen-entry.ts') },
    outdir: path.join(root, 'dist'),
    // prettier's Node entry bundles every language plugin; TypeScript is all the generator formats.
    plugins: [...common.plugins, { name: 'prettier-typescript-only', setup: (b) => b.onResolve({ filter: /^prettier$/ }, () => ({ path: path.join(root, 'src/server/commands/prettier-shim.ts') })) }],
  },
];
if (hasMapPanel) builds.push({ ...common, entryPoints: { 'map-panel': mapPanelSource }, outdir: path.join(root, 'dist') });
if (tests) {
  const dir = path.join(root, 'test/vscode');
  const entries = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
  builds.push({ ...common, entryPoints: entries, outdir: path.join(root, 'out/test/vscode'), external: ['vscode', 'mocha'], sourcemap: 'linked', minify: false });
}

const t0 = Date.now();
if (production) {
  // Source maps of a previous development build must not end up in the package.
  for (const f of fs.existsSync(path.join(root, 'dist')) ? fs.readdirSync(path.join(root, 'dist')) : []) if (f.endsWith('.js.map')) fs.rmSync(path.join(root, 'dist', f));
}
// The map webview's browser bundle has its own script (context-map work).
const webviewScript = path.join(root, 'scripts/build-webview.mjs');
if (fs.existsSync(webviewScript) && !watch) await (await import(pathToFileURL(webviewScript).href)).buildWebview();
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('[build-extension] watching…');
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build({ ...b, metafile: true })));
  const sizes = results.flatMap((r) => Object.entries(r.metafile.outputs)).filter(([f]) => f.endsWith('.js')).map(([f, o]) => `${path.relative(root, f)} ${(o.bytes / 1024).toFixed(0)} KB`);
  console.log(`[build-extension] ${production ? 'production ' : ''}build in ${Date.now() - t0} ms: ${sizes.join(', ')}`);
}

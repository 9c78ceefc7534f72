#!/usr/bin/env node
// Bundles the VS Code extension with esbuild:
//   src/extension/extension.ts → dist/extension.js   (client and map panel; `vscode` external; no core model)
//   src/server/server.ts       → dist/server.js      (language server with the core)
//   src/server/commands/codegen-entry.ts → dist/codegen.js, map-entry.ts → dist/map.js
//                                                    (required by the server on first use)
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
 * The code generator (dist/codegen.js) and the map layout (dist/map.js, elkjs) are bundles of their
 * own, required by the server on first use, so starting the server parses neither.
 */
const lazyEntries = {
  name: 'lazy-entries',
  setup(build) {
    const commands = path.join('src', 'server', 'commands');
    build.onResolve({ filter: /^\.\/codegen-entry$/ }, (a) =>
      a.importer.endsWith(path.join(commands, 'generate.ts')) ? { path: './codegen.js', external: true } : undefined,
    );
    build.onResolve({ filter: /^\.\/map-entry$/ }, (a) =>
      a.importer.endsWith(path.join(commands, 'map.ts')) ? { path: './map.js', external: true } : undefined,
    );
  },
};

/**
 * The client only displays what the server computes: the model, YAML, JSON Schema and layout
 * libraries must never reach dist/extension.js (the build fails when one does).
 */
const NOT_IN_CLIENT = [
  /node_modules[\\/](yaml|elkjs|ajv|ajv-formats|handlebars|json-schema-to-typescript|picomatch|prettier)[\\/]/,
  /src[\\/]core[\\/](model|rules|compat|codegen|workspace|evolution)[\\/]/,
  /src[\\/]core[\\/]map[\\/](layout|context-map|flow|export)\.ts$/,
];

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
  plugins: [lazyEntries],
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
    plugins: [
      ...common.plugins,
      {
        name: 'prettier-typescript-only',
        setup: (b) => b.onResolve({ filter: /^prettier$/ }, () => ({ path: path.join(root, 'src/server/commands/prettier-shim.ts') })),
      },
    ],
  },
  { ...common, entryPoints: { map: path.join(root, 'src/server/commands/map-entry.ts') }, outdir: path.join(root, 'dist') },
];
if (tests) {
  const dir = path.join(root, 'test/vscode');
  const entries = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
  builds.push({
    ...common,
    entryPoints: entries,
    outdir: path.join(root, 'out/test/vscode'),
    external: ['vscode', 'mocha'],
    sourcemap: 'linked',
    minify: false,
  });
}

const t0 = Date.now();
if (production) {
  // Source maps of a previous development build must not end up in the package.
  for (const f of fs.existsSync(path.join(root, 'dist')) ? fs.readdirSync(path.join(root, 'dist')) : [])
    if (f.endsWith('.js.map')) fs.rmSync(path.join(root, 'dist', f));
}
// The map webview's browser bundle (dist/webview/) has its own script.
if (!watch) await (await import(pathToFileURL(path.join(root, 'scripts/build-webview.mjs')).href)).buildWebview();
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('[build-extension] watching…');
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build({ ...b, metafile: true })));
  const client = results[0].metafile.inputs;
  const leaked = Object.keys(client).filter((f) => NOT_IN_CLIENT.some((re) => re.test(f)));
  if (leaked.length) {
    const more = leaked.length > 8 ? `\n  … and ${leaked.length - 8} more` : '';
    console.error(
      `[build-extension] dist/extension.js must not bundle the model or the layout (the server computes, the client displays):\n  ${leaked.slice(0, 8).join('\n  ')}${more}`,
    );
    process.exit(1);
  }
  const sizes = results
    .flatMap((r) => Object.entries(r.metafile.outputs))
    .filter(([f]) => f.endsWith('.js'))
    .map(([f, o]) => `${path.relative(root, f)} ${(o.bytes / 1024).toFixed(0)} KB`);
  console.log(`[build-extension] ${production ? 'production ' : ''}build in ${Date.now() - t0} ms: ${sizes.join(', ')}`);
}

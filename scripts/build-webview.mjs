#!/usr/bin/env node
// Bundles the context map webview: src/webview/main.ts → dist/webview/map.js (one IIFE, no
// imports at run time: the page's CSP allows only this nonce'd script), and copies map.css.
// Usage: node scripts/build-webview.mjs [--watch]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist/webview');

export const options = {
  absWorkingDir: ROOT,
  entryPoints: ['src/webview/main.ts'],
  outfile: 'dist/webview/map.js',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome114'],
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
};

export async function buildWebview() {
  mkdirSync(OUT, { recursive: true });
  copyFileSync(join(ROOT, 'src/webview/map.css'), join(OUT, 'map.css'));
  const result = await esbuild.build(options);
  if (result.errors.length) throw new Error('webview build failed');
  return { script: join(OUT, 'map.js'), style: join(OUT, 'map.css') };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--watch')) {
    mkdirSync(OUT, { recursive: true });
    copyFileSync(join(ROOT, 'src/webview/map.css'), join(OUT, 'map.css'));
    const ctx = await esbuild.context(options);
    await ctx.watch();
    console.log('watching src/webview …');
  } else {
    const out = await buildWebview();
    console.log(`built ${out.script}`);
  }
}

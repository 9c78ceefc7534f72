// Builds a model with its user code the way a user would: copy it, `eventmodel generate` (the real
// writer), `tsc`, then load the compiled JavaScript. One build per model and module system per test
// process; the temp folders go when the process exits.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../../../src/core';
import { NodeHost } from '../../../../src/node/fs-host';
import { generateWorkspace } from '../../../../src/node/generate-run';

export const REPO = path.resolve(__dirname, '../../../../..');
export const TSC = path.join(REPO, 'node_modules/typescript-native/bin/tsc');
export const MODELS = { retail: path.join(REPO, 'samples/retail'), shop: path.join(REPO, 'test/fixtures/runtime/shop') } as const;
export type ModelName = keyof typeof MODELS;

export interface BuiltModel {
  readonly root: string;
  /** The compiled `src/` (CommonJS: dist/…; ESM: dist/… below a "type": "module" package.json). */
  readonly dist: string;
  /** `require` of a compiled module, relative to `dist` (CommonJS builds). */
  load<T = Loaded>(rel: string): T;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loaded = any;

const temps: string[] = [];
process.on('exit', () => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

const builds = new Map<string, Promise<BuiltModel>>();

export function buildModel(name: ModelName, module: 'commonjs' | 'esm' = 'commonjs'): Promise<BuiltModel> {
  const key = `${name}:${module}`;
  let build = builds.get(key);
  if (!build) builds.set(key, (build = doBuild(name, module)));
  return build;
}

async function doBuild(name: ModelName, module: 'commonjs' | 'esm'): Promise<BuiltModel> {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `eventmodel-runtime-${name}-`)));
  temps.push(root);
  const from = MODELS[name];
  const skip = new Set(['node_modules', 'out', 'dist', 'tsconfig.json']);
  fs.cpSync(from, root, { recursive: true, filter: (source) => path.dirname(source) !== from || !skip.has(path.basename(source)) });
  fs.rmSync(path.join(root, 'src/generated'), { recursive: true, force: true });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  // A Node ESM package: the generated code follows package.json; your code needs `.js` on its relative imports.
  if (module === 'esm') fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  const result = await generateWorkspace(root, new Workspace(new NodeHost(root)), { mode: 'write', allowWorkspaceTemplates: false });
  if (result.status !== 'ok')
    throw new Error(
      `generate ${name}: ${JSON.stringify({ diagnostics: result.diagnostics, problems: result.plan?.problems, write: result.report?.problems })}`,
    );
  const created = result.report?.created.filter((file) => !file.startsWith('src/generated/')) ?? [];
  if (created.length > 0) throw new Error(`generate ${name}: scaffolds without user code: ${created.join(', ')}`);
  if (module === 'esm') addJsExtensions(path.join(root, 'src'));
  const compilerOptions = {
    target: 'ES2022',
    lib: ['ES2022'],
    types: ['node'],
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    rootDir: 'src',
    outDir: 'dist',
    ...(module === 'esm' ? { module: 'nodenext', moduleResolution: 'nodenext' } : { module: 'commonjs' }),
  };
  fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src/**/*.ts'] }, null, 2));
  const tsc = spawnSync(TSC, ['-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  if (tsc.status !== 0) throw new Error(`tsc ${name} (${module}): ${tsc.stdout}${tsc.stderr}`);
  const dist = path.join(root, 'dist');
  // The compiled app is loaded at run time from a temp folder: a dynamic require by design.
  return { root, dist, load: (rel) => require(path.join(dist, rel)) };
}

/** `./x` → `./x.js`, a folder `./x` → `./x/index.js`, in every relative import of the user's files. */
function addJsExtensions(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated') addJsExtensions(file);
      continue;
    }
    if (!entry.name.endsWith('.ts')) continue;
    const text = fs.readFileSync(file, 'utf8').replace(/(from\s+["'])(\.{1,2}\/[^"']+?)(["'])/g, (all, open: string, spec: string, close: string) => {
      if (spec.endsWith('.js')) return all;
      const target = path.resolve(dir, spec);
      return `${open}${spec}${fs.existsSync(target) && fs.statSync(target).isDirectory() ? '/index.js' : '.js'}${close}`;
    });
    fs.writeFileSync(file, text);
  }
}

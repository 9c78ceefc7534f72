import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { MemoryHost, Workspace } from '../../../src/core';
import { GenerationCache, planGeneration, type ModuleSystem } from '../../../src/core/codegen';
import { modelSpec, renderModel } from './arbitrary-model';
import { builtinTemplates, cleanTemps, REPO, tempDir, TSC } from './helpers';
import { generatedWire, modelWire } from './wire';
import { spawn } from 'node:child_process';

/** How many random models (EVENTMODEL_PROPERTY_RUNS overrides), and the seed (EVENTMODEL_PROPERTY_SEED). */
const RUNS = Number(process.env.EVENTMODEL_PROPERTY_RUNS ?? 200);
const SEED = Number(process.env.EVENTMODEL_PROPERTY_SEED ?? 20240611);

function runTsc(cwd: string, config: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSC, ['-p', config], { cwd });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (status) => resolve({ status, output }));
  });
}

describe('codegen property: every random valid model generates code that compiles (CommonJS and Node ESM)', function () {
  this.timeout(900_000);
  after(cleanTemps);

  it(`${RUNS} random valid models: valid for the core, planned without error, and tsc --strict clean in both module systems`, async () => {
    const templates = builtinTemplates();
    const root = tempDir('eventmodel-property-');
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    fs.mkdirSync(path.join(root, 'esm'));
    fs.writeFileSync(path.join(root, 'esm/package.json'), JSON.stringify({ type: 'module', private: true }));
    const models: Record<string, string>[] = [];
    let index = 0;
    await fc.assert(
      fc.asyncProperty(modelSpec, async (spec) => {
        const files = renderModel(spec);
        const workspace = new Workspace(new MemoryHost(files));
        const errors = workspace.diagnostics().filter((d) => d.severity === 'error');
        assert.deepEqual(
          errors.map((d) => `${d.location.file}:${d.location.start.line + 1} ${d.rule} ${d.message}`),
          [],
          'the random model is valid',
        );
        const cache = new GenerationCache();
        const id = index++;
        for (const module of ['commonjs', 'esm'] as ModuleSystem[]) {
          const plan = await planGeneration(workspace.model, { templates, defaultModule: module, cache });
          assert.deepEqual(
            plan.problems.filter((p) => p.severity === 'error'),
            [],
            `${module}: planned without error`,
          );
          assert.ok(plan.files.length > 0);
          // The envelopes carry exactly the wire identity the model defines (wireIdentity()).
          assert.deepEqual(Object.fromEntries(generatedWire(plan.files)), Object.fromEntries(modelWire(workspace.model)), `${module}: wire identity`);
          const dir = path.join(root, module === 'esm' ? 'esm' : 'cjs', `m${id}`);
          for (const f of plan.files) {
            fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
            fs.writeFileSync(path.join(dir, f.path), f.content);
          }
        }
        models[id] = files;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    assert.equal(models.length, RUNS);

    // One tsc per module system over every model (each in its own folder) keeps this fast.
    const common = { strict: true, noEmit: true, target: 'ES2022', types: ['node'], skipLibCheck: true };
    fs.writeFileSync(path.join(root, 'tsconfig.cjs.json'), JSON.stringify({ compilerOptions: { ...common, module: 'commonjs' }, include: ['cjs/**/*.ts'] }));
    fs.writeFileSync(
      path.join(root, 'tsconfig.esm.json'),
      JSON.stringify({ compilerOptions: { ...common, module: 'nodenext', moduleResolution: 'nodenext' }, include: ['esm/**/*.ts'] }),
    );
    const [cjs, esm] = await Promise.all([runTsc(root, 'tsconfig.cjs.json'), runTsc(root, 'tsconfig.esm.json')]);
    const report = (output: string) => {
      const failing = new Map<number, string[]>();
      for (const line of output.split('\n')) {
        const m = /^(?:cjs|esm)\/m(\d+)\//.exec(line);
        if (!m) continue;
        const list = failing.get(Number(m[1])) ?? [];
        list.push(line);
        failing.set(Number(m[1]), list);
      }
      const [first] = failing.keys();
      if (first === undefined) return output;
      const files = Object.entries(models[first])
        .filter(([p]) => !p.startsWith('schemas/'))
        .map(([p, t]) => `--- ${p}\n${t}`)
        .join('\n');
      return `${failing.size} model(s) fail to compile (seed ${SEED}); model m${first}:\n${failing.get(first)!.slice(0, 20).join('\n')}\n${files}`;
    };
    assert.equal(cjs.status, 0, `CommonJS: ${report(cjs.output)}`);
    assert.equal(esm.status, 0, `Node ESM: ${report(esm.output)}`);
  });
});

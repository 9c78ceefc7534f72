 
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { MemoryHost, Workspace } from '../src/core';
import { generateSyntheticModel, SYNTHETIC } from './synthetic';

/**
 * `npm run bench`: prints figures and ratios for the synthetic large model. Targets are printed
 * next to the figures; nothing here fails a build (timings on shared machines are noisy).
 */
type Figures = Record<string, number>;

function time<T>(fn: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const value = fn();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

function row(label: string, value: string, target = ''): void {
  console.log(`  ${label.padEnd(48)} ${value.padStart(12)}   ${target}`);
}

function modelBench(files: Record<string, string>): Figures {
  const yamlFiles = Object.entries(files).filter(([p]) => /\.ya?ml$|\.json$/.test(p));
  const parseRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    parseRuns.push(
      time(() => {
        for (const [, text] of yamlFiles) parseDocument(text, { uniqueKeys: false });
      })[1],
    );
  }
  const fullRuns: number[] = [];
  let ws!: Workspace;
  let count = 0;
  for (let i = 0; i < 3; i++) {
    const [n, ms] = time(() => {
      ws = new Workspace(new MemoryHost(files));
      return ws.diagnostics().length;
    });
    count = n;
    fullRuns.push(ms);
  }
  const editable = Object.keys(files)
    .filter((p) => p.startsWith('contexts/'))
    .sort();
  const edits: number[] = [];
  for (let i = 0; i < 25; i++) {
    const file = editable[(i * 37) % editable.length];
    // A realistic keystroke: a description changes, and every other edit breaks a reference.
    const text = files[file]
      .replace(/description: .*/, `description: edited ${i}.`)
      .replace(i % 2 ? 'emits: [Thing3Happened]' : '@@', 'emits: [Thing3Hapened]');
    edits.push(
      time(() => {
        ws.update(file, text);
        return ws.diagnostics().length;
      })[1],
    );
  }
  return {
    files: yamlFiles.length,
    diagnostics: count,
    rawParseMs: median(parseRuns),
    fullValidateMs: median(fullRuns),
    fullValidateColdMs: fullRuns[0],
    editMedianMs: median(edits),
    editP95Ms: percentile(edits, 95),
  };
}

async function optional(name: string, files: Record<string, string>): Promise<Figures | undefined> {
  const file = path.join(__dirname, `${name}.bench.js`);
  if (!fs.existsSync(file)) return undefined;
   
  const mod = require(file) as { run(files: Record<string, string>): Promise<Figures> };
  return mod.run(files);
}

async function main(): Promise<void> {
  const files = generateSyntheticModel();
  const bytes = Object.values(files).reduce((n, t) => n + t.length, 0);
  console.log(
    `Synthetic model: ${SYNTHETIC.contexts} contexts, ${SYNTHETIC.contexts * SYNTHETIC.eventsPerContext} events × 3 versions, ` +
      `${SYNTHETIC.contexts * SYNTHETIC.eventsPerContext} commands, ${SYNTHETIC.contexts * SYNTHETIC.policiesPerContext} policies, ${(bytes / 1e6).toFixed(1)} MB of YAML\n`,
  );

  const m = modelBench(files);
  console.log('Model core');
  row('raw yaml parse of all files (median of 3)', fmt(m.rawParseMs));
  row('full load + validate (median of 3)', fmt(m.fullValidateMs), `ratio ${(m.fullValidateMs / m.rawParseMs).toFixed(2)}× parse (target ≤ 2×)`);
  row('full load + validate, first run (cold)', fmt(m.fullValidateColdMs));
  row('re-validate after one edit, median (25 edits)', fmt(m.editMedianMs));
  row('re-validate after one edit, p95', fmt(m.editP95Ms), 'target ≤ 30 ms');
  row('diagnostics on the model', String(m.diagnostics));

  for (const [name, title] of [
    ['compat', 'Compatibility'],
    ['codegen', 'Code generation'],
    ['map', 'Context map'],
    ['server', 'Language server'],
    ['runtime', 'Generated runtime on Emmett (retail sample; PostgreSQL with fsync on)'],
  ] as const) {
    const figures = await optional(name, files);
    if (!figures) continue;
    console.log(`\n${title}`);
    for (const [k, v] of Object.entries(figures)) row(k, /Ms$/.test(k) ? fmt(v) : String(v));
  }
  console.log(`\nPeak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});

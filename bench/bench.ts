import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { MemoryHost, Workspace } from '../src/core';
import { PARSE_OPTIONS } from '../src/core/model/yaml-reparse';
import { profile } from './profile';
import { fmt, header, load, median, percentile, row, spread, time } from './stats';
import { generateSyntheticModel, SYNTHETIC } from './synthetic';

/**
 * `npm run bench`: figures for the synthetic large model, each beside its floor measured in the
 * same run (the raw `yaml` parse of what was edited, Node's start-up, the layout alone…) and its
 * target. Nothing here fails a build: the machine may be shared, so every figure is a median (and
 * p95) over many runs, the load average is printed with each section, and a CPU profile of the
 * keystroke loop shows where the time goes (`--no-profile` skips it).
 */
type Figures = Record<string, number>;
interface ModelFigures {
  edits: number[];
  editParses: number[];
  files: number;
  diagnostics: number;
  rawParseMs: number;
  fullValidateMs: number;
  fullValidateColdMs: number;
  editMedianMs: number;
  editP95Ms: number;
  editParseMedianMs: number;
  editParseP95Ms: number;
  recheckedMedian: number;
  replaceMedianMs: number;
  replaceP95Ms: number;
  replaceParseMedianMs: number;
}

const ROOT = [path.resolve(__dirname, '..', '..'), path.resolve(__dirname, '..')].find((d) => fs.existsSync(path.join(d, 'package.json')))!;
const KEYSTROKES = 200;

/** One keystroke-sized edit of a context file of the synthetic model (a single changed region), alternating kinds. */
export function keystroke(text: string, i: number): string {
  switch (i % 4) {
    case 0:
    case 1:
      // A reference misspelt, then fixed (the diagnostics of the file change each time).
      return text.includes('emits: [Thing3Hapened]')
        ? text.replace('emits: [Thing3Hapened]', 'emits: [Thing3Happened]')
        : text.replace('emits: [Thing3Happened]', 'emits: [Thing3Hapened]');
    case 2:
      // A letter typed in the context's description.
      return text.replace(/^(description: .*)\.$/m, (_m, d: string) => `${d}${String.fromCharCode(97 + (i % 26))}.`);
    default:
      // A property added to a command's payload schema, or removed again.
      return text.includes('        note3: { type: string }\n')
        ? text.replace('        note3: { type: string }\n', '')
        : text.replace('        amount3: { type: number, minimum: 0 }\n', '        amount3: { type: number, minimum: 0 }\n        note3: { type: string }\n');
  }
}

function modelBench(files: Record<string, string>): ModelFigures {
  const yamlFiles = Object.entries(files).filter(([p]) => /\.ya?ml$|\.json$/.test(p));
  const parseRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    parseRuns.push(
      time(() => {
        for (const [, text] of yamlFiles) parseDocument(text, PARSE_OPTIONS);
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
  const current = new Map(editable.map((p) => [p, files[p]]));
  const edits: number[] = [];
  const rechecked: number[] = [];
  const texts: string[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    const file = editable[(i * 37) % editable.length];
    const text = keystroke(current.get(file)!, i);
    current.set(file, text);
    texts.push(text);
    edits.push(
      time(() => {
        ws.update(file, text);
        return ws.diagnostics().length;
      })[1],
    );
    rechecked.push(ws.lastCheckedFiles().length);
  }
  // The floor: `yaml` alone parsing each edited file's new text (a pass of its own, so its garbage
  // is not collected during the edits).
  const parses = texts.map((text) => time(() => parseDocument(text, PARSE_OPTIONS))[1]);
  // A file's text replaced with changes in two places (a paste, a change on disk): parsed in full.
  const replaced: number[] = [];
  const replacedTexts: string[] = [];
  for (let i = 0; i < 25; i++) {
    const file = editable[(i * 53) % editable.length];
    const text = files[file]
      .replace(/description: .*/, `description: replaced ${i}.`)
      .replace(i % 2 ? 'emits: [Thing3Happened]' : '@@', 'emits: [Thing3Hapened]');
    replacedTexts.push(text);
    replaced.push(
      time(() => {
        ws.update(file, text);
        return ws.diagnostics().length;
      })[1],
    );
  }
  const replacedParses = replacedTexts.map((text) => time(() => parseDocument(text, PARSE_OPTIONS))[1]);
  return {
    edits,
    editParses: parses,
    files: yamlFiles.length,
    diagnostics: count,
    rawParseMs: median(parseRuns),
    fullValidateMs: median(fullRuns),
    fullValidateColdMs: fullRuns[0],
    editMedianMs: median(edits),
    editP95Ms: percentile(edits, 95),
    editParseMedianMs: median(parses),
    editParseP95Ms: percentile(parses, 95),
    recheckedMedian: median(rechecked),
    replaceMedianMs: median(replaced),
    replaceP95Ms: percentile(replaced, 95),
    replaceParseMedianMs: median(replacedParses),
  };
}

/** The model's files in a temp folder (the CLI and the language server read them from disk). */
function writeModel(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'em-bench-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** `node -e 0` (median of 5): the floor of anything that starts a process. */
function nodeStartup(): number {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) runs.push(time(() => spawnSync(process.execPath, ['-e', '0']))[1]);
  return median(runs);
}

function cliValidate(dir: string): number {
  return time(() => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'eventmodel.js'), 'validate', dir], { stdio: 'ignore' }))[1];
}

/** `--only=server,codegen`: run those sections (beside the model core, which every floor needs). */
const ONLY = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

async function optional(name: string, ...args: unknown[]): Promise<Figures | undefined> {
  if (ONLY && !ONLY.includes(name)) return undefined;
  const file = path.join(__dirname, `${name}.bench.js`);
  if (!fs.existsSync(file)) return undefined;
  const mod = require(file) as { run(...args: unknown[]): Promise<Figures> };
  return mod.run(...args);
}

function printOthers(title: string, figures: Figures | undefined): void {
  if (!figures) return;
  header(title);
  for (const [k, v] of Object.entries(figures)) row(k, /Ms$/.test(k) ? fmt(v) : String(v));
}

async function main(): Promise<void> {
  const files = generateSyntheticModel();
  const bytes = Object.values(files).reduce((n, t) => n + t.length, 0);
  console.log(
    `Synthetic model: ${SYNTHETIC.contexts} contexts, ${SYNTHETIC.contexts * SYNTHETIC.eventsPerContext} events × 3 versions, ` +
      `${SYNTHETIC.contexts * SYNTHETIC.eventsPerContext} commands, ${SYNTHETIC.contexts * SYNTHETIC.policiesPerContext} policies, ` +
      `${(bytes / 1e6).toFixed(1)} MB of YAML; Node ${process.version}; ${load()}`,
  );
  const dir = writeModel(files);
  try {
    const m = modelBench(files);
    const startup = nodeStartup();
    const cli = cliValidate(dir);
    header('Model core');
    row('raw yaml parse of every file (median of 3)', fmt(m.rawParseMs));
    row('full load + validate (median of 3)', fmt(m.fullValidateMs), `${(m.fullValidateMs / m.rawParseMs).toFixed(2)}× the raw parse`, '≤ 2× the parse');
    row('full load + validate, first run (cold)', fmt(m.fullValidateColdMs));
    row('`eventmodel validate` in a new process', fmt(cli), `Node start-up ${fmt(startup)} + raw parse ${fmt(m.rawParseMs)}`);
    row(
      `re-validate after a keystroke in one file (${KEYSTROKES})`,
      spread(m.edits),
      `yaml parse of that file: ${spread(m.editParses).replace('median ', '')}`,
      '≤ 30 ms p95 (or ≤ 1.5× the parse)',
    );
    row(
      '  … ratio to the parse of the edited file',
      `${(m.editP95Ms / m.editParseP95Ms).toFixed(2)}× at p95`,
      `${(m.editMedianMs / m.editParseMedianMs).toFixed(2)}× at the median`,
    );
    row('  … files whose model checks ran again (median)', String(m.recheckedMedian), `of ${m.files} files`);
    row(
      "re-validate after a file's text is replaced (25)",
      `median ${fmt(m.replaceMedianMs)}, p95 ${fmt(m.replaceP95Ms)}`,
      `yaml parse of that file: median ${fmt(m.replaceParseMedianMs)}`,
    );
    row('diagnostics on the model', String(m.diagnostics));

    if (!process.argv.includes('--no-profile')) {
      // Where a keystroke's time goes (the decisions of issue 12 were made on these profiles).
      const ws = new Workspace(new MemoryHost(files));
      ws.diagnostics();
      const editable = Object.keys(files)
        .filter((p) => p.startsWith('contexts/'))
        .sort();
      const current = new Map(editable.map((p) => [p, files[p]]));
      await profile(path.join(os.tmpdir(), 'eventmodel-bench-keystrokes.cpuprofile'), () => {
        for (let i = 0; i < KEYSTROKES; i++) {
          const file = editable[(i * 37) % editable.length];
          const text = keystroke(current.get(file)!, i);
          current.set(file, text);
          ws.update(file, text);
          ws.diagnostics();
        }
      });
    }

    printOthers('Compatibility', await optional('compat', files));
    const codegen = await optional('codegen', files);
    if (codegen) {
      header('Code generation (the `eventmodel` CLI in fresh processes; then the in-process figures)');
      const c = codegen;
      row(`first run: ${c.files} files, ${c.megabytes} MB`, fmt(c.cliFirstRunMs), `writing them with a plain loop: ${fmt(c.writeLoopFloorMs)}`);
      row(
        'no change, from a cold process (median of 5)',
        fmt(c.cliNoChangeColdMedianMs),
        `Node start-up ${fmt(c.nodeStartupFloorMs)}; ${c.cliNoChangeRunsAnsweredFromCache} of 5 answered from the cache`,
        '≤ 1 s',
      );
      row('  … the same with --no-cache', fmt(c.cliNoChangeNoCacheColdMs), `full load + validate ${fmt(m.fullValidateMs)}`);
      row(
        'one context changed, from a cold process',
        fmt(c.cliOneContextChangeColdMs),
        `${c.filesRewrittenOnOneContextChange} files rewritten; full load + validate ${fmt(m.fullValidateMs)}`,
        "only that context's files",
      );
      row('  … then no change again (median)', fmt(c.cliNoChangeAfterChangeColdMedianMs), `Node start-up ${fmt(c.nodeStartupFloorMs)}`);
      const shown = new Set([
        'files',
        'megabytes',
        'cliFirstRunMs',
        'writeLoopFloorMs',
        'cliNoChangeColdMedianMs',
        'nodeStartupFloorMs',
        'cliNoChangeRunsAnsweredFromCache',
        'cliNoChangeNoCacheColdMs',
        'cliOneContextChangeColdMs',
        'filesRewrittenOnOneContextChange',
        'cliNoChangeAfterChangeColdMedianMs',
      ]);
      for (const [k, v] of Object.entries(c)) if (!shown.has(k)) row(`  ${k}`, /Ms$/.test(k) ? fmt(v) : String(v));
    }
    const map = await optional('map', files);
    printOthers('Context map (in process)', map);
    const server = await optional('server', files, { dir });
    if (server) {
      header('Language server (dist/server.js over stdio)');
      row('first check: start → every diagnostic published', fmt(server.firstCheckMs), `Node start-up ${fmt(startup)} + raw parse ${fmt(m.rawParseMs)}`);
      row(
        `keystroke → diagnostics, no debounce (${server.keystrokes})`,
        `median ${fmt(server.keystrokeMedianMs)}`,
        `server's check: median ${fmt(server.checkMedianMs)}`,
      );
      row('  … p95', fmt(server.keystrokeP95Ms), `server's check p95 ${fmt(server.checkP95Ms)}; LSP round trip ${fmt(server.roundTripMs)}`, '≤ 100 ms p95');
      row('keystroke → diagnostics with the 200 ms debounce', `median ${fmt(server.debouncedMedianMs)}`, 'the 200 ms debounce');
      row('keystroke → diagnostics while a map is laid out', `median ${fmt(server.duringMapMedianMs)}`, `without a map: ${fmt(server.keystrokeMedianMs)}`);
      row('map engine warm-up in idle time after start', fmt(server.mapWarmUpMs), 'off the critical path (a worker thread)');
      row(
        `context map request, ${server.mapNodes} contexts (median of 5)`,
        fmt(server.mapRequestMs),
        map ? `layout alone in process, warm: ${fmt(map.contextMapLayoutMs)}` : '',
        '≤ 1 s',
      );
      row('  … first request after start', fmt(server.mapFirstRequestMs), map ? `first layout in a process: ${fmt(map.contextMapLayoutColdMs)}` : '');
      row(
        'completion / find references',
        `${fmt(server.completionMs)} / ${fmt(server.referencesMs)}`,
        `${server.completionItems} items / ${server.references} references`,
      );
    }
    printOthers('Generated runtime on Emmett (retail sample; PostgreSQL with fsync on)', await optional('runtime', files));
    console.log(`\nPeak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; ${load()}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}

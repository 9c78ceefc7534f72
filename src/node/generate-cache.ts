import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
// Light imports only: the up-to-date check must run without yaml, ajv, handlebars or the planner.
import type { WorkspaceHost } from '../core/model/host';
import type { GenerationProblem, GenerationPlan } from '../core/codegen';
import type { GenerationCache } from '../core/codegen/cache';
import { NodeHost } from './fs-host';
import { packageModuleSystem } from './generate-module';
import { loadTemplates, type LoadedTemplates } from './generate-templates';
import type { ContextStore } from './generate-store';
import { findStale, PathGuard, type WriteMode, type WriteReport } from './generate-writer';

/**
 * The persisted generation cache of the CLI: `.eventmodel/cache/generate.json` in the workspace
 * folder (the folder carries its own `.gitignore`). It records a hash of every input the last
 * successful `eventmodel generate` read (each file the model loader read, the model files the
 * workspace listing offered, templates, options, this package's code and the generator
 * libraries), and the state of every output it left (content hash plus size, inode, mtime and
 * ctime). A later run whose inputs and outputs are all unchanged is answered from the record
 * without parsing the model; anything else (or a missing, corrupt or foreign record) runs the
 * full generation, which rewrites the record.
 */

export const CACHE_DIR = '.eventmodel/cache';
export const CACHE_FILE = `${CACHE_DIR}/generate.json`;
const FORMAT = 1;

/** What the options that change generated output are (front ends that differ never share a record). */
export interface CacheOptions {
  allowWorkspaceTemplates: boolean;
  builtinTemplatesDir?: string;
  schemaBaseUri?: string;
}

/** One generated file as the last run left it: path, content hash, size, inode, mtime and ctime (ns). */
type OutputRecord = [path: string, hash: string, size: number, ino: string, mtimeNs: string, ctimeNs: string];

interface CacheRecord {
  format: number;
  /** This package's code, generator libraries and the options. */
  fingerprint: string;
  /** Every file the workspace read: path → content hash (null: it did not exist or was refused). */
  reads: [string, string | null][];
  /** Every "does this path leave the workspace" answer the loader asked for. */
  escapes: [string, boolean][];
  /** Hash of the model files (.yaml/.yml) the workspace listing offered, null when nothing listed. */
  listing: string | null;
  /** The manifest's generate.templates (null: none). */
  templatesDir: string | null;
  /** Hash of the templates loaded (names, contents, overrides, notes). */
  templates: string;
  /** The folder whose package.json decided the module system (null: the manifest's generate.module did). */
  moduleProbe: string | null;
  module: string | null;
  outDir: string;
  scaffoldDir: string;
  /** Warnings of the plan (the output repeats them). */
  warnings: GenerationProblem[];
  generated: OutputRecord[];
  scaffolds: string[];
}

export function sha1(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}

/** Model files the loader can pick from a listing: the loader only ever matches `.yaml`/`.yml` paths. */
export function listingKey(files: readonly string[]): string {
  return sha1(
    files
      .filter((f) => /\.ya?ml$/i.test(f))
      .sort()
      .join('\u0000'),
  );
}

/**
 * A host that remembers what it answered, so the record can tell later whether the model would be
 * the same. A file read twice with different answers (changed during the run) makes the run
 * unrecordable.
 */
export class RecordingHost implements WorkspaceHost {
  readonly reads = new Map<string, string | null>();
  readonly escapes = new Map<string, boolean>();
  listing: string | null = null;
  unstable = false;

  constructor(private readonly inner: WorkspaceHost) {}

  listFiles(): string[] {
    const files = this.inner.listFiles();
    const key = listingKey(files);
    if (this.listing !== null && this.listing !== key) this.unstable = true;
    this.listing = key;
    return files;
  }

  readFile(p: string): Uint8Array | string | undefined {
    const content = this.inner.readFile(p);
    const hash = content === undefined ? null : sha1(content);
    if (this.reads.has(p) && this.reads.get(p) !== hash) this.unstable = true;
    this.reads.set(p, hash);
    return content;
  }

  escapesWorkspace(p: string): boolean {
    const answer = this.inner.escapesWorkspace?.(p) ?? false;
    if (this.escapes.has(p) && this.escapes.get(p) !== answer) this.unstable = true;
    this.escapes.set(p, answer);
    return answer;
  }
}

// --- fingerprint -----------------------------------------------------------------------------------

/** Libraries whose versions can change generated output. */
const GENERATOR_LIBRARIES = ['yaml', 'ajv', 'ajv-formats', 'handlebars', 'json-schema-to-typescript', 'picomatch'];

let codeFingerprint: string | undefined;

/**
 * This package's version and compiled code (size and mtime of each .js file: a rebuild or an
 * upgrade invalidates every record) and the versions of the generator libraries.
 */
function packageFingerprint(): string {
  if (codeFingerprint !== undefined) return codeFingerprint;
  const h = createHash('sha1');
  const compiled = path.resolve(__dirname, '..');
  const stack = [compiled];
  const entries: string[] = [];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let list: fs.Dirent[];
    try {
      list = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of list) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(abs);
      else if (e.name.endsWith('.js')) {
        const st = fs.statSync(abs);
        entries.push(`${path.relative(compiled, abs)}:${st.size}:${st.mtimeMs}`);
      }
    }
  }
  h.update(entries.sort().join('\n'));
  for (const dir of ancestors(__dirname)) {
    const text = readText(path.join(dir, 'package.json'));
    if (text !== undefined) {
      h.update(text);
      break;
    }
  }
  for (const lib of GENERATOR_LIBRARIES) {
    let version = 'missing';
    for (const dir of ancestors(__dirname)) {
      const text = readText(path.join(dir, 'node_modules', lib, 'package.json'));
      if (text !== undefined) {
        version = (JSON.parse(text) as { version?: string }).version ?? 'unknown';
        break;
      }
    }
    h.update(`\u0000${lib}@${version}`);
  }
  return (codeFingerprint = h.digest('hex'));
}

function* ancestors(start: string): Generator<string> {
  let dir = start;
  for (;;) {
    yield dir;
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function fingerprint(options: CacheOptions): string {
  return sha1(
    JSON.stringify([
      FORMAT,
      packageFingerprint(),
      options.allowWorkspaceTemplates,
      options.builtinTemplatesDir ? path.resolve(options.builtinTemplatesDir) : null,
      options.schemaBaseUri ?? null,
    ]),
  );
}

function templatesKey(t: LoadedTemplates): string {
  return sha1(JSON.stringify([Object.entries(t.templates).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), t.overridden, t.notes, t.errors]));
}

// --- reading and writing the record ----------------------------------------------------------------

/**
 * The cache folder, or undefined when it must not be used: `.eventmodel` or its `cache` folder
 * is a symlink or not a folder (the record is never written through a link).
 */
export function cacheDir(root: string, create: boolean): string | undefined {
  let dir = root;
  for (const part of CACHE_DIR.split('/')) {
    dir = path.join(dir, part);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.lstatSync(dir);
    } catch {
      stat = undefined;
    }
    if (stat === undefined) {
      if (!create) return undefined;
      fs.mkdirSync(dir);
    } else if (!stat.isDirectory()) return undefined;
  }
  return dir;
}

function readRecord(root: string): { record: CacheRecord; mtimeNs: bigint } | undefined {
  const dir = cacheDir(root, false);
  if (!dir) return undefined;
  const file = path.join(dir, path.basename(CACHE_FILE));
  try {
    const stat = fs.lstatSync(file, { bigint: true });
    if (!stat.isFile()) return undefined;
    const record = validRecord(JSON.parse(fs.readFileSync(file, 'utf8')));
    return record ? { record, mtimeNs: stat.mtimeNs } : undefined;
  } catch {
    return undefined;
  }
}

/** The parsed record when it has the expected shape (a corrupt or partial file is ignored). */
function validRecord(value: unknown): CacheRecord | undefined {
  const r = value as CacheRecord;
  const isString = (v: unknown) => typeof v === 'string';
  const isStringOrNull = (v: unknown) => v === null || typeof v === 'string';
  const ok =
    r !== null &&
    typeof r === 'object' &&
    r.format === FORMAT &&
    isString(r.fingerprint) &&
    Array.isArray(r.reads) &&
    r.reads.every((e) => Array.isArray(e) && isString(e[0]) && isStringOrNull(e[1])) &&
    Array.isArray(r.escapes) &&
    r.escapes.every((e) => Array.isArray(e) && isString(e[0]) && typeof e[1] === 'boolean') &&
    isStringOrNull(r.listing) &&
    isStringOrNull(r.templatesDir) &&
    isString(r.templates) &&
    isStringOrNull(r.moduleProbe) &&
    isStringOrNull(r.module) &&
    isString(r.outDir) &&
    isString(r.scaffoldDir) &&
    Array.isArray(r.warnings) &&
    r.warnings.every((w) => w !== null && typeof w === 'object' && isString(w.code) && isString(w.message) && w.severity === 'warning') &&
    Array.isArray(r.generated) &&
    r.generated.every(
      (g) => Array.isArray(g) && g.length === 6 && isString(g[0]) && isString(g[1]) && typeof g[2] === 'number' && g.slice(3).every(isString),
    ) &&
    Array.isArray(r.scaffolds) &&
    r.scaffolds.every(isString);
  return ok ? r : undefined;
}

/** Writes the record atomically; a failure only costs the next run its shortcut. */
function writeRecord(root: string, record: CacheRecord): void {
  try {
    const dir = cacheDir(root, true);
    if (!dir) return;
    const ignore = path.join(dir, '.gitignore');
    if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '# Written by eventmodel: a local cache, never committed.\n*\n');
    const file = path.join(dir, path.basename(CACHE_FILE));
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(record));
    fs.renameSync(temp, file);
  } catch {
    // A read-only workspace or a full disk: generation itself succeeded.
  }
}

/** Removes the record (a run that cannot be recorded must not leave an older one behind). */
export function forgetCache(root: string): void {
  const dir = cacheDir(root, false);
  if (!dir) return;
  try {
    fs.unlinkSync(path.join(dir, path.basename(CACHE_FILE)));
  } catch {
    // none
  }
}

/**
 * A generated file's record. `trusted` false: the stat is not to be believed next time (the file
 * was found unchanged but moved while the writer ran, maybe after it was compared), so the next
 * run hashes it.
 */
function outputRecord(root: string, rel: string, hash: string, trusted: (mtimeMs: number) => boolean): OutputRecord | undefined {
  try {
    const st = fs.lstatSync(path.join(root, ...rel.split('/')), { bigint: true });
    if (!st.isFile()) return undefined;
    const ino = trusted(Number(st.mtimeNs / 1_000_000n)) ? String(st.ino) : 'unverified';
    return [rel, hash, Number(st.size), ino, String(st.mtimeNs), String(st.ctimeNs)];
  } catch {
    return undefined;
  }
}

export interface RecordInput {
  host: RecordingHost;
  options: CacheOptions;
  /** The manifest's generate.templates. */
  templatesDir: string | undefined;
  /** The folder handed to `packageModuleSystem` and its answer, when the manifest's generate.module set none. */
  moduleProbe: string | undefined;
  module?: string;
  templates: LoadedTemplates;
  plan: GenerationPlan;
  /** What the writer did, and when it started (Date.now()). */
  report: WriteReport;
  writeStartedMs: number;
  /** The run's cache and context store: its planned contexts are stored for the next full run. */
  contexts?: { cache: GenerationCache; store: ContextStore };
}

/**
 * Records a successful write run: after it every planned file is on disk with its planned content
 * (written now or found unchanged), so the record describes the folder as it is.
 */
export function recordRun(root: string, input: RecordInput): void {
  const { host, plan } = input;
  if (host.unstable || plan.problems.some((p) => p.severity === 'error')) return forgetCache(root);
  const generated: OutputRecord[] = [];
  const scaffolds: string[] = [];
  const wrote = new Set([...input.report.created, ...input.report.updated]);
  // A file compared as unchanged and touched since the writer started (a second of margin for coarse clocks) may differ from what was compared.
  const since = input.writeStartedMs - 1000;
  for (const f of plan.files) {
    if (f.owner === 'scaffold') {
      scaffolds.push(f.path);
      continue;
    }
    const rec = outputRecord(root, f.path, sha1(f.content), (mtimeMs) => wrote.has(f.path) || mtimeMs < since);
    if (!rec) return forgetCache(root);
    generated.push(rec);
  }
  writeRecord(root, {
    format: FORMAT,
    fingerprint: fingerprint(input.options),
    reads: [...host.reads].sort(([a], [b]) => (a < b ? -1 : 1)),
    escapes: [...host.escapes].sort(([a], [b]) => (a < b ? -1 : 1)),
    listing: host.listing,
    templatesDir: input.templatesDir ?? null,
    templates: templatesKey(input.templates),
    moduleProbe: input.moduleProbe ?? null,
    module: input.moduleProbe === undefined ? null : (input.module ?? packageModuleSystem(root, input.moduleProbe).module),
    outDir: plan.outDir,
    scaffoldDir: plan.scaffoldDir,
    warnings: plan.problems.filter((p) => p.severity === 'warning'),
    generated,
    scaffolds,
  });
  input.contexts?.store.save(input.contexts.cache);
}

// --- the up-to-date check --------------------------------------------------------------------------

export interface UpToDate {
  templates: LoadedTemplates;
  outDir: string;
  scaffoldDir: string;
  warnings: GenerationProblem[];
  /** What the writer would report: every generated file unchanged, every scaffold kept. */
  report: WriteReport;
}

/**
 * Answers a run from the record when nothing it depends on changed: the same inputs (files the
 * loader read, model files listed, templates, options, code) and every output exactly as the last
 * run left it (a file whose stat differs is hashed; a scaffold must exist; no generated file
 * waits for deletion; no folder on the way became a link). Undefined: run the generation.
 */
export function upToDate(root: string, mode: WriteMode, options: CacheOptions): UpToDate | undefined {
  const found = readRecord(root);
  if (!found) return undefined;
  const { record } = found;
  try {
    if (record.fingerprint !== fingerprint(options)) return undefined;
    const host = new NodeHost(root);
    for (const [p, hash] of record.reads) {
      const content = host.readFile(p);
      if ((content === undefined ? null : sha1(content)) !== hash) return undefined;
    }
    for (const [p, answer] of record.escapes) if (host.escapesWorkspace(p) !== answer) return undefined;
    if (record.listing !== null && listingKey(host.listFiles()) !== record.listing) return undefined;

    const templates = loadTemplates(root, record.templatesDir ?? undefined, {
      allowWorkspaceTemplates: options.allowWorkspaceTemplates,
      builtinDir: options.builtinTemplatesDir,
    });
    if (templates.errors.length > 0 || templatesKey(templates) !== record.templates) return undefined;
    if (record.moduleProbe !== null && packageModuleSystem(root, record.moduleProbe).module !== record.module) return undefined;

    const refreshed = checkOutputs(root, record, found.mtimeNs);
    if (!refreshed) return undefined;
    // Files whose content is unchanged but whose stat moved (touched, checked out again) are re-recorded.
    if (refreshed.changed && mode === 'write') writeRecord(root, { ...record, generated: refreshed.generated });
    return {
      templates,
      outDir: record.outDir,
      scaffoldDir: record.scaffoldDir,
      warnings: record.warnings,
      report: {
        mode,
        created: [],
        updated: [],
        deleted: [],
        unchanged: record.generated.map((g) => g[0]),
        kept: record.scaffolds,
        problems: [],
        stale: false,
      },
    };
  } catch {
    return undefined;
  }
}

/** The outputs as recorded (with fresh stats where only those moved), or undefined when the writer would act. */
function checkOutputs(root: string, record: CacheRecord, recordMtimeNs: bigint): { generated: OutputRecord[]; changed: boolean } | undefined {
  const realRoot = fs.realpathSync(root);
  const guard = new PathGuard(root, realRoot);
  const dirs = new Set<string>([record.outDir, record.scaffoldDir]);
  for (const g of record.generated) dirs.add(path.posix.dirname(g[0]));
  for (const s of record.scaffolds) dirs.add(path.posix.dirname(s));
  for (const dir of dirs) if (guard.checkDir(dir) !== undefined) return undefined;

  let changed = false;
  const generated: OutputRecord[] = [];
  for (const rec of record.generated) {
    const abs = guard.abs(rec[0]);
    const st = fs.lstatSync(abs, { bigint: true, throwIfNoEntry: false });
    if (!st || !st.isFile()) return undefined;
    const same = Number(st.size) === rec[2] && String(st.ino) === rec[3] && String(st.mtimeNs) === rec[4] && String(st.ctimeNs) === rec[5];
    // Modified in the same clock tick as the record was written: the stat cannot tell, the content can.
    if (same && st.mtimeNs < recordMtimeNs) {
      generated.push(rec);
      continue;
    }
    if (Number(st.size) !== rec[2] || sha1(fs.readFileSync(abs)) !== rec[1]) return undefined;
    const fresh: OutputRecord = [rec[0], rec[1], Number(st.size), String(st.ino), String(st.mtimeNs), String(st.ctimeNs)];
    changed ||= !same;
    generated.push(fresh);
  }
  for (const s of record.scaffolds) if (!fs.lstatSync(guard.abs(s), { throwIfNoEntry: false })) return undefined;
  // The writer would delete something: a generated (marked) file under outDir that is not planned.
  if (findStale(guard, record.outDir, new Set(record.generated.map((g) => g[0])), 1).length > 0) return undefined;
  return { generated, changed };
}

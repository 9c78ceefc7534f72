import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { GenerationProblem, PlannedFile } from '../core/codegen';
import { CONTEXT_KEY_PREFIX, type GenerationCache } from '../core/codegen/cache';
import type { ContextOutput } from '../core/codegen/plan';
import { cacheDir, fingerprint, sha1, type CacheOptions } from './generate-cache';

const CONTEXTS_DIR = 'contexts';

/** A planned context as stored: its view and warnings, its generated files by content hash (the files on disk hold the content), its scaffolds whole. */
interface StoredContext {
  view: unknown;
  warnings: GenerationProblem[];
  files: { path: string; owner: 'generated' | 'scaffold'; template: string; hash?: string; content?: string }[];
}

function storedName(options: CacheOptions, key: string): string {
  return `${sha1(`${fingerprint(options)}\u0000${key}`)}.json.gz`;
}

function plainPath(p: unknown): p is string {
  return typeof p === 'string' && p.length > 0 && !p.startsWith('/') && !p.includes('\\') && !p.includes('\0') && !p.split('/').includes('..');
}

/**
 * The planned contexts of earlier runs, in `.eventmodel/cache/contexts/` beside the record of
 * generate-cache.ts: a `GenerationCache` fallback for the full run. A context whose inputs hash the
 * same (the planner's key) is taken from the store when every one of its generated files is still on
 * disk with the content it was planned with. Anything unreadable, changed or malformed is a miss
 * (the context is planned, and stored again).
 */
export class ContextStore {
  /** File names of the entries this run took from the store (they need no rewriting). */
  readonly loaded = new Set<string>();
  private readonly dir: string | undefined;

  constructor(
    private readonly root: string,
    private readonly options: CacheOptions,
  ) {
    this.dir = cacheDir(root, false);
  }

  get(key: string): ContextOutput | undefined {
    if (!this.dir || !key.startsWith(CONTEXT_KEY_PREFIX)) return undefined;
    const name = storedName(this.options, key);
    try {
      const stored = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(this.dir, CONTEXTS_DIR, name))).toString('utf8')) as StoredContext;
      if (stored === null || typeof stored.view !== 'object' || stored.view === null || !Array.isArray(stored.files) || !Array.isArray(stored.warnings))
        return undefined;
      const files: PlannedFile[] = [];
      for (const f of stored.files) {
        if (!plainPath(f.path) || typeof f.template !== 'string') return undefined;
        let content: string;
        if (f.owner === 'scaffold' && typeof f.content === 'string') content = f.content;
        else if (f.owner === 'generated' && typeof f.hash === 'string') {
          const abs = path.join(this.root, ...f.path.split('/'));
          const st = fs.lstatSync(abs, { throwIfNoEntry: false });
          if (!st || !st.isFile()) return undefined;
          content = fs.readFileSync(abs, 'utf8');
          if (sha1(content) !== f.hash) return undefined;
        } else return undefined;
        files.push({ path: f.path, owner: f.owner, template: f.template as PlannedFile['template'], content });
      }
      this.loaded.add(name);
      return { view: stored.view as ContextOutput['view'], files, warnings: stored.warnings };
    } catch {
      return undefined;
    }
  }

  /** Stores the contexts the run planned (those it took from the store are there already), and drops every other entry. */
  save(cache: GenerationCache): void {
    try {
      const dir = cacheDir(this.root, true);
      if (!dir) return;
      const store = path.join(dir, CONTEXTS_DIR);
      const st = fs.lstatSync(store, { throwIfNoEntry: false });
      if (st && !st.isDirectory()) return;
      if (!st) fs.mkdirSync(store);
      const keep = new Set<string>();
      for (const [key, value] of cache.lastRun()) {
        if (!key.startsWith(CONTEXT_KEY_PREFIX)) continue;
        const name = storedName(this.options, key);
        keep.add(name);
        if (this.loaded.has(name)) continue;
        const output = value as ContextOutput;
        const stored: StoredContext = {
          view: output.view,
          warnings: output.warnings,
          files: output.files.map((f) =>
            f.owner === 'scaffold'
              ? { path: f.path, owner: f.owner, template: f.template, content: f.content }
              : { path: f.path, owner: f.owner, template: f.template, hash: sha1(f.content) },
          ),
        };
        const file = path.join(store, name);
        const temp = `${file}.${process.pid}.tmp`;
        // Views repeat their names a lot: gzip (fastest level) stores them in about a tenth of the space.
        fs.writeFileSync(temp, zlib.gzipSync(JSON.stringify(stored), { level: 1 }));
        fs.renameSync(temp, file);
      }
      for (const name of fs.readdirSync(store)) if (!keep.has(name)) fs.rmSync(path.join(store, name), { force: true });
    } catch {
      // The store only saves time; a failure costs the next full run its reuse.
    }
  }
}

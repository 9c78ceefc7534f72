import * as fs from 'node:fs';
import * as path from 'node:path';
// Light imports only: the CLI's up-to-date check uses this module without loading the planner.
import type { GenerationPlan, PlannedFile } from '../core/codegen';
import { GENERATED_MARKER, MARKER_WINDOW } from '../core/codegen/marker';
import { isInside } from '../core/codegen/paths';

/**
 * The one writer of generated code (CLI and editor alike). It never overwrites a scaffold, writes
 * atomically (temp file + rename), leaves unchanged files alone (no mtime touched), deletes only
 * files inside `outDir` that carry the generated marker, and refuses to write through a symlink
 * that leaves the workspace. Nothing is written when any planned path is unsafe.
 */

export type WriteMode = 'write' | 'check' | 'dry-run';

export interface WriteProblem {
  path: string;
  message: string;
}

export interface WriteReport {
  mode: WriteMode;
  /** Files written for the first time (in check/dry-run: that would be). */
  created: string[];
  /** Generated files whose content changed. */
  updated: string[];
  /** Stale generated files removed (their source left the model). */
  deleted: string[];
  /** Generated files already up to date (not touched). */
  unchanged: string[];
  /** Scaffolds that already exist: they belong to the user and are kept as they are. */
  kept: string[];
  problems: WriteProblem[];
  /** Something would change (check mode: the generated output is stale). */
  stale: boolean;
}

type Action = { kind: 'create'; file: PlannedFile } | { kind: 'update'; file: PlannedFile } | { kind: 'delete'; path: string };

export function writePlan(root: string, plan: GenerationPlan, mode: WriteMode = 'write'): WriteReport {
  const report: WriteReport = { mode, created: [], updated: [], deleted: [], unchanged: [], kept: [], problems: [], stale: false };
  const realRoot = fs.realpathSync(root);
  const guard = new PathGuard(root, realRoot);
  const actions: Action[] = [];

  for (const dir of [plan.outDir, plan.scaffoldDir]) {
    const problem = guard.checkDir(dir);
    if (problem) report.problems.push({ path: dir, message: problem });
  }
  if (report.problems.length === 0) {
    for (const file of plan.files) {
      const problem = planPathProblem(plan, file) ?? guard.checkDir(path.posix.dirname(file.path));
      if (problem) {
        report.problems.push({ path: file.path, message: problem });
        continue;
      }
      const abs = guard.abs(file.path);
      let stat: fs.Stats | undefined;
      try {
        stat = fs.lstatSync(abs);
      } catch {
        stat = undefined;
      }
      if (file.owner === 'scaffold') {
        if (stat) report.kept.push(file.path);
        else actions.push({ kind: 'create', file });
        continue;
      }
      if (!stat) {
        actions.push({ kind: 'create', file });
        continue;
      }
      if (stat.isSymbolicLink() || !stat.isFile()) {
        report.problems.push({
          path: file.path,
          message: `is ${stat.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}; generated code is not written through it.`,
        });
        continue;
      }
      // A different size means different content: no need to read the file then.
      const current = stat.size === Buffer.byteLength(file.content) ? fs.readFileSync(abs, 'utf8') : undefined;
      if (current === file.content) report.unchanged.push(file.path);
      else if (current === undefined && hasMarker(abs)) actions.push({ kind: 'update', file });
      else if (current !== undefined && current.slice(0, MARKER_WINDOW).includes(GENERATED_MARKER)) actions.push({ kind: 'update', file });
      else
        report.problems.push({
          path: file.path,
          message: `exists but was not generated (no '${GENERATED_MARKER}' header); move it out of ${plan.outDir} so it is not overwritten.`,
        });
    }
    const planned = new Set(plan.files.map((f) => f.path));
    for (const stale of findStale(guard, plan.outDir, planned)) actions.push({ kind: 'delete', path: stale });
  }

  for (const a of actions) {
    if (a.kind === 'create') report.created.push(a.file.path);
    else if (a.kind === 'update') report.updated.push(a.file.path);
    else report.deleted.push(a.path);
  }
  report.stale = actions.length > 0;
  if (mode !== 'write' || report.problems.length > 0) return report;

  for (const a of actions) {
    try {
      if (a.kind === 'delete') removeGenerated(guard, plan.outDir, a.path);
      else writeAtomic(guard.abs(a.file.path), a.file.content, a.file.owner === 'scaffold');
    } catch (err) {
      const p = 'path' in a ? a.path : a.file.path;
      report.problems.push({ path: p, message: `could not be written: ${(err as Error).message}` });
    }
  }
  return report;
}

/** The plan's own promise, checked again: generated files inside outDir, scaffolds inside scaffoldDir. */
function planPathProblem(plan: GenerationPlan, file: PlannedFile): string | undefined {
  const p = file.path;
  if (p.startsWith('/') || p.includes('\\') || p.includes('\0') || p.split('/').some((s) => s === '..' || s === '.' || s === ''))
    return 'is not a plain workspace-relative path; refused.';
  const dir = file.owner === 'generated' ? plan.outDir : plan.scaffoldDir;
  if (!isInside(p, dir) || p === dir) return `is outside ${file.owner === 'generated' ? 'generate.outDir' : 'generate.scaffoldDir'} '${dir}'; refused.`;
  if (file.owner === 'scaffold' && isInside(p, plan.outDir)) return `is a scaffold inside generate.outDir '${plan.outDir}'; refused.`;
  return undefined;
}

/** Resolves workspace-relative paths and refuses folders reached through a symlink leaving the workspace. */
export class PathGuard {
  private readonly checked = new Map<string, string | undefined>();
  constructor(
    readonly root: string,
    readonly realRoot: string,
  ) {}

  abs(rel: string): string {
    return rel === '.' ? this.root : path.join(this.root, ...rel.split('/'));
  }

  /** A problem when an existing part of `dir` is a symlink (or other link) resolving outside the workspace, or not a folder. */
  checkDir(dir: string): string | undefined {
    if (dir === '.' || dir === '') return undefined;
    if (this.checked.has(dir)) return this.checked.get(dir);
    const parent = path.posix.dirname(dir);
    let problem = parent === '.' ? undefined : this.checkDir(parent);
    if (!problem) {
      const abs = this.abs(dir);
      let stat: fs.Stats | undefined;
      try {
        stat = fs.lstatSync(abs);
      } catch {
        stat = undefined;
      }
      if (stat?.isSymbolicLink()) {
        let real: string | undefined;
        try {
          real = fs.realpathSync(abs);
        } catch {
          real = undefined;
        }
        if (real === undefined) problem = `'${dir}' is a dangling symbolic link; refused.`;
        else if (real !== this.realRoot && !real.startsWith(this.realRoot + path.sep))
          problem = `'${dir}' is a symbolic link to ${real}, outside the workspace folder; refused.`;
        else if (!fs.statSync(real).isDirectory()) problem = `'${dir}' is not a folder.`;
      } else if (stat && !stat.isDirectory()) problem = `'${dir}' exists and is not a folder.`;
    }
    this.checked.set(dir, problem);
    return problem;
  }
}

/**
 * Generated files under outDir (regular files only; symlinks are neither followed nor touched) that
 * the plan no longer has; with `limit`, stops once that many are found (the cache asks for one).
 */
export function findStale(guard: PathGuard, outDir: string, planned: Set<string>, limit = Infinity): string[] {
  const out: string[] = [];
  const stack = [outDir];
  while (stack.length > 0) {
    const rel = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(guard.abs(rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) stack.push(child);
      else if (e.isFile() && !planned.has(child) && !isTempName(e.name) && hasMarker(guard.abs(child))) {
        out.push(child);
        if (out.length >= limit) return out;
      }
    }
  }
  return out.sort();
}

export function isTempName(name: string): boolean {
  return /^\..*\.eventmodel-tmp$/.test(name);
}

export function hasMarker(abs: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(abs, 'r');
    const buf = Buffer.alloc(MARKER_WINDOW);
    const n = fs.readSync(fd, buf, 0, MARKER_WINDOW, 0);
    return buf.subarray(0, n).toString('utf8').includes(GENERATED_MARKER);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Removes a stale generated file, then the folders it leaves empty (never outDir itself). */
function removeGenerated(guard: PathGuard, outDir: string, rel: string): void {
  fs.unlinkSync(guard.abs(rel));
  let dir = path.posix.dirname(rel);
  while (dir !== outDir && isInside(dir, outDir)) {
    try {
      fs.rmdirSync(guard.abs(dir));
    } catch {
      break;
    }
    dir = path.posix.dirname(dir);
  }
}

let tempCounter = 0;

/**
 * Writes through a temporary file in the same folder, then renames it into place (readers never
 * see half a file). `exclusive`: the target must not exist (scaffolds): linked, never replaced.
 */
function writeAtomic(abs: string, content: string, exclusive: boolean): void {
  const dir = path.dirname(abs);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${++tempCounter}.eventmodel-tmp`);
  fs.writeFileSync(temp, content, { flag: 'wx' });
  try {
    if (exclusive) {
      fs.linkSync(temp, abs);
      fs.unlinkSync(temp);
    } else fs.renameSync(temp, abs);
  } catch (err) {
    try {
      fs.unlinkSync(temp);
    } catch {
      // already gone
    }
    throw err;
  }
}

import { execFile, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FILE, Workspace, type Model, type WorkspaceHost } from '../core';
import { isListed } from './fs-host';

/** Blobs up to this size are read in the first batch; larger ones only when the model asks for them. */
const PREFETCH_LIMIT = 4 * 1024 * 1024;

/** A baseline could not be read: not a repository, unknown ref, folder outside the repository. */
export class GitBaselineError extends Error {}

export interface GitBaseline {
  /** The model committed at the ref (undefined when the ref has no eventmodel.yaml in this folder: nothing was published). */
  model: Model | undefined;
  commit: string;
}

/**
 * The model committed at `ref` for the workspace folder `root`, read through git itself: the one
 * baseline reader of `eventmodel check --against` and the editor's Check Against Git, so both see
 * exactly the files the working tree's loader would see (the same listing rules as the fs host,
 * any file a `$ref` reaches, whatever its folder or size).
 */
export async function readGitBaseline(root: string, ref: string): Promise<GitBaseline> {
  if (!ref || ref.startsWith('-')) throw new GitBaselineError(`'${ref}' is not a git ref.`);
  let top: string;
  try {
    top = (await git(root, ['rev-parse', '--show-toplevel'])).trim();
  } catch {
    throw new GitBaselineError(`'${root}' is not inside a git repository (or git is not installed); --against needs one.`);
  }
  let commit: string;
  try {
    commit = (await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
  } catch {
    commit = '';
  }
  if (!commit) throw new GitBaselineError(`'${ref}' is not a commit, branch or tag of this repository.`);
  const repoRoot = fs.realpathSync(top);
  const prefix = path.relative(repoRoot, fs.realpathSync(root)).split(path.sep).join('/');
  if (prefix.startsWith('..')) throw new GitBaselineError(`'${root}' is outside the git repository at '${repoRoot}'.`);
  const host = await GitTreeHost.open(repoRoot, commit, prefix);
  if (host.readFile(MANIFEST_FILE) === undefined) return { model: undefined, commit };
  return { model: new Workspace(host).model, commit };
}

interface TreeEntry {
  mode: string;
  oid: string;
  size: number;
}

/** A folder of a commit as a WorkspaceHost: listed with `git ls-tree`, read with one `git cat-file --batch` (stragglers one by one). */
class GitTreeHost implements WorkspaceHost {
  private readonly blobs = new Map<string, Uint8Array | null>();

  private constructor(
    private readonly repoRoot: string,
    private readonly entries: Map<string, TreeEntry>,
  ) {}

  static async open(repoRoot: string, commit: string, prefix: string): Promise<GitTreeHost> {
    const args = ['ls-tree', '-r', '-z', '-l', commit];
    if (prefix) args.push('--', prefix);
    const listing = await git(repoRoot, args, 256 * 1024 * 1024);
    const entries = new Map<string, TreeEntry>();
    const strip = prefix ? prefix.length + 1 : 0;
    for (const record of listing.split('\0')) {
      const tab = record.indexOf('\t');
      if (tab < 0) continue;
      const [mode, type, oid, size] = record.slice(0, tab).split(/\s+/);
      if (type !== 'blob') continue;
      entries.set(record.slice(tab + 1).slice(strip), { mode, oid, size: Number(size) || 0 });
    }
    const host = new GitTreeHost(repoRoot, entries);
    const wanted = [...entries].filter(([rel, e]) => e.mode !== '120000' && e.size <= PREFETCH_LIMIT && /\.(ya?ml|json)$/i.test(rel) && isListed(rel));
    const contents = await catFileBatch(
      repoRoot,
      wanted.map(([, e]) => e.oid),
    );
    wanted.forEach(([rel], i) => host.blobs.set(rel, contents[i] ?? null));
    return host;
  }

  listFiles(): string[] {
    return [...this.entries.keys()].filter(isListed);
  }

  readFile(rel: string): Uint8Array | undefined {
    const known = this.blobs.get(rel);
    if (known !== undefined) return known ?? undefined;
    const entry = this.target(rel);
    let content: Uint8Array | null = null;
    if (entry) {
      try {
        content = execFileSync('git', ['cat-file', 'blob', entry.oid], {
          cwd: this.repoRoot,
          stdio: ['ignore', 'pipe', 'ignore'],
          maxBuffer: 256 * 1024 * 1024,
        });
      } catch {
        content = null;
      }
    }
    this.blobs.set(rel, content);
    return content ?? undefined;
  }

  escapesWorkspace(rel: string): boolean {
    const entry = this.entries.get(rel);
    return entry?.mode === '120000' && this.target(rel) === undefined;
  }

  /** The blob a path stands for, following symlinks that stay inside the folder (as the fs host does). */
  private target(rel: string, depth = 0): TreeEntry | undefined {
    if (rel.split('/').includes('..') || depth > 8) return undefined;
    const entry = this.entries.get(rel);
    if (!entry || entry.mode !== '120000') return entry;
    let link: string;
    try {
      link = execFileSync('git', ['cat-file', 'blob', entry.oid], { cwd: this.repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return undefined;
    }
    if (link.startsWith('/')) return undefined;
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(rel), link));
    if (resolved.startsWith('..')) return undefined;
    return this.target(resolved, depth + 1);
  }
}

function git(cwd: string, args: string[], maxBuffer = 64 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, timeout: 60_000, maxBuffer, windowsHide: true, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (err, stdout, stderr) => {
      if (err) reject(new Error((stderr || err.message).trim()));
      else resolve(stdout);
    });
  });
}

/** Contents of many blobs through one `git cat-file --batch` (undefined for a missing one). */
function catFileBatch(cwd: string, oids: string[]): Promise<(Uint8Array | undefined)[]> {
  return new Promise((resolve, reject) => {
    if (oids.length === 0) return resolve([]);
    const proc = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'ignore'], windowsHide: true });
    const chunks: Buffer[] = [];
    proc.stdout.on('data', (c: Buffer) => chunks.push(c));
    proc.on('error', reject);
    proc.on('close', () => {
      const buf = Buffer.concat(chunks);
      const out: (Uint8Array | undefined)[] = [];
      let at = 0;
      for (let i = 0; i < oids.length; i++) {
        const nl = buf.indexOf(10, at);
        if (nl < 0) break;
        const header = buf.subarray(at, nl).toString('utf8').split(' ');
        if (header[1] === 'missing' || header.length < 3) {
          out.push(undefined);
          at = nl + 1;
          continue;
        }
        const size = Number(header[2]);
        out.push(new Uint8Array(buf.subarray(nl + 1, nl + 1 + size)));
        at = nl + 1 + size + 1;
      }
      resolve(out);
    });
    proc.stdin.end(oids.join('\n') + '\n');
  });
}

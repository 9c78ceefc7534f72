import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceHost } from '../core';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.code-server', '.tools']);
const MAX_FILES = 200_000;

/** Whether a workspace-relative path is listed (for `include` globs): no folder on its way is skipped or hidden. */
export function isListed(rel: string): boolean {
  const parts = rel.split('/');
  for (let i = 0; i < parts.length - 1; i++) if (SKIPPED_DIRS.has(parts[i]) || parts[i].startsWith('.')) return false;
  return true;
}

/**
 * The file system as the core sees it: relative POSIX paths under one root. Files reached through
 * a symlink that leaves the root are refused (never read).
 */
export class NodeHost implements WorkspaceHost {
  readonly root: string;
  private readonly realRoot: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.realRoot = fs.realpathSync(this.root);
  }

  listFiles(): string[] {
    const out: string[] = [];
    const stack = [''];
    while (stack.length > 0 && out.length < MAX_FILES) {
      const rel = stack.pop()!;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(path.join(this.root, rel), { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        const child = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (isListed(`${e.name}/`)) stack.push(child);
        } else if (e.isFile() || e.isSymbolicLink()) out.push(child);
      }
    }
    return out;
  }

  readFile(rel: string): Uint8Array | undefined {
    const abs = path.join(this.root, ...rel.split('/'));
    try {
      const real = fs.realpathSync(abs);
      if (real !== this.realRoot && !real.startsWith(this.realRoot + path.sep)) return undefined;
      if (!fs.statSync(real).isFile()) return undefined;
      return fs.readFileSync(real);
    } catch {
      return undefined;
    }
  }

  /** Whether a path exists but resolves outside the root (for clearer messages). */
  escapesWorkspace(rel: string): boolean {
    try {
      const real = fs.realpathSync(path.join(this.root, ...rel.split('/')));
      return real !== this.realRoot && !real.startsWith(this.realRoot + path.sep);
    } catch {
      return false;
    }
  }
}

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { type Diagnostic, type SeveritySetting, type WorkspaceHost, MANIFEST_FILE, Workspace, compareDiagnostics } from '../../core';
import { compareWithBaseline } from '../../core/evolution/baseline';
import { UsageError } from '../errors';
import { loadWorkspace } from '../load';
import { printDiagnostics } from '../output';

export function registerCheck(program: Command, setExit: (code: number) => void): void {
  program
    .command('check')
    .description('Check every versioned event of the model in DIR against its compatibility mode; with --against, also against the model at a git ref.')
    .argument('[dir]', 'workspace folder containing eventmodel.yaml', '.')
    .option('--against <ref>', 'git ref (branch, tag, commit) holding the published model')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((dir: string, opts: { against?: string; format: 'text' | 'json' }) => {
      const { workspace, root } = loadWorkspace(dir);
      let diagnostics = workspace.diagnostics('compatibility');
      if (opts.against !== undefined) {
        const baseline = readBaseline(root, opts.against);
        const current = workspace.model;
        const extra = baseline ? compareWithBaseline(baseline.model, current, opts.against) : [];
        diagnostics = merge(diagnostics, applySeverity(extra, current.manifest?.rules));
      }
      printDiagnostics(diagnostics, opts.format, workspace.files().length);
      setExit(diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning') ? 1 : 0);
    });
}

/** Model diagnostics first; a baseline finding at the same node for the same change is dropped. */
function merge(model: Diagnostic[], extra: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => `${d.rule}|${d.location.file}|${d.location.startOffset}|${String(d.data?.type ?? d.message)}`;
  const seen = new Set(model.map(key));
  return [...model, ...extra.filter((d) => !seen.has(key(d)))].sort(compareDiagnostics);
}

function applySeverity(diagnostics: Diagnostic[], rules: ReadonlyMap<string, { value: SeveritySetting }> | undefined): Diagnostic[] {
  if (!rules || rules.size === 0) return diagnostics;
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const setting = rules.get(d.rule)?.value;
    if (setting === 'off') continue;
    out.push(setting ? { ...d, severity: setting } : d);
  }
  return out;
}

/** The model as committed at `ref`, read through git itself; undefined when it had no manifest. */
function readBaseline(root: string, ref: string): { model: Workspace['model'] } | undefined {
  const top = git(root, ['rev-parse', '--show-toplevel']);
  if (top === undefined) throw new UsageError(`'${root}' is not inside a git repository; --against needs one.`);
  const commit = git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (commit === undefined) throw new UsageError(`'${ref}' is not a commit, branch or tag of this repository.`);
  const repoRoot = fs.realpathSync(top.trim());
  const prefix = path.relative(repoRoot, fs.realpathSync(root)).split(path.sep).join('/');
  if (prefix.startsWith('..')) throw new UsageError(`'${root}' is outside the git repository at '${repoRoot}'.`);
  const host = new GitHost(repoRoot, commit.trim(), prefix);
  if (host.readFile(MANIFEST_FILE) === undefined) return undefined;
  return { model: new Workspace(host).model };
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** A workspace as stored in a git commit: `git ls-tree` lists it, `git show` reads each file once. */
class GitHost implements WorkspaceHost {
  private list?: string[];
  private readonly files = new Map<string, Uint8Array | null>();

  constructor(
    private readonly repoRoot: string,
    private readonly commit: string,
    private readonly prefix: string,
  ) {}

  private full(rel: string): string {
    return this.prefix ? `${this.prefix}/${rel}` : rel;
  }

  listFiles(): string[] {
    if (!this.list) {
      const args = ['ls-tree', '-r', '-z', '--name-only', this.commit];
      if (this.prefix) args.push('--', this.prefix);
      const raw = git(this.repoRoot, args) ?? '';
      const strip = this.prefix ? this.prefix.length + 1 : 0;
      this.list = raw.split('\0').filter((p) => p.length > 0).map((p) => p.slice(strip));
    }
    return this.list;
  }

  readFile(rel: string): Uint8Array | undefined {
    if (this.files.has(rel)) return this.files.get(rel) ?? undefined;
    let content: Uint8Array | null = null;
    if (!rel.split('/').includes('..')) {
      try {
        content = execFileSync('git', ['show', `${this.commit}:${this.full(rel)}`], {
          cwd: this.repoRoot,
          stdio: ['ignore', 'pipe', 'ignore'],
          maxBuffer: 64 * 1024 * 1024,
        });
      } catch {
        content = null;
      }
    }
    this.files.set(rel, content);
    return content ?? undefined;
  }
}

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { MemoryHost, Workspace, type Diagnostic, type Model, type SeveritySetting } from '../../core';
import { compareWithBaseline } from '../../core/evolution/baseline';
import { toLspDiagnostic, type RuleDocLink } from '../features/convert';
import { git } from './git';
import type { ModelFolder } from '../workspace/model-folder';
import type { CheckAgainstResult } from '../../protocol/lsp-ext';
import type { ServerSettings } from '../workspace/settings';

const MAX_BLOB = 4 * 1024 * 1024;

/**
 * Compares the folder's model (unsaved buffers included) with the model committed at `ref`:
 * modified or removed published versions, and new versions incompatible with the published ones.
 * Findings already shown by the live check (same rule, node and change) are not repeated.
 */
export async function checkAgainst(folder: ModelFolder, ref: string, settings: ServerSettings, docLink: RuleDocLink): Promise<CheckAgainstResult> {
  const fail = (message: string): CheckAgainstResult => ({ ok: false, message, diagnostics: [], summary: '' });
  if (!ref || ref.startsWith('-')) return fail(`'${ref}' is not a git ref.`);
  let top: string;
  try {
    top = (await git(folder.root, ['rev-parse', '--show-toplevel'])).trim();
  } catch {
    return fail(`${folder.root} is not inside a git repository (or git is not installed).`);
  }
  let commit: string;
  try {
    commit = (await git(folder.root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
  } catch {
    return fail(`'${ref}' is not a branch, tag or commit of this repository.`);
  }
  const prefix = path.relative(fs.realpathSync(top), fs.realpathSync(folder.root)).split(path.sep).join('/');
  if (prefix.startsWith('..')) return fail(`${folder.root} is outside the repository at ${top}.`);

  let baseline: Model;
  try {
    baseline = new Workspace(new MemoryHost(await readTree(top, commit, prefix))).model;
  } catch (err) {
    return fail(`Could not read the model at '${ref}': ${(err as Error).message}`);
  }
  if (!baseline.manifest) return { ok: true, diagnostics: [], summary: `There is no eventmodel.yaml at '${ref}': nothing was published yet.` };

  const current = folder.model;
  const live = folder.workspace.diagnostics();
  const key = (d: Diagnostic) => `${d.rule}|${d.location.file}|${d.location.startOffset}|${String(d.data?.type ?? d.message)}`;
  const seen = new Set(live.map(key));
  const found = applySeverity(compareWithBaseline(baseline, current, ref), current.manifest?.rules, settings.rules).filter((d) => !seen.has(key(d)));
  const byUri = new Map<string, LspDiagnostic[]>();
  for (const d of found) {
    const uri = folder.uriOf(d.location.file);
    const list = byUri.get(uri) ?? [];
    list.push(toLspDiagnostic(d, folder, docLink));
    byUri.set(uri, list);
  }
  const errors = found.filter((d) => d.severity === 'error').length;
  const warnings = found.filter((d) => d.severity === 'warning').length;
  const summary = found.length
    ? `${found.length} finding(s) against ${ref}: ${errors} error(s), ${warnings} warning(s). See the Problems panel.`
    : `No compatibility problems against ${ref}: every published version is unchanged and new versions are compatible.`;
  return { ok: true, diagnostics: [...byUri].map(([uri, diagnostics]) => ({ uri, diagnostics })), summary };
}

function applySeverity(diagnostics: Diagnostic[], manifest: ReadonlyMap<string, { value: SeveritySetting }> | undefined, editor: Record<string, SeveritySetting>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const setting = manifest?.get(d.rule)?.value ?? editor[d.rule];
    if (setting === 'off') continue;
    out.push(setting ? { ...d, severity: setting } : d);
  }
  return out;
}

/** The YAML and JSON files under `prefix` at `commit`, read with one `git cat-file --batch`. */
async function readTree(top: string, commit: string, prefix: string): Promise<Record<string, Uint8Array>> {
  const args = ['ls-tree', '-r', '-z', '-l', commit];
  if (prefix) args.push('--', prefix);
  const listing = await git(top, args);
  const wanted: { oid: string; rel: string }[] = [];
  for (const entry of listing.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [, type, oid, size] = entry.slice(0, tab).split(/\s+/);
    const full = entry.slice(tab + 1);
    if (type !== 'blob' || !/\.(ya?ml|json)$/i.test(full) || Number(size) > MAX_BLOB) continue;
    const rel = prefix ? full.slice(prefix.length + 1) : full;
    if (rel.split('/').some((p) => p === 'node_modules' || p.startsWith('.'))) continue;
    wanted.push({ oid, rel });
  }
  const blobs = await catFile(top, wanted.map((w) => w.oid));
  const out: Record<string, Uint8Array> = {};
  wanted.forEach((w, i) => {
    if (blobs[i]) out[w.rel] = blobs[i]!;
  });
  return out;
}

function catFile(cwd: string, oids: string[]): Promise<(Uint8Array | undefined)[]> {
  return new Promise((resolve, reject) => {
    if (oids.length === 0) return resolve([]);
    const proc = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
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

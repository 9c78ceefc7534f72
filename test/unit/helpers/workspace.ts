import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryHost, Workspace, type Diagnostic } from '../../../src/core';
import { NodeHost } from '../../../src/node/fs-host';

export const REPO = path.resolve(__dirname, '../../../..');
export const SAMPLE = path.join(REPO, 'samples/retail');
export const FIXTURES = path.join(REPO, 'test/fixtures');
export const BIN = path.join(REPO, 'bin/eventmodel.js');

/** Reads every file of a folder into a path → text map (for in-memory variants of the sample). */
export function readTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else out[child] = fs.readFileSync(path.join(root, child), 'utf8');
    }
  };
  walk('');
  return out;
}

export function memoryWorkspace(files: Record<string, string | Uint8Array>): Workspace {
  return new Workspace(new MemoryHost(files));
}

export function diskWorkspace(root: string): Workspace {
  return new Workspace(new NodeHost(root));
}

/** Writes a tree to a fresh temp folder and returns its path. */
export function writeTemp(files: Record<string, string | Uint8Array>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventmodel-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return dir;
}

export function runCli(args: string[], cwd = REPO): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function rulesOf(diagnostics: Diagnostic[]): string[] {
  return [...new Set(diagnostics.map((d) => d.rule))].sort();
}

/** `{ rule, line (1-based), file }` of each diagnostic, for readable assertion failures. */
export function brief(diagnostics: Diagnostic[]) {
  return diagnostics.map((d) => `${d.location.file}:${d.location.start.line + 1} ${d.rule} ${d.message}`);
}

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { REPO } from '../helpers/workspace';

/**
 * The SARIF 2.1.0 JSON Schema and validator as Microsoft's SARIF SDK (the reference implementation,
 * by the spec's editors) ships them in `@microsoft/sarif-multitool` (one package per platform).
 */
const PLATFORM_PACKAGE = path.join(
  REPO,
  'node_modules/@microsoft',
  `sarif-multitool-${process.platform === 'win32' ? 'win32' : process.platform === 'darwin' ? 'darwin' : 'linux'}`,
);

export function sarifSchemaPath(): string {
  return path.join(PLATFORM_PACKAGE, 'sarif-2.1.0.json');
}

let validator: ((data: unknown) => boolean) & { errors?: unknown };

/** ajv errors of a SARIF log against the official schema (empty when valid). */
export function sarifSchemaErrors(log: unknown): unknown[] {
  if (!validator) {
    const schema = JSON.parse(fs.readFileSync(sarifSchemaPath(), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  return validator(log) ? [] : ((validator.errors as unknown[]) ?? []);
}

/**
 * Runs the SDK's `Sarif.Multitool validate` (schema plus the spec's own rules, SARIF1001…) and
 * returns its findings; undefined when the binary cannot run on this platform.
 */
export function multitoolFindings(file: string): string[] | undefined {
  const exe = path.join(PLATFORM_PACKAGE, process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');
  if (!fs.existsSync(exe)) return undefined;
  // The package's postinstall only sets the execute bit; npm may skip install scripts.
  if (process.platform !== 'win32' && (fs.statSync(exe).mode & 0o100) === 0) fs.chmodSync(exe, 0o755);
  const r = spawnSync(exe, ['validate', file], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
  if (r.error || r.status === null) throw new Error(`Sarif.Multitool did not run: ${r.error?.message ?? r.signal}`);
  const out = `${r.stdout}${r.stderr}`;
  if (!/Analysis completed/.test(out) && r.status !== 0) throw new Error(`Sarif.Multitool failed: ${out}`);
  return out.split('\n').filter((l) => /: (error|warning|note) SARIF\d+/.test(l));
}

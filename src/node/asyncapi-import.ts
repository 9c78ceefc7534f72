import * as fs from 'node:fs';
import * as path from 'node:path';
import { Parser, type Diagnostic as ParserDiagnostic } from '@asyncapi/parser';
import { parse as parseYaml } from 'yaml';
import { importAsyncApi, type AsyncApiImport, type AsyncApiImportOptions } from '../core/import/asyncapi';
import { ExportFolder } from './export-target';

/**
 * Reading an AsyncAPI document for `eventmodel import asyncapi`: validated by `@asyncapi/parser`
 * (offline: remote references are never fetched), then converted by the pure importer with
 * relative file references read here, and written into a fresh folder.
 */

export interface AsyncApiProblem {
  severity: 'error' | 'warning' | 'info' | 'hint';
  code: string;
  message: string;
  /** 1-based, when the parser located it. */
  line?: number;
  column?: number;
  path: string;
}

export class AsyncApiInputError extends Error {}

const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;

/**
 * Remote references are never fetched: the parser gets an open schema for them (a resolver that
 * throws would only pass the URL on to the default, fetching one) and a warning says so.
 */
export async function validateAsyncApi(file: string, text: string): Promise<AsyncApiProblem[]> {
  const remote: string[] = [];
  const offline = (schema: 'http' | 'https') => ({
    schema,
    order: 1,
    read: (uri: { toString(): string }) => {
      remote.push(uri.toString());
      return '{}';
    },
  });
  const parser = new Parser({ __unstable: { resolver: { cache: false, resolvers: [offline('http'), offline('https')] } } });
  const { diagnostics } = await parser.parse(text, { source: path.resolve(file) });
  const problems: AsyncApiProblem[] = diagnostics.map((d: ParserDiagnostic) => ({
    severity: SEVERITIES[d.severity] ?? 'error',
    code: String(d.code),
    message: d.message,
    ...(d.range ? { line: d.range.start.line + 1, column: d.range.start.character + 1 } : {}),
    path: d.path.map(String).join('/'),
  }));
  for (const url of [...new Set(remote)]) {
    problems.push({
      severity: 'warning',
      code: 'remote-ref',
      message: `'${url}' was not fetched (the import works offline); the schema is imported as an open one.`,
      path: '',
    });
  }
  return problems;
}

export interface ImportRun {
  problems: AsyncApiProblem[];
  result?: AsyncApiImport;
}

/** Reads, validates and converts FILE; `result` is undefined when the parser found errors. */
export async function readAsyncApiImport(file: string, options: Omit<AsyncApiImportOptions, 'loadExternal'>): Promise<ImportRun> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new AsyncApiInputError(`cannot read '${file}': ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  let document: unknown;
  try {
    document = parseYaml(text, { maxAliasCount: 1000 });
  } catch (err) {
    throw new AsyncApiInputError(`cannot parse '${file}': ${(err as Error).message.split('\n')[0]}`);
  }
  const problems = await validateAsyncApi(file, text);
  if (problems.some((p) => p.severity === 'error')) return { problems };
  const base = path.dirname(path.resolve(file));
  const loadExternal = (ref: string, fromFile: string | undefined) => {
    const abs = path.resolve(fromFile ? path.dirname(fromFile) : base, decodeURIComponent(ref.replace(/^file:\/\//, '')));
    try {
      const raw = fs.readFileSync(abs, 'utf8');
      return { value: /\.json$/i.test(abs) ? JSON.parse(raw) : parseYaml(raw), name: abs };
    } catch {
      return undefined;
    }
  };
  return { problems, result: importAsyncApi(document, { ...options, loadExternal }) };
}

export function writeImport(result: AsyncApiImport, into: string, force: boolean): { root: string; files: string[] } {
  const folder = ExportFolder.open(into, force);
  for (const [rel, text] of result.files) folder.write(rel, text);
  return { root: folder.root, files: folder.finish() };
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { parse as parseYaml } from 'yaml';
import {
  CHANGE_TYPES,
  MODES,
  changeTypeInfo,
  type Mode,
  type Policy,
  type SchemaChange,
  type SchemaResolver,
  compareSchemas,
  isCompatibleUnder,
  isMode,
} from '../../core/compat';
import { UsageError } from '../errors';
import { useColour } from '../output';

/** The JSON output of `eventmodel diff`: a stable contract (extra fields may be added). */
export interface DiffJson {
  compatible: boolean;
  mode: Mode;
  policy: Policy;
  changes: Array<{
    type: string;
    oldPath: string;
    newPath: string;
    compatible: boolean;
    message: string;
    backward: boolean;
    forward: boolean;
    oldLocation: { document: string; pointer: string };
    newLocation: { document: string; pointer: string };
  }>;
  problems: Array<{ side: 'old' | 'new'; kind: string; document: string; pointer: string; message: string }>;
}

export function registerDiff(program: Command, setExit: (code: number) => void): void {
  program
    .command('diff')
    .description('Compare two JSON Schemas (JSON or YAML files) and judge the change under a compatibility mode and policy.')
    .argument('[old]', 'the earlier schema (.json, .yaml or .yml)')
    .argument('[new]', 'the later schema')
    .addOption(new Option('--mode <mode>', `compatibility mode: ${MODES.join(', ')}`).default('BACKWARD').argParser(parseMode))
    .addOption(new Option('--policy <policy>', 'compatibility policy').choices(['strict', 'lenient']).default('strict'))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--list-types', 'list every change type with its category and verdicts (no schemas needed)')
    .action((oldFile: string | undefined, newFile: string | undefined, opts: { mode: Mode; policy: Policy; format: 'text' | 'json'; listTypes?: boolean }) => {
      if (opts.listTypes) {
        if (oldFile !== undefined) throw new UsageError('--list-types takes no schema files.');
        printChangeTypes(opts.format);
        setExit(0);
        return;
      }
      if (oldFile === undefined || newFile === undefined) throw new UsageError('diff needs two schema files: eventmodel diff <old> <new> (or --list-types).');
      const files = new SchemaFiles();
      const oldDoc = files.load(oldFile, true)!;
      const newDoc = files.load(newFile, true)!;
      const result = compareSchemas(oldDoc.schema, newDoc.schema, {
        policy: opts.policy,
        oldDocument: oldDoc.document,
        newDocument: newDoc.document,
        resolve: files.resolver,
      });
      const changes = result.changes.map((c) => ({ change: c, compatible: isCompatibleUnder(c, opts.mode) }));
      const compatible = changes.every((c) => c.compatible);
      if (opts.format === 'json') {
        const out: DiffJson = {
          compatible,
          mode: opts.mode,
          policy: opts.policy,
          changes: changes.map(({ change: c, compatible: ok }) => ({
            type: c.type,
            oldPath: c.oldPath,
            newPath: c.newPath,
            compatible: ok,
            message: c.message,
            backward: c.backward,
            forward: c.forward,
            oldLocation: c.oldLocation,
            newLocation: c.newLocation,
          })),
          problems: result.problems.map((p) => ({
            side: p.side,
            kind: p.kind,
            document: p.location.document,
            pointer: p.location.pointer,
            message: p.message,
          })),
        };
        process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      } else {
        const colour = useColour(process.stdout);
        for (const { change, compatible: ok } of changes) process.stdout.write(textLine(change, ok, colour) + '\n');
        for (const p of result.problems) {
          process.stderr.write(`eventmodel: warning: ${p.side} schema ${p.location.document}#${p.location.pointer}: ${p.message}\n`);
        }
        process.stdout.write(verdictLine(compatible, opts.mode, opts.policy, changes.length, changes.filter((c) => !c.compatible).length, colour) + '\n');
      }
      setExit(compatible ? 0 : 1);
    });
}

/** One change type as `diff --list-types --format json` prints it: a stable contract. */
export interface ChangeTypeJson {
  type: string;
  category: string;
  /** The verdict under diff's defaults (`--mode BACKWARD --policy strict`). */
  compatible: boolean;
  /** BACKWARD compatible (new readers read old data) under each policy. */
  backward: { strict: boolean; lenient: boolean };
  /** FORWARD compatible (old readers read new data), through the mirror type; null when it depends on the context. */
  forward: { strict: boolean; lenient: boolean } | null;
  mirror: string | null;
  doc: string;
}

export function changeTypesJson(): ChangeTypeJson[] {
  return CHANGE_TYPES.map((t) => {
    const mirror = t.mirror ? changeTypeInfo(t.mirror) : undefined;
    return {
      type: t.type,
      category: t.category,
      compatible: t.strict,
      backward: { strict: t.strict, lenient: t.lenient },
      forward: mirror ? { strict: mirror.strict, lenient: mirror.lenient } : null,
      mirror: t.mirror ?? null,
      doc: t.doc,
    };
  });
}

function printChangeTypes(format: 'text' | 'json'): void {
  const types = changeTypesJson();
  if (format === 'json') {
    process.stdout.write(JSON.stringify(types, null, 2) + '\n');
    return;
  }
  const verdict = (v: { strict: boolean; lenient: boolean } | null) =>
    v === null ? 'contextual' : v.strict ? 'compatible' : v.lenient ? 'lenient-only' : 'breaking';
  const width = Math.max(...types.map((t) => t.type.length));
  process.stdout.write(`${'type'.padEnd(width)}  ${'category'.padEnd(13)}  ${'default'.padEnd(12)}  ${'backward'.padEnd(12)}  ${'forward'.padEnd(12)}  what\n`);
  for (const t of types) {
    process.stdout.write(
      `${t.type.padEnd(width)}  ${t.category.padEnd(13)}  ${(t.compatible ? 'compatible' : 'INCOMPATIBLE').padEnd(12)}  ${verdict(t.backward).padEnd(12)}  ${verdict(t.forward).padEnd(12)}  ${t.doc}\n`,
    );
  }
  process.stdout.write(
    `${types.length} change types. default: the verdict under --mode BACKWARD --policy strict; backward: new readers read old data (BACKWARD); forward: old readers read new data (FORWARD); ` +
      'FULL needs both. lenient-only: compatible under --policy lenient only; contextual: decided per change (see `diff` output).\n',
  );
}

function parseMode(value: string): Mode {
  const upper = value.toUpperCase().replace(/-/g, '_');
  if (!isMode(upper)) throw new InvalidArgumentError(`Allowed choices are ${MODES.join(', ')}.`);
  return upper;
}

function textLine(c: SchemaChange, ok: boolean, colour: boolean): string {
  const label = ok ? 'compatible' : 'INCOMPATIBLE';
  const shownLabel = colour ? `${ok ? '\x1b[32m' : '\x1b[31m'}${label}\x1b[0m` : label;
  const paths = `${showPath(c.oldPath)} → ${showPath(c.newPath)}`;
  return `${shownLabel} ${c.type} ${colour ? `\x1b[2m${paths}\x1b[0m` : paths}: ${c.message}`;
}

function showPath(pointer: string): string {
  return pointer === '' ? '/' : pointer;
}

function verdictLine(compatible: boolean, mode: Mode, policy: Policy, total: number, broken: number, colour: boolean): string {
  const word = compatible ? 'COMPATIBLE' : 'INCOMPATIBLE';
  const shown = colour ? `${compatible ? '\x1b[32m' : '\x1b[31m'}${word}\x1b[0m` : word;
  const detail = total === 0 ? 'no changes' : compatible ? `${total} change(s), none breaking` : `${broken} of ${total} change(s) breaking`;
  return `${shown} under ${mode} (${policy} policy): ${detail}.`;
}

/**
 * Reads schema files (JSON or YAML) and resolves `$ref`s relative to the file that contains
 * them. Document names are paths relative to the current folder.
 */
class SchemaFiles {
  private readonly byName = new Map<string, { abs: string; schema: unknown }>();
  private readonly byAbs = new Map<string, { document: string; schema: unknown } | null>();

  readonly resolver: SchemaResolver = (ref, fromDocument) => {
    const from = this.byName.get(fromDocument);
    if (!from || (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref) && !ref.startsWith('file:'))) return undefined;
    let target: string;
    try {
      target = ref.startsWith('file:') ? fileURLToPath(ref) : path.resolve(path.dirname(from.abs), decodeURIComponent(ref));
    } catch {
      return undefined;
    }
    return this.load(target, false);
  };

  /** Loads a file; for command arguments (`strict`), failures are usage errors. */
  load(file: string, strict: boolean): { document: string; schema: unknown } | undefined {
    const abs = path.resolve(file);
    const cached = this.byAbs.get(abs);
    if (cached !== undefined) return cached ?? undefined;
    let text: string;
    try {
      text = fs.readFileSync(abs, 'utf8');
    } catch (err) {
      if (strict) throw new UsageError(`cannot read ${file}: ${describeReadError(err as NodeJS.ErrnoException)}`);
      this.byAbs.set(abs, null);
      return undefined;
    }
    let schema: unknown;
    try {
      schema = /\.json$/i.test(abs) ? JSON.parse(text) : parseYaml(text);
    } catch (err) {
      if (strict) throw new UsageError(`cannot parse ${file}: ${(err as Error).message.split('\n')[0]}`);
      this.byAbs.set(abs, null);
      return undefined;
    }
    const document = path.relative(process.cwd(), abs).split(path.sep).join('/') || abs;
    const entry = { document, schema };
    this.byName.set(document, { abs, schema });
    this.byAbs.set(abs, entry);
    return entry;
  }
}

function describeReadError(err: NodeJS.ErrnoException): string {
  if (err.code === 'ENOENT') return 'no such file';
  if (err.code === 'EISDIR') return 'is a directory';
  if (err.code === 'EACCES') return 'permission denied';
  return err.message;
}

import Ajv, { type Options } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';
import addFormats from 'ajv-formats';
import type { Dialect } from '../model/payload-schema';
import type { GenerationCache } from './cache';

/**
 * Ajv standalone validators: JavaScript that validates without Ajv's compiler at run time (it
 * may `require` small runtime helpers from `ajv` and `ajv-formats`). One chunk per dialect;
 * identical schemas share one function.
 */
export interface ValidatorInput {
  /** Exported name inside the chunk. */
  name: string;
  /** Bundled (self-contained) schema. */
  schema: unknown;
  dialect: Dialect;
}

export interface ValidatorChunk {
  /** CommonJS code that assigns its validators to `exports.<name>`. */
  code: string;
}

export interface CompiledValidators {
  chunks: ValidatorChunk[];
  /** Validator name → [chunk index, name of the function inside the chunk]. */
  exports: Map<string, [number, string]>;
  /** ES module output: default imports standing for the chunks' `require` calls. */
  imports: { local: string; from: string }[];
}

/** Schemas per Ajv instance: its code generation grows superlinearly with the schemas it holds. */
const CHUNK_SIZE = 8;

const OPTIONS: Options = {
  strict: false,
  validateSchema: false,
  allErrors: true,
  logger: false,
  code: { source: true, lines: false },
};

function newAjv(dialect: Dialect): Ajv {
  const ajv = dialect === '2020-12' ? new Ajv2020(OPTIONS) : dialect === '2019-09' ? new Ajv2019(OPTIONS) : new Ajv(OPTIONS);
  addFormats(ajv);
  return ajv;
}

/**
 * Compiles the validators of one module. With `esm`, the `require("ajv/…")` calls Ajv's standalone
 * code makes for its runtime helpers and formats (it does so even with `code.esm`, ajv#2209,
 * ajv-formats#68) become default imports of the same files (`.js` added: neither package has an
 * exports map), which under Node's ESM rules are the CommonJS `module.exports` that `require` returns.
 */
export function compileValidators(inputs: readonly ValidatorInput[], cache?: GenerationCache, esm = false): CompiledValidators {
  const byDialect = new Map<Dialect, ValidatorInput[]>();
  for (const input of inputs) {
    const dialect = input.dialect === 'draft-06' ? 'draft-07' : input.dialect;
    let list = byDialect.get(dialect);
    if (!list) byDialect.set(dialect, (list = []));
    list.push(input);
  }
  const result: CompiledValidators = { chunks: [], exports: new Map(), imports: [] };
  for (const dialect of [...byDialect.keys()].sort()) {
    const list = byDialect.get(dialect)!;
    // Identical schemas compile once: the first name carries the function, the others alias it.
    const distinct = new Map<string, string>();
    const entries: [string, unknown][] = [];
    const alias: [string, string][] = [];
    const keyParts: string[] = [];
    for (const input of list) {
      const schema = stripForAjv(input.schema);
      const text = JSON.stringify(schema);
      const first = distinct.get(text);
      if (first) alias.push([input.name, first]);
      else {
        distinct.set(text, input.name);
        entries.push([input.name, schema]);
        keyParts.push(text);
      }
    }
    // Ajv's code generation slows down as one instance accumulates schemas: compile in small groups.
    const chunkOf = new Map<string, number>();
    for (let start = 0; start < entries.length; start += CHUNK_SIZE) {
      const group = entries.slice(start, start + CHUNK_SIZE);
      const key = [`ajv\u0000${dialect}`, ...group.map(([name], i) => `${name}\u0000${keyParts[start + i]}`)].join('\u0000');
      let code = cache?.get<string>(key);
      if (code === undefined) {
        const ajv = newAjv(dialect);
        const refs: Record<string, string> = {};
        for (const [name, schema] of group) {
          ajv.addSchema(schema as object, name);
          refs[name] = name;
        }
        code = standaloneCode(ajv, refs);
        cache?.set(key, code);
      }
      const index = result.chunks.length;
      result.chunks.push({ code });
      for (const [name] of group) {
        result.exports.set(name, [index, name]);
        chunkOf.set(name, index);
      }
    }
    for (const [name, first] of alias) result.exports.set(name, [chunkOf.get(first)!, first]);
  }
  if (esm) toImports(result);
  return result;
}

/** Packages whose files Ajv's standalone code requires (helpers and formats). */
const RUNTIME_REQUIRE = /require\("((?:ajv|ajv-formats)\/dist\/[A-Za-z0-9_./-]+)"\)/g;

function toImports(result: CompiledValidators): void {
  const locals = new Map<string, string>();
  for (const chunk of result.chunks) {
    chunk.code = chunk.code.replace(RUNTIME_REQUIRE, (_call, spec: string) => {
      let local = locals.get(spec);
      if (local === undefined) {
        local = `$ajv${locals.size}`;
        locals.set(spec, local);
        result.imports.push({ local, from: spec.endsWith('.js') ? spec : `${spec}.js` });
      }
      return local;
    });
    const other = /require\("([^"]*)"\)/.exec(chunk.code);
    if (other) throw new Error(`Ajv's standalone code requires '${other[1]}', which the ES module output cannot import`);
  }
}

/** Ajv gets the schema without `$id`/`$schema` (its instance already fixes the dialect; refs are internal). */
function stripForAjv(schema: unknown): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const { $id: _id, $schema: _schema, ...rest } = schema as Record<string, unknown>;
  return rest;
}

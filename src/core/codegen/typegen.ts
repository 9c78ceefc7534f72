import type { JSONSchema4 } from 'json-schema';
import type { GenerationCache } from './cache';
import { pascalCase } from './names';
import type * as JsonSchemaToTypescript from 'json-schema-to-typescript';

/**
 * TypeScript declarations for one JSON Schema (named `name`; the types inside it that have a
 * title are named `<prefix><Title>`) through json-schema-to-typescript, with every
 * `$ref` already turned into a named type (`tsType`) or an internal pointer, so nothing is read
 * from disk. Output is re-indented (the formatter is off: it costs more than everything else).
 */
export async function schemaToTypes(name: string, schema: unknown, cache?: GenerationCache, prefix = name): Promise<string> {
  const key = `types\u0000${name}\u0000${prefix}\u0000${JSON.stringify(schema)}`;
  const hit = cache?.get<string>(key);
  if (hit !== undefined) return hit;
  const code = await compileTypes(name, schema, prefix);
  cache?.set(key, code);
  return code;
}

type Compile = typeof JsonSchemaToTypescript.compile;
let compiler: Compile | undefined;

/**
 * The root's name while json-schema-to-typescript runs: it rewrites names its own way (`orderV1` →
 * `OrderV1`, `a_b` → `aB`), so the root gets a token it leaves alone, replaced by the real name after.
 */
const ROOT = 'Eventmodel$Root$';

async function compileTypes(name: string, schema: unknown, prefix: string): Promise<string> {
  if (schema === true || schema === undefined || (typeof schema === 'object' && schema !== null && Object.keys(schema).length === 0)) {
    return `export type ${name} = unknown;\n`;
  }
  if (schema === false) return `export type ${name} = never;\n`;
  if (!compiler) compiler = (await import('json-schema-to-typescript')).compile;
  const raw = await compiler(schema as JSONSchema4, ROOT, {
    bannerComment: '',
    format: false,
    declareExternallyReferenced: true,
    unreachableDefinitions: false,
    strictIndexSignatures: false,
    unknownAny: true,
    additionalProperties: true,
    cwd: '/',
    // Every ref is internal by now; never let the resolver reach for a file or the network.
    $refOptions: { resolve: { file: false, http: false } } as never,
    customName: (s: { title?: unknown }) => (typeof s.title === 'string' && pascalCase(s.title) ? `${prefix}${pascalCase(s.title)}` : undefined),
  });
  return reindent(raw.split(ROOT).join(name));
}

/** Names a chunk of generated declarations exports. */
export function exportedNames(code: string): string[] {
  const names: string[] = [];
  for (const m of code.matchAll(/^export (?:declare )?(?:interface|type|enum|const enum|const|function|class) ([A-Za-z_$][\w$]*)/gm)) names.push(m[1]);
  return names;
}

/** Two-space indentation by bracket depth, ignoring brackets inside strings and comments. */
export function reindent(code: string): string {
  const out: string[] = [];
  let depth = 0;
  let inComment = false;
  for (const raw of code.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (inComment || line.startsWith('/*')) {
      const isStart = line.startsWith('/*');
      out.push('  '.repeat(depth) + (isStart ? line : ` ${line}`));
      inComment = !line.includes('*/');
      continue;
    }
    let opens = 0;
    let leading = 0;
    let seenOther = false;
    let quote = '';
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = '';
        continue;
      }
      if (c === '"' || c === "'" || c === '`') {
        quote = c;
        seenOther = true;
      } else if (c === '{' || c === '(' || c === '[') {
        opens++;
        seenOther = true;
      } else if (c === '}' || c === ')' || c === ']') {
        if (!seenOther) leading++;
        else opens--;
      } else if (c !== ' ') seenOther = true;
    }
    depth = Math.max(0, depth - leading);
    const top = depth === 0 && out.length > 0 && /^export /.test(line);
    if (top) out.push('');
    out.push('  '.repeat(depth) + line);
    depth = Math.max(0, depth + opens);
  }
  return out.join('\n') + '\n';
}

/**
 * Casing helpers and identifier rules for generated code. Every name that reaches generated
 * TypeScript either passes `identifierProblem` or is derived from one that did by adding fixed
 * ASCII prefixes/suffixes, so a model name can never inject code.
 */

/** Words of a name: `OrderPlacedV2` → Order, Placed, V2; `HTTPRequest_sent` → HTTP, Request, sent. */
export function words(name: string): string[] {
  return name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? [];
}

export function pascalCase(name: string): string {
  return words(name)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

export function camelCase(name: string): string {
  const p = pascalCase(name);
  const lead = p.match(/^[A-Z]+(?=[A-Z][a-z]|[0-9]|$)/)?.[0] ?? p.charAt(0);
  return lead.toLowerCase() + p.slice(lead.length);
}

export function kebabCase(name: string): string {
  return words(name)
    .map((w) => w.toLowerCase())
    .join('-');
}

/** Longest file stem derived from a model name; longer ones are cut and end in a hash of the whole name. */
const MAX_STEM = 80;

/**
 * The file-name stem of a model name: its kebab case, or for names without letters or digits
 * (`_`) and very long ones, a stem ending in a hash of the name, so that every valid name maps
 * to a usable file name.
 */
export function fileStem(name: string): string {
  const kebab = kebabCase(name);
  if (kebab === '') return `n-${hashText(name)}`;
  if (kebab.length > MAX_STEM) return `${kebab.slice(0, MAX_STEM - 9).replace(/-+$/, '')}-${hashText(name)}`;
  return kebab;
}

/** 8 hex digits of FNV-1a over the text: short, stable ids in names (not a security measure). */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function constantCase(name: string): string {
  return words(name)
    .map((w) => w.toUpperCase())
    .join('_');
}

/** ECMAScript reserved words (all modes), TypeScript's type keywords, and names with special meaning on objects. */
const RESERVED_WORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'implements interface let package private protected public static yield await async of get set ' +
    'any unknown never string number boolean bigint symbol object undefined type declare namespace module ' +
    'keyof readonly infer is asserts abstract as satisfies accessor constructor require global arguments eval ' +
    'NaN Infinity __proto__ prototype toString valueOf hasOwnProperty'
  ).split(' '),
);

/**
 * Global names the generated modules use without importing them; a model type with one of these
 * names would shadow the global inside a generated module.
 */
const GLOBAL_NAMES = new Set(
  (
    'Array ReadonlyArray Record Partial Readonly Required Pick Omit Exclude Extract Parameters ReturnType NonNullable ' +
    'Promise PromiseLike Error TypeError Object String Number Boolean Symbol BigInt Date Map Set WeakMap JSON Math ' +
    'RegExp Function globalThis Awaited'
  ).split(' '),
);

export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A name the generated code cannot declare as is: a reserved word, a TypeScript type keyword, a
 * name with special meaning on objects, or a global the generated modules use. Such a model name
 * is kept in the model and in every string; only the identifiers built from it alone change.
 */
export function isReservedIdentifier(name: string): boolean {
  return RESERVED_WORDS.has(name) || GLOBAL_NAMES.has(name);
}

/**
 * Why a model name cannot be used by the generator at all (it could inject code), or undefined.
 * Only characters outside ASCII letters, digits and '_' (the model format's own pattern): every
 * other name is usable, identifiers and file names derived from it are disambiguated.
 */
export function unsafeNameProblem(name: string): string | undefined {
  if (IDENTIFIER.test(name)) return undefined;
  return identifierProblem(name);
}
/** Longest name accepted: file names derive from it (with suffixes) and must fit common file-system limits. */
export const MAX_NAME_LENGTH = 120;

/**
 * Why `name` cannot be used as a generated identifier, or undefined when it can. ASCII letters,
 * digits and `_` only; not a reserved word; not a global the generated code relies on.
 */
export function identifierProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > MAX_NAME_LENGTH) return `is longer than ${MAX_NAME_LENGTH} characters`;
  if (!IDENTIFIER.test(name)) {
    const bad = [...name].find((c) => !/[A-Za-z0-9_]/.test(c));
    if (/^[0-9]/.test(name)) return 'starts with a digit';
    return `contains ${bad === undefined ? 'an invalid character' : describeChar(bad)}; only ASCII letters, digits and '_' can become identifiers`;
  }
  if (RESERVED_WORDS.has(name)) return `is a reserved word in TypeScript/JavaScript`;
  if (GLOBAL_NAMES.has(name)) return `would shadow the global '${name}' that generated code uses`;
  if (kebabCase(name) === '') return 'has no letters or digits to name a file after';
  return undefined;
}

function describeChar(c: string): string {
  const code = c.codePointAt(0)!;
  if (c === ' ') return 'a space';
  if (code < 0x20 || code === 0x7f) return `the control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
  return `'${c}'`;
}

/** A TypeScript string literal for any text (JSON string syntax plus escaped line/paragraph separators). */
export function stringLiteral(text: string): string {
  return JSON.stringify(text)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Text made safe inside a block comment: `*\/` cannot close it, and control characters are dropped. */
export function commentText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // Control characters are what this drops.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/g, '')
      .replace(/\*\//g, '*\\/')
      .replace(/\/\*/g, '/\\*')
  );
}

/**
 * A JSDoc block for a description (empty string when there is none). Lines are escaped with
 * `commentText`; `indent` prefixes every line.
 */
export function docComment(text: string | undefined | null, indent = ''): string {
  if (text === undefined || text === null) return '';
  const lines = commentText(String(text))
    .trim()
    .split('\n')
    .map((l) => l.trimEnd());
  if (lines.length === 0 || (lines.length === 1 && lines[0] === '')) return '';
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)).join('\n')}\n${indent} */\n`;
}

import Handlebars from 'handlebars';
import { camelCase, commentText, constantCase, docComment, kebabCase, pascalCase, stringLiteral } from './names';

/** Template names and owners come from the artifacts table. */
export { TEMPLATES, TEMPLATE_NAMES, type TemplateName } from './artifacts';

/** Helpers available to every template (documented in docs/codegen.md). */
export const HELPERS: Record<string, { doc: string; fn: (...args: unknown[]) => unknown }> = {
  pascal: { doc: '`{{pascal name}}` → PascalCase (`order placed` → `OrderPlaced`).', fn: (s) => pascalCase(String(s)) },
  camel: { doc: '`{{camel name}}` → camelCase (`OrderPlaced` → `orderPlaced`).', fn: (s) => camelCase(String(s)) },
  kebab: { doc: '`{{kebab name}}` → kebab-case (`OrderPlaced` → `order-placed`).', fn: (s) => kebabCase(String(s)) },
  constant: { doc: '`{{constant name}}` → CONSTANT_CASE (`OrderPlaced` → `ORDER_PLACED`).', fn: (s) => constantCase(String(s)) },
  str: {
    doc: '`{{str value}}` → a TypeScript string literal (quotes and escapes included); the only safe way to put model text in code.',
    fn: (s) => stringLiteral(String(s ?? '')),
  },
  doc: {
    doc: '`{{doc text indent="  "}}` → a `/** … */` block (with a trailing newline) for a description, `*/` escaped; empty when there is no text.',
    fn: (s, options) => docComment(s as string | undefined, String((options as Handlebars.HelperOptions | undefined)?.hash?.indent ?? '')),
  },
  comment: {
    doc: '`{{comment text}}` → text safe inside a block comment (`*/` escaped, control characters dropped).',
    fn: (s) => commentText(String(s ?? '')),
  },
  json: {
    doc: '`{{json value indent=2}}` → JSON text of a value (`indent` spaces, default 2; 0 for one line).',
    fn: (v, options) => {
      const indent = (options as Handlebars.HelperOptions | undefined)?.hash?.indent;
      return JSON.stringify(v, null, typeof indent === 'number' ? indent : 2)
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
    },
  },
  join: {
    doc: '`{{join list ", "}}` → the items of a list joined by a separator.',
    fn: (list, sep) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''),
  },
  union: {
    doc: '`{{union list}}` → type names joined with ` | `, or `never` for an empty list.',
    fn: (list) => (Array.isArray(list) && list.length > 0 ? list.join(' | ') : 'never'),
  },
  pluck: {
    doc: '`{{pluck list "a.b"}}` → the value at a (dotted) field of each item of a list, e.g. `{{union (pluck versions "messageType")}}`.',
    fn: (list, path) =>
      Array.isArray(list)
        ? list.map((item) =>
            String(path)
              .split('.')
              .reduce<unknown>(
                (v, k) => (v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, k) ? (v as Record<string, unknown>)[k] : undefined),
                item,
              ),
          )
        : [],
  },
  pluckAll: {
    doc: '`{{pluckAll list "children" "field"}}` → the field of every child of every item, flattened (e.g. every version of every event).',
    fn: (list, children, field) =>
      Array.isArray(list)
        ? list.flatMap((item) => {
            const kids = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[String(children)] : undefined;
            return Array.isArray(kids)
              ? kids.map((k) => (k !== null && typeof k === 'object' ? (k as Record<string, unknown>)[String(field)] : undefined))
              : [];
          })
        : [],
  },
  concat: {
    doc: '`{{concat a "-" b}}` → the arguments joined as text.',
    fn: (...args) =>
      args
        .slice(0, -1)
        .map((a) => String(a))
        .join(''),
  },
  eq: { doc: '`{{#if (eq a b)}}` → strict equality.', fn: (a, b) => a === b },
  ne: { doc: '`{{#if (ne a b)}}` → strict inequality.', fn: (a, b) => a !== b },
  and: { doc: '`{{#if (and a b)}}` → both truthy.', fn: (a, b) => Boolean(a) && Boolean(b) },
  or: { doc: '`{{#if (or a b)}}` → either truthy.', fn: (a, b) => Boolean(a) || Boolean(b) },
  not: { doc: '`{{#if (not a)}}` → falsy.', fn: (a) => !a },
};

const hb = Handlebars.create();
for (const [name, helper] of Object.entries(HELPERS)) hb.registerHelper(name, helper.fn as Handlebars.HelperDelegate);

/** Declared to the compiler so that it calls helpers directly instead of resolving every name at run time. */
const KNOWN_HELPERS: KnownHelpers = Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true]));

type KnownHelpers = { [name: string]: boolean };

const compiled = new Map<string, Handlebars.TemplateDelegate>();
const MAX_COMPILED = 200;

export class TemplateError extends Error {}

/**
 * Renders a template source with a view. Templates run in strict mode (a misspelt field is an
 * error, not an empty string) and without HTML escaping (they produce code: model text reaches it
 * only through `str`, `doc` and `comment`, and identifiers are validated before rendering).
 */
export function render(name: string, source: string, view: unknown): string {
  let template = compiled.get(source);
  if (!template) {
    try {
      template = hb.compile(source, { noEscape: true, strict: true, assumeObjects: true, knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true });
    } catch (err) {
      throw new TemplateError(`${name}: ${(err as Error).message}`);
    }
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(source, template);
  }
  try {
    return template(view);
  } catch (err) {
    throw new TemplateError(`${name}: ${(err as Error).message.split('\n')[0]}`);
  }
}

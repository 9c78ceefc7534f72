import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import contextSchema from '../../../schemas/context.schema.json';
import manifestSchema from '../../../schemas/eventmodel.schema.json';
import specsSchema from '../../../schemas/specs.schema.json';
import { rangeOf, type LoadedFile } from './source';
import { parsePointer, walkPointer, getPair, nodeSpan } from './yaml-nodes';
import { isMap } from 'yaml';
import type { SourceRange } from '../diagnostic';
import { capitalise, closest } from '../text';

export interface StructuralProblem {
  message: string;
  location: SourceRange;
}

let validators: { context: ValidateFunction; manifest: ValidateFunction; specs: ValidateFunction } | undefined;

function getValidators() {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
    ajv.addSchema(contextSchema, 'context.schema.json');
    validators = {
      context: ajv.compile(contextSchema),
      manifest: ajv.compile(manifestSchema),
      specs: ajv.compile(specsSchema),
    };
  }
  return validators;
}

/** Friendlier messages for combinators whose raw ajv text says nothing useful. */
const COMBINATOR_MESSAGES = new Map<unknown, string>([
  [contextSchema.definitions.event, 'Use either `schema` (a single version 1) or `versions`, not both.'],
  [contextSchema.definitions.command, 'Use either `schema` (a single version 1) or `versions`, not both.'],
  [contextSchema.definitions.relationship, 'A relationship names exactly one of `upstream`, `downstream` or `partner`.'],
  [contextSchema.definitions.specError.properties.error, 'Expected an error message substring, or `{ kind, message }`.'],
  [contextSchema.definitions.commandSpec.properties.then, 'A command spec expects a list of events (`[]`: none) or `{ error: ... }`.'],
  [contextSchema.definitions.policySpec.properties.then, 'A policy spec expects `{ command: Name, data }`, `{ command: none }` or `{ error: ... }`.'],
]);

/**
 * Validates a manifest or context file against the model's JSON Schema and maps every error to
 * the exact YAML node (the offending key for unknown properties, the value for wrong values).
 */
export function validateStructure(file: LoadedFile): StructuralProblem[] {
  if (file.value === undefined || !file.doc) return [];
  if (file.kind === 'manifest' && (file.value === null || file.value === '')) {
    return [
      { message: 'The manifest is empty: it needs at least `include:` globs naming the bounded-context files.', location: rangeOf(file, 0, file.text.length) },
    ];
  }
  if (file.kind === 'context' && (file.value === null || file.value === '')) {
    return [{ message: 'The context file is empty: it needs at least `context: <Name>`.', location: rangeOf(file, 0, file.text.length) }];
  }
  if (file.kind === 'specs' && (file.value === null || file.value === '')) {
    return [{ message: 'The spec file is empty: it needs at least `specsFor: <Context>`.', location: rangeOf(file, 0, file.text.length) }];
  }
  const validate = file.kind === 'manifest' ? getValidators().manifest : file.kind === 'specs' ? getValidators().specs : getValidators().context;
  if (validate(file.value)) return [];
  return simplify(validate.errors ?? []).map((e) => toProblem(file, e));
}

/** Drops combinator noise: a type/oneOf error at a path that also has errors deeper down. */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const paths = errors.map((e) => e.instancePath);
  const vague = new Set(['type', 'oneOf', 'anyOf', 'not', 'if', 'propertyNames']);
  const kept = errors.filter((e) => {
    if (!vague.has(e.keyword)) return true;
    return !paths.some((p) => p.startsWith(e.instancePath + '/'));
  });
  // Several `type` errors at one path (from oneOf branches) become one.
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of kept) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  const out: ErrorObject[] = [];
  for (const group of byPath.values()) {
    const specific = group.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
    const types = specific.filter((e) => e.keyword === 'type');
    const others = specific.filter((e) => e.keyword !== 'type');
    if (types.length > 1) {
      const expected = [...new Set(types.flatMap((t) => [t.params.type as string | string[]].flat()))];
      out.push({ ...types[0], params: { type: expected } });
    } else out.push(...types);
    out.push(...others);
    if (specific.length === 0) out.push(group[0]);
  }
  return dedupe(out);
}

function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toProblem(file: LoadedFile, error: ErrorObject): StructuralProblem {
  const doc = file.doc!;
  const hit = walkPointer(doc, doc.contents, parsePointer(error.instancePath));
  const where = describePath(error.instancePath);
  let span = nodeSpan(hit.node) ?? [0, 0];
  let message: string;
  switch (error.keyword) {
    case 'additionalProperty':
    case 'additionalProperties': {
      const name = String(error.params.additionalProperty);
      const pair = isMap(hit.node) ? getPair(hit.node, name) : undefined;
      span = (pair && nodeSpan(pair.key)) ?? span;
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {}).filter((k) => k !== '$schema');
      const suggestion = closest(name, allowed);
      message = `Unknown property '${name}'${where}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}${allowed.length ? ` Allowed: ${allowed.join(', ')}.` : ''}`;
      break;
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      // Point at the key that owns the incomplete map (e.g. the policy's name), not at the whole block.
      span = (hit.pair && nodeSpan(hit.pair.key)) ?? firstLineSpan(file, span);
      message = `Missing required property '${missing}'${where}.`;
      break;
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const suggestion = typeof error.data === 'string' ? closest(error.data, allowed) : undefined;
      message = `${JSON.stringify(error.data)} is not allowed${where}; expected one of ${allowed.join(', ')}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`;
      break;
    }
    case 'type': {
      const expected = [error.params.type].flat().join(' or ');
      message = `Expected ${expected}${where}, found ${jsonType(error.data)}.`;
      break;
    }
    case 'pattern': {
      const isName = /identifier|reference/.test(error.schemaPath);
      message = isName
        ? `'${String(error.data)}' is not a valid ${/reference/.test(error.schemaPath) ? 'reference (Name, Context.Name or Name@N)' : 'name (letters, digits, _; not starting with a digit)'}${where}.`
        : `'${String(error.data)}' does not match ${error.params.pattern}${where}.`;
      break;
    }
    case 'propertyNames': {
      const name = String(error.params.propertyName);
      const pair = isMap(hit.node) ? getPair(hit.node, name) : undefined;
      span = (pair && nodeSpan(pair.key)) ?? span;
      message = `'${name}' is not a valid key${where}.`;
      break;
    }
    default: {
      const custom = /oneOf|anyOf|not/.test(error.keyword) ? COMBINATOR_MESSAGES.get(error.parentSchema) : undefined;
      const description = (error.parentSchema as { description?: string } | undefined)?.description;
      message =
        custom ?? `${capitalise(error.message ?? 'invalid')}${where}${description && /oneOf|anyOf|not/.test(error.keyword) ? ` (${description})` : ''}.`;
      if (custom && hit.pair) span = nodeSpan(hit.pair.key) ?? span;
    }
  }
  return { message, location: rangeOf(file, span[0], span[1]) };
}

function firstLineSpan(file: LoadedFile, span: [number, number]): [number, number] {
  const nl = file.text.indexOf('\n', span[0]);
  return [span[0], nl < 0 || nl > span[1] ? span[1] : nl];
}

function describePath(instancePath: string): string {
  if (!instancePath) return '';
  return ` in ${parsePointer(instancePath).join('.')}`;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

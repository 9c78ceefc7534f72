import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type TextEdit } from 'vscode-languageserver';
import { isMap, isScalar, isSeq, stringify, type Node } from 'yaml';
import type { CommandDef, LoadedFile, Model, PolicyDef, ReadModelDef, Reference, SchemaSource } from '../../core';
import { KIND_LABEL } from '../../core/model/labels';
import { positionAt } from './locate';
import type { ModelFolder } from '../workspace/model-folder';
import { insertEntry, nodeAt, replaceEntry, type KeyPath } from '../yaml/edit';
import { propertiesOf, rootNodes, sampleValue } from './spec-schema';

type Owner = CommandDef | PolicyDef | ReadModelDef;
type Json = Record<string, unknown>;

const SECTION: Record<Owner['kind'], string> = { command: 'commands', policy: 'policies', readModel: 'readModels' };

function sample(model: Model, schema: SchemaSource | undefined): Json {
  const v = schema ? sampleValue(model, rootNodes(model, schema)) : {};
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

/** The properties of `from` that the schema also declares with a value of the same JSON type (a partial expectation). */
function carried(model: Model, schema: SchemaSource | undefined, from: Json): Json {
  if (!schema) return {};
  const out: Json = {};
  for (const p of propertiesOf(model, rootNodes(model, schema))) {
    if (!(p.name in from)) continue;
    const expected = sampleValue(model, p.schemas);
    if (typeof expected === typeof from[p.name] && Array.isArray(expected) === Array.isArray(from[p.name])) out[p.name] = from[p.name];
  }
  return out;
}

function eventSchema(model: Model, ref: Reference | undefined): SchemaSource | undefined {
  const r = ref && model.index.resolve(ref);
  if (!r?.ok || r.target.kind !== 'event') return undefined;
  return (r.version ?? r.target.versions[r.target.versions.length - 1])?.schema;
}

function commandSchema(model: Model, ref: Reference | undefined): SchemaSource | undefined {
  const r = ref && model.index.resolve(ref);
  return r?.ok && r.target.kind === 'command' ? r.target.schema : undefined;
}

/** A spec with every required property filled, and an expectation carrying what flows through (ids). */
export function specSkeleton(model: Model, owner: Owner): Json {
  const name = `TODO: what ${owner.name} does in this case`;
  if (owner.kind === 'command') {
    const when = sample(model, owner.schema);
    const first = owner.emits[0];
    const then = first ? [{ event: first.text.replace(/@\d+$/, ''), data: carried(model, eventSchema(model, { ...first, version: undefined }), when) }] : [];
    return { name, given: [], when, then };
  }
  if (owner.kind === 'policy') {
    const trigger = owner.when[0];
    const data = sample(model, eventSchema(model, trigger));
    const then = owner.issue ? { command: owner.issue.text, data: carried(model, commandSchema(model, owner.issue), data) } : { command: 'none' };
    return { name, when: { event: trigger?.text ?? 'TODO', data }, then };
  }
  const source = owner.from[0];
  const data = sample(model, eventSchema(model, source));
  const then: Json = {};
  const key = owner.key?.value;
  const keyValue = key?.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), data);
  if (keyValue !== undefined && ['string', 'number', 'boolean'].includes(typeof keyValue)) then.key = keyValue;
  then.view = carried(model, owner.schema, data);
  return { name, given: source ? [{ event: source.text, data }] : [], then };
}

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function lineEndBefore(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  while (e < text.length && text[e] !== '\n' && text[e] !== '\r') e++;
  return e;
}

/** `- item` lines for a block sequence whose dashes sit at `indent`. */
function blockItem(value: unknown, indent: number, nl: string): string {
  return stringify([value], { indent: 2, lineWidth: 0, aliasDuplicateObjects: false })
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => ' '.repeat(indent) + l)
    .join(nl);
}

/** Appends an item to the sequence at `path` (creating `key: [item]` when it is missing), in the sequence's style. */
export function appendItem(file: LoadedFile, path: KeyPath, value: unknown): TextEdit | undefined {
  const node = nodeAt(file, path);
  const text = file.text;
  const nl = eol(text);
  if (node === undefined) return insertEntry(file, path.slice(0, -1), path[path.length - 1], [value]);
  if (node === null || (isScalar(node) && (node.value === null || node.value === ''))) return replaceEntry(file, path, path[path.length - 1], [value]);
  if (!isSeq(node) || !node.range) return undefined;
  if (node.flow) {
    const close = text.lastIndexOf(']', node.range[1]);
    if (close < 0) return undefined;
    if (node.items.length > 0) {
      const p = positionAt(file, close);
      return { range: { start: p, end: p }, newText: `, ${stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trim()}` };
    }
    // `specs: []`: becomes a block sequence under its key.
    const indentOfKey = /^ */.exec(text.slice(lineStart(text, node.range[0])))![0].length;
    return {
      range: { start: positionAt(file, node.range[0]), end: positionAt(file, close + 1) },
      newText: nl + blockItem(value, indentOfKey + 2, nl),
    };
  }
  const first = node.items[0] as Node | undefined;
  const last = node.items[node.items.length - 1] as Node | undefined;
  if (!first?.range || !last?.range) return undefined;
  const dash = text.lastIndexOf('-', first.range[0]);
  const indent = positionAt(file, dash).character;
  const p = positionAt(file, lineEndBefore(text, last.range[1]));
  return { range: { start: p, end: p }, newText: nl + blockItem(value, indent, nl) };
}

function lineStart(text: string, offset: number): number {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n' && text[s - 1] !== '\r') s--;
  return s;
}

/**
 * "Add a spec from this command" (policy, read model): a skeleton where the owner's specs already
 * are (a spec file, else inline), in a spec file of its context when it has one, else inline.
 */
export function addSpecAction(folder: ModelFolder, model: Model, owner: Owner, diagnostic?: LspDiagnostic): CodeAction | undefined {
  const skeleton = specSkeleton(model, owner);
  const existing = model.index.specsOf(owner);
  const specFile =
    existing.find((s) => model.files.get(s.file)?.kind === 'specs')?.file ??
    (existing.length === 0 ? model.index.specFiles.find((f) => f.context?.name.value === owner.context)?.file : undefined);
  let edit: TextEdit | undefined;
  let target: string;
  if (specFile) {
    target = specFile;
    const file = model.files.get(specFile)!;
    edit =
      isMap(nodeAt(file, [SECTION[owner.kind]])) || nodeAt(file, [SECTION[owner.kind]]) === undefined
        ? appendItem(file, [SECTION[owner.kind], owner.name], skeleton)
        : undefined;
  } else {
    target = owner.nameRange.file;
    const file = model.files.get(target);
    edit = file && appendItem(file, [SECTION[owner.kind], owner.name, 'specs'], skeleton);
  }
  if (!edit) return undefined;
  return {
    title: `Add a spec from this ${KIND_LABEL[owner.kind]} (${owner.name})`,
    kind: diagnostic ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
    diagnostics: diagnostic ? [diagnostic] : undefined,
    isPreferred: diagnostic ? true : undefined,
    edit: { changes: { [folder.uriOf(target)]: [edit] } },
  };
}

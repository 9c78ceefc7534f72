import { CompletionItemKind, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import {
  SPEC_ERROR_KINDS,
  type CommandDef,
  type EventDef,
  type LoadedFile,
  type Model,
  type PolicyDef,
  type ReadModelDef,
  type Reference,
  type SchemaSource,
  type SpecDef,
  type SpecOwnerKind,
  type SpecPayload,
} from '../../core';
import { parseReference } from '../../core/model/references';
import { allowedValues, at, child, expand, propertiesOf, rootNodes, type SchemaNode } from './spec-schema';
import type { YamlPosition } from '../yaml/position';

/**
 * Completion and hover inside Given/When/Then specs: event and command names (with versions)
 * where the spec's owner can receive them, payload property names and types from the schema of
 * the message a `data:` belongs to, enumerations and booleans as values, error kinds.
 */

const SECTIONS: Record<string, SpecOwnerKind> = { commands: 'command', policies: 'policy', readModels: 'readModel' };
const PARTS = ['given', 'when', 'then'] as const;
type Part = (typeof PARTS)[number];

type Owner = CommandDef | PolicyDef | ReadModelDef;

/** Where the cursor is inside a spec, read from the text (works while it is half-typed). */
interface SpecCursor {
  /** The editor's text, parsed with error recovery. */
  doc: Document;
  owner?: Owner;
  context: string;
  part: Part;
  /** Keys after the part: `['event']`, `['data', 'lines', 'sku']`, `['view', 'status']`, `['error', 'kind']`. */
  rest: string[];
  slot: 'key' | 'value';
  /** The mapping of the given/then entry (or the `when`/`then` mapping) the cursor is in. */
  entry?: YAMLMap;
  /** The mapping whose key is being written (its keys are not offered again). */
  here?: YAMLMap;
}

function node(doc: Document, n: unknown): Node | undefined {
  return (isAlias(n) ? n.resolve(doc) : n) as Node | undefined;
}

function scalarOf(doc: Document, map: YAMLMap | undefined, key: string): string | undefined {
  const pair = map?.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
  const v = pair && node(doc, pair.value);
  return isScalar(v) && v.value !== null ? String(v.value) : undefined;
}

/** The item of a sequence the offset is in (or the last one starting before it: a blank line at its end). */
function itemAt(doc: Document, seq: Node, offset: number): Node | undefined {
  if (!isSeq(seq)) return seq;
  let best: Node | undefined;
  for (const item of seq.items) {
    const n = node(doc, item);
    if (n?.range && n.range[0] <= offset) best = n;
  }
  return best;
}

/** The mappings along `keys` (trail[i] holds keys[i]), picking sequence items by offset. */
function walk(doc: Document, keys: string[], offset: number): { trail: (YAMLMap | undefined)[]; last: Node | undefined } {
  const trail: (YAMLMap | undefined)[] = [];
  let current = node(doc, doc.contents);
  for (const key of keys) {
    if (current && isSeq(current)) current = itemAt(doc, current, offset);
    if (!isMap(current)) return { trail, last: undefined };
    trail.push(current);
    const pair = current.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    current = pair ? node(doc, pair.value) : undefined;
  }
  if (current && isSeq(current)) current = itemAt(doc, current, offset);
  return { trail, last: current };
}

function specCursor(model: Model, rel: string, text: string, where: YamlPosition, offset: number): SpecCursor | undefined {
  const path = where.path;
  const specFile = model.files.get(rel)?.kind === 'specs' || /^specsFor\s*:/m.test(text);
  const kind = SECTIONS[path[0]];
  if (!kind || path.length < 2) return undefined;
  const base = specFile ? 2 : 3;
  if (!specFile && path[2] !== 'specs') return undefined;
  const part = path[base] as Part;
  if (!PARTS.includes(part)) return undefined;
  const context = specFile
    ? /^specsFor\s*:\s*["']?([A-Za-z_][A-Za-z0-9_]*)/m.exec(text)?.[1]
    : (model.contexts.find((c) => c.file === rel)?.name ?? /^context\s*:\s*["']?([A-Za-z_][A-Za-z0-9_]*)/m.exec(text)?.[1]);
  if (!context) return undefined;
  const owner = model.index.find(kind, context, path[1]) as Owner | undefined;
  const doc = parseDocument(text, { uniqueKeys: false, logLevel: 'silent' });
  const { trail, last } = walk(doc, path, offset);
  const cursor: SpecCursor = { doc, owner, context, part, rest: path.slice(base + 1), slot: where.slot, entry: trail[base + 1] };
  if (where.slot === 'key' && isMap(last)) cursor.here = last;
  // `when:`/`then:` written as a mapping: it is the entry itself.
  if (!cursor.entry && isMap(last) && path.length === base + 1) cursor.entry = last;
  return cursor;
}

function refFrom(text: string, kind: Reference['kind'], context: string): Reference | undefined {
  const zero = { file: '', startOffset: 0, endOffset: 0, start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return parseReference(text, () => zero, kind, 'specGiven', context);
}

/** The schema and label of the message a spec entry names (`event: X@N` → that version; `command: Y` → its schema). */
function messageSchema(
  model: Model,
  text: string | undefined,
  kind: 'event' | 'command',
  context: string,
): { schema?: SchemaSource; label: string } | undefined {
  if (!text) return undefined;
  const ref = refFrom(text, kind, context);
  const r = ref && model.index.resolve(ref);
  if (!r?.ok) return undefined;
  if (r.target.kind === 'command') return { schema: r.target.schema, label: `${r.target.context}.${r.target.name} payload` };
  if (r.target.kind !== 'event') return undefined;
  const version = r.version ?? r.target.versions[r.target.versions.length - 1];
  return version && { schema: version.schema, label: `${r.target.context}.${r.target.name} v${version.number} data` };
}

/** The schema a payload path of the cursor is in, and the path inside it. */
function payloadTarget(model: Model, c: SpecCursor): { schema?: SchemaSource; label: string; path: string[] } | undefined {
  const owner = c.owner;
  if (!owner) return undefined;
  const doc = c.doc;
  const eventEntry =
    (c.part === 'given' || (c.part === 'when' && owner.kind === 'policy') || (c.part === 'then' && owner.kind === 'command')) && c.rest[0] === 'data';
  if (eventEntry) {
    const m = messageSchema(model, scalarOf(doc, c.entry, 'event'), 'event', c.context);
    return m && { ...m, path: c.rest.slice(1) };
  }
  if (c.part === 'when' && owner.kind === 'command') return { schema: owner.schema, label: `${owner.context}.${owner.name} payload`, path: c.rest };
  if (c.part === 'then' && owner.kind === 'policy' && c.rest[0] === 'data') {
    const m = messageSchema(model, scalarOf(doc, c.entry, 'command') ?? owner.issue?.text, 'command', c.context);
    return m && { ...m, path: c.rest.slice(1) };
  }
  if (c.part === 'then' && owner.kind === 'readModel' && c.rest[0] === 'view')
    return { schema: owner.schema, label: `${owner.context}.${owner.name} view`, path: c.rest.slice(1) };
  return undefined;
}

/** Nodes at a path of keys, stepping into array items where a key names an element's property. */
function nodesAt(model: Model, schema: SchemaSource, path: (string | number)[]): SchemaNode[] {
  let nodes = rootNodes(model, schema);
  for (const seg of path) nodes = child(model, withItems(model, nodes), seg);
  return nodes;
}

function withItems(model: Model, nodes: SchemaNode[]): SchemaNode[] {
  return [...nodes, ...nodes.flatMap((n) => (n.node.items && !Array.isArray(n.node.items) ? expand(model, n.node.items, n.file, n.root) : []))];
}

function name(def: { context: string; name: string }, context: string): string {
  return def.context === context ? def.name : `${def.context}.${def.name}`;
}

/** Events the owner can receive at this part of the spec, as reference texts (with versions where they matter). */
function eventChoices(model: Model, c: SpecCursor): { text: string; event: EventDef; detail: string }[] {
  const owner = c.owner;
  const out: { text: string; event: EventDef; detail: string }[] = [];
  const resolved = (refs: readonly Reference[]) =>
    refs.map((r) => model.index.resolve(r)).flatMap((r) => (r.ok && r.target.kind === 'event' ? [{ event: r.target, pin: r.version?.number }] : []));
  const withVersions = (event: EventDef, upTo?: number) => {
    const n = name(event, c.context);
    const latest = event.versions[event.versions.length - 1]?.number;
    out.push({ text: n, event, detail: `event · latest v${latest ?? '?'}` });
    for (const v of [...event.versions].reverse())
      if (upTo === undefined || v.number <= upTo) out.push({ text: `${n}@${v.number}`, event, detail: `event · version ${v.number}` });
  };
  if (!owner) return out;
  if (owner.kind === 'command' && c.part === 'then') {
    for (const { event } of resolved(owner.emits)) out.push({ text: name(event, c.context), event, detail: `event emitted by ${owner.name} (latest version)` });
  } else if (owner.kind === 'command') {
    const agg = owner.aggregate && model.index.resolve(owner.aggregate);
    const ctx = model.index.context(owner.context);
    for (const e of ctx?.events ?? []) {
      const of = e.aggregate && model.index.resolve(e.aggregate);
      if (agg?.ok && of?.ok && of.target === agg.target) withVersions(e);
    }
  } else {
    for (const { event, pin } of resolved(owner.kind === 'policy' ? owner.when : owner.from)) withVersions(event, pin);
  }
  return out;
}

/** Completion items inside a spec, or undefined when the cursor is not in one. */
export function specCompletion(model: Model, rel: string, text: string, where: YamlPosition, offset: number, range: Range): CompletionItem[] | undefined {
  const c = specCursor(model, rel, text, where, offset);
  if (!c) return undefined;
  const items: CompletionItem[] = [];
  const last = c.rest[c.rest.length - 1];
  if (c.slot === 'value' && c.rest.length === 1 && last === 'event') {
    for (const e of eventChoices(model, c)) {
      items.push({
        label: e.text,
        kind: CompletionItemKind.Event,
        detail: e.detail,
        documentation: e.event.description,
        sortText: e.text,
        textEdit: { range, newText: e.text },
      });
    }
    return items;
  }
  if (c.slot === 'value' && c.rest.length === 1 && last === 'command' && c.owner?.kind === 'policy') {
    if (c.owner.issue)
      items.push({
        label: c.owner.issue.text,
        kind: CompletionItemKind.Method,
        detail: `command ${c.owner.name} issues`,
        textEdit: { range, newText: c.owner.issue.text },
      });
    items.push({ label: 'none', kind: CompletionItemKind.Keyword, detail: 'the policy issues no command', textEdit: { range, newText: 'none' } });
    return items;
  }
  if (c.slot === 'value' && c.rest.length === 2 && c.rest[0] === 'error' && last === 'kind') {
    for (const k of SPEC_ERROR_KINDS) items.push({ label: k, kind: CompletionItemKind.Class, detail: 'error kind', textEdit: { range, newText: k } });
    return items;
  }
  const target = payloadTarget(model, c);
  if (!target?.schema) return items;
  const nodes = nodesAt(model, target.schema, target.path);
  // `- |` in a list of objects: the item's first key.
  const listOfObjects =
    c.slot === 'value' && nodes.some((n) => n.node.type === 'array' || n.node.items !== undefined) && propertiesOf(model, withItems(model, nodes)).length > 0;
  if (c.slot === 'key' || listOfObjects) {
    const present = new Set((c.here?.items ?? []).flatMap((p) => (isPair(p) && isScalar(p.key) ? [String(p.key.value)] : [])));
    propertiesOf(model, withItems(model, nodes)).forEach((p, i) => {
      if (present.has(p.name) && p.name !== where.word) return;
      items.push({
        label: p.name,
        kind: CompletionItemKind.Property,
        detail: `${p.type}${p.required ? ' · required' : ''} · ${target.label}`,
        documentation: p.description ? { kind: MarkupKind.Markdown, value: p.description } : undefined,
        sortText: `${p.required ? 0 : 1}-${String(i).padStart(3, '0')}`,
        textEdit: { range, newText: `${p.name}: ` },
      });
    });
    return items;
  }
  if (target.path.length > 0) {
    for (const v of allowedValues(nodes)) {
      const t = typeof v === 'string' ? v : JSON.stringify(v);
      items.push({ label: t, kind: CompletionItemKind.EnumMember, detail: target.label, textEdit: { range, newText: t } });
    }
  }
  return items;
}

// --- hover --------------------------------------------------------------------------------------

/** Every payload of a spec with the schema it is checked against. */
export function specPayloads(model: Model, spec: SpecDef): { payload: SpecPayload; schema?: SchemaSource; label: string }[] {
  const owner = model.index.ownerOf(spec);
  const out: { payload: SpecPayload; schema?: SchemaSource; label: string }[] = [];
  const msg = (text: string, kind: 'event' | 'command', payload?: SpecPayload) => {
    const m = payload && messageSchema(model, text, kind, spec.context);
    if (m && payload) out.push({ payload, ...m });
  };
  for (const g of spec.given) msg(g.ref.text, 'event', g.data);
  if (spec.whenEvent) msg(spec.whenEvent.ref.text, 'event', spec.whenEvent.data);
  if (spec.when && owner?.kind === 'command') out.push({ payload: spec.when, schema: owner.schema, label: `${owner.context}.${owner.name} payload` });
  const then = spec.then;
  if (then?.kind === 'events') for (const e of then.events) msg(e.ref.text, 'event', e.data);
  if (then?.kind === 'command' && then.command) msg(then.command.ref.text, 'command', then.command.data);
  if (then?.kind === 'view' && then.view && owner?.kind === 'readModel')
    out.push({ payload: then.view, schema: owner.schema, label: `${owner.context}.${owner.name} view` });
  return out;
}

/** The key path inside a payload node to the key at `offset` (array items as indices). */
function keyPathAt(doc: Document, start: Node | undefined, offset: number): (string | number)[] | undefined {
  let current = start;
  const path: (string | number)[] = [];
  for (let depth = 0; depth < 64 && current; depth++) {
    if (isMap(current)) {
      const pair = current.items.find((p) => {
        const k = p.key as Node | null;
        const v = node(doc, p.value);
        const end = v?.range?.[1] ?? k?.range?.[1] ?? -1;
        return (k?.range?.[0] ?? Infinity) <= offset && offset <= end;
      });
      if (!pair || !isScalar(pair.key)) return undefined;
      path.push(String(pair.key.value));
      const k = pair.key as Node;
      if (k.range && offset <= k.range[1]) return path;
      current = node(doc, pair.value);
    } else if (isSeq(current)) {
      const i = current.items.findIndex((it) => {
        const n = node(doc, it);
        return n?.range && n.range[0] <= offset && offset <= n.range[1];
      });
      if (i < 0) return undefined;
      path.push(i);
      current = node(doc, current.items[i]);
    } else return undefined;
  }
  return undefined;
}

/** Hover of a property key inside a spec payload: its type, whether it is required, its description. */
export function specHover(model: Model, file: LoadedFile, offset: number): { markdown: string; range: { start: number; end: number } } | undefined {
  if (!file.doc) return undefined;
  const spec = model.index.allSpecs().find((s) => s.file === file.path && s.range.startOffset <= offset && offset <= s.range.endOffset);
  if (!spec) return undefined;
  for (const { payload, schema, label } of specPayloads(model, spec)) {
    if (!schema || offset < payload.range.startOffset || offset > payload.range.endOffset) continue;
    const doc = file.doc;
    const payloadNode = nodeAtPointer(doc, payload.pointer);
    const path = keyPathAt(doc, payloadNode, offset);
    if (!path?.length) return undefined;
    const leaf = path[path.length - 1];
    if (typeof leaf !== 'string') return undefined;
    const parent = at(model, schema, path.slice(0, -1));
    const info = propertiesOf(model, withItems(model, parent)).find((p) => p.name === leaf);
    const keyNode = keyNodeAt(doc, payloadNode, path);
    const range = keyNode?.range ? { start: keyNode.range[0], end: keyNode.range[1] } : { start: offset, end: offset };
    if (!info) return { markdown: `\`${leaf}\` is not a property of ${label}.`, range };
    const lines = [`**${leaf}**${info.required ? '' : '?'}: \`${info.type}\`${info.required ? ' · required' : ' · optional'}`, `of ${label}`];
    if (info.description) lines.push(info.description);
    return { markdown: lines.join('\n\n'), range };
  }
  return undefined;
}

function nodeAtPointer(doc: Document, pointer: string): Node | undefined {
  let current = node(doc, doc.contents);
  for (const seg of pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (isMap(current)) {
      const pair = current.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
      current = pair ? node(doc, pair.value) : undefined;
    } else if (isSeq(current)) current = node(doc, current.items[Number(seg)]);
    else return undefined;
  }
  return current;
}

function keyNodeAt(doc: Document, start: Node | undefined, path: (string | number)[]): Node | undefined {
  let current = start;
  let key: Node | undefined;
  for (const seg of path) {
    if (isMap(current)) {
      const pair = current.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      key = pair?.key as Node | undefined;
      current = pair ? node(doc, pair.value) : undefined;
    } else if (isSeq(current)) current = node(doc, current.items[Number(seg)]);
  }
  return key;
}

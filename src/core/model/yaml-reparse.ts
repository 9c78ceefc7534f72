import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Pair, Scalar, visit, YAMLMap, YAMLSeq, type Document, type Node, type Schema } from 'yaml';

/** The options every model file is parsed with (a re-parse must use the same). */
export const PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false, logLevel: 'silent', strict: true } as const;

/**
 * Re-parses only the part of a YAML document an edit touched, where that gives exactly the
 * document a full parse of the new text would: the smallest run of block-mapping entries (at any
 * depth) around the edit is parsed on its own and spliced into a copy of the old document, every
 * node after it moved by the edit's length. The old document is not modified.
 *
 * The entries' text is parsed as a document of its own, which the YAML grammar parses as it would
 * in place when it starts at a line holding a key at the entries' indentation and ends before the
 * next line at that indentation or less: the lexer is at a line start in block context there, and
 * nothing inside reaches outside. Whatever could break that — anchors and aliases anywhere (an
 * alias outside may name an anchor inside), merge keys, tabs, comments or blank lines at the
 * boundaries (they attach to neighbouring nodes), directives, any error or warning in the old
 * document or in the new part — makes this return undefined, and the caller parses the whole text.
 */
export function reparse(oldText: string, oldDoc: Document.Parsed, text: string): Document.Parsed | undefined {
  if (!reusable(oldText, oldDoc) || text.includes('<<')) return undefined;
  const root = oldDoc.contents;
  if (!isMap(root) || root.flow) return undefined;

  // The changed region: old [from, oldEnd), new [from, oldEnd + delta).
  const max = Math.min(oldText.length, text.length);
  let from = 0;
  while (from < max && oldText.charCodeAt(from) === text.charCodeAt(from)) from++;
  let same = 0;
  while (same < max - from && oldText.charCodeAt(oldText.length - 1 - same) === text.charCodeAt(text.length - 1 - same)) same++;
  const oldEnd = oldText.length - same;
  const delta = text.length - oldText.length;

  // The deepest run of entries around the edit whose new text stands on its own; an insertion
  // exactly at an entry's line start may also end the entry before.
  let slice: Slice | undefined;
  let part: Document.Parsed | undefined;
  for (const preferPrevious of [false, true]) {
    const chain = candidates(oldText, root, oldText.length, from, oldEnd, preferPrevious, []);
    for (let k = chain.length - 1; k >= 0 && !slice; k--) {
      const c = chain[k];
      if (!standsAlone(oldText.slice(c.start, c.end), text.slice(c.start, c.end + delta), c.indent)) continue;
      part = parseDocument(text.slice(c.start, c.end + delta), PARSE_OPTIONS);
      slice = c;
    }
    if (slice) break;
  }
  if (!slice || !part) return undefined;
  const { start, end, indent } = slice;
  const entries = part.contents;
  if (part.errors.length > 0 || part.warnings.length > 0 || !isMap(entries) || entries.flow || entries.items.length === 0) return undefined;
  const partText = text.slice(start, end + delta);
  if (part.directives?.docStart || part.comment || part.commentBefore || ((partText.includes('&') || partText.includes('*')) && !plain(part))) return undefined;
  const first = entries.items[0];
  if (!isScalar(first.key) || first.key.range?.[0] !== indent) return undefined;

  const schema = oldDoc.schema;
  moveNodes(part, start, schema);
  // Blank lines and comments before the first entry are outside the part: they attach as before.
  const oldFirst = slice.map.items[slice.first].key as Node;
  const newFirst = first.key as Node;
  newFirst.spaceBefore = oldFirst.spaceBefore;
  newFirst.commentBefore = oldFirst.commentBefore;

  const shift = (x: number) => (x >= end ? x + delta : x);
  const moves = delta !== 0;
  let child: YAMLMap = splice(slice.map, slice.first, slice.last, entries.items as Pair[], moves ? shift : undefined, schema);
  for (let k = slice.path.length - 1; k >= 0; k--) {
    const { map, index } = slice.path[k];
    child = splice(
      map,
      index,
      index,
      [Object.assign(new Pair(map.items[index].key, child), map.items[index], { value: child })],
      moves ? shift : undefined,
      schema,
    );
  }
  const doc = Object.create(Object.getPrototypeOf(oldDoc), Object.getOwnPropertyDescriptors(oldDoc)) as Document.Parsed;
  doc.contents = child as unknown as Document.Parsed['contents'];
  doc.errors = [];
  doc.warnings = [];
  const docEnd = end === oldText.length ? start + part.range[2] : shift(oldDoc.range[2]);
  doc.range = [oldDoc.range[0], child.range![2], docEnd];
  plainDocs.add(doc);
  return doc;
}

/** Documents known to have no anchors, aliases or merge keys, no errors and no directives. */
const plainDocs = new WeakSet<Document>();
const mixedDocs = new WeakSet<Document>();

function reusable(oldText: string, oldDoc: Document.Parsed): boolean {
  if (plainDocs.has(oldDoc)) return true;
  if (mixedDocs.has(oldDoc)) return false;
  // Anchors and aliases need `&` and `*`: a text without either has none, and no visit is needed.
  const ok =
    oldDoc.errors.length === 0 &&
    oldDoc.warnings.length === 0 &&
    !oldDoc.directives?.docStart &&
    !oldText.includes('<<') &&
    ((!oldText.includes('&') && !oldText.includes('*')) || plain(oldDoc));
  (ok ? plainDocs : mixedDocs).add(oldDoc);
  return ok;
}

/** No alias, no anchor anywhere in the document. */
function plain(doc: Document): boolean {
  let ok = true;
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node) || node.anchor) {
        ok = false;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return ok;
}

interface Slice {
  /** The block map whose entries [first, last] are re-parsed, and the maps above it with the entry leading down. */
  map: YAMLMap;
  first: number;
  last: number;
  path: { map: YAMLMap; index: number }[];
  /** Text of those entries: from the line start of the first key to the line start after the last entry. */
  start: number;
  end: number;
  indent: number;
}

/**
 * The runs of entries containing the old changed region [from, to), one per depth (outermost
 * first): at each block map, the entries from the one whose line the edit starts on to the one it
 * ends in (`spanEnd`: where the map's last entry ends), then the same inside that entry's value
 * when it is a single entry holding a block map.
 */
function candidates(text: string, map: YAMLMap, spanEnd: number, from: number, to: number, preferPrevious: boolean, path: Slice['path']): Slice[] {
  const items = map.items as Pair[];
  if (items.length === 0) return [];
  const starts: number[] = [];
  let indent = -1;
  for (const item of items) {
    const at = (item.key as Node | null)?.range?.[0];
    if (at === undefined) return [];
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    for (let c = lineStart; c < at; c++) if (text.charCodeAt(c) !== 32) return [];
    if (indent < 0) indent = at - lineStart;
    else if (at - lineStart !== indent) return [];
    starts.push(lineStart);
  }
  if (from < starts[0]) return [];
  let first = 0;
  while (first + 1 < items.length && starts[first + 1] <= from) first++;
  if (preferPrevious && first > 0 && starts[first] === from) first--;
  const endOf = (k: number) => (k + 1 < items.length ? starts[k + 1] : spanEnd);
  let last = first;
  while (to > endOf(last) && last + 1 < items.length) last++;
  if (to > endOf(last) || text.charCodeAt(endOf(last) - 1) !== 10) return [];
  const here: Slice = { map, first, last, path, start: starts[first], end: endOf(last), indent };
  if (first !== last) return [here];
  const value = items[first].value;
  if (!isMap(value) || value.flow) return [here];
  return [here, ...candidates(text, value, endOf(first), from, to, preferPrevious, [...path, { map, index: first }])];
}

/**
 * Whether the new text of a run of entries parses on its own as it does in place: it starts with a
 * key at the entries' indentation, it ends with a line of content in both texts (trailing blank and
 * comment lines attach to the next entry) and it has no tab (tabs in indentation depend on the
 * surroundings). A line indented less than the entries cannot parse on its own: it is refused
 * here rather than by a parse.
 */
function standsAlone(oldPart: string, newPart: string, indent: number): boolean {
  if (!endsWithContent(oldPart) || !endsWithContent(newPart) || newPart.includes('\t')) return false;
  for (let c = 0; c < indent; c++) if (newPart.charCodeAt(c) !== 32) return false;
  const next = newPart.charCodeAt(indent);
  if (next === 32 || next === 10 || next === 13 || next === 35) return false;
  for (let at = newPart.indexOf('\n') + 1; at < newPart.length; at = newPart.indexOf('\n', at) + 1) {
    let c = at;
    while (c < newPart.length && newPart.charCodeAt(c) === 32) c++;
    const ch = newPart.charCodeAt(c);
    if (c - at < indent && ch !== 10 && ch !== 13 && c < newPart.length) return false;
    if (c >= newPart.length) break;
  }
  return true;
}

function endsWithContent(part: string): boolean {
  if (part.length === 0 || part.charCodeAt(part.length - 1) !== 10) return false;
  const lastLine = part.slice(part.lastIndexOf('\n', part.length - 2) + 1, part.length - 1).trim();
  return lastLine !== '' && !lastLine.startsWith('#');
}

/** The nodes of the separately parsed part, placed at `offset` in the whole text. */
function moveNodes(part: Document, offset: number, schema: Schema): void {
  visit(part, {
    Node(_key, node) {
      if (node.range) node.range = [node.range[0] + offset, node.range[1] + offset, node.range[2] + offset];
      if (isMap(node) || isSeq(node)) node.schema = schema;
    },
  });
}

/**
 * A copy of `map` with entries [first, last] replaced by `items` and every later node moved by
 * `shift` (copied: the old document stays as it was); without `shift` they are shared.
 */
function splice(map: YAMLMap, first: number, last: number, items: Pair[], shift: ((x: number) => number) | undefined, schema: Schema): YAMLMap {
  const copy = Object.assign(new YAMLMap(schema), map);
  const after = map.items.slice(last + 1);
  copy.items = [...map.items.slice(0, first), ...items, ...(shift ? after.map((p) => copyPair(p as Pair, shift, schema)) : after)];
  const tail = (copy.items[copy.items.length - 1] as Pair).value as Node;
  copy.range = [map.range![0], tail.range![2], tail.range![2]];
  return copy;
}

function copyPair(pair: Pair, shift: (x: number) => number, schema: Schema): Pair {
  const key = copyNode(pair.key, shift, schema);
  const value = copyNode(pair.value, shift, schema);
  return Object.assign(new Pair(key, value), pair, { key, value });
}

function copyNode<T>(node: T, shift: (x: number) => number, schema: Schema): T {
  if (isPair(node)) return copyPair(node, shift, schema) as T;
  if (isScalar(node)) return moved(Object.assign(new Scalar(node.value), node), shift) as T;
  if (isMap(node)) {
    const copy = Object.assign(new YAMLMap(schema), node);
    copy.items = node.items.map((p) => copyPair(p as Pair, shift, schema));
    return moved(copy, shift) as T;
  }
  if (isSeq(node)) {
    const copy = Object.assign(new YAMLSeq(schema), node);
    copy.items = node.items.map((item) => copyNode(item, shift, schema));
    return moved(copy, shift) as T;
  }
  return node;
}

function moved<T extends { range?: [number, number, number] | null }>(node: T, shift: (x: number) => number): T {
  if (node.range) node.range = [shift(node.range[0]), shift(node.range[1]), shift(node.range[2])];
  return node;
}

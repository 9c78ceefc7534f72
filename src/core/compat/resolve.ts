/**
 * `$ref` resolution, pure: external documents come from an injected resolver.
 *
 * A schema lives in a *document* (a file, or a schema embedded in a larger YAML file at some
 * pointer). Every node the walker visits is identified by (document, pointer-in-document), so a
 * change found inside an external file can be placed on the exact YAML node of that file.
 */
import { getAt, isObject, join, parsePointer } from './pointer';

/**
 * Loads the document a `$ref` points at. `ref` is the reference without its fragment
 * (e.g. `./order-line.json`), `fromDocument` the name of the document that contains it.
 * Returns the document's name (any stable string, e.g. a workspace-relative path) and its root
 * schema, or undefined when it cannot be found.
 */
export interface SchemaResolver {
  (ref: string, fromDocument: string): { document: string; schema: unknown } | undefined;
}

/** Where a schema node is physically written. */
export interface SchemaLocation {
  document: string;
  /** JSON pointer inside that document's text. */
  pointer: string;
}

/** A schema node together with where it is written. */
export interface Loc {
  node: unknown;
  document: string;
  pointer: string;
}

export interface ResolveProblem {
  kind: 'unresolved-ref' | 'invalid-schema';
  location: SchemaLocation;
  message: string;
}

interface DocumentEntry {
  name: string;
  /** The value `#` refers to. */
  root: unknown;
  /** Pointer of `root` inside the document text (non-empty for a schema embedded in YAML). */
  basePointer: string;
  /** `$id` / `$anchor` index, built lazily. */
  anchors?: Map<string, string>;
}

/** Resolves references for one side (old or new) of a comparison. */
export class RefResolver {
  private readonly docs = new Map<string, DocumentEntry>();
  private readonly external = new Map<string, DocumentEntry | null>();
  private readonly refCache = new Map<string, Loc | null>();
  readonly problems: ResolveProblem[] = [];
  private readonly reported = new Set<string>();

  constructor(
    rootSchema: unknown,
    readonly rootDocument: string,
    rootPointer: string,
    private readonly resolver?: SchemaResolver,
  ) {
    this.docs.set(rootDocument, { name: rootDocument, root: rootSchema, basePointer: rootPointer });
  }

  root(): Loc {
    const entry = this.docs.get(this.rootDocument)!;
    return { node: entry.root, document: entry.name, pointer: entry.basePointer };
  }

  /**
   * Follows `$ref` chains from `loc`. A node with `$ref` is replaced by its target (draft-07
   * semantics: sibling keywords of `$ref` are not merged). Unresolvable references and cycles of
   * pure references resolve to an empty schema and are reported once.
   */
  deref(loc: Loc): Loc {
    let current = loc;
    const seen = new Set<unknown>();
    while (isObject(current.node) && typeof current.node.$ref === 'string') {
      if (seen.has(current.node)) {
        this.problem('unresolved-ref', current, `\`$ref\` cycle without any schema in between at ${current.pointer || '/'}`);
        return { node: {}, document: current.document, pointer: current.pointer };
      }
      seen.add(current.node);
      const target = this.lookup(current.node.$ref as string, current.document);
      if (!target) {
        this.problem('unresolved-ref', current, `\`$ref\` "${current.node.$ref as string}" does not resolve`);
        return { node: {}, document: current.document, pointer: current.pointer };
      }
      current = target;
    }
    if (current.node !== undefined && typeof current.node !== 'boolean' && !isObject(current.node)) {
      this.problem('invalid-schema', current, `not a JSON Schema (a ${Array.isArray(current.node) ? 'list' : typeof current.node}); compared as \`{}\``);
      return { node: {}, document: current.document, pointer: current.pointer };
    }
    return current;
  }

  /** Resolves one reference string written in `fromDocument`. */
  lookup(ref: string, fromDocument: string): Loc | undefined {
    const key = `${fromDocument}\u0000${ref}`;
    const cached = this.refCache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.lookupUncached(ref, fromDocument);
    this.refCache.set(key, found ?? null);
    return found;
  }

  private lookupUncached(ref: string, fromDocument: string): Loc | undefined {
    const hash = ref.indexOf('#');
    const uri = hash >= 0 ? ref.slice(0, hash) : ref;
    const fragment = hash >= 0 ? ref.slice(hash + 1) : '';
    let entry = this.docs.get(fromDocument);
    if (uri !== '') {
      entry = this.lookupById(uri, fromDocument) ?? this.loadExternal(uri, fromDocument);
      if (!entry) return undefined;
    }
    if (!entry) return undefined;
    let pointer: string;
    if (fragment === '' || fragment.startsWith('/')) {
      try {
        pointer = decodeFragment(fragment);
      } catch {
        return undefined;
      }
    } else {
      const anchored = this.anchors(entry).get(fragment);
      if (anchored === undefined) return undefined;
      pointer = anchored;
    }
    const node = pointer === '' ? entry.root : getAt(entry.root, pointer);
    if (node === undefined) return undefined;
    return { node, document: entry.name, pointer: entry.basePointer + pointer };
  }

  private lookupById(uri: string, fromDocument: string): DocumentEntry | undefined {
    // A reference to an embedded `$id` of the same document (`{"$ref": "address.json"}` next to
    // `{"$id": "address.json", ...}`) resolves inside the document before any loading.
    const entry = this.docs.get(fromDocument);
    if (!entry) return undefined;
    const pointer = this.anchors(entry).get('$id:' + uri);
    if (pointer === undefined) return undefined;
    const key = `${fromDocument}\u0000${uri}`;
    const existing = this.docs.get(key);
    if (existing) return existing;
    const sub: DocumentEntry = { name: entry.name, root: getAt(entry.root, pointer), basePointer: entry.basePointer + pointer };
    this.docs.set(key, sub);
    return sub;
  }

  private loadExternal(uri: string, fromDocument: string): DocumentEntry | undefined {
    const key = `${fromDocument}\u0000${uri}`;
    if (this.external.has(key)) return this.external.get(key) ?? undefined;
    let loaded: { document: string; schema: unknown } | undefined;
    try {
      loaded = this.resolver?.(uri, fromDocument);
    } catch {
      loaded = undefined;
    }
    let entry: DocumentEntry | undefined;
    if (loaded) {
      entry = this.docs.get(loaded.document);
      if (!entry || entry.root !== loaded.schema) {
        entry = { name: loaded.document, root: loaded.schema, basePointer: '' };
        this.docs.set(loaded.document, entry);
      }
    }
    this.external.set(key, entry ?? null);
    return entry;
  }

  private anchors(entry: DocumentEntry): Map<string, string> {
    if (entry.anchors) return entry.anchors;
    const map = new Map<string, string>();
    const stack: Array<[unknown, string]> = [[entry.root, '']];
    const visited = new Set<unknown>();
    while (stack.length > 0) {
      const [node, pointer] = stack.pop()!;
      if (typeof node !== 'object' || node === null || visited.has(node)) continue;
      visited.add(node);
      if (Array.isArray(node)) {
        node.forEach((child, i) => stack.push([child, join(pointer, i)]));
        continue;
      }
      const obj = node as Record<string, unknown>;
      if (typeof obj.$anchor === 'string' && !map.has(obj.$anchor)) map.set(obj.$anchor, pointer);
      const id = typeof obj.$id === 'string' ? obj.$id : typeof obj.id === 'string' ? obj.id : undefined;
      if (id !== undefined && pointer !== '') {
        if (id.startsWith('#')) {
          if (!map.has(id.slice(1))) map.set(id.slice(1), pointer);
        } else if (!map.has('$id:' + id)) {
          map.set('$id:' + id, pointer);
        }
      }
      for (const [k, child] of Object.entries(obj)) {
        // `enum`, `const`, `default` and `examples` hold data, not schemas.
        if (k === 'enum' || k === 'const' || k === 'default' || k === 'examples') continue;
        stack.push([child, join(pointer, k)]);
      }
    }
    entry.anchors = map;
    return map;
  }

  private problem(kind: ResolveProblem['kind'], loc: Loc, message: string): void {
    const key = `${kind}\u0000${loc.document}\u0000${loc.pointer}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.problems.push({ kind, location: { document: loc.document, pointer: loc.pointer }, message });
  }
}

function decodeFragment(fragment: string): string {
  if (fragment === '') return '';
  const decoded = decodeURIComponent(fragment);
  // Validate it parses as a pointer.
  parsePointer(decoded);
  return decoded;
}

/**
 * `$ref` resolution, pure: external documents come from an injected resolver.
 *
 * A schema lives in a *document* (a file, or a schema embedded in a larger YAML file at some
 * pointer). Every node the walker visits is identified by (document, pointer-in-document), so a
 * change found inside an external file can be placed on the exact YAML node of that file.
 */
import { getAt, joinPointer as join } from '../json-pointer';
import { isObject } from './keywords';

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

/**
 * What one side's references resolve to: its documents, their `$id`/`$anchor` indexes, the
 * external documents loaded and every reference looked up. Without {@link tainted} every lookup
 * is a pure function of (reference, document), so the comparisons of one version against several
 * others (transitive modes, a history) share one cache instead of re-resolving, re-indexing and
 * re-loading the same documents for every pair.
 */
export class ResolverCache {
  private readonly rootEntry: DocumentEntry;
  /** Documents other than the root (or replacing it), by name or by `document\0$id`. */
  private others?: Map<string, DocumentEntry>;
  /** `document\0uri` → loaded document (null: not found). */
  external?: Map<string, DocumentEntry | null>;
  /** fromDocument → reference → target (two levels: no key string to build per lookup). */
  refCache?: Map<string, Map<string, Loc | null>>;
  /**
   * A loaded document replaced a different one of the same name (an external `$ref` back into
   * the file that embeds the root schema): from then on lookups depend on the order they were
   * made in, so the cache must not be shared any further.
   */
  tainted = false;

  constructor(
    rootSchema: unknown,
    readonly rootDocument: string,
    rootPointer: string,
    readonly resolver?: SchemaResolver,
  ) {
    this.rootEntry = { name: rootDocument, root: rootSchema, basePointer: rootPointer };
  }

  doc(key: string): DocumentEntry | undefined {
    const entry = this.others?.get(key);
    if (entry !== undefined) return entry;
    return key === this.rootDocument ? this.rootEntry : undefined;
  }

  setDoc(key: string, entry: DocumentEntry): void {
    (this.others ??= new Map()).set(key, entry);
  }

  /** An empty cache for the same root schema and resolver. */
  fresh(): ResolverCache {
    return new ResolverCache(this.rootEntry.root, this.rootDocument, this.rootEntry.basePointer, this.resolver);
  }
}

const NO_PROBLEMS: readonly ResolveProblem[] = Object.freeze([]);

/** Resolves references for one side (old or new) of a comparison. */
export class RefResolver {
  private readonly cache: ResolverCache;
  private found?: ResolveProblem[];
  private reported?: Set<string>;

  constructor(
    rootSchema: unknown,
    readonly rootDocument: string,
    rootPointer: string,
    resolver?: SchemaResolver,
    /** Lookups shared with other comparisons of the same schema (same root, document, pointer, resolver). */
    shared?: ResolverCache,
  ) {
    this.cache = shared ?? new ResolverCache(rootSchema, rootDocument, rootPointer, resolver);
  }

  /** What could not be resolved or used, each reported once. */
  get problems(): readonly ResolveProblem[] {
    return this.found ?? NO_PROBLEMS;
  }

  /** A resolver for the same schema with nothing looked up or reported yet. */
  fresh(): RefResolver {
    return new RefResolver(undefined, this.rootDocument, '', undefined, this.cache.fresh());
  }

  root(): Loc {
    const entry = this.cache.doc(this.rootDocument)!;
    return { node: entry.root, document: entry.name, pointer: entry.basePointer };
  }

  /**
   * Follows `$ref` chains from `loc`. A node with `$ref` is replaced by its target (draft-07
   * semantics: sibling keywords of `$ref` are not merged). Unresolvable references and cycles of
   * pure references resolve to an empty schema and are reported once.
   */
  deref(loc: Loc): Loc {
    let current = loc;
    let node = current.node;
    if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
      if (typeof (node as Record<string, unknown>).$ref !== 'string') return current;
    } else if (node === undefined || typeof node === 'boolean') {
      return current;
    }
    // The reference nodes passed so far: the first one, then (for longer chains) a set.
    let first: unknown = undefined;
    let seen: Set<unknown> | undefined;
    while (isObject(node) && typeof node.$ref === 'string') {
      if (first === undefined) first = node;
      else if (node === first || seen?.has(node)) {
        this.problem('unresolved-ref', current, `\`$ref\` cycle without any schema in between at ${current.pointer || '/'}`);
        return { node: {}, document: current.document, pointer: current.pointer };
      } else (seen ??= new Set()).add(node);
      const target = this.lookup(node.$ref as string, current.document);
      if (!target) {
        this.problem('unresolved-ref', current, `\`$ref\` "${node.$ref as string}" does not resolve`);
        return { node: {}, document: current.document, pointer: current.pointer };
      }
      current = target;
      node = current.node;
    }
    if (node !== undefined && typeof node !== 'boolean' && !isObject(node)) {
      this.problem('invalid-schema', current, `not a JSON Schema (a ${Array.isArray(node) ? 'list' : typeof node}); compared as \`{}\``);
      return { node: {}, document: current.document, pointer: current.pointer };
    }
    return current;
  }

  /** Resolves one reference string written in `fromDocument`. */
  lookup(ref: string, fromDocument: string): Loc | undefined {
    const refCache = (this.cache.refCache ??= new Map());
    let byRef = refCache.get(fromDocument);
    if (byRef === undefined) refCache.set(fromDocument, (byRef = new Map()));
    const cached = byRef.get(ref);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.lookupUncached(ref, fromDocument);
    byRef.set(ref, found ?? null);
    return found;
  }

  private lookupUncached(ref: string, fromDocument: string): Loc | undefined {
    const hash = ref.indexOf('#');
    const uri = hash >= 0 ? ref.slice(0, hash) : ref;
    const fragment = hash >= 0 ? ref.slice(hash + 1) : '';
    let entry = this.cache.doc(fromDocument);
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
    const cache = this.cache;
    const entry = cache.doc(fromDocument);
    if (!entry) return undefined;
    const pointer = this.anchors(entry).get('$id:' + uri);
    if (pointer === undefined) return undefined;
    const key = `${fromDocument}\u0000${uri}`;
    const existing = cache.doc(key);
    if (existing) return existing;
    const sub: DocumentEntry = { name: entry.name, root: getAt(entry.root, pointer), basePointer: entry.basePointer + pointer };
    cache.setDoc(key, sub);
    return sub;
  }

  private loadExternal(uri: string, fromDocument: string): DocumentEntry | undefined {
    const key = `${fromDocument}\u0000${uri}`;
    const cache = this.cache;
    const external = (cache.external ??= new Map());
    if (external.has(key)) return external.get(key) ?? undefined;
    let loaded: { document: string; schema: unknown } | undefined;
    try {
      loaded = cache.resolver?.(uri, fromDocument);
    } catch {
      loaded = undefined;
    }
    let entry: DocumentEntry | undefined;
    if (loaded) {
      entry = cache.doc(loaded.document);
      if (!entry || entry.root !== loaded.schema) {
        if (entry) cache.tainted = true;
        entry = { name: loaded.document, root: loaded.schema, basePointer: '' };
        cache.setDoc(loaded.document, entry);
      }
    }
    external.set(key, entry ?? null);
    return entry;
  }

  private anchors(entry: DocumentEntry): Map<string, string> {
    if (entry.anchors) return entry.anchors;
    if (!hasAnchors(entry.root)) return (entry.anchors = new Map());
    const map = new Map<string, string>();
    const stack: Array<[unknown, string]> = [[entry.root, '']];
    const visited = new Set<unknown>();
    while (stack.length > 0) {
      const [node, pointer] = stack.pop()!;
      if (typeof node !== 'object' || node === null || visited.has(node)) continue;
      visited.add(node);
      if (Array.isArray(node)) {
        // Only objects can hold an `$id` or `$anchor`: scalars are not even pushed.
        node.forEach((child, i) => {
          if (typeof child === 'object' && child !== null) stack.push([child, join(pointer, i)]);
        });
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
        if (typeof child === 'object' && child !== null) stack.push([child, join(pointer, k)]);
      }
    }
    entry.anchors = map;
    return map;
  }

  private problem(kind: ResolveProblem['kind'], loc: Loc, message: string): void {
    const key = `${kind}\u0000${loc.document}\u0000${loc.pointer}`;
    const reported = (this.reported ??= new Set());
    if (reported.has(key)) return;
    reported.add(key);
    (this.found ??= []).push({ kind, location: { document: loc.document, pointer: loc.pointer }, message });
  }
}

/**
 * Whether the index of `$id`s and `$anchor`s built by `anchors()` would have any entry: the same
 * nodes, without building pointers. Small trees are searched recursively; a deep or large one
 * (or a cyclic graph) falls back to the visited-set traversal `anchors()` uses.
 */
function hasAnchors(root: unknown): boolean {
  scanBudget = 5_000;
  const found = scanAnchors(root, root, 0);
  return found === undefined ? hasAnchorsVisited(root) : found;
}

let scanBudget = 0;

/** true/false, or undefined when the search gave up (too deep or too many nodes). */
function scanAnchors(node: unknown, root: unknown, depth: number): boolean | undefined {
  if (typeof node !== 'object' || node === null) return false;
  if (depth > 64 || --scanBudget < 0) return undefined;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const child = node[i];
      if (typeof child !== 'object' || child === null) continue;
      const found = scanAnchors(child, root, depth + 1);
      if (found !== false) return found;
    }
    return false;
  }
  const obj = node as Record<string, unknown>;
  if (typeof obj.$anchor === 'string') return true;
  if (node !== root && (typeof obj.$id === 'string' || typeof obj.id === 'string')) return true;
  for (const k in obj) {
    if (!Object.prototype.hasOwnProperty.call(obj, k) || k === 'enum' || k === 'const' || k === 'default' || k === 'examples') continue;
    const child = obj[k];
    if (typeof child !== 'object' || child === null) continue;
    const found = scanAnchors(child, root, depth + 1);
    if (found !== false) return found;
  }
  return false;
}

function hasAnchorsVisited(root: unknown): boolean {
  const stack: unknown[] = [root];
  const visited = new Set<unknown>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || visited.has(node)) continue;
    visited.add(node);
    if (Array.isArray(node)) {
      for (const child of node) if (typeof child === 'object' && child !== null) stack.push(child);
      continue;
    }
    const obj = node as Record<string, unknown>;
    if (typeof obj.$anchor === 'string') return true;
    if (node !== root && (typeof obj.$id === 'string' || typeof obj.id === 'string')) return true;
    for (const k in obj) {
      if (!Object.prototype.hasOwnProperty.call(obj, k) || k === 'enum' || k === 'const' || k === 'default' || k === 'examples') continue;
      const child = obj[k];
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  return false;
}

/** A `$ref` fragment (`''` or `/…`) as a JSON string-form pointer; throws on bad percent-encoding. */
function decodeFragment(fragment: string): string {
  return fragment === '' ? '' : decodeURIComponent(fragment);
}

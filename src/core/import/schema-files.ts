import { posix } from 'node:path';
import { Replacement, mapSchema } from '../codegen/schemas';
import { escapePointerSegment, parsePointer, valueAtPointer } from '../model/yaml-nodes';
import { isObject, type JsonObject } from './normalize';

/**
 * Payload schemas of an AsyncAPI document as files of the model (`schemas/…`). `#/…` pointers
 * into the document are resolved: into the schema itself they stay internal, into
 * `components/schemas` they become one shared file per component, anything else a file of its
 * own. Relative file refs are copied in (read through `loadExternal`); remote ones are not fetched.
 */

export interface SchemaFileSet {
  /** Model-relative path → JSON value. */
  files: Map<string, unknown>;
  notes: string[];
}

export type ExternalLoader = (ref: string, fromFile: string | undefined) => { value: unknown; name: string } | undefined;

export class SchemaFiles {
  readonly files = new Map<string, unknown>();
  readonly notes: string[] = [];
  /** Document pointer (or external file) → model path of the file that holds it. */
  private readonly placed = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(
    private readonly doc: JsonObject,
    private readonly loadExternal: ExternalLoader,
  ) {}

  /**
   * Writes the schema at document POINTER (value VALUE) to PATH (unless it is a bare ref to a
   * component, which is then written once and returned) and returns the model path to `$ref`.
   */
  place(value: unknown, pointer: string, path: string): string {
    if (isObject(value) && typeof value.$ref === 'string' && Object.keys(value).length === 1 && value.$ref.startsWith('#/components/schemas/')) {
      const target = this.pointerTarget(value.$ref.slice(1));
      if (target && !target.fragment) return target.file;
    }
    this.files.set(path, this.rewrite(value, pointer, path, undefined));
    this.taken.add(path);
    return path;
  }

  /** A file for the schema at a document pointer (shared components once, by name). */
  private pointerTarget(pointer: string): { file: string; fragment: string } | undefined {
    const segments = parsePointer(pointer);
    // #/components/schemas/X/... → the component's file, with the rest as fragment.
    const isComponent = segments[0] === 'components' && segments[1] === 'schemas' && segments.length >= 3;
    const base = isComponent ? segments.slice(0, 3) : segments;
    const basePointer = base.map((s) => `/${escapePointerSegment(s)}`).join('');
    const rest = segments
      .slice(base.length)
      .map((s) => `/${escapePointerSegment(s)}`)
      .join('');
    let file = this.placed.get(basePointer);
    if (!file) {
      const value = valueAtPointer(this.doc, base);
      if (value === undefined) return undefined;
      const name = safeName(isComponent ? segments[2] : segments.slice(-2).join('-'));
      file = this.freshPath(`schemas/${isComponent ? 'components' : 'shared'}/${name}.json`);
      this.placed.set(basePointer, file);
      this.files.set(file, this.rewrite(value, basePointer, file, undefined));
    }
    return { file, fragment: rest };
  }

  private freshPath(path: string): string {
    let candidate = path;
    for (let i = 2; this.taken.has(candidate) || this.files.has(candidate); i++) candidate = path.replace(/\.json$/, `-${i}.json`);
    this.taken.add(candidate);
    return candidate;
  }

  /**
   * A copy of VALUE for the model file PATH: refs into the schema itself (it sits at document
   * pointer `at`) stay internal, others point to the file that now holds their target.
   * `external` is the source file when VALUE came from a referenced file, not the document.
   */
  private rewrite(value: unknown, at: string, path: string, external: string | undefined): unknown {
    return mapSchema(value, (node) => {
      if (typeof node.$ref !== 'string') return withoutParserKeys(node);
      const ref = node.$ref;
      const rest = withoutParserKeys(node);
      if (/^[a-z][a-z0-9+.-]*:/i.test(ref) && !ref.startsWith('file:')) {
        this.notes.push(`${path}: the remote reference '${ref}' was not fetched; replaced by an open schema. Copy it into the model and reference the file.`);
        const { $ref: _drop, ...others } = rest;
        return new Replacement({
          ...others,
          description: `${typeof others.description === 'string' ? `${others.description} ` : ''}(was $ref: ${ref}; remote, not fetched on import)`,
        });
      }
      if (ref.startsWith('#')) {
        const pointer = ref.slice(1);
        if (external === undefined && (pointer === at || pointer.startsWith(`${at}/`))) return { ...rest, $ref: `#${pointer.slice(at.length)}` };
        if (external !== undefined) return rest; // refs inside a copied file keep pointing into it
        const target = this.pointerTarget(pointer);
        if (!target) {
          this.notes.push(`${path}: '${ref}' points to nothing in the document; replaced by an open schema.`);
          return new Replacement({});
        }
        return { ...rest, $ref: `${relative(path, target.file)}${target.fragment ? `#${target.fragment}` : ''}` };
      }
      // A relative file reference: copy the file into schemas/external/ once.
      const hash = ref.indexOf('#');
      const filePart = hash >= 0 ? ref.slice(0, hash) : ref;
      const fragment = hash >= 0 ? ref.slice(hash) : '';
      const loaded = this.loadExternal(filePart, external);
      if (!loaded) {
        this.notes.push(`${path}: cannot read '${filePart}'; replaced by an open schema.`);
        return new Replacement({});
      }
      const key = `file:${loaded.name}`;
      let file = this.placed.get(key);
      if (!file) {
        file = this.freshPath(`schemas/external/${safeName(posix.basename(loaded.name).replace(/\.(json|ya?ml)$/i, ''))}.json`);
        this.placed.set(key, file);
        this.files.set(file, this.rewrite(loaded.value, '', file, loaded.name));
      }
      return { ...rest, $ref: `${relative(path, file)}${fragment}` };
    });
  }
}

/** Keys `@asyncapi/parser` adds to schemas it has parsed. */
function withoutParserKeys(node: JsonObject): JsonObject {
  if (!Object.keys(node).some((k) => k.startsWith('x-parser-'))) return node;
  return Object.fromEntries(Object.entries(node).filter(([k]) => !k.startsWith('x-parser-')));
}

function relative(from: string, to: string): string {
  const rel = posix.relative(posix.dirname(from), to);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

export function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'schema';
}

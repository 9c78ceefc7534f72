import picomatch from 'picomatch';
import type { SourceRange } from '../diagnostic';
import type { WorkspaceHost } from './host';
import type { Model, SchemaLink } from './model';
import { ModelIndex } from './model-index';
import { parseContextFile } from './parse-context';
import { parseSpecFile } from './parse-specs';
import { MANIFEST_FILE, parseManifest, type DefaultOverrides } from './parse-manifest';
import { collectRefs } from './payload-schema';
import { resolveInsideWorkspace } from './paths';
import { decodeContent, loadSourceFile, type LoadedFile } from './source';
import { locatePointer } from './locate';
import { schemaSourcesOf } from './schema-sources';
import type { ContextDef, Manifest, SourceFile, SpecFileDef } from './types';
import { parsePointer, valueAtPointer } from './yaml-nodes';

export interface LoaderOptions {
  /** Compatibility defaults from the editor's settings, used where the manifest sets none. */
  defaults?: DefaultOverrides;
}

interface ExternalRef {
  ref: string;
  pointer: string;
  range: SourceRange;
  /** Target file resolved against the referring file (null: outside the workspace). */
  target: string | null;
}

function safeDecodeUri(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

interface CacheEntry {
  loaded: LoadedFile;
  context?: ContextDef;
  specFile?: SpecFileDef;
  manifest?: Manifest;
  externalRefs?: ExternalRef[];
  schemaTargets?: string[];
  /** The links of this file's `$ref`s and the target files (as in `schemaTargets`) they were computed against. */
  links?: { targets: (LoadedFile | undefined)[]; links: SchemaLink[] };
}

const LINKS_BY_FILE = Symbol('schema links by file');
const NO_LINKS: readonly SchemaLink[] = [];

/**
 * The `$ref` links written in one file of a model, in order (`model.schemaLinks` of that file):
 * kept per file by the loader, so reading them does not build the model-wide list.
 */
export function schemaLinksOf(model: Model, file: string): readonly SchemaLink[] {
  let byFile = (model as { [LINKS_BY_FILE]?: Map<string, SchemaLink[]> })[LINKS_BY_FILE];
  if (!byFile) {
    byFile = new Map();
    for (const link of model.schemaLinks) {
      const list = byFile.get(link.file);
      if (list) list.push(link);
      else byFile.set(link.file, [link]);
    }
    (model as { [LINKS_BY_FILE]?: Map<string, SchemaLink[]> })[LINKS_BY_FILE] = byFile;
  }
  return byFile.get(file) ?? NO_LINKS;
}

/** Extensions a `$ref` target may have. */
const SCHEMA_FILE = /\.(json|ya?ml)$/i;

/**
 * A workspace folder's model, kept up to date incrementally: `update()` marks one file changed
 * (with the editor's unsaved text, or re-read from the host) and the next `model` re-parses only
 * that file, reusing every other file's parse. Knows nothing of rules (see `core/workspace`).
 */
export class ModelLoader {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly overlays = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private fileList?: Set<string>;
  /** Bumped whenever a path joins or leaves the file list. */
  private fileListVersion = 0;
  private readonly matched = new Map<'include' | 'specs', { manifest: Manifest; version: number; files: string[] }>();
  private current?: Model;
  private versionCounter = 0;
  /** Bumped whenever the manifest is re-parsed: findings computed per file may depend on it. */
  configStamp = 0;

  constructor(
    private readonly host: WorkspaceHost,
    private readonly options: LoaderOptions = {},
  ) {}

  /** Re-reads the file list and every file from the host (unchanged texts keep their parse). */
  reload(): Model {
    this.fileList = undefined;
    for (const path of this.cache.keys()) this.dirty.add(path);
    this.invalidate();
    return this.model;
  }

  /**
   * One file changed: `text` is the editor's (possibly unsaved) content; `undefined` drops any
   * overlay and re-reads the file from the host (or notes its deletion).
   */
  update(path: string, text?: string): void {
    if (text === undefined) this.overlays.delete(path);
    else this.overlays.set(path, text);
    this.dirty.add(path);
    if (this.fileList) {
      const exists = text !== undefined || this.host.readFile(path) !== undefined;
      if (exists !== this.fileList.has(path)) this.fileListVersion++;
      if (exists) this.fileList.add(path);
      else this.fileList.delete(path);
    }
    this.invalidate();
  }

  get model(): Model {
    if (!this.current) this.current = this.build();
    return this.current;
  }

  /** The files the model consists of (manifest, contexts, external schemas). */
  files(): string[] {
    return [...this.model.files.keys()];
  }

  private invalidate(): void {
    this.current = undefined;
  }

  // --- loading ----------------------------------------------------------------------------------

  private read(path: string): Uint8Array | string | undefined {
    const overlay = this.overlays.get(path);
    if (overlay !== undefined) return overlay;
    return this.host.readFile(path);
  }

  /** The cached entry of a file, re-loaded when it was marked dirty. Undefined when it does not exist. */
  private entry(path: string, kind: SourceFile['kind']): CacheEntry | undefined {
    let entry = this.cache.get(path);
    if (entry && !this.dirty.has(path) && entry.loaded.kind === kind) return entry;
    const content = this.read(path);
    this.dirty.delete(path);
    if (content === undefined) {
      this.cache.delete(path);
      return undefined;
    }
    if (entry && entry.loaded.kind === kind && sameContent(entry.loaded, content)) return entry;
    // The previous parse of the file lets an edit re-parse only what changed.
    const loaded = loadSourceFile(path, content, kind, ++this.versionCounter, entry?.loaded.kind === kind ? entry.loaded : undefined);
    entry = { loaded };
    if (kind === 'context') entry.context = parseContextFile(loaded);
    if (kind === 'specs') entry.specFile = parseSpecFile(loaded);
    if (kind === 'manifest') {
      entry.manifest = parseManifest(loaded, this.options.defaults);
      this.configStamp++;
    }
    this.cache.set(path, entry);
    return entry;
  }

  private listFiles(): Set<string> {
    if (!this.fileList) {
      this.fileListVersion++;
      this.fileList = new Set(this.host.listFiles());
      for (const path of this.overlays.keys()) this.fileList.add(path);
    }
    return this.fileList;
  }

  private build(): Model {
    const files = new Map<string, LoadedFile>();
    const manifestEntry = this.entry(MANIFEST_FILE, 'manifest');
    const empty: Model = { files, contextFiles: [], contexts: [], index: new ModelIndex([]), schemaLinks: [] };
    if (!manifestEntry) return empty;
    const manifest = manifestEntry.manifest!;
    files.set(MANIFEST_FILE, manifestEntry.loaded);

    const contextFiles = [...this.matchGlobs('include', manifest)];
    const contexts: ContextDef[] = [];
    for (const path of contextFiles) {
      const entry = this.entry(path, 'context');
      if (!entry) continue;
      files.set(path, entry.loaded);
      if (entry.context) contexts.push(entry.context);
    }
    // Spec files: matched by `specs:`, never a context file too (a context is what `include` matched).
    const specFiles: SpecFileDef[] = [];
    for (const path of this.matchGlobs('specs', manifest)) {
      if (files.has(path)) continue;
      const entry = this.entry(path, 'specs');
      if (!entry) continue;
      files.set(path, entry.loaded);
      if (entry.specFile) specFiles.push(entry.specFile);
    }
    const parts = this.loadSchemaFiles(contextFiles, files);
    // Files no longer part of the model leave the cache.
    for (const path of [...this.cache.keys()]) if (!files.has(path)) this.cache.delete(path);
    const byFile = new Map<string, SchemaLink[]>();
    for (const part of parts) {
      if (part.length === 0) continue;
      const known = byFile.get(part[0].file);
      byFile.set(part[0].file, known ? [...known, ...part] : part);
    }
    let schemaLinks: SchemaLink[] | undefined;
    return {
      manifest,
      files,
      contextFiles,
      contexts,
      index: new ModelIndex(contexts, specFiles),
      // Built on first use: the rules read each file's links (see schemaLinksOf).
      get schemaLinks() {
        return (schemaLinks ??= parts.flat());
      },
      [LINKS_BY_FILE]: byFile,
    } as Model;
  }

  /** Files matched by the manifest's `include` or `specs` globs, in path order (recomputed when the manifest or the file list changes). */
  private matchGlobs(key: 'include' | 'specs', manifest: Manifest): string[] {
    const files = this.listFiles();
    const known = this.matched.get(key);
    if (known && known.manifest === manifest && known.version === this.fileListVersion) return known.files;
    const out: string[] = [];
    const globs = manifest[key];
    if (globs.length > 0) {
      const matchers = globs.map((g) => picomatch(g.value.replace(/^\.\//, ''), { dot: false }));
      for (const path of files) {
        if (path === MANIFEST_FILE || !/\.ya?ml$/i.test(path)) continue;
        if (matchers.some((m) => m(path))) out.push(path);
      }
      out.sort();
    }
    this.matched.set(key, { manifest, version: this.fileListVersion, files: out });
    return out;
  }

  /** The distinct `.json`/`.yaml` files a file's `$ref`s name, in order of first mention (once per parse). */
  private schemaTargets(entry: CacheEntry): string[] {
    if (!entry.schemaTargets) {
      const paths = new Set<string>();
      for (const use of this.externalRefs(entry)) if (use.target && SCHEMA_FILE.test(use.target)) paths.add(use.target);
      entry.schemaTargets = [...paths];
    }
    return entry.schemaTargets;
  }

  /** `$ref`s to other files written in one file, computed once per parse. */
  private externalRefs(entry: CacheEntry): ExternalRef[] {
    if (!entry.externalRefs) {
      const loaded = entry.loaded;
      const roots: { value: unknown; pointer: string }[] =
        loaded.kind === 'context'
          ? entry.context
            ? schemaSourcesOf(entry.context)
            : []
          : loaded.value !== undefined
            ? [{ value: loaded.value, pointer: '' }]
            : [];
      entry.externalRefs = [];
      for (const root of roots) {
        for (const use of collectRefs(root.value, root.pointer)) {
          if (use.ref.startsWith('#')) continue; // internal reference
          const hash = use.ref.indexOf('#');
          const pathPart = hash >= 0 ? use.ref.slice(0, hash) : use.ref;
          const target = resolveInsideWorkspace(loaded.path, safeDecodeUri(pathPart)) ?? null;
          entry.externalRefs.push({ ...use, range: locatePointer(loaded, use.pointer), target });
        }
      }
    }
    return entry.externalRefs;
  }

  /**
   * Follows `$ref`s from every schema into external files, breadth first, each file once. A file's
   * links are reused while it and every target it names are the same parses.
   */
  private loadSchemaFiles(contextFiles: string[], files: Map<string, LoadedFile>): SchemaLink[][] {
    const links: SchemaLink[][] = [];
    const queue: CacheEntry[] = [];
    for (const path of contextFiles) {
      const entry = this.cache.get(path);
      if (entry) queue.push(entry);
    }
    const visited = new Set<string>();
    for (let i = 0; i < queue.length; i++) {
      const entry = queue[i];
      const uses = this.externalRefs(entry);
      const paths = this.schemaTargets(entry);
      const targets = new Map<string, CacheEntry | undefined>();
      let reuse = entry.links !== undefined;
      for (let k = 0; k < paths.length; k++) {
        const path = paths[k];
        const target = files.has(path) ? this.cache.get(path) : this.entry(path, 'schema');
        if (target) files.set(path, target.loaded);
        // A missing target's message depends on the host (missing, or a link leading outside).
        else reuse = false;
        targets.set(path, target);
        if (reuse && entry.links!.targets[k] !== target?.loaded) reuse = false;
      }
      if (!reuse) {
        entry.links = {
          targets: paths.map((p) => targets.get(p)?.loaded),
          links: uses.map((use) => this.link(entry.loaded, use, use.target ? targets.get(use.target) : undefined)),
        };
      }
      links.push(entry.links!.links);
      for (const path of paths) {
        const target = targets.get(path);
        if (!target || target.loaded.value === undefined || visited.has(path)) continue;
        visited.add(path);
        queue.push(target);
      }
    }
    return links;
  }

  /** One `$ref` of `from`, with its target's entry (undefined: not loaded). */
  private link(from: LoadedFile, use: ExternalRef, entry: CacheEntry | undefined): SchemaLink {
    const hash = use.ref.indexOf('#');
    const fragment = hash >= 0 ? use.ref.slice(hash + 1) : '';
    const link: SchemaLink = { file: from.path, pointer: use.pointer, ref: use.ref, range: use.range, fragment };
    const target = use.target;
    if (!target) {
      link.problem = /^[a-z][a-z0-9+.-]+:/i.test(use.ref)
        ? {
            kind: 'remote',
            message: `'${use.ref}' is a remote reference: remote schemas are not fetched. Copy the schema into the workspace and refer to the file.`,
          }
        : { kind: 'outside-workspace', message: `'${use.ref}' points outside the workspace folder; it was not read.` };
      return link;
    }
    link.target = target;
    if (!SCHEMA_FILE.test(target)) {
      link.problem = { kind: 'unreadable', message: `'${use.ref}' must name a .json, .yaml or .yml file.` };
      return link;
    }
    if (!entry) {
      link.problem = this.host.escapesWorkspace?.(target)
        ? { kind: 'outside-workspace', message: `'${use.ref}' is a link that leads outside the workspace folder; it was not read.` }
        : { kind: 'missing-file', message: `Schema file '${target}' does not exist.` };
      return link;
    }
    if (entry.loaded.value === undefined) {
      link.problem = { kind: 'unreadable', message: `Schema file '${target}' could not be loaded (see its own diagnostics).` };
      return link;
    }
    if (fragment && fragment !== '/' && valueAtPointer(entry.loaded.value, parsePointer(`#${fragment}`)) === undefined) {
      link.problem = { kind: 'missing-fragment', message: `'${target}' has nothing at '#${fragment}'.` };
    }
    return link;
  }
}

/** True when the content decodes to the text already parsed (a reload then keeps the parse). */
function sameContent(loaded: LoadedFile, content: Uint8Array | string): boolean {
  if (loaded.problems.some((p) => p.rule === 'unreadable-file')) return false;
  const decoded = decodeContent(content);
  return !('problem' in decoded) && decoded.text === loaded.text;
}

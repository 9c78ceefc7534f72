import type { SourceRange } from '../diagnostic';
import type { Model } from '../model/model';
import type { SchemaSource } from '../model/types';
import type { TemplateName } from './artifacts';
import type { GenerationCache } from './cache';
import { kebabCase } from './names';
import { importSpecifier, isInside, joinInside } from './paths';
import type { SchemaRoot, SchemaSet } from './schemas';
import type { NameRegistry } from './name-registry';

export interface PlanOptions {
  /**
   * Template sources by file name (`types.ts.hbs`, …): the built-in templates, overlaid with the
   * workspace's overrides when the front end allows them. Every name of `TEMPLATE_NAMES` is needed.
   */
  templates: Readonly<Record<string, string>>;
  /** Base of every `dataschema` URI (default `urn:eventmodel:<namespace>`); a schema's path under `<outDir>/schemas` is appended. */
  schemaBaseUri?: string;
  /** Reuse type/validator results across runs (editor, watch mode, benchmark). */
  cache?: GenerationCache;
  /**
   * Module system of the output when the manifest's `generate.module` sets none (front ends pass
   * what the workspace's package.json says: `"type": "module"` → `esm`). Default `commonjs`.
   */
  defaultModule?: ModuleSystem;
}

export type ModuleSystem = 'commonjs' | 'esm';

export interface GenerationProblem {
  severity: 'error' | 'warning';
  /**
   * Stable id: invalid-identifier, name-collision, path-collision, unsafe-path, template-missing,
   * template-error, schema, types, validators (errors); renamed, upcast-first-version (warnings).
   */
  code: string;
  message: string;
  /** Where in the model, when known. */
  location?: SourceRange;
  /** The model file concerned when no exact range is known. */
  file?: string;
}

/**
 * What every planning step shares: the model, the options, the problems found so far, the output
 * folders, every claimed path, the schema set and each context's folder and name registry.
 */
export class PlanState {
  readonly problems: GenerationProblem[] = [];
  outDir = '.';
  scaffoldDir = '.';
  namespace = '';
  header = '';
  schemaBase = '';
  /** Module system of the output: ESM imports carry `.js` extensions. */
  module: ModuleSystem = 'commonjs';
  readonly contextDirs = new Map<string, string>();
  /** File-name stem of each definition (unique per kind within its context). */
  readonly stems = new Map<object, string>();
  readonly names = new Map<string, NameRegistry>();
  schemaSet!: SchemaSet;
  readonly roots = new Map<SchemaSource, SchemaRoot>();
  /** Output path of each artifact, by the definition it is rendered for (`MODEL_ITEM` for model scope) and template. */
  readonly layout = new Map<object, Map<TemplateName, string>>();
  /** `imports` views by folder and context (see layout.ts). */
  readonly importsCache = new Map<string, Record<string, string>>();
  /** Bundled JSON Schema file content by output path. */
  readonly schemaFiles = new Map<string, unknown>();
  /** Warnings raised while planning a context, kept with its cached output. */
  readonly contextWarnings = new Map<string, GenerationProblem[]>();
  /** The context being planned, if any (its warnings are recorded for the cache). */
  current: string | undefined;
  private readonly paths = new Map<string, string>();

  constructor(
    readonly model: Model,
    readonly options: PlanOptions,
    readonly cache: GenerationCache,
  ) {}

  error(code: string, message: string, where?: SourceRange | string): void {
    this.problems.push({ severity: 'error', code, message, ...(typeof where === 'string' ? { file: where } : where ? { location: where } : {}) });
  }

  warn(code: string, message: string, where?: SourceRange | string): void {
    const problem: GenerationProblem = {
      severity: 'warning',
      code,
      message,
      ...(typeof where === 'string' ? { file: where } : where ? { location: where } : {}),
    };
    this.problems.push(problem);
    if (this.current !== undefined) {
      let list = this.contextWarnings.get(this.current);
      if (!list) this.contextWarnings.set(this.current, (list = []));
      list.push(problem);
    }
  }

  get hasErrors(): boolean {
    return this.problems.some((p) => p.severity === 'error');
  }

  /** Registers a file path; two definitions mapping to one file (also case-insensitively) is a problem. */
  claimPath(path: string | undefined, owner: string, range?: SourceRange): string | undefined {
    if (!path) {
      this.error('unsafe-path', `${owner}: the output path would leave its folder.`, range);
      return undefined;
    }
    const key = path.toLowerCase();
    const other = this.paths.get(key);
    if (other !== undefined) {
      this.error('path-collision', `${owner} and ${other} would both be written to '${path}' (file names are compared case-insensitively); rename one.`, range);
      return undefined;
    }
    this.paths.set(key, owner);
    return path;
  }

  outPath(rel: string, owner: string, range?: SourceRange): string {
    return this.claimPath(joinInside(this.outDir, rel), owner, range) ?? `${this.outDir}/${rel}`;
  }

  scaffoldPath(rel: string, owner: string, range?: SourceRange): string {
    const path = this.claimPath(joinInside(this.scaffoldDir, rel), owner, range) ?? `${this.scaffoldDir}/${rel}`;
    if (isInside(path, this.outDir)) this.error('unsafe-path', `${owner}'s scaffold '${path}' would land inside generate.outDir '${this.outDir}'.`, range);
    return path;
  }

  /** The import specifier of the file `to` from the file `from`, for the output's module system. */
  importPath(from: string, to: string): string {
    return importSpecifier(from, to, this.module === 'esm');
  }

  dirOf(context: string): string {
    return this.contextDirs.get(context) ?? kebabCase(context);
  }

  rootOf(source: SchemaSource | undefined): SchemaRoot | undefined {
    return source ? this.roots.get(source) : undefined;
  }

  /** The laid-out path of an artifact rendered for `item` (see layout.ts). */
  pathOf(item: object, template: TemplateName): string {
    const path = this.layout.get(item)?.get(template);
    if (path === undefined) throw new Error(`No ${template} output was laid out for this element.`);
    return path;
  }
}

/** Layout key of the model-scope artifacts. */
export const MODEL_ITEM: object = Object.freeze({ scope: 'model' });

export function firstLine(err: unknown): string {
  return String(err instanceof Error ? err.message : err).split('\n')[0];
}

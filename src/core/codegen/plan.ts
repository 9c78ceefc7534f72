import { createHash } from 'node:crypto';
import type { SourceRange } from '../diagnostic';
import type { Model } from '../model/model';
import type { ContextDef, SchemaSource } from '../model/types';
import { defaultSchemaBase } from '../model/wire';
import { TEMPLATE_NAMES, TEMPLATES, type Artifact, type FileOwner, type TemplateName } from './artifacts';
import { bindHandlers, contextView } from './build-views';
import { CONTEXT_KEY_PREFIX, GenerationCache } from './cache';
import { GENERATED_MARKER } from './marker';
import { contextTypes, contextValidators, sharedTypes } from './context-code';
import {
  artifactsOf,
  assignDirs,
  CONTEXT_SCOPES,
  contextModules,
  importsFor,
  layOut,
  MODEL_SCOPE_ITEM,
  scopeItems,
  versionsOf,
  type ScopeItem,
} from './layout';
import { NameRegistry } from './name-registry';
import { commentText, unsafeNameProblem } from './names';
import { isInside, normalizeOutputDir } from './paths';
import { firstLine, PlanState, type GenerationProblem, type PlanOptions } from './plan-state';
import { SchemaSet, type SchemaRoot } from './schemas';
import { specReferences } from '../model/model-index';
import { specsView } from './spec-view';
import { render, TemplateError } from './templates';
import type { ContextView, ModelView, View } from './views';

export type { FileOwner } from './artifacts';
export type { GenerationProblem, ModuleSystem, PlanOptions } from './plan-state';

export { GENERATED_MARKER } from './marker';

export interface PlannedFile {
  /** Workspace-relative POSIX path, inside `outDir` (generated) or `scaffoldDir` (scaffold). */
  path: string;
  content: string;
  owner: FileOwner;
  /** Template it was rendered from. */
  template: TemplateName;
}

export interface GenerationPlan {
  outDir: string;
  scaffoldDir: string;
  /** Empty whenever `problems` holds an error: a partial plan is never written. */
  files: PlannedFile[];
  problems: GenerationProblem[];
}

/** What a context contributed to a plan, reused when its inputs are unchanged (plain data: a store may persist it as JSON). */
export interface ContextOutput {
  view: ContextView;
  files: PlannedFile[];
  warnings: GenerationProblem[];
}

/** Bumped whenever planning changes in a way that cached context outputs must not survive. */
const GENERATOR_VERSION = 'codegen-3';

/**
 * The planning run: checks, layout (every artifact's path), views, types and validators, then one
 * rendering per row of the artifacts table and element of its scope.
 */
class Planner extends PlanState {
  readonly files: PlannedFile[] = [];
  private readonly contextViews = new Map<string, ContextView>();
  private readonly contextKeys = new Map<string, string>();

  async run(): Promise<void> {
    const manifest = this.model.manifest;
    if (!manifest) {
      this.error('no-model', 'There is no eventmodel.yaml manifest: nothing to generate.');
      return;
    }
    this.checkDirs();
    this.checkTemplates();
    this.checkNames();
    if (this.hasErrors) return;
    this.namespace = manifest.namespace ?? manifest.model ?? '';
    const modelName = manifest.model ? commentText(manifest.model).replace(/[\s]+/g, ' ').trim().slice(0, 80) : '';
    this.header = `${GENERATED_MARKER} from the model${modelName ? ` '${modelName}'` : ''} (eventmodel.yaml). Do not edit: this file is rewritten on every run.`;
    // Same base as wireIdentity(): dataschema URIs are part of the published wire identity.
    this.schemaBase = (this.options.schemaBaseUri ?? defaultSchemaBase(manifest.namespace)).replace(/\/+$/, '');

    this.module = manifest.generate.module ?? this.options.defaultModule ?? 'commonjs';
    assignDirs(this);
    this.collectRoots();
    if (this.hasErrors) return;
    layOut(this);
    // Contexts whose inputs did not change since a previous run (same cache) are reused whole.
    const globalKey = this.globalKey();
    const pending: ContextDef[] = [];
    for (const ctx of this.model.contexts) {
      const key = this.contextKey(globalKey, ctx);
      this.contextKeys.set(ctx.name, key);
      const hit = this.cache.get<ContextOutput>(key);
      if (hit) this.reuse(ctx, hit);
      else pending.push(ctx);
    }
    for (const ctx of pending) this.inContext(ctx, () => this.contextViews.set(ctx.name, contextView(this, ctx)));
    for (const ctx of pending) this.inContext(ctx, () => bindHandlers(this, ctx, this.contextViews.get(ctx.name)!, this.contextViews));
    if (this.hasErrors) return;
    for (const ctx of pending) {
      this.current = ctx.name;
      await contextTypes(this, ctx, this.contextViews.get(ctx.name)!);
    }
    this.current = undefined;
    if (this.hasErrors) return;
    for (const ctx of pending) this.inContext(ctx, () => contextValidators(this, ctx, this.contextViews.get(ctx.name)!));
    if (this.hasErrors) return;
    await this.emit(new Set(pending.map((c) => c.name)));
  }

  // --- reuse across runs -------------------------------------------------------------------------

  private inContext<T>(ctx: ContextDef, fn: () => T): T {
    this.current = ctx.name;
    try {
      return fn();
    } finally {
      this.current = undefined;
    }
  }

  /** Everything every context's output depends on besides its own file and the contexts it references. */
  private globalKey(): string {
    const h = createHash('sha1');
    const add = (text: string) => h.update(text).update('\u0000');
    add(GENERATOR_VERSION);
    add(this.options.schemaBaseUri ?? '');
    add(this.module);
    for (const name of TEMPLATE_NAMES) add(this.options.templates[name] ?? '');
    add(this.model.files.get(this.model.manifest!.file)?.text ?? '');
    for (const [path, file] of [...this.model.files].sort(([a], [b]) => (a < b ? -1 : 1))) if (file.kind === 'schema') add(path).update(file.text);
    for (const s of this.schemaSet.shared.values()) add(`${s.key}=${s.name}`);
    for (const [name, dir] of this.contextDirs) add(`${name}=${dir}`);
    return h.digest('hex');
  }

  private contextKey(globalKey: string, ctx: ContextDef): string {
    const h = createHash('sha1')
      .update(globalKey)
      .update(ctx.file)
      .update('\u0000')
      .update(this.model.files.get(ctx.file)?.text ?? '');
    const others = new Set<string>();
    for (const ref of [...ctx.policies.flatMap((p) => [...p.when, ...(p.issue ? [p.issue] : [])]), ...ctx.readModels.flatMap((r) => r.from)]) {
      if (ref.context && ref.context.value !== ctx.name) others.add(ref.context.value);
    }
    for (const other of [...others].sort()) {
      const def = this.model.index.context(other);
      h.update('\u0000')
        .update(other)
        .update('\u0000')
        .update(def ? (this.model.files.get(def.file)?.text ?? '') : '');
    }
    // Specs may sit in spec files and name events of other contexts: those texts count too.
    for (const f of this.model.index.specFiles)
      if (f.context?.name.value === ctx.name)
        h.update('\u0000')
          .update(f.file)
          .update('\u0000')
          .update(this.model.files.get(f.file)?.text ?? '');
    const named = new Set<string>();
    for (const o of [...ctx.commands, ...ctx.policies, ...ctx.readModels])
      for (const s of this.model.index.specsOf(o))
        for (const r of specReferences(s)) if (r.context && r.context.value !== ctx.name && !others.has(r.context.value)) named.add(r.context.value);
    for (const other of [...named].sort()) {
      const def = this.model.index.context(other);
      h.update('\u0000')
        .update(other)
        .update('\u0000')
        .update(def ? (this.model.files.get(def.file)?.text ?? '') : '');
    }
    return `${CONTEXT_KEY_PREFIX}${h.digest('hex')}`;
  }

  /** A cached context: its view and files as they were (its paths are already claimed by the layout). */
  private reuse(ctx: ContextDef, hit: ContextOutput): void {
    this.contextViews.set(ctx.name, hit.view);
    this.files.push(...hit.files);
    this.problems.push(...hit.warnings);
  }

  // --- checks ------------------------------------------------------------------------------------

  private checkDirs(): void {
    const g = this.model.manifest!.generate;
    const file = this.model.manifest!.file;
    const out = normalizeOutputDir(g.outDir, 'generate.outDir', false);
    const scaffold = normalizeOutputDir(g.scaffoldDir, 'generate.scaffoldDir', true);
    if ('problem' in out) this.error('unsafe-path', out.problem, file);
    if ('problem' in scaffold) this.error('unsafe-path', scaffold.problem, file);
    if ('problem' in out || 'problem' in scaffold) return;
    this.outDir = out.dir;
    this.scaffoldDir = scaffold.dir;
    if (out.dir === scaffold.dir)
      this.error('unsafe-path', `generate.outDir and generate.scaffoldDir are both '${out.dir}': generated files and your own must live apart.`, file);
    else if (isInside(scaffold.dir, out.dir))
      this.error(
        'unsafe-path',
        `generate.scaffoldDir '${scaffold.dir}' is inside generate.outDir '${out.dir}', whose content is rewritten on every run.`,
        file,
      );
    for (const path of this.model.files.keys()) {
      if (isInside(path, out.dir)) {
        this.error('unsafe-path', `generate.outDir '${out.dir}' contains the model file '${path}'; choose a folder that holds only generated code.`, file);
        break;
      }
    }
  }

  private checkTemplates(): void {
    for (const name of TEMPLATE_NAMES) {
      if (typeof this.options.templates[name] !== 'string') this.error('template-missing', `Template '${name}' was not provided.`);
    }
  }

  /** Names that could inject code are refused (the model format's `schema` rule reports them too); every other name generates. */
  private checkName(name: string, what: string, range: SourceRange): boolean {
    const problem = unsafeNameProblem(name);
    if (problem) {
      this.error('invalid-identifier', `${what} name '${printable(name)}' ${problem}; it cannot become a TypeScript identifier.`, range);
      return false;
    }
    return true;
  }

  private checkNames(): void {
    for (const ctx of this.model.contexts) {
      this.checkName(ctx.name, 'Context', ctx.nameRange);
      for (const a of ctx.aggregates) this.checkName(a.name, 'Aggregate', a.nameRange);
      for (const c of ctx.commands) this.checkName(c.name, 'Command', c.nameRange);
      for (const e of ctx.events) this.checkName(e.name, 'Event', e.nameRange);
      for (const p of ctx.policies) this.checkName(p.name, 'Policy', p.nameRange);
      for (const r of ctx.readModels) this.checkName(r.name, 'Read model', r.nameRange);
    }
  }

  // --- schemas ---------------------------------------------------------------------------------

  private collectRoots(): void {
    const all: SchemaRoot[] = [];
    const add = (source: SchemaSource | undefined) => {
      if (!source) return;
      const root = SchemaSet.rootOf(this.model.files, source.file, source.value);
      this.roots.set(source, root);
      all.push(root);
    };
    for (const ctx of this.model.contexts) {
      for (const a of ctx.aggregates) add(a.state);
      for (const c of ctx.commands) {
        add(c.schema);
        for (const v of versionsOf(c)) if (v.schema !== c.schema) add(v.schema);
        add(c.headers);
      }
      for (const e of ctx.events) {
        for (const v of versionsOf(e)) add(v.schema);
        add(e.headers);
      }
      for (const r of ctx.readModels) {
        add(r.schema);
        for (const q of r.queries) add(q.schema);
      }
    }
    this.schemaSet = new SchemaSet(this.model.files, all);
    for (const p of this.schemaSet.problems) this.error('schema', p.message, p.file);
  }

  // --- rendering -------------------------------------------------------------------------------

  private renderFile(artifact: Artifact, path: string, view: Record<string, unknown>): void {
    const template = artifact.template;
    let content: string;
    try {
      content = render(template, this.options.templates[template], { header: this.header, ...view });
    } catch (err) {
      this.error('template-error', err instanceof TemplateError ? err.message : `${template}: ${firstLine(err)}`);
      return;
    }
    const owner = TEMPLATES[template];
    if (owner === 'generated' && !content.slice(0, 1024).includes(GENERATED_MARKER)) {
      this.error(
        'template-error',
        `${template}: generated files must start with the {{header}} line (the writer recognises its files by '${GENERATED_MARKER}').`,
      );
      return;
    }
    this.files.push({ path, content, owner, template });
  }

  private async emit(pending: Set<string>): Promise<void> {
    const manifest = this.model.manifest!;
    const model: ModelView = {
      name: manifest.model ?? null,
      namespace: this.namespace,
      outDir: this.outDir,
      scaffoldDir: this.scaffoldDir,
      module: this.module,
      defaultDeadLetter: `${manifest.namespace || manifest.model || 'eventmodel'}.dlq`,
    };
    // index.ts: one namespace per context beside its own exports; a context's name wins over another's alternative.
    const exports = new NameRegistry(this, `In ${this.outDir}/index.ts`);
    exports.reserve(INDEX_EXPORTS);
    for (const def of this.model.contexts) if (exports.isFree(def.name)) exports.claim(def.name, `context ${def.name}`, def.nameRange);
    const contexts = this.model.contexts.map((def) => ({
      ...this.contextViews.get(def.name)!,
      exportName: exports.claim(def.name, `context ${def.name}`, def.nameRange, `${def.name}Context`),
      modules: contextModules(this, def),
    }));

    const shared = await sharedTypes(this);
    const policies = contexts.flatMap((c) => c.policies);
    const readModels = contexts.flatMap((c) => c.readModels);
    for (const a of artifactsOf('model')) {
      const path = this.pathOf(MODEL_SCOPE_ITEM.key, a.template);
      const view: Omit<View<'model'>, 'header'> = { model, contexts, policies, readModels, shared, imports: importsFor(this, path) };
      this.renderFile(a, path, { ...view });
    }

    for (const def of this.model.contexts) {
      if (!pending.has(def.name)) continue;
      const ctx = this.contextViews.get(def.name)!;
      const first = this.files.length;
      const errors = this.problems.filter((p) => p.severity === 'error').length;
      const specs = specsView(this, def, ctx, this.pathOf(def, 'specs.test.ts.hbs'));
      for (const scope of CONTEXT_SCOPES) {
        for (const a of artifactsOf(scope)) {
          for (const item of scopeItems(def, scope)) {
            const path = this.pathOf(item.key, a.template);
            const element = scope === 'context' ? { specs } : this.elementView(item, ctx, path);
            this.renderFile(a, path, { model, context: ctx, ...element, imports: importsFor(this, path, def) });
          }
        }
      }
      const key = this.contextKeys.get(def.name);
      if (key !== undefined && this.problems.filter((p) => p.severity === 'error').length === errors) {
        const output: ContextOutput = { view: ctx, files: this.files.slice(first), warnings: this.contextWarnings.get(def.name) ?? [] };
        this.cache.set(key, output);
      }
    }
  }

  /** The element-specific part of a view below the context (see `ScopeViews`). */
  private elementView(item: ScopeItem, ctx: ContextView, path: string): Record<string, unknown> {
    const event = () => ctx.events.find((e) => e.name === item.event!.name)!;
    const version = () => event().versions.find((v) => v.number === item.version!.number)!;
    switch (item.scope) {
      case 'command':
        return { command: ctx.commands.find((c) => c.name === item.name)!, schema: this.schemaFiles.get(path) };
      case 'eventVersion':
        return { event: event(), version: version(), schema: this.schemaFiles.get(path) };
      case 'upcast':
      case 'downcast':
        return { event: event(), version: version() };
      case 'commandUpcast': {
        const command = ctx.commands.find((c) => c.name === item.name)!;
        return { command, version: command.versions.find((v) => v.number === item.version!.number)! };
      }
      case 'aggregate':
        return { aggregate: ctx.aggregates.find((a) => a.name === item.name)! };
      case 'policy':
        return { policy: ctx.policies.find((p) => p.name === item.name)! };
      case 'readModel':
        return { readModel: ctx.readModels.find((r) => r.name === item.name)! };
      default:
        return {};
    }
  }
}

/** Names index.ts exports beside the contexts' namespaces. */
const INDEX_EXPORTS = [
  'runtime',
  'shared',
  'policies',
  'readModels',
  'commands',
  'model',
  'createApp',
  'AppCommand',
  'ReadModelViews',
  'App',
  'AppOptions',
  'SendOptions',
  'SendResult',
  'ReceiveResult',
  'DeadLetterEntry',
  'DeliveryObserver',
  'StoreOption',
];

function printable(name: string): string {
  return (
    [...name]
      // Control characters are what this escapes.
      // eslint-disable-next-line no-control-regex
      .map((c) => (/[\u0000-\u001f\u007f]/.test(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c))
      .join('')
      .slice(0, 80)
  );
}

/**
 * Plans every file `eventmodel generate` writes for a model: pure (no file system; templates come
 * in as strings), deterministic (same model and templates → same files, byte for byte).
 * Paths are workspace-relative, under `generate.outDir` (owner `generated`) or
 * `generate.scaffoldDir` (owner `scaffold`). When a problem is an error, no file is returned.
 */
export async function planGeneration(model: Model, options: PlanOptions): Promise<GenerationPlan> {
  const cache = options.cache ?? new GenerationCache();
  const planner = new Planner(model, options, cache);
  await planner.run();
  cache.endRun();
  const errors = planner.problems.some((p) => p.severity === 'error');
  const plan: GenerationPlan = {
    outDir: planner.outDir,
    scaffoldDir: planner.scaffoldDir,
    files: errors ? [] : planner.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    problems: planner.problems,
  };
  return plan;
}

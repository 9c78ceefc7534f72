/**
 * The artifacts table: every file `eventmodel generate` produces, as data. A row names its
 * template, the scope it is rendered for (once per model, per context, per command, …), where the
 * file goes and who owns it. The planner renders every row for every item of its scope, so adding
 * an artifact is one row here plus its template; docs/codegen.md's template table is generated
 * from these rows (and a test keeps the two equal).
 */

export type FileOwner = 'generated' | 'scaffold';

/**
 * What a row is rendered for; each scope has its view (see `ScopeViews` in views.ts):
 * - `model`: once per model;
 * - `context`: once per bounded context;
 * - `command`: once per command;
 * - `eventVersion`: once per version of an event;
 * - `aggregate`, `policy`, `readModel`: once per aggregate, policy, read model;
 * - `upcast`: once per event version marked `upcast: true` that has an earlier version;
 * - `downcast`: once per event version marked `downcast: true` that has an earlier version;
 * - `commandUpcast`: once per command version marked `upcast: true` that has an earlier version.
 */
export type Scope = 'model' | 'context' | 'command' | 'eventVersion' | 'aggregate' | 'policy' | 'readModel' | 'upcast' | 'downcast' | 'commandUpcast';

interface ArtifactSpec {
  template: string;
  scope: Scope;
  owner: FileOwner;
  /**
   * Output path pattern. `{outDir}` and `{scaffoldDir}` are the manifest's folders, `{context}` the
   * context's folder (kebab-case of its name), `{name}` the kebab-case name of the scope's element,
   * `{version}` the event version number.
   */
  path: string;
  /**
   * Key of the module in every view's `imports` (its relative specifier from the file being
   * rendered). Only for TypeScript modules other files import.
   */
  module?: string;
  /** What the file holds (one line, shown in docs/codegen.md). */
  doc: string;
}

const ROWS = [
  {
    template: 'runtime.ts.hbs',
    scope: 'model',
    owner: 'generated',
    path: '{outDir}/runtime.ts',
    module: 'runtime',
    doc: 'the runtime every module shares: message shapes, CloudEvents envelopes, validation results, deciders, delivery, policy registry',
  },
  {
    template: 'spec-runtime.ts.hbs',
    scope: 'model',
    owner: 'generated',
    path: '{outDir}/spec-runtime.ts',
    module: 'specRuntime',
    doc: "what the spec tests run: deciders through Emmett's DeciderSpecification, reactions, projections; partial matching with a readable diff",
  },
  {
    template: 'shared-types.ts.hbs',
    scope: 'model',
    owner: 'generated',
    path: '{outDir}/shared-types.ts',
    module: 'shared',
    doc: "types of external schema files ($ref'd), each declared once",
  },
  {
    template: 'types.ts.hbs',
    scope: 'context',
    owner: 'generated',
    path: '{outDir}/{context}/types.ts',
    module: 'types',
    doc: 'payload types of commands and event versions, aggregate states, read model views',
  },
  {
    template: 'messages.ts.hbs',
    scope: 'context',
    owner: 'generated',
    path: '{outDir}/{context}/messages.ts',
    module: 'messages',
    doc: 'command and event message types, their unions and type guards',
  },
  {
    template: 'validators.ts.hbs',
    scope: 'context',
    owner: 'generated',
    path: '{outDir}/{context}/validators.ts',
    module: 'validators',
    doc: 'Ajv standalone validators (compiled JavaScript)',
  },
  {
    template: 'validate.ts.hbs',
    scope: 'context',
    owner: 'generated',
    path: '{outDir}/{context}/validate.ts',
    module: 'validate',
    doc: 'typed validation of every payload, command and event',
  },
  {
    template: 'envelopes.ts.hbs',
    scope: 'context',
    owner: 'generated',
    path: '{outDir}/{context}/envelopes.ts',
    module: 'envelopes',
    doc: 'CloudEvents 1.0 envelopes: type, dataschema and channel constants, encoding and decoding',
  },
  {
    template: 'upcasters.ts.hbs',
    scope: 'context',
    owner: 'generated',
    path: '{outDir}/{context}/upcasters.ts',
    module: 'upcasters',
    doc: 'upcaster chains from any stored version to a given one',
  },
  {
    template: 'policies.ts.hbs',
    scope: 'context',
    owner: 'generated',
    path: '{outDir}/{context}/policies.ts',
    module: 'policies',
    doc: 'typed delivery configuration, input/output types and descriptor of each policy',
  },
  {
    template: 'read-models.ts.hbs',
    scope: 'context',
    owner: 'generated',
    path: '{outDir}/{context}/read-models.ts',
    module: 'readModels',
    doc: 'input type and descriptor of each read model',
  },
  {
    template: 'specs.test.ts.hbs',
    scope: 'context',
    owner: 'generated',
    path: '{outDir}/{context}/specs.test.ts',
    doc: "the context's Given/When/Then specs as `node:test` tests against your deciders, reactions and projections",
  },
  {
    template: 'context-index.ts.hbs',
    scope: 'context',
    owner: 'generated',
    path: '{outDir}/{context}/index.ts',
    module: 'context',
    doc: "re-exports the context's modules",
  },
  {
    template: 'aggregates.ts.hbs',
    scope: 'context',
    owner: 'generated',
    path: '{outDir}/{context}/aggregates.ts',
    module: 'aggregates',
    doc: 'each aggregate on Emmett (stream, id, your decider, upcasting of its stored events) and the route of every command and event',
  },
  {
    template: 'registry.ts.hbs',
    scope: 'model',
    owner: 'generated',
    path: '{outDir}/registry.ts',
    module: 'registry',
    doc: 'every command routed to its aggregate, every policy bound to your reaction, every read model to your projection; `createApp()`',
  },
  {
    template: 'index.ts.hbs',
    scope: 'model',
    owner: 'generated',
    path: '{outDir}/index.ts',
    module: 'index',
    doc: 'entry point: one namespace per context, runtime, shared, `createApp`, `model`',
  },
  {
    template: 'emmett-messages.ts.hbs',
    scope: 'model',
    owner: 'generated',
    path: '{outDir}/emmett/messages.ts',
    module: 'emmettMessages',
    doc: 'runtime on Emmett: how messages are stored (metadata, ids, headers) and turned into envelopes',
  },
  {
    template: 'emmett-aggregates.ts.hbs',
    scope: 'model',
    owner: 'generated',
    path: '{outDir}/emmett/aggregates.ts',
    module: 'emmettAggregates',
    doc: 'runtime on Emmett: command handling on `DeciderCommandHandler` (fold with upcasting, command-id deduplication, validation of decided events)',
  },
  {
    template: 'emmett-stores.ts.hbs',
    scope: 'model',
    owner: 'generated',
    path: '{outDir}/emmett/stores.ts',
    module: 'emmettStores',
    doc: 'runtime on Emmett: the in-memory and PostgreSQL stores behind one switch, read models, reactors, Emmett 0.42 workarounds',
  },
  {
    template: 'emmett-delivery.ts.hbs',
    scope: 'model',
    owner: 'generated',
    path: '{outDir}/emmett/delivery.ts',
    module: 'emmettDelivery',
    doc: 'runtime on Emmett: delivering an event to a policy with retry and backoff, then the dead letter',
  },
  {
    template: 'emmett-push.ts.hbs',
    scope: 'model',
    owner: 'generated',
    path: '{outDir}/emmett/push.ts',
    module: 'emmettPush',
    doc: 'runtime on Emmett: push delivery in lanes per policy and stream',
  },
  {
    template: 'emmett-poll.ts.hbs',
    scope: 'model',
    owner: 'generated',
    path: '{outDir}/emmett/poll.ts',
    module: 'emmettPoll',
    doc: 'runtime on Emmett: poll consumers with durable checkpoints and a processor lock',
  },
  {
    template: 'emmett-app.ts.hbs',
    scope: 'model',
    owner: 'generated',
    path: '{outDir}/emmett/app.ts',
    module: 'emmettApp',
    doc: 'runtime on Emmett: the app (`send`, `receive`, read models and queries, events, dead letters, `settle`, `close`)',
  },
  {
    template: 'schema.json.hbs',
    scope: 'command',
    owner: 'generated',
    path: '{outDir}/schemas/{context}/{name}.schema.json',
    doc: 'the bundled, self-contained JSON Schema of the command',
  },
  {
    template: 'schema.json.hbs',
    scope: 'eventVersion',
    owner: 'generated',
    path: '{outDir}/schemas/{context}/{name}.v{version}.schema.json',
    doc: 'the bundled, self-contained JSON Schema of the event version (its `dataschema`)',
  },
  {
    template: 'decider.ts.hbs',
    scope: 'aggregate',
    owner: 'scaffold',
    path: '{scaffoldDir}/{context}/{name}.decider.ts',
    doc: 'your decider: `initialState`, `decide`, `evolve`',
  },
  {
    template: 'reaction.ts.hbs',
    scope: 'policy',
    owner: 'scaffold',
    path: '{scaffoldDir}/{context}/{name}.policy.ts',
    doc: 'your reaction: `react(event)` → the command to issue, or undefined',
  },
  {
    template: 'projection.ts.hbs',
    scope: 'readModel',
    owner: 'scaffold',
    path: '{scaffoldDir}/{context}/{name}.projection.ts',
    doc: 'your projection: `initialView`, `project`',
  },
  {
    template: 'upcaster.ts.hbs',
    scope: 'upcast',
    owner: 'scaffold',
    path: '{scaffoldDir}/{context}/upcasters/{name}.v{version}.ts',
    doc: 'your upcaster of the step to this version: `upcast<Event>V<n-1>ToV<n>(data)`',
  },
  {
    template: 'downcaster.ts.hbs',
    scope: 'downcast',
    owner: 'scaffold',
    path: '{scaffoldDir}/{context}/downcasters/{name}.v{version}.ts',
    doc: 'your downcaster of the step from this version: `downcast<Event>V<n>ToV<n-1>(data)`, for consumers pinned to older versions',
  },
  {
    template: 'command-upcaster.ts.hbs',
    scope: 'commandUpcast',
    owner: 'scaffold',
    path: '{scaffoldDir}/{context}/upcasters/{name}.command.v{version}.ts',
    doc: 'your upcaster of a command version step: `upcast<Command>V<n-1>ToV<n>(data)`, so the router accepts older senders',
  },
] as const satisfies readonly ArtifactSpec[];

export type TemplateName = (typeof ROWS)[number]['template'];

/** A row of the artifacts table. */
export type Artifact = Readonly<ArtifactSpec & { template: TemplateName }>;

export const ARTIFACTS: readonly Artifact[] = ROWS;

/** Every template, with who owns its output (one owner per template). */
export const TEMPLATES = Object.fromEntries(ARTIFACTS.map((a) => [a.template, a.owner])) as Record<TemplateName, FileOwner>;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

/** Values of a path pattern's placeholders. */
export interface PathVars {
  outDir: string;
  scaffoldDir: string;
  context?: string;
  name?: string;
  version?: number;
}

/** The path of `pattern` relative to its root folder (`{outDir}` or `{scaffoldDir}`), placeholders filled in. */
export function expandPath(pattern: string, vars: PathVars): { root: 'outDir' | 'scaffoldDir'; rel: string } {
  const m = /^\{(outDir|scaffoldDir)\}\/(.*)$/.exec(pattern);
  if (!m) throw new Error(`Artifact path '${pattern}' must start with {outDir}/ or {scaffoldDir}/.`);
  const rel = m[2].replace(/\{(context|name|version)\}/g, (_all, key: 'context' | 'name' | 'version') => {
    const value = vars[key];
    if (value === undefined) throw new Error(`Artifact path '${pattern}' uses {${key}}, which its scope does not have.`);
    return String(value);
  });
  return { root: m[1] as 'outDir' | 'scaffoldDir', rel };
}

const SCOPE_LABEL: Record<Scope, string> = {
  model: 'one per model',
  context: 'one per context',
  command: 'one per command',
  eventVersion: 'one per event version',
  aggregate: 'one per aggregate',
  policy: 'one per policy',
  readModel: 'one per read model',
  upcast: 'one per event version with `upcast: true`',
  downcast: 'one per event version with `downcast: true`',
  commandUpcast: 'one per command version with `upcast: true`',
};

const SCOPE_ORDER: readonly Scope[] = [
  'model',
  'context',
  'command',
  'eventVersion',
  'aggregate',
  'policy',
  'readModel',
  'upcast',
  'downcast',
  'commandUpcast',
];

/** The Markdown table of docs/codegen.md's "Templates" section, generated from `ARTIFACTS`. */
export function artifactsMarkdown(): string {
  const rows = [...ARTIFACTS].sort((a, b) => SCOPE_ORDER.indexOf(a.scope) - SCOPE_ORDER.indexOf(b.scope));
  const lines = ['| template | scope | output | owner | holds |', '|---|---|---|---|---|'];
  for (const a of rows) lines.push(`| \`${a.template}\` | ${SCOPE_LABEL[a.scope]} | \`${a.path}\` | ${a.owner} | ${a.doc.replace(/\|/g, '\\|')} |`);
  return lines.join('\n') + '\n';
}

import type { SourceRange } from '../diagnostic';
import type { ContextDef, SchemaSource } from '../model/types';
import { versionsOf } from './layout';
import { NameRegistry } from './name-registry';
import { firstLine, type PlanState } from './plan-state';
import { SchemaTooDeepError } from './schemas';
import { exportedNames, schemaToTypes } from './typegen';
import { compileValidators, type ValidatorInput } from './validators';
import type { ContextView, SharedTypeView } from './views';

/** Most attempts at a prefix that makes a schema's inner type names unique (never reached in practice). */
const MAX_PREFIX_ATTEMPTS = 20;

/**
 * Types of one schema named `typeName`, the types inside it (definitions, titled subschemas)
 * named `<prefix><Key>`: `typeName` as the prefix, else `<typeName>_`, `<typeName>_2_`, … until
 * every inner name is free in `names`, which then holds them.
 */
async function typesOf(state: PlanState, names: NameRegistry, typeName: string, schemaFor: (prefix: string) => unknown, owner: string): Promise<string> {
  for (let attempt = 0; attempt < MAX_PREFIX_ATTEMPTS; attempt++) {
    const prefix = attempt === 0 ? typeName : attempt === 1 ? `${typeName}_` : `${typeName}_${attempt}_`;
    const code = await schemaToTypes(typeName, schemaFor(prefix), state.cache, prefix);
    if (
      names.claimAll(
        exportedNames(code).filter((n) => n !== typeName),
        `${owner} (a type inside its schema)`,
      )
    )
      return code;
  }
  throw new Error(`no prefix gives the types inside the schema of ${owner} unique names`);
}

/** The TypeScript declarations of a context's types.ts: one block per payload, aggregate state and read model view. */
export async function contextTypes(state: PlanState, ctx: ContextDef, view: ContextView): Promise<void> {
  const names = state.names.get(ctx.name)!;
  const shared = new Set<string>();
  const block = async (typeName: string, source: SchemaSource | undefined, fallback: string, owner: string, range: SourceRange) => {
    const root = state.rootOf(source);
    if (!root) return `export type ${typeName} = ${fallback};\n`;
    try {
      let used: string[] = [];
      const code = await typesOf(
        state,
        names,
        typeName,
        (prefix) => {
          const typed = state.schemaSet.typeSchema(root, typeName, 'shared', prefix);
          used = typed.shared;
          return typed.schema;
        },
        owner,
      );
      for (const s of used) shared.add(s);
      return code;
    } catch (err) {
      state.error(
        err instanceof SchemaTooDeepError ? 'schema' : 'types',
        `${owner}: TypeScript types could not be generated: ${firstLine(err)}`,
        source?.range ?? range,
      );
      return '';
    }
  };
  for (const c of view.commands) {
    const def = ctx.commands.find((x) => x.name === c.name)!;
    view.typeBlocks.push(await block(c.payloadType, def.schema, 'unknown', `command ${ctx.name}.${c.name}`, def.nameRange));
  }
  for (const e of view.events) {
    const def = ctx.events.find((x) => x.name === e.name)!;
    for (const v of e.versions) {
      const version = versionsOf(def).find((x) => x.number === v.number)!;
      view.typeBlocks.push(await block(v.payloadType, version.schema, 'unknown', `event ${ctx.name}.${e.name} v${v.number}`, version.numberRange));
    }
  }
  for (const a of view.aggregates) {
    const def = ctx.aggregates.find((x) => x.name === a.name)!;
    view.typeBlocks.push(await block(a.stateType, def.state, '{ [key: string]: unknown }', `aggregate ${ctx.name}.${a.name}`, def.nameRange));
  }
  for (const r of view.readModels) {
    const def = ctx.readModels.find((x) => x.name === r.name)!;
    view.typeBlocks.push(await block(r.viewType, def.schema, '{ [key: string]: unknown }', `read model ${ctx.name}.${r.name}`, def.nameRange));
  }
  // The runtime's types: older command versions, headers, query requests.
  for (const c of view.commands) {
    const def = ctx.commands.find((x) => x.name === c.name)!;
    for (const v of c.versions) {
      if (v.isLatest) continue;
      const version = versionsOf(def).find((x) => x.number === v.number)!;
      view.typeBlocks.push(await block(v.payloadType, version.schema, 'unknown', `command ${ctx.name}.${c.name} v${v.number}`, version.numberRange));
    }
    if (c.headers)
      view.typeBlocks.push(
        await block(c.headers.type, def.headers, '{ [key: string]: unknown }', `the headers of command ${ctx.name}.${c.name}`, def.nameRange),
      );
  }
  for (const e of view.events) {
    const def = ctx.events.find((x) => x.name === e.name)!;
    if (e.headers)
      view.typeBlocks.push(await block(e.headers.type, def.headers, '{ [key: string]: unknown }', `the headers of event ${ctx.name}.${e.name}`, def.nameRange));
  }
  for (const r of view.readModels) {
    const def = ctx.readModels.find((x) => x.name === r.name)!;
    for (const q of r.queries) {
      const query = def.queries.find((x) => x.name === q.name)!;
      if (q.requestType)
        view.typeBlocks.push(
          await block(q.requestType, query.schema, '{ [key: string]: unknown }', `query ${q.name} of ${ctx.name}.${r.name}`, query.nameRange),
        );
    }
  }
  view.usesShared = shared.size > 0;
}

/** The types of shared-types.ts: one block per external schema the model's messages reach. */
export async function sharedTypes(state: PlanState): Promise<SharedTypeView[]> {
  const names = new NameRegistry(state, 'In shared-types.ts', false);
  names.reserve(
    [...state.schemaSet.shared.values()].map((s) => s.name),
    'a shared type',
  );
  const shared: SharedTypeView[] = [];
  for (const s of state.schemaSet.shared.values()) {
    const label = `Shared schema '${s.file}${s.fragment ? `#${s.fragment}` : ''}'`;
    try {
      shared.push({
        name: s.name,
        file: s.file,
        fragment: s.fragment,
        code: await typesOf(state, names, s.name, () => state.schemaSet.sharedTypeSchema(s), label),
      });
    } catch (err) {
      state.error('types', `${label}: TypeScript types could not be generated: ${firstLine(err)}`, s.file);
    }
  }
  return shared;
}

function bundled(state: PlanState, source: SchemaSource | undefined): { schema: unknown; dialect: ValidatorInput['dialect'] } {
  const root = state.rootOf(source);
  if (!root) return { schema: true, dialect: 'draft-07' };
  return state.schemaSet.bundle(root);
}

/**
 * The context's Ajv standalone validators (one per command and event version) and the bundled
 * JSON Schema file of each, recorded in `state.schemaFiles` by output path.
 */
export function contextValidators(state: PlanState, ctx: ContextDef, view: ContextView): void {
  const inputs: ValidatorInput[] = [];
  const add = (name: string, source: SchemaSource | undefined, path: string, title: string, id: string, range: SourceRange) => {
    try {
      const { schema, dialect } = bundled(state, source);
      inputs.push({ name, schema, dialect });
      state.schemaFiles.set(path, schemaFile(schema, title, id, state.header, dialect));
    } catch (err) {
      state.error('schema', `${title}: the schema could not be bundled: ${firstLine(err)}`, source?.range ?? range);
    }
  };
  // Compiled only (no schema file): older command versions, headers, query requests.
  const compileOnly = (name: string, source: SchemaSource | undefined, title: string, range: SourceRange) => {
    try {
      const { schema, dialect } = bundled(state, source);
      inputs.push({ name, schema, dialect });
    } catch (err) {
      state.error('schema', `${title}: the schema could not be bundled: ${firstLine(err)}`, source?.range ?? range);
    }
  };
  for (const c of ctx.commands) {
    const cv = view.commands.find((x) => x.name === c.name)!;
    add(cv.compiled, c.schema, cv.schemaFile, c.name, `${state.schemaBase}/${cv.schemaFile.slice(state.outDir.length + '/schemas/'.length)}`, c.nameRange);
    for (const v of cv.versions) {
      if (v.isLatest) continue;
      const def = versionsOf(c).find((x) => x.number === v.number)!;
      compileOnly(v.compiled, def.schema, `${c.name} v${v.number}`, def.numberRange);
    }
    if (cv.headers) compileOnly(cv.headers.compiled, c.headers, `the headers of ${c.name}`, c.nameRange);
  }
  for (const e of ctx.events) {
    const ev = view.events.find((x) => x.name === e.name)!;
    if (ev.headers) compileOnly(ev.headers.compiled, e.headers, `the headers of ${e.name}`, e.nameRange);
  }
  for (const r of ctx.readModels) {
    const rv = view.readModels.find((x) => x.name === r.name);
    for (const q of rv?.queries ?? []) {
      const def = r.queries.find((x) => x.name === q.name)!;
      if (q.compiled) compileOnly(q.compiled, def.schema, `query ${q.name} of ${r.name}`, def.nameRange);
    }
  }
  for (const e of ctx.events) {
    const ev = view.events.find((x) => x.name === e.name)!;
    for (const v of ev.versions) {
      const def = versionsOf(e).find((x) => x.number === v.number)!;
      add(v.compiled, def.schema, v.schemaFile, v.payloadType, v.dataschema, def.numberRange);
    }
  }
  try {
    const compiled = compileValidators(inputs, state.cache, state.module === 'esm');
    view.validators.chunks = compiled.chunks;
    view.validators.imports = compiled.imports;
    for (const [name, [chunk, fn]] of compiled.exports) view.validators.exports.push({ name, chunk, fn });
  } catch (err) {
    state.error('validators', `Context ${ctx.name}: Ajv could not compile its validators: ${firstLine(err)}`, ctx.nameRange);
  }
}

/** The JSON Schema file of one message version: marker first, then `$schema`, `$id`, `title`. */
function schemaFile(schema: unknown, title: string, id: string, header: string, dialect: string): unknown {
  const meta =
    dialect === '2020-12'
      ? 'https://json-schema.org/draft/2020-12/schema'
      : dialect === '2019-09'
        ? 'https://json-schema.org/draft/2019-09/schema'
        : dialect === 'draft-06'
          ? 'http://json-schema.org/draft-06/schema#'
          : 'http://json-schema.org/draft-07/schema#';
  if (typeof schema !== 'object' || schema === null) return { $comment: header, $schema: meta, $id: id, title, ...(schema === false ? { not: {} } : {}) };
  const { $comment: _c, $schema, $id: _i, title: ownTitle, ...rest } = schema as Record<string, unknown>;
  return { $comment: header, $schema: typeof $schema === 'string' ? $schema : meta, $id: id, title: typeof ownTitle === 'string' ? ownTitle : title, ...rest };
}

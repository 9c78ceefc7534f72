import type { SourceRange } from '../diagnostic';
import type { ContextDef, SchemaSource } from '../model/types';
import { firstLine, type PlanState } from './plan-state';
import { SchemaTooDeepError } from './schemas';
import { exportedNames, schemaToTypes } from './typegen';
import { compileValidators, type ValidatorInput } from './validators';
import type { ContextView, SharedTypeView } from './views';

/** The TypeScript declarations of a context's types.ts: one block per payload, aggregate state and read model view. */
export async function contextTypes(state: PlanState, ctx: ContextDef, view: ContextView): Promise<void> {
  const names = state.names.get(ctx.name)!;
  const shared = new Set<string>();
  const block = async (typeName: string, source: SchemaSource | undefined, fallback: string, owner: string, range: SourceRange) => {
    const root = state.rootOf(source);
    if (!root) return `export type ${typeName} = ${fallback};\n`;
    try {
      const { schema, shared: used } = state.schemaSet.typeSchema(root, typeName, 'shared');
      for (const s of used) shared.add(s);
      const code = await schemaToTypes(typeName, schema, state.cache);
      for (const declared of exportedNames(code)) if (declared !== typeName) names.claim(declared, `${owner} (a type inside its schema)`, range);
      return code;
    } catch (err) {
      state.error(err instanceof SchemaTooDeepError ? 'schema' : 'types', `${owner}: TypeScript types could not be generated: ${firstLine(err)}`, source?.range ?? range);
      return '';
    }
  };
  for (const c of ctx.commands) view.typeBlocks.push(await block(c.name, c.schema, 'unknown', `command ${ctx.name}.${c.name}`, c.nameRange));
  for (const e of ctx.events) {
    for (const v of [...e.versions].sort((a, b) => a.number - b.number)) {
      view.typeBlocks.push(await block(`${e.name}V${v.number}`, v.schema, 'unknown', `event ${ctx.name}.${e.name} v${v.number}`, v.numberRange));
    }
  }
  for (const a of ctx.aggregates) view.typeBlocks.push(await block(`${a.name}State`, a.state, '{ [key: string]: unknown }', `aggregate ${ctx.name}.${a.name}`, a.nameRange));
  for (const r of ctx.readModels) view.typeBlocks.push(await block(`${r.name}View`, r.schema, '{ [key: string]: unknown }', `read model ${ctx.name}.${r.name}`, r.nameRange));
  view.usesShared = shared.size > 0;
}

/** The types of shared-types.ts: one block per external schema the model's messages reach. */
export async function sharedTypes(state: PlanState): Promise<SharedTypeView[]> {
  const shared: SharedTypeView[] = [];
  for (const s of state.schemaSet.shared.values()) {
    try {
      shared.push({ name: s.name, file: s.file, fragment: s.fragment, code: await schemaToTypes(s.name, state.schemaSet.sharedTypeSchema(s), state.cache) });
    } catch (err) {
      state.error('types', `Shared schema '${s.file}${s.fragment ? `#${s.fragment}` : ''}': TypeScript types could not be generated: ${firstLine(err)}`, s.file);
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
  for (const c of ctx.commands) {
    const cv = view.commands.find((x) => x.name === c.name)!;
    add(cv.compiled, c.schema, cv.schemaFile, c.name, `${state.schemaBase}/${cv.schemaFile.slice(state.outDir.length + '/schemas/'.length)}`, c.nameRange);
  }
  for (const e of ctx.events) {
    const ev = view.events.find((x) => x.name === e.name)!;
    for (const v of ev.versions) {
      const def = e.versions.find((x) => x.number === v.number)!;
      add(v.compiled, def.schema, v.schemaFile, v.payloadType, v.dataschema, def.numberRange);
    }
  }
  try {
    const compiled = compileValidators(inputs, state.cache);
    view.validators.chunks = compiled.chunks;
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

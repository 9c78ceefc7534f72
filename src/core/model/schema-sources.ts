import type { ContextDef, SchemaSource } from './types';

/** Every schema written in a context: aggregate states, command payloads, event versions, read models. */
export function schemaSourcesOf(ctx: ContextDef): SchemaSource[] {
  const out: SchemaSource[] = [];
  for (const a of ctx.aggregates) if (a.state) out.push(a.state);
  for (const c of ctx.commands) for (const v of c.versions) if (v.schema) out.push(v.schema);
  for (const e of ctx.events) for (const v of e.versions) if (v.schema) out.push(v.schema);
  for (const r of ctx.readModels) if (r.schema) out.push(r.schema);
  return out;
}

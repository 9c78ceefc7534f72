import type { ContextDef, SchemaSource } from './types';

/** Every schema written in a context: aggregate states, command and event versions and headers, read models and their queries. */
export function schemaSourcesOf(ctx: ContextDef): SchemaSource[] {
  const out: SchemaSource[] = [];
  for (const a of ctx.aggregates) if (a.state) out.push(a.state);
  for (const c of ctx.commands) {
    if (c.headers) out.push(c.headers);
    for (const v of c.versions) if (v.schema) out.push(v.schema);
  }
  for (const e of ctx.events) {
    if (e.headers) out.push(e.headers);
    for (const v of e.versions) if (v.schema) out.push(v.schema);
  }
  for (const r of ctx.readModels) {
    if (r.schema) out.push(r.schema);
    for (const q of r.queries) if (q.schema) out.push(q.schema);
  }
  return out;
}

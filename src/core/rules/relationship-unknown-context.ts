import type { Rule } from './rule';

export const relationshipUnknownContext: Rule = {
  id: 'relationship-unknown-context',
  defaultSeverity: 'error',
  doc: 'A relationship names a bounded context that the model does not define.',
  scope: 'model',
  checkInModel(_file, ctx, model, report) {
    if (!ctx) return;
    for (const rel of ctx.relationships) {
      if (!rel.other) continue;
      const r = model.index.resolve(rel.other);
      if (r.ok) continue;
      report({ message: `Relationship of ${ctx.name}: ${r.message}`, location: rel.other.range, data: { suggestion: r.ok ? undefined : r.suggestion } });
    }
  },
};

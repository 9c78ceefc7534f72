import type { Rule } from './rule';

export const relationshipSelf: Rule = {
  id: 'relationship-self',
  defaultSeverity: 'error',
  doc: 'A context declares a relationship with itself.',
  scope: 'file',
  checkFile(_file, ctx, _model, report) {
    if (!ctx) return;
    for (const rel of ctx.relationships) {
      if (rel.other?.name.value === ctx.name) {
        report({
          message: `Context ${ctx.name} cannot be ${rel.direction === 'partner' ? 'its own partner' : `its own ${rel.direction}`}.`,
          location: rel.other.range,
        });
      }
    }
  },
};

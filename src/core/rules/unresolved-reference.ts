import { isSpecReference } from '../model/spec-types';
import type { Rule } from './rule';

export const unresolvedReference: Rule = {
  id: 'unresolved-reference',
  defaultSeverity: 'error',
  doc: 'A reference (emits, when, issue, from, aggregate) names no definition of the expected kind.',
  scope: 'model',
  checkInModel(_file, ctx, model, report) {
    if (!ctx) return;
    for (const ref of model.index.referencesIn(ctx)) {
      if (ref.kind === 'context') continue; // relationship-unknown-context
      if (isSpecReference(ref)) continue; // spec-unresolved
      const r = model.index.resolve(ref);
      if (r.ok || r.reason === 'unknown-version') continue;
      report({
        message: r.message,
        location: ref.range,
        related: r.target ? [{ location: r.target.nameRange, message: `'${r.target.name}' is defined here` }] : undefined,
        data: {
          kind: ref.kind,
          role: ref.role,
          name: ref.name.value,
          context: ref.context?.value ?? ref.fromContext,
          suggestion: r.suggestion,
          reason: r.reason,
        },
      });
    }
  },
};

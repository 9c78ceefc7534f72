import { KIND_LABEL } from '../model/labels';
import type { Rule } from './rule';

export const specUnresolved: Rule = {
  id: 'spec-unresolved',
  defaultSeverity: 'error',
  doc: 'A name or version in a spec (`specsFor`, the owner, `event:` or `command:`) resolves to nothing in the model.',
  scope: 'model',
  checkModel(model, report) {
    for (const ref of model.index.specReferences()) {
      const r = model.index.resolve(ref);
      if (r.ok) continue;
      // A spec file whose `specsFor` names no context: reported once, there, not at every name inside.
      if (r.reason === 'unknown-context' && ref.role !== 'specContext' && !ref.context) continue;
      let message = r.message;
      if (ref.role === 'specContext') message = `specsFor: ${r.message}`;
      else if (ref.role === 'specOwner' && r.reason === 'unknown-name') {
        message = `Unknown ${KIND_LABEL[ref.kind]} '${ref.name.value}' in ${ref.fromContext}: these specs are about nothing.${r.suggestion ? ` Did you mean '${r.suggestion}'?` : ''}`;
      }
      report({
        message,
        location: r.reason === 'unknown-version' && ref.version ? ref.version.range : ref.range,
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

import { isSpecReference } from '../model/spec-types';
import type { Rule } from './rule';

export const unknownVersion: Rule = {
  id: 'unknown-version',
  defaultSeverity: 'error',
  doc: 'A reference pins a version (`Name@N`) that the event does not have.',
  scope: 'model',
  checkInModel(_file, ctx, model, report) {
    if (!ctx) return;
    for (const ref of model.index.referencesIn(ctx)) {
      if (!ref.version) continue;
      if (isSpecReference(ref)) continue; // spec-unresolved
      const r = model.index.resolve(ref);
      if (r.ok || r.reason !== 'unknown-version') continue;
      report({
        message: r.message,
        location: ref.version.range,
        related: r.target ? [{ location: r.target.nameRange, message: `${r.target.name} is defined here` }] : undefined,
      });
    }
  },
};

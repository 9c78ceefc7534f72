import type { Rule } from './rule';

/** Off by default: teams that want every slice specified turn it on (`rules: { spec-missing: warning }`). */
export const specMissing: Rule = {
  id: 'spec-missing',
  defaultSeverity: 'off',
  doc: 'A command, policy or read model has no spec (inline `specs:` or in a spec file).',
  scope: 'model',
  checkModel(model, report) {
    for (const ctx of model.contexts) {
      for (const owner of [...ctx.commands, ...ctx.policies, ...ctx.readModels]) {
        if (model.index.specsOf(owner).length > 0) continue;
        report({
          message: `${ctx.name}.${owner.name} has no spec: add one under \`specs:\` (given, when, then) or in a spec file.`,
          location: owner.nameRange,
          data: { context: ctx.name, kind: owner.kind, name: owner.name },
        });
      }
    }
  },
};

import type { Rule } from './rule';

export const crossContextCommand: Rule = {
  id: 'cross-context-command',
  defaultSeverity: 'warning',
  doc: 'A policy issues a command owned by another bounded context, coupling the two; react in the owning context instead.',
  // Model scope: whether the named context exists depends on other files (a misspelt own name is unresolved-reference's).
  scope: 'model',
  checkInModel(_file, ctx, model, report) {
    if (!ctx) return;
    for (const policy of ctx.policies) {
      const ref = policy.issue;
      if (!ref?.context || ref.context.value === ctx.name || !model.index.context(ref.context.value)) continue;
      report({
        message: `Policy ${policy.name} issues ${ref.text}, a command of context ${ref.context.value}. Move the policy to ${ref.context.value} (reacting to the event) so ${ctx.name} does not command another context.`,
        location: ref.range,
      });
    }
  },
};

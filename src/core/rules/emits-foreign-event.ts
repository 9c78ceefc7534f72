import type { Rule } from './rule';

export const emitsForeignEvent: Rule = {
  id: 'emits-foreign-event',
  defaultSeverity: 'error',
  doc: 'A command or external system emits an event of another bounded context; a context only publishes its own facts.',
  // Model scope: whether the named context exists depends on other files (a misspelt own name is unresolved-reference's).
  scope: 'model',
  checkInModel(_file, ctx, model, report) {
    if (!ctx) return;
    for (const source of [...ctx.commands, ...ctx.externalSystems]) {
      const what = source.kind === 'command' ? 'Command' : 'External system';
      for (const ref of source.emits) {
        if (!ref.context || ref.context.value === ctx.name || !model.index.context(ref.context.value)) continue;
        report({
          message: `${what} ${source.name} emits ${ref.text}, an event of context ${ref.context.value}. Emit an event of ${ctx.name}; ${ref.context.value} can react to it with a policy.`,
          location: ref.range,
        });
      }
    }
  },
};

import type { Rule } from './rule';

export const emitsForeignEvent: Rule = {
  id: 'emits-foreign-event',
  defaultSeverity: 'error',
  doc: 'A command emits an event of another bounded context; a context only publishes its own facts.',
  scope: 'file',
  checkFile(_file, ctx, _model, report) {
    if (!ctx) return;
    for (const command of ctx.commands) {
      for (const ref of command.emits) {
        if (!ref.context || ref.context.value === ctx.name) continue;
        report({
          message: `Command ${command.name} emits ${ref.text}, an event of context ${ref.context.value}. Emit an event of ${ctx.name}; ${ref.context.value} can react to it with a policy.`,
          location: ref.range,
        });
      }
    }
  },
};

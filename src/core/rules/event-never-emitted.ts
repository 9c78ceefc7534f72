import type { Rule } from './rule';

export const eventNeverEmitted: Rule = {
  id: 'event-never-emitted',
  defaultSeverity: 'warning',
  doc: 'No command and no external system lists the event in `emits`, so nothing in the model produces it.',
  scope: 'model',
  checkInModel(_file, ctx, model, report) {
    if (!ctx || ctx.events.length === 0) return;
    const emitted = model.index.targetsIn(ctx.name, ['emits']);
    for (const event of ctx.events) {
      if (emitted.has(event)) continue;
      report({
        message: `Event ${ctx.name}.${event.name} is never emitted: add it to the \`emits\` of a command in ${ctx.name}, or of an external system (a device, a timer, a provider) that is its source.`,
        location: event.nameRange,
        data: { context: ctx.name, event: event.name },
      });
    }
  },
};

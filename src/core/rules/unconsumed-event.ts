import type { Rule } from './rule';

export const unconsumedEvent: Rule = {
  id: 'unconsumed-event',
  defaultSeverity: 'info',
  doc: 'No policy or read model reacts to the event.',
  scope: 'model',
  checkInModel(_file, ctx, model, report) {
    if (!ctx || ctx.events.length === 0) return;
    const consumed = model.index.targetsIn(ctx.name, ['when', 'from']);
    for (const event of ctx.events) {
      if (consumed.has(event)) continue;
      report({
        message: `Nothing consumes ${ctx.name}.${event.name}: no policy reacts to it and no read model projects it.`,
        location: event.nameRange,
        data: { context: ctx.name, event: event.name },
      });
    }
  },
};

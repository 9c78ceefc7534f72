import type { Rule } from './rule';

export const missingDeadLetter: Rule = {
  id: 'missing-dead-letter',
  defaultSeverity: 'warning',
  doc: "A push-delivered policy that retries names no dead-letter channel, so messages that exhaust their retries land in the model's shared dead letter, mixed with every other policy's failures.",
  scope: 'file',
  checkFile(_file, ctx, model, report) {
    if (!ctx) return;
    for (const policy of ctx.policies) {
      const d = policy.delivery;
      if (!d?.retry || d.deadLetter) continue;
      const mode = d.mode?.value ?? model.manifest?.defaults.delivery.mode ?? 'push';
      if (mode !== 'push') continue;
      const attempts = d.retry.maxAttempts !== undefined ? ` after ${d.retry.maxAttempts} attempt${d.retry.maxAttempts === 1 ? '' : 's'}` : '';
      report({
        message: `Policy ${policy.name} retries push deliveries but has no deadLetter: a message that still fails${attempts} lands in the model's shared dead letter (\`${model.manifest?.namespace ?? 'model'}.dlq\`) among every other policy's failures. Add \`deadLetter: <channel>\` to replay this policy's failures on their own.`,
        location: d.retry.range,
        data: {
          policy: policy.name,
          context: ctx.name,
          suggestedChannel: `${ctx.name.toLowerCase()}.${policy.name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.dlq`,
        },
      });
    }
  },
};

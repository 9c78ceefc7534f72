import { MANIFEST, model, ruleTester } from '../helpers/rule-tester';

/** A Sales policy whose `delivery:` lines start on line 12. */
const policy = (...delivery: string[]) =>
  [
    'context: Sales',
    'commands:',
    '  ConfirmOrder:',
    '    emits: [OrderConfirmed]',
    'events:',
    '  OrderPlaced: {}',
    '  OrderConfirmed: {}',
    'policies:',
    '  ConfirmPlacedOrder:',
    '    when: OrderPlaced',
    '    issue: ConfirmOrder',
    '    delivery:',
    ...delivery.map((l) => `      ${l}`),
  ].join('\n') + '\n';
const POLL_DEFAULT = MANIFEST + 'defaults:\n  delivery: { mode: poll }\n';

ruleTester('missing-dead-letter', {
  valid: [
    {
      name: 'push with retries and a dead-letter channel',
      files: model({ sales: policy('mode: push', 'retry: { maxAttempts: 5, backoff: exponential }', 'deadLetter: sales.confirm.dlq') }),
    },
    {
      name: 'polling consumers keep failed messages in their source',
      files: model({ sales: policy('mode: poll', 'retry: { maxAttempts: 5 }', 'poll: { intervalMs: 1000 }') }),
    },
    {
      name: 'poll as the manifest default, the policy naming no mode',
      files: model({ sales: policy('retry: { maxAttempts: 5 }') }, { manifest: POLL_DEFAULT }),
    },
    {
      name: 'push without retries',
      files: model({ sales: policy('mode: push', 'deadLetter: sales.dlq') + '  Other:\n    when: OrderPlaced\n    issue: ConfirmOrder\n' }),
    },
  ],
  invalid: [
    {
      name: 'push with five attempts and no deadLetter, at the `retry` entry, with a suggested channel',
      files: model({ sales: policy('mode: push', 'retry: { maxAttempts: 5 }') }),
      errors: [
        {
          line: 14,
          column: 7,
          endLine: 14,
          endColumn: 32,
          severity: 'warning',
          message:
            "Policy ConfirmPlacedOrder retries push deliveries but has no deadLetter: a message that still fails after 5 attempts lands in the model's shared dead letter (`model.dlq`) among every other policy's failures. Add `deadLetter: <channel>` to replay this policy's failures on their own.",
          data: { policy: 'ConfirmPlacedOrder', context: 'Sales', suggestedChannel: 'sales.confirm-placed-order.dlq' },
        },
      ],
    },
    {
      name: 'push is the built-in default; retries without a count',
      files: model({ sales: policy('retry: { backoff: exponential }') }),
      errors: [
        {
          line: 13,
          column: 7,
          message:
            "Policy ConfirmPlacedOrder retries push deliveries but has no deadLetter: a message that still fails lands in the model's shared dead letter (`model.dlq`) among every other policy's failures. Add `deadLetter: <channel>` to replay this policy's failures on their own.",
        },
      ],
    },
    {
      name: 'an explicit push overrides a poll default; a block-style retry',
      files: model({ sales: policy('mode: push', 'retry:', '  maxAttempts: 3') }, { manifest: POLL_DEFAULT }),
      errors: [{ line: 14, column: 7, endLine: 16, endColumn: 1, message: /still fails after 3 attempts lands in the model's shared dead letter/ }],
    },
    {
      name: 'an empty deadLetter is none (and a format error)',
      files: model({ sales: policy('retry: {}', 'deadLetter: ""') }),
      allowInvalidModel: true,
      errors: [{ line: 13, column: 7, endColumn: 16, message: /has no deadLetter/ }],
    },
  ],
});

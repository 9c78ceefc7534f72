import { model, ruleTester, yaml } from '../helpers/rule-tester';

ruleTester('event-never-emitted', {
  valid: [
    {
      name: 'emitted by a command of its context, plain, qualified and as a single string',
      files: model({
        sales:
          'context: Sales\ncommands:\n  Place:\n    emits: [Placed, Sales.Rejected]\n  Cancel:\n    emits: Cancelled\nevents:\n  Placed: {}\n  Rejected: {}\n  Cancelled: {}\n',
      }),
    },
    {
      name: 'an emits naming a version the event does not have still names the event',
      files: model({ sales: 'context: Sales\ncommands:\n  Place:\n    emits: [Placed@3]\nevents:\n  Placed: {}\n' }),
    },
    {
      name: 'emitted from another context (emits-foreign-event reports that, not this rule)',
      files: model({ sales: 'context: Sales\nevents:\n  Shipped: {}\n', shipping: 'context: Shipping\ncommands:\n  Ship:\n    emits: [Sales.Shipped]\n' }),
    },
  ],
  invalid: [
    {
      name: 'consumed but emitted by no command, at the event name',
      files: model({
        sales: yaml`
          context: Sales
          commands:
            PlaceOrder:
              emits: [OrderPlaced]
          events:
            OrderArchived:
              schema: { type: object }
            OrderPlaced:
              schema: { type: object }
          readModels:
            Orders:
              from: [OrderPlaced, OrderArchived]
        `,
      }),
      errors: [
        {
          line: 6,
          column: 3,
          endColumn: 16,
          severity: 'warning',
          message:
            'Event Sales.OrderArchived is never emitted: add it to the `emits` of a command in Sales, or of an external system (a device, a timer, a provider) that is its source.',
          data: { context: 'Sales', event: 'OrderArchived' },
        },
      ],
    },
    {
      name: 'a policy reacting to it or a command issued for it does not emit it',
      files: model({
        sales:
          'context: Sales\ncommands:\n  Archive:\n    emits: []\nevents:\n  Archived: {}\npolicies:\n  OnArchived:\n    when: Archived\n    issue: Archive\n',
      }),
      errors: [{ line: 6, column: 3, message: /^Event Sales\.Archived is never emitted/ }],
    },
    {
      name: "an unqualified emits in another context names that context's event, not this one",
      files: model({ sales: 'context: Sales\nevents:\n  Shipped: {}\n', shipping: 'context: Shipping\ncommands:\n  Ship:\n    emits: [Shipped]\n' }),
      errors: [
        {
          line: 3,
          column: 3,
          message:
            'Event Sales.Shipped is never emitted: add it to the `emits` of a command in Sales, or of an external system (a device, a timer, a provider) that is its source.',
        },
      ],
    },
    {
      name: 'every such event of every context, severity from the manifest',
      files: model({ a: 'context: A\nevents:\n  Done: {}\n  Undone: {}\n', b: 'context: B\nevents:\n  Done: {}\n' }),
      options: { rules: { 'event-never-emitted': 'error' } },
      errors: [
        { line: 3, column: 3, severity: 'error', message: /^Event A\.Done / },
        { line: 4, column: 3, severity: 'error', message: /^Event A\.Undone / },
        { file: 'contexts/b.yaml', line: 3, column: 3, severity: 'error', message: /^Event B\.Done / },
      ],
    },
  ],
});

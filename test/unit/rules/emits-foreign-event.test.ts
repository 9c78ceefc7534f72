import { model, ruleTester, yaml } from '../helpers/rule-tester';

const SHIPPING = 'context: Shipping\ncommands:\n  Ship:\n    emits: [Shipped]\nevents:\n  Shipped:\n    schema: { type: object }\n';

ruleTester('emits-foreign-event', {
  valid: [
    {
      name: 'a command emits its own event, qualified with its own context',
      files: model({
        sales: 'context: Sales\ncommands:\n  Place:\n    emits: [Placed, Sales.Rejected@1]\nevents:\n  Placed: {}\n  Rejected:\n    schema: { type: object }\n',
      }),
    },
    {
      name: 'the other context reacts with a policy instead of being emitted into',
      files: model({
        sales: 'context: Sales\ncommands:\n  Place:\n    emits: [Placed]\nevents:\n  Placed: {}\n',
        shipping: SHIPPING + 'policies:\n  ShipPlacedOrder:\n    when: Sales.Placed\n    issue: Ship\n',
      }),
    },
    {
      name: 'a read model of another context may project a foreign event',
      files: model({ sales: 'context: Sales\nreadModels:\n  Shipments:\n    from: [Shipping.Shipped]\n', shipping: SHIPPING }),
    },
    {
      name: 'a misspelt own context name is an unresolved reference, not a foreign event',
      files: model({ sales: 'context: Sales\ncommands:\n  Place:\n    emits: [Sale.Placed]\nevents:\n  Placed: {}\n' }),
    },
  ],
  invalid: [
    {
      name: 'emits an event of another context (in a list)',
      files: model({
        sales: yaml`
          context: Sales
          commands:
            PlaceOrder:
              emits: [OrderPlaced, Shipping.Shipped]
          events:
            OrderPlaced: {}
        `,
        shipping: SHIPPING,
      }),
      errors: [
        {
          line: 4,
          column: 26,
          endColumn: 42,
          severity: 'error',
          message: 'Command PlaceOrder emits Shipping.Shipped, an event of context Shipping. Emit an event of Sales; Shipping can react to it with a policy.',
        },
      ],
    },
    {
      name: 'as a single string',
      files: model({ sales: 'context: Sales\ncommands:\n  Place:\n    emits: Shipping.Shipped\n', shipping: SHIPPING }),
      errors: [{ line: 4, column: 12, message: /^Command Place emits Shipping\.Shipped, an event of context Shipping\./ }],
    },
    {
      name: 'each foreign event of a command, a pinned version included',
      files: model({
        sales:
          'context: Sales\ncommands:\n  Place:\n    emits: [Placed, Shipping.Shipped@1]\n  Cancel:\n    emits: [Shipping.Shipped]\nevents:\n  Placed: {}\n',
        shipping: SHIPPING,
      }),
      errors: [
        { line: 4, column: 21, message: /^Command Place emits Shipping\.Shipped@1,/ },
        { line: 6, column: 13, message: /^Command Cancel emits Shipping\.Shipped,/ },
      ],
    },
    {
      name: 'the severity can be lowered in the manifest',
      files: model({ sales: 'context: Sales\ncommands:\n  Place:\n    emits: [Shipping.Shipped]\n', shipping: SHIPPING }),
      options: { rules: { 'emits-foreign-event': 'warning' } },
      errors: [{ line: 4, column: 13, severity: 'warning', message: /emits Shipping\.Shipped/ }],
    },
  ],
});

import { model, ruleTester, yaml } from '../helpers/rule-tester';

ruleTester('duplicate-name', {
  valid: [
    {
      name: 'the same event name in two contexts',
      files: model({
        sales: 'context: Sales\ncommands:\n  Cancel:\n    emits: [Cancelled]\nevents:\n  Cancelled: {}\n',
        shipping: 'context: Shipping\ncommands:\n  Cancel:\n    emits: [Cancelled]\nevents:\n  Cancelled: {}\n',
      }),
    },
    {
      name: 'a context named like one of its aggregates, and like an event elsewhere',
      files: model({ order: 'context: Order\naggregates:\n  Order: {}\n', shipping: 'context: Shipping\nevents:\n  Order: {}\n' }),
    },
    {
      name: 'names that differ only in case are different names',
      files: model({ sales: 'context: Sales\nevents:\n  OrderPlaced: {}\n  Orderplaced: {}\n' }),
    },
    {
      name: 'a reference to a name is no second definition',
      files: model({
        sales: yaml`
          context: Sales
          aggregates:
            Order: {}
          commands:
            PlaceOrder:
              aggregate: Order
              emits: [OrderPlaced]
          events:
            OrderPlaced:
              aggregate: Order
          readModels:
            Orders:
              from: [OrderPlaced]
        `,
      }),
    },
  ],
  invalid: [
    {
      name: 'an event and a read model with one name, related to the first',
      files: model({
        sales: yaml`
          context: Sales
          commands:
            PlaceOrder:
              emits: [OrderPlaced]
          events:
            OrderPlaced:
              schema: { type: object }
          readModels:
            OrderPlaced:
              from: [OrderPlaced]
        `,
      }),
      errors: [
        {
          line: 9,
          column: 3,
          endColumn: 14,
          severity: 'error',
          message: "'OrderPlaced' is already the name of an event in context Sales; names are unique within a context.",
          related: [{ line: 6, column: 3, message: "First 'OrderPlaced' (event)" }],
        },
      ],
    },
    {
      name: 'three files declaring one context: each later one, related to the first',
      files: model({ a: 'context: Sales\n', b: 'context: Sales\n', c: 'description: c\ncontext: Sales\n' }),
      file: 'contexts/b.yaml',
      errors: [
        {
          line: 1,
          column: 10,
          endColumn: 15,
          message: "Context 'Sales' is already defined in contexts/a.yaml.",
          related: [{ file: 'contexts/a.yaml', line: 1, column: 10, message: "First definition of context 'Sales'" }],
        },
        {
          file: 'contexts/c.yaml',
          line: 2,
          column: 10,
          message: "Context 'Sales' is already defined in contexts/a.yaml.",
          related: [{ file: 'contexts/a.yaml', line: 1 }],
        },
      ],
    },
    {
      name: 'one event name written twice (a duplicate YAML key)',
      files: model({ sales: 'context: Sales\nevents:\n  Placed: {}\n  Placed: { schema: { type: object } }\n' }),
      errors: [
        {
          line: 4,
          column: 3,
          message: "Event 'Placed' is defined twice in context Sales.",
          related: [{ line: 3, column: 3, message: "First 'Placed' (event)" }],
        },
      ],
    },
    {
      name: 'a policy named like a command: every later one is related to the first of that name',
      files: model({
        sales: yaml`
          context: Sales
          commands:
            Confirm:
              emits: [Confirmed]
          events:
            Confirmed: {}
          policies:
            Confirm:
              when: Confirmed
              issue: Confirm
          readModels:
            Confirm:
              from: [Confirmed]
        `,
      }),
      errors: [
        {
          line: 8,
          column: 3,
          message: "'Confirm' is already the name of a command in context Sales; names are unique within a context.",
          related: [{ line: 3, column: 3 }],
        },
        {
          line: 12,
          column: 3,
          message: "'Confirm' is already the name of a command in context Sales; names are unique within a context.",
          related: [{ line: 3, column: 3 }],
        },
      ],
    },
    {
      name: 'a command named like an aggregate ("an aggregate")',
      files: model({ sales: 'context: Sales\naggregates:\n  Order: {}\ncommands:\n  Order: {}\n' }),
      errors: [{ line: 5, column: 3, message: "'Order' is already the name of an aggregate in context Sales; names are unique within a context." }],
    },
  ],
});

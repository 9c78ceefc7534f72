import { model, ruleTester, yaml } from '../helpers/rule-tester';

const ALPHA = 'context: Alpha\ncommands:\n  Finish:\n    emits: [Done]\nevents:\n  Done: {}\n';

ruleTester('unresolved-reference', {
  valid: [
    {
      name: 'every kind of reference, plain, qualified with its own context and as a single string',
      files: model({
        sales: yaml`
          context: Sales
          aggregates:
            Order: {}
          commands:
            PlaceOrder:
              aggregate: Order
              emits: Sales.OrderPlaced
          events:
            OrderPlaced:
              aggregate: Order
          policies:
            Again:
              when: OrderPlaced
              issue: Sales.PlaceOrder
          readModels:
            Orders:
              from: [OrderPlaced, Sales.OrderPlaced]
        `,
      }),
    },
    {
      name: 'a qualified reference into another context',
      files: model({ alpha: ALPHA, beta: 'context: Beta\nreadModels:\n  V:\n    from: [Alpha.Done]\n' }),
    },
    {
      name: 'a wrong version is unknown-version, an unknown related context relationship-unknown-context',
      files: model({ alpha: ALPHA + 'readModels:\n  V:\n    from: [Done@4]\nrelationships:\n  - upstream: Nowhere\n    patterns: [conformist]\n' }),
    },
    {
      name: 'a version pinned on a command is reported by unknown-version, not here',
      files: model({ alpha: ALPHA + 'policies:\n  Again:\n    when: Done\n    issue: Finish@2\n' }),
    },
  ],
  invalid: [
    {
      name: 'a misspelt event, with a suggestion and quick-fix data',
      files: model({ sales: 'context: Sales\nevents:\n  OrderShipped: {}\nreadModels:\n  Orders:\n    from: [OrderShiped]\n' }),
      errors: [
        {
          line: 6,
          column: 12,
          endColumn: 23,
          severity: 'error',
          message: "Unknown event 'OrderShiped' in Sales (use Context.Name for another context). Did you mean 'OrderShipped'?",
          data: { kind: 'event', role: 'from', name: 'OrderShiped', context: 'Sales', suggestion: 'OrderShipped', reason: 'unknown-name' },
        },
      ],
    },
    {
      // moved from rules.test.ts: "tells when a reference names a definition of the wrong kind"
      name: 'tells when a reference names a definition of the wrong kind',
      files: model({ a: 'context: A\ncommands:\n  Place:\n    emits: [Place]\n' }),
      errors: [
        {
          line: 4,
          column: 13,
          message: /is a command, not an event/,
          related: [{ line: 3, column: 3, message: "'Place' is defined here" }],
          data: { reason: 'wrong-kind' },
        },
      ],
    },
    {
      // moved from rules.test.ts: "reports an unknown qualified context with a suggestion"
      name: 'reports an unknown qualified context with a suggestion',
      files: model({ a: 'context: Alpha\nevents:\n  Done: {}\n', b: 'context: B\nreadModels:\n  V:\n    from: [Alpah.Done]\n' }),
      file: 'contexts/b.yaml',
      errors: [
        {
          line: 4,
          column: 12,
          endColumn: 22,
          message: "Unknown context 'Alpah' in 'Alpah.Done'. Did you mean 'Alpha'?",
          data: { reason: 'unknown-context', suggestion: 'Alpha' },
        },
      ],
    },
    {
      name: 'an unqualified name of another context, and a misspelt name in a qualified one',
      files: model({ alpha: ALPHA, beta: 'context: Beta\nreadModels:\n  V:\n    from: Done\n  W:\n    from: [Alpha.Don]\n' }),
      file: 'contexts/beta.yaml',
      errors: [
        { line: 4, column: 11, message: "Unknown event 'Done' in Beta (use Context.Name for another context)." },
        { line: 6, column: 12, message: "Unknown event 'Don' in context Alpha. Did you mean 'Done'?" },
      ],
    },
    {
      name: 'unknown aggregates, located inside quotes',
      files: model({ a: 'context: A\naggregates:\n  Order: {}\ncommands:\n  Place:\n    aggregate: "Ordr"\nevents:\n  Placed:\n    aggregate: Basket\n' }),
      errors: [
        { line: 6, column: 17, endColumn: 21, message: /^Unknown aggregate 'Ordr' in A.*Did you mean 'Order'\?$/ },
        { line: 9, column: 16, message: /^Unknown aggregate 'Basket' in A/ },
      ],
    },
    {
      name: 'a policy issuing an event ("an event, not a command")',
      files: model({ a: 'context: A\nevents:\n  Placed: {}\npolicies:\n  P:\n    when: Placed\n    issue: Placed\n' }),
      errors: [{ line: 7, column: 12, message: "'Placed' in A is an event, not a command.", related: [{ line: 3, column: 3 }] }],
    },
  ],
});

import { model, ruleTester, yaml } from '../helpers/rule-tester';

const SALES = 'context: Sales\ncommands:\n  Place:\n    emits: [Placed]\nevents:\n  Placed:\n    schema: { type: object }\n';

ruleTester('unconsumed-event', {
  valid: [
    {
      name: 'projected by a read model, as a single string',
      files: model({ sales: SALES + 'readModels:\n  Orders:\n    from: Placed\n' }),
    },
    {
      name: 'a policy of another context reacts to it, pinned to version 1',
      files: model({
        sales: SALES,
        shipping: 'context: Shipping\ncommands:\n  Ship: {}\npolicies:\n  ShipPlaced:\n    when: [Sales.Placed@1]\n    issue: Ship\n',
      }),
    },
    {
      name: 'a reaction pinned to a version the event does not have still names the event',
      files: model({ sales: SALES + 'readModels:\n  Orders:\n    from: [Placed@7]\n' }),
    },
  ],
  invalid: [
    {
      name: 'emitted but consumed by nothing (info by default)',
      files: model({
        sales: yaml`
          context: Sales
          commands:
            PlaceOrder:
              emits: [OrderPlaced, OrderFlagged]
          events:
            OrderFlagged:
              schema: { type: object }
            OrderPlaced:
              schema: { type: object }
          readModels:
            Orders:
              from: [OrderPlaced]
        `,
      }),
      errors: [
        {
          line: 6,
          column: 3,
          endColumn: 15,
          severity: 'info',
          message: 'Nothing consumes Sales.OrderFlagged: no policy reacts to it and no read model projects it.',
          data: { context: 'Sales', event: 'OrderFlagged' },
        },
      ],
    },
    {
      name: 'emits is production, not consumption',
      files: model({ sales: SALES, shipping: 'context: Shipping\ncommands:\n  Ship:\n    emits: [Sales.Placed]\n' }),
      errors: [{ line: 6, column: 3, message: /^Nothing consumes Sales\.Placed:/ }],
    },
    {
      name: 'an unqualified `when` in another context does not name this event',
      files: model({ sales: SALES, shipping: 'context: Shipping\ncommands:\n  Ship: {}\npolicies:\n  ShipPlaced:\n    when: Placed\n    issue: Ship\n' }),
      errors: [{ line: 6, column: 3, message: 'Nothing consumes Sales.Placed: no policy reacts to it and no read model projects it.' }],
    },
    {
      name: 'raised to a warning by the editor setting, the manifest leaving it alone',
      files: model({ sales: SALES + '  Cancelled: {}\n' }),
      options: { severity: { 'unconsumed-event': 'warning' } },
      errors: [
        { line: 6, column: 3, severity: 'warning', message: /Sales\.Placed/ },
        { line: 8, column: 3, severity: 'warning', message: /Sales\.Cancelled/ },
      ],
    },
  ],
});

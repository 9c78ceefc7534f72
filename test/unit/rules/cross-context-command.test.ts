import { model, ruleTester, yaml } from '../helpers/rule-tester';

const SHIPPING = 'context: Shipping\ncommands:\n  Ship:\n    emits: [Shipped]\nevents:\n  Shipped: {}\n';
const SALES = yaml`
  context: Sales
  commands:
    PlaceOrder:
      emits: [OrderPlaced]
    Confirm:
      emits: [Confirmed]
  events:
    OrderPlaced: {}
    Confirmed: {}
  policies:
`;

ruleTester('cross-context-command', {
  valid: [
    {
      name: 'a policy reacting to a foreign event issues a command of its own context',
      files: model({
        sales: SALES + '  Noop:\n    when: Confirmed\n    issue: Confirm\n',
        shipping: SHIPPING + 'policies:\n  ShipPlacedOrder:\n    when: Sales.OrderPlaced\n    issue: Ship\n',
      }),
    },
    {
      name: "a command qualified with the policy's own context",
      files: model({ sales: SALES + '  ConfirmPlaced:\n    when: OrderPlaced\n    issue: Sales.Confirm\n' }),
    },
    {
      name: 'a misspelt own context name is an unresolved reference, not another context',
      files: model({ sales: SALES + '  ConfirmPlaced:\n    when: OrderPlaced\n    issue: Sale.Confirm\n' }),
    },
  ],
  invalid: [
    {
      name: 'a Sales policy issues a Shipping command (a warning by default)',
      files: model({ sales: SALES + '  ShipOrder:\n    when: OrderPlaced\n    issue: Shipping.Ship\n', shipping: SHIPPING }),
      errors: [
        {
          line: 13,
          column: 12,
          endColumn: 25,
          severity: 'warning',
          message:
            'Policy ShipOrder issues Shipping.Ship, a command of context Shipping. Move the policy to Shipping (reacting to the event) so Sales does not command another context.',
        },
      ],
    },
    {
      name: 'every such policy, a quoted reference located inside its quotes',
      files: model({
        sales: SALES + '  ShipOrder:\n    when: OrderPlaced\n    issue: Shipping.Ship\n  ShipAgain:\n    when: [Confirmed]\n    issue: "Shipping.Ship"\n',
        shipping: SHIPPING,
      }),
      errors: [
        { line: 13, column: 12, message: /^Policy ShipOrder issues Shipping\.Ship,/ },
        { line: 16, column: 13, endColumn: 26, message: /^Policy ShipAgain issues Shipping\.Ship,/ },
      ],
    },
    {
      name: 'raised to an error in the manifest',
      files: model({ sales: SALES + '  ShipOrder:\n    when: OrderPlaced\n    issue: Shipping.Ship\n', shipping: SHIPPING }),
      options: { rules: { 'cross-context-command': 'error' } },
      errors: [{ line: 13, column: 12, severity: 'error', message: /a command of context Shipping/ }],
    },
    {
      name: 'the editor setting applies when the manifest sets nothing',
      files: model({ sales: SALES + '  ShipOrder:\n    when: OrderPlaced\n    issue: Shipping.Ship\n', shipping: SHIPPING }),
      options: { severity: { 'cross-context-command': 'info' } },
      errors: [{ line: 13, column: 12, severity: 'info', message: /a command of context Shipping/ }],
    },
  ],
});

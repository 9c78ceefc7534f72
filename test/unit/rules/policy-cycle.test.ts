import { model, ruleTester, yaml } from '../helpers/rule-tester';

/** Commands A, B, C each emitting AHappened, BHappened, CHappened (events on lines 10..12), then `policies:` on line 13. */
const ABC = yaml`
  context: S
  commands:
    A:
      emits: [AHappened]
    B:
      emits: [BHappened]
    C:
      emits: [CHappened]
  events:
    AHappened: {}
    BHappened: {}
    CHappened: {}
  policies:
`;
/** A policy block of three lines. */
const policy = (name: string, when: string, issue: string) => `  ${name}:\n    when: ${when}\n    issue: ${issue}\n`;

ruleTester('policy-cycle', {
  valid: [
    {
      name: 'a chain that ends',
      files: model({ s: ABC + policy('AtoB', 'AHappened', 'B') + policy('BtoC', 'BHappened', 'C') }),
    },
    {
      name: 'a diamond: two paths to one command are no loop',
      files: model({ s: ABC + policy('AtoB', 'AHappened', 'B') + policy('AtoC', 'AHappened', 'C') + policy('BtoC', 'BHappened', 'C') }),
    },
    {
      name: 'a policy issuing an unknown command closes nothing',
      files: model({ s: ABC + policy('Again', 'AHappened', 'Aa') + policy('BtoC', 'BHappened', 'C') }),
    },
    {
      name: 'a way back triggered by an event no command emits closes nothing',
      files: model({
        s: 'context: S\ncommands:\n  A:\n    emits: [AHappened]\n  B: {}\nevents:\n  AHappened: {}\n  BRejected: {}\npolicies:\n  AtoB:\n    when: AHappened\n    issue: B\n  BackToA:\n    when: BRejected\n    issue: A\n',
      }),
    },
  ],
  invalid: [
    {
      name: 'two policies forming a loop, at the one that closes it, the other as related',
      files: model({
        sales: yaml`
          context: Sales
          commands:
            ConfirmOrder:
              emits: [OrderConfirmed]
            PlaceOrder:
              emits: [OrderPlaced]
          events:
            OrderConfirmed: {}
            OrderPlaced: {}
          policies:
            ConfirmPlacedOrder:
              when: OrderPlaced
              issue: ConfirmOrder
            ReplaceConfirmedOrder:
              when: OrderConfirmed
              issue: PlaceOrder
        `,
      }),
      errors: [
        {
          line: 14,
          column: 3,
          endColumn: 24,
          severity: 'warning',
          message:
            'Policy ReplaceConfirmedOrder closes a cycle: Sales.PlaceOrder → Sales.ConfirmOrder → Sales.PlaceOrder. Each message triggers the next forever unless a condition breaks the loop.',
          related: [{ line: 11, column: 3, message: 'Policy Sales.ConfirmPlacedOrder is part of the cycle' }],
        },
      ],
    },
    {
      name: 'a policy re-issuing the command whose event it handles, reported once for two triggers',
      files: model({
        s: 'context: S\ncommands:\n  A:\n    emits: [AHappened, ARejected]\nevents:\n  AHappened: {}\n  ARejected: {}\npolicies:\n  Retry:\n    when: [ARejected, AHappened]\n    issue: A\n',
      }),
      errors: [
        {
          line: 9,
          column: 3,
          message: 'Policy Retry closes a cycle: S.A → S.A. Each message triggers the next forever unless a condition breaks the loop.',
          related: [],
        },
      ],
    },
    {
      name: 'a loop across two contexts',
      files: model({
        sales:
          'context: Sales\ncommands:\n  Place:\n    emits: [Placed]\nevents:\n  Placed: {}\npolicies:\n  OnShipped:\n    when: Shipping.Shipped\n    issue: Place\n',
        shipping:
          'context: Shipping\ncommands:\n  Ship:\n    emits: [Shipped]\nevents:\n  Shipped: {}\npolicies:\n  OnPlaced:\n    when: Sales.Placed\n    issue: Ship\n',
      }),
      file: 'contexts/shipping.yaml',
      errors: [
        {
          line: 8,
          column: 3,
          message: /^Policy OnPlaced closes a cycle: Shipping\.Ship → Sales\.Place → Shipping\.Ship\./,
          related: [{ file: 'contexts/sales.yaml', line: 8, column: 3 }],
        },
      ],
    },
    {
      name: 'two loops sharing a command are two findings',
      files: model({
        s: ABC + policy('AtoB', 'AHappened', 'B') + policy('BtoA', 'BHappened', 'A') + policy('BtoC', 'BHappened', 'C') + policy('CtoB', 'CHappened', 'B'),
      }),
      errors: [
        { line: 17, column: 3, message: /^Policy BtoA closes a cycle: S\.A → S\.B → S\.A\./, related: [{ line: 14, column: 3 }] },
        { line: 23, column: 3, message: /^Policy CtoB closes a cycle: S\.B → S\.C → S\.B\./, related: [{ line: 20, column: 3 }] },
      ],
    },
  ],
});

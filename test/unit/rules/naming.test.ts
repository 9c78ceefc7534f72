import assert from 'node:assert/strict';
import { looksPastTense } from '../../../src/core/rules/naming';
import { model, ruleTester } from '../helpers/rule-tester';

ruleTester('naming', {
  valid: [
    {
      name: 'past participles, irregular ones and state outcomes read as facts',
      files: model({
        sales: 'context: Sales\nevents:\n  OrderPlaced: {}\n  EmailSent: {}\n  PaymentPaid: {}\n  StockNotAvailable: {}\n  PaymentOverdue: {}\n',
      }),
    },
    {
      name: 'acronyms and digits inside PascalCase names',
      files: model({ sales: 'context: Sales2\naggregates:\n  B2BOrder: {}\nevents:\n  HTTPRequestSent: {}\n  OrderV2Placed: {}\n' }),
    },
    {
      name: 'commands, policies and read models need no tense',
      files: model({
        sales:
          'context: Sales\ncommands:\n  Order: {}\npolicies:\n  Shipping:\n    when: Placed\n    issue: Order\nreadModels:\n  Orders:\n    from: [Placed]\nevents:\n  Placed: {}\n',
      }),
    },
  ],
  invalid: [
    {
      // moved from rules.test.ts: "warns for non-PascalCase names of every kind, suggesting the PascalCase form"
      name: 'warns for non-PascalCase names of every kind, suggesting the PascalCase form',
      files: model({ a: 'context: sales_ctx\naggregates:\n  order_agg: {}\ncommands:\n  place_order: {}\n' }),
      errors: [
        {
          line: 1,
          column: 10,
          endColumn: 19,
          severity: 'warning',
          message: "Context name 'sales_ctx' should be PascalCase ('SalesCtx').",
          data: { suggestion: 'SalesCtx' },
        },
        { line: 3, column: 3, message: "Aggregate name 'order_agg' should be PascalCase ('OrderAgg').", data: { suggestion: 'OrderAgg' } },
        { line: 5, column: 3, message: "Command name 'place_order' should be PascalCase ('PlaceOrder').", data: { suggestion: 'PlaceOrder' } },
      ],
    },
    {
      // moved from rules.test.ts: "hints (not warns) when an event is not in the past tense"
      name: 'hints (not warns) when an event is not in the past tense',
      files: model({ a: 'context: A\ncommands:\n  Make:\n    emits: [CreateOrder]\nevents:\n  CreateOrder: {}\n' }),
      errors: [
        {
          line: 6,
          column: 3,
          endColumn: 14,
          severity: 'hint',
          message: /^Event 'CreateOrder' does not read as a past-tense fact; events record what happened/,
        },
      ],
    },
    {
      name: 'a camelCase event gets the PascalCase warning only, not also the tense hint',
      files: model({ a: 'context: A\nevents:\n  orderPlaced: {}\n  orderPlace: {}\n' }),
      errors: [
        { line: 3, column: 3, severity: 'warning', message: "Event name 'orderPlaced' should be PascalCase ('OrderPlaced')." },
        { line: 4, column: 3, severity: 'warning', message: "Event name 'orderPlace' should be PascalCase ('OrderPlace')." },
      ],
    },
    {
      name: 'underscores anywhere; a name with nothing to keep gets no suggestion',
      files: model({
        a: 'context: A\nevents:\n  Order_Placed: {}\n  _Internal: {}\n  _: {}\npolicies:\n  on_placed:\n    when: Order_Placed\n    issue: Go\nreadModels:\n  order_list:\n    from: [Order_Placed]\ncommands:\n  Go: {}\n',
      }),
      errors: [
        { line: 3, column: 3, message: "Event name 'Order_Placed' should be PascalCase ('OrderPlaced')." },
        { line: 4, column: 3, message: "Event name '_Internal' should be PascalCase ('Internal')." },
        { line: 5, column: 3, endColumn: 4, message: "Event name '_' should be PascalCase.", data: { suggestion: '' } },
        { line: 7, column: 3, message: "Policy name 'on_placed' should be PascalCase ('OnPlaced')." },
        { line: 11, column: 3, message: "Read model name 'order_list' should be PascalCase ('OrderList')." },
      ],
    },
    {
      name: 'a manifest severity replaces both the warning and the tense hint',
      files: model({ a: 'context: A\nevents:\n  order_placed: {}\n  PlaceOrder: {}\n' }),
      options: { rules: { naming: 'error' } },
      errors: [
        { line: 3, column: 3, severity: 'error', message: /'order_placed' should be PascalCase/ },
        { line: 4, column: 3, severity: 'error', message: /^Event 'PlaceOrder' does not read as a past-tense fact/ },
      ],
    },
  ],
});

describe('naming: looksPastTense', () => {
  // moved from rules.test.ts: "recognises past-tense and outcome event names"
  it('recognises past-tense and outcome event names', () => {
    for (const name of ['OrderPlaced', 'PaymentPaid', 'EmailSent', 'StockNotAvailable', 'ShipmentCreated', 'OrderShipped', 'PaymentFailed'])
      assert.ok(looksPastTense(name), name);
    for (const name of ['PlaceOrder', 'OrderPlace', 'ShipmentCreate', 'Order']) assert.ok(!looksPastTense(name), name);
  });
});

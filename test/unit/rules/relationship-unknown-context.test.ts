import { model, ruleTester } from '../helpers/rule-tester';

const rel = (ctx: string, ...lines: string[]) => `context: ${ctx}\nrelationships:\n${lines.map((l) => `  - ${l}\n    patterns: [conformist]\n`).join('')}`;
const SHIPPING = 'context: Shipping\n';

ruleTester('relationship-unknown-context', {
  valid: [
    {
      name: 'upstream and downstream of contexts defined in other files',
      files: model({ sales: rel('Sales', 'upstream: Shipping', 'downstream: Billing'), shipping: SHIPPING, zzz: 'context: Billing\n' }),
    },
    {
      name: 'a partner',
      files: model({ sales: 'context: Sales\nrelationships:\n  - partner: Shipping\n    patterns: [partnership]\n', shipping: SHIPPING }),
    },
    {
      name: "a relationship with itself is relationship-self's, not an unknown context",
      files: model({ sales: rel('Sales', 'upstream: Sales') }),
    },
  ],
  invalid: [
    {
      name: 'a misspelt context, with a suggestion',
      files: model({ sales: rel('Sales', 'upstream: Shiping'), shipping: SHIPPING }),
      errors: [
        {
          line: 3,
          column: 15,
          endColumn: 22,
          severity: 'error',
          message: "Relationship of Sales: Unknown context 'Shiping'. Did you mean 'Shipping'?",
          data: { suggestion: 'Shipping' },
        },
      ],
    },
    {
      name: 'no close name: no suggestion',
      files: model({ sales: rel('Sales', 'downstream: Billing'), shipping: SHIPPING }),
      errors: [{ line: 3, column: 17, message: "Relationship of Sales: Unknown context 'Billing'.", data: { suggestion: undefined } }],
    },
    {
      name: 'names are case sensitive (the suggestion gives the right case)',
      files: model({ sales: 'context: Sales\nrelationships:\n  - partner: shipping\n    patterns: [partnership]\n', shipping: SHIPPING }),
      errors: [{ line: 3, column: 14, message: "Relationship of Sales: Unknown context 'shipping'. Did you mean 'Shipping'?" }],
    },
    {
      name: 'each unknown context of each file',
      files: model({ a: rel('A', 'upstream: X', 'upstream: B'), b: rel('B', 'downstream: Y') }),
      errors: [
        { line: 3, column: 15, message: "Relationship of A: Unknown context 'X'. Did you mean 'A'?" },
        { file: 'contexts/b.yaml', line: 3, column: 17, message: /^Relationship of B: Unknown context 'Y'\./ },
      ],
    },
  ],
});

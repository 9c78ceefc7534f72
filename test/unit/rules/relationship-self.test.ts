import { model, ruleTester } from '../helpers/rule-tester';

const rel = (ctx: string, direction: string, other: string, pattern = 'conformist') =>
  `context: ${ctx}\nrelationships:\n  - ${direction}: ${other}\n    patterns: [${pattern}]\n`;

ruleTester('relationship-self', {
  valid: [
    {
      name: 'a relationship with another context',
      files: model({ sales: rel('Sales', 'upstream', 'Shipping'), shipping: 'context: Shipping\n' }),
    },
    {
      name: 'both sides declaring the same relationship',
      files: model({ sales: rel('Sales', 'upstream', 'Shipping'), shipping: rel('Shipping', 'downstream', 'Sales', 'open-host-service') }),
    },
    {
      name: 'a name that differs only in case is another (unknown) context',
      files: model({ sales: rel('Sales', 'partner', 'sales', 'partnership') }),
    },
  ],
  invalid: [
    {
      name: 'its own upstream, located at the name',
      files: model({ sales: rel('Sales', 'upstream', 'Sales') }),
      errors: [{ line: 3, column: 15, endColumn: 20, severity: 'error', message: 'Context Sales cannot be its own upstream.' }],
    },
    {
      name: 'its own downstream',
      files: model({ sales: rel('Sales', 'downstream', 'Sales', 'open-host-service') }),
      errors: [{ line: 3, column: 17, message: 'Context Sales cannot be its own downstream.' }],
    },
    {
      name: 'its own partner, next to a valid relationship',
      files: model({
        sales: 'context: Sales\nrelationships:\n  - upstream: Shipping\n    patterns: [conformist]\n  - partner: "Sales"\n    patterns: [partnership]\n',
        shipping: 'context: Shipping\n',
      }),
      errors: [{ line: 5, column: 15, endColumn: 20, message: 'Context Sales cannot be its own partner.' }],
    },
  ],
});

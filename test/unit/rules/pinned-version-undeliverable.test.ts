import { model, ruleTester } from '../helpers/rule-tester';

const id = (maxLength: number) => `{ type: object, properties: { id: { type: string, maxLength: ${maxLength} } } }`;

/**
 * Event Sales.Placed with one version per entry (`down`: `downcast: true`) from line 8, then
 * `consumer` (from line 8 + number of versions).
 */
function sales(versions: { schema: string; down?: boolean }[], consumer: string): string {
  const lines = ['context: Sales', 'commands:', '  Place:', '    emits: [Placed]', 'events:', '  Placed:', '    versions:'];
  versions.forEach((v, i) => lines.push(`      ${i + 1}: { ${v.down ? 'downcast: true, ' : ''}schema: ${v.schema} }`));
  return lines.join('\n') + '\n' + consumer;
}
const readModel = (pin: string) => `readModels:\n  Orders:\n    from: [${pin}]\n`;

ruleTester('pinned-version-undeliverable', {
  valid: [
    {
      name: 'pinned to the latest version, or not pinned',
      files: model({ sales: sales([{ schema: id(20) }, { schema: id(36) }], readModel('Placed@2, Placed')) }),
    },
    {
      name: 'newer data old readers can read as it is (FORWARD compatible)',
      files: model({
        sales: sales(
          [{ schema: id(36) }, { schema: id(20) }, { schema: '{ type: object, properties: { id: { type: string, maxLength: 10 } } }' }],
          readModel('Placed@1'),
        ),
      }),
    },
    {
      name: 'a downcaster bridges the step old readers cannot read',
      files: model({ sales: sales([{ schema: id(20) }, { schema: id(36), down: true }], readModel('Placed@1')) }),
    },
    {
      name: 'a command emitting a pinned version is a producer, not a reader',
      files: model({ sales: sales([{ schema: id(20) }, { schema: id(36) }], '').replace('emits: [Placed]', 'emits: [Placed@1]') }),
    },
  ],
  invalid: [
    {
      name: 'a read model pinned to v1 cannot receive v2, at the pinned digits',
      files: model({ sales: sales([{ schema: id(20) }, { schema: id(36) }], readModel('Placed@1')) }),
      errors: [
        {
          line: 12,
          column: 19,
          endColumn: 20,
          severity: 'warning',
          message:
            'Orders reads Sales.Placed@1, but v2 events cannot be delivered to it: readers of v1 cannot read v2 (`maxLength` increased from 20 to 36). Add `downcast: true` to v2 (a downcaster to v1 that you implement), or read @2.',
          related: [{ line: 6, column: 3, message: 'Sales.Placed is defined here' }],
          data: { event: 'Sales.Placed', pinned: 1, undeliverable: [2], reader: 1, written: 2, type: 'MAX_LENGTH_INCREASED' },
        },
      ],
    },
    {
      name: 'every blocked version is named; the advice is the first blocked step',
      files: model({ sales: sales([{ schema: id(20) }, { schema: id(36) }, { schema: id(50) }], readModel('Placed@1')) }),
      errors: [
        {
          line: 13,
          column: 19,
          message: /^Orders reads Sales\.Placed@1, but v2, v3 events cannot be delivered to it: readers of v1 cannot read v2 .*or read @3\.$/,
          data: { undeliverable: [2, 3] },
        },
      ],
    },
    {
      name: 'past a downcaster, the next step is still blocked',
      files: model({ sales: sales([{ schema: id(20) }, { schema: id(36), down: true }, { schema: id(50) }], readModel('Placed@1')) }),
      errors: [
        {
          line: 13,
          column: 19,
          message: /but v3 events cannot be delivered to it: readers of v2 cannot read v3 \(`maxLength` increased from 36 to 50\)\. Add `downcast: true` to v3/,
          data: { undeliverable: [3], reader: 2, written: 3 },
        },
      ],
    },
    {
      name: 'policies pinned to it, here and in another context',
      files: model({
        sales: sales([{ schema: id(20) }, { schema: id(36) }], 'policies:\n  Again:\n    when: Placed@1\n    issue: Place\n'),
        shipping: 'context: Shipping\ncommands:\n  Ship: {}\npolicies:\n  ShipPlaced:\n    when: [Sales.Placed@1]\n    issue: Ship\n',
      }),
      errors: [
        { line: 12, column: 18, message: /^Again reads Sales\.Placed@1, but v2 events cannot be delivered to it/ },
        {
          file: 'contexts/shipping.yaml',
          line: 6,
          column: 25,
          message: /^ShipPlaced reads Sales\.Placed@1,/,
          related: [{ file: 'contexts/sales.yaml', line: 6 }],
        },
      ],
    },
  ],
});

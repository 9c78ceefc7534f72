import { model, ruleTester, yaml } from '../helpers/rule-tester';

/** Sales with events Placed (v1 requires orderId, v2 does not) and Noted (`noted` schema), and the read model Summary (`view` from line 14). */
function sales(noted: string, view: string): string {
  return (
    yaml`
      context: Sales
      commands:
        Place:
          emits: [Placed, Noted]
      events:
        Placed:
          versions:
            1: { schema: { type: object, required: [orderId], properties: { orderId: { type: string } } } }
            2: { schema: { type: object, required: [id], properties: { id: { type: string } } } }
        Noted:
          schema: ${noted}
      readModels:
        Summary:
    ` +
    view
      .split('\n')
      .map((l) => (l ? `    ${l}` : l))
      .join('\n')
  );
}
const withOrderId = '{ type: object, required: [orderId], properties: { orderId: { type: string } } }';

ruleTester('read-model-key', {
  valid: [
    {
      name: 'every projected event requires the key (the pinned version)',
      files: model({ sales: sales(withOrderId, 'key: orderId\nfrom: [Placed@1, Noted]\n') }),
    },
    {
      name: 'no key and no query by key: one view for all',
      files: model({ sales: sales('{ type: object }', 'from: [Placed, Noted]\nqueries:\n  All: { returns: many }\n') }),
    },
    {
      name: 'a query returning one view with a request schema needs no key',
      files: model({
        sales: sales(
          '{ type: object }',
          'from: [Noted]\nqueries:\n  ByNote: { returns: one, schema: { type: object, properties: { note: { type: string } } } }\n',
        ),
      }),
    },
  ],
  invalid: [
    {
      name: 'an unpinned event whose latest version lacks the key, at the reference',
      files: model({ sales: sales(withOrderId, 'key: orderId\nfrom: [Placed, Noted]\n') }),
      errors: [
        {
          line: 15,
          column: 12,
          message: 'Summary is keyed by `orderId`, but Sales.Placed v2 does not declare it: the projection could not tell which view the event updates.',
          related: [{ line: 14 }],
        },
      ],
    },
    {
      name: 'an event that declares the key without requiring it',
      files: model({ sales: sales('{ type: object, properties: { orderId: { type: string } } }', 'key: orderId\nfrom: [Placed@1, Noted]\n') }),
      errors: [{ line: 15, message: /Sales\.Noted v1 does not require it/ }],
    },
    {
      name: 'a query returning one view by key without a key',
      files: model({ sales: sales(withOrderId, 'from: [Noted]\nqueries:\n  Get: { returns: one }\n') }),
      errors: [
        { line: 16, column: 7, message: 'Query Get returns one Summary by its key, but Summary has no `key`: name the property that identifies one view.' },
      ],
    },
  ],
});

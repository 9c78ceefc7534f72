import { model, ruleTester, yaml } from '../helpers/rule-tester';

const obj = (required: string, props: string) => `{ type: object, required: [${required}], properties: { ${props} } }`;
const orderId = 'orderId: { type: string }';

/** Context Sales with aggregate Order (`idLine` on line 4), PlaceOrder's schema on line 9 and OrderPlaced's on line 13. */
function sales(idLine: string, place: string, placed: string): string {
  return yaml`
    context: Sales
    aggregates:
      Order:
        ${idLine}
    commands:
      PlaceOrder:
        aggregate: Order
        emits: [OrderPlaced]
        schema: ${place}
    events:
      OrderPlaced:
        aggregate: Order
        schema: ${placed}
    readModels:
      Orders: { from: [OrderPlaced] }
  `;
}

ruleTester('aggregate-identity', {
  valid: [
    {
      name: 'every command and event requires the id',
      files: model({ sales: sales('id: orderId', obj('orderId', orderId), obj('orderId, total', `${orderId}, total: { type: number }`)) }),
    },
    {
      name: 'an aggregate without commands or events needs no id',
      files: model({
        sales:
          'context: Sales\naggregates:\n  Order: {}\ncommands:\n  Place:\n    emits: [Placed]\nevents:\n  Placed: {}\nreadModels:\n  V: { from: [Placed] }\n',
      }),
    },
    {
      name: 'a nested id path through a $ref to an external file and an allOf branch',
      files: model(
        {
          sales: sales(
            'id: order.id',
            '{ $ref: ../schemas/place.json }',
            `{ allOf: [{ $ref: "#/definitions/o" }], definitions: { o: ${obj('order', 'order: { type: object, required: [id], properties: { id: { type: string } } }')} } }`,
          ),
        },
        {
          files: {
            'schemas/place.json': JSON.stringify({
              type: 'object',
              required: ['order'],
              properties: { order: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } },
            }),
          },
        },
      ),
    },
  ],
  invalid: [
    {
      name: 'no id, suggesting the property all messages require',
      files: model({ sales: sales('description: One order.', obj('orderId', orderId), obj('orderId', orderId)) }),
      errors: [
        {
          line: 3,
          column: 3,
          message: /^Aggregate Sales\.Order has 2 command\(s\)\/event\(s\) but no `id`: .* \(all of them require `orderId`: `id: orderId`\)\.$/,
          data: { suggestion: 'orderId' },
        },
      ],
    },
    {
      name: 'a command that declares the id without requiring it, and an event that lacks it',
      files: model({ sales: sales('id: orderId', obj('other', `${orderId}, other: { type: string }`), obj('total', 'total: { type: number }')) }),
      errors: [
        { line: 9, message: /^Command PlaceOrder declares `orderId` but does not require it: .*Add `orderId` to its `required`\.$/, related: [{ line: 4 }] },
        { line: 13, message: /^Event OrderPlaced does not declare `orderId`: .*Add `orderId` to its `properties` and `required`\.$/ },
      ],
    },
    {
      name: 'two messages typing the id differently',
      files: model({ sales: sales('id: orderId', obj('orderId', orderId), obj('orderId', 'orderId: { type: integer }')) }),
      errors: [{ line: 13, message: 'Event OrderPlaced types `orderId` as integer, but PlaceOrder types it as string: one Order has one id type.' }],
    },
    {
      name: 'a message without a payload schema, at its name',
      files: model({
        sales: yaml`
          context: Sales
          aggregates:
            Order: { id: orderId }
          commands:
            PlaceOrder:
              aggregate: Order
              emits: [OrderPlaced]
          events:
            OrderPlaced:
              aggregate: Order
              schema: { type: object, required: [orderId], properties: { orderId: { type: string } } }
          readModels:
            Orders: { from: [OrderPlaced] }
        `,
      }),
      errors: [{ line: 5, column: 3, message: "Command PlaceOrder of Sales.Order has no payload schema, so it cannot carry the aggregate's id `orderId`." }],
    },
  ],
});

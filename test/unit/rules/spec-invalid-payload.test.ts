import { ruleTester, yaml } from '../helpers/rule-tester';
import { shop, SHOP_LINES } from './spec-model';

const file = 'specs/shop.yaml';

ruleTester('spec-invalid-payload', {
  valid: [
    {
      name: 'complete inputs, and expectations that leave out required properties of a closed schema',
      files: shop(yaml`
        specsFor: Shop
        commands:
          AddItem:
            - name: adds
              given: [{ event: ItemAdded@1, data: { cartId: c, sku: a } }]
              when: { cartId: c, sku: b, quantity: 2 }
              then: [{ event: ItemAdded, data: { sku: b } }]
      `),
    },
    {
      name: 'a spec showing that the schema rejects a payload (MessageValidationError) may write an invalid one',
      files: shop(yaml`
        specsFor: Shop
        commands:
          AddItem:
            - name: refuses no items
              when: { cartId: c, sku: b, quantity: 0 }
              then: { error: { kind: MessageValidationError } }
      `),
    },
    {
      name: 'a partial command through an external $ref, and a partial view',
      files: shop(
        yaml`
          specsFor: Shop
          policies:
            OrderWhenAdded:
              - name: orders
                when: { event: ItemAdded@1, data: { cartId: c, sku: a } }
                then: { command: PlaceOrder, data: { lines: [{ quantity: 2 }] } }
        `,
        {
          append:
            '    specs:\n      - name: counts\n        given: [{ event: ItemRejected, data: { cartId: c, reason: out-of-stock } }]\n        then: { view: { rejected: 1 } }\n',
        },
      ),
    },
  ],
  invalid: [
    {
      name: 'a given event lacking a required property, at its data',
      file,
      files: shop(yaml`
        specsFor: Shop
        commands:
          AddItem:
            - name: adds
              given:
                - event: ItemAdded@1
                  data: { cartId: c }
              when: { cartId: c, sku: b, quantity: 1 }
              then: []
      `),
      errors: [{ line: 7, column: 17, message: "Shop.ItemAdded v1 data: lacks the required property 'sku'.", data: { keyword: 'required', path: '' } }],
    },
    {
      name: 'a given event without data whose schema requires properties, at the event',
      file,
      files: shop(yaml`
        specsFor: Shop
        commands:
          AddItem:
            - name: adds
              given: [{ event: ItemRejected }]
              when: { cartId: c, sku: b, quantity: 1 }
              then: []
      `),
      errors: [
        { line: 5, column: 24, message: "Shop.ItemRejected v1 data is missing: it lacks the required property 'cartId'." },
        { line: 5, column: 24, message: "Shop.ItemRejected v1 data is missing: it lacks the required property 'reason'." },
      ],
    },
    {
      name: 'wrong values at their exact place: the command payload, a closed expectation, a format behind a $ref',
      file,
      files: shop(yaml`
        specsFor: Shop
        commands:
          AddItem:
            - name: adds
              when: { cartId: c, sku: b, quantity: "2" }
              then: [{ event: ItemAdded, data: { sku: b, colour: red } }]
        policies:
          OrderWhenAdded:
            - name: orders
              when: { event: ItemAdded@1, data: { cartId: c, sku: a } }
              then:
                command: PlaceOrder
                data:
                  orderId: not-a-uuid
                  lines: [{ sku: a, quantity: 0 }]
      `),
      errors: [
        { line: 5, column: 44, endColumn: 47, message: 'Shop.AddItem payload: quantity must be integer.', data: { path: '/quantity', keyword: 'type' } },
        { line: 6, column: 50, endColumn: 56, message: "Shop.ItemAdded v2 data: has the property 'colour', which the schema does not allow." },
        { line: 14, column: 20, message: 'Shop.PlaceOrder payload: orderId must match format "uuid".' },
        { line: 15, column: 39, message: 'Shop.PlaceOrder payload: lines[0].quantity must be >= 1.' },
      ],
    },
    {
      name: 'an inline read-model view with a value of the wrong type',
      files: shop(undefined, {
        append:
          '    specs:\n      - name: counts\n        given: [{ event: ItemRejected, data: { cartId: c, reason: gone } }]\n        then: { view: { rejected: many } }\n',
      }),
      errors: [
        { line: SHOP_LINES + 3, column: 67, message: 'Shop.ItemRejected v1 data: reason must be one of "out-of-stock", "unknown-sku".' },
        { line: SHOP_LINES + 4, column: 35, message: 'Shop.CartView view: rejected must be integer.' },
      ],
    },
  ],
});

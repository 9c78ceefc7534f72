import { ruleTester, yaml } from '../helpers/rule-tester';
import { shop, SHOP_LINES } from './spec-model';

const file = 'specs/shop.yaml';

ruleTester('spec-foreign-given', {
  valid: [
    {
      name: "a command spec's given events of its own aggregate, in any version",
      files: shop(yaml`
        specsFor: Shop
        commands:
          AddItem:
            - name: adds
              given:
                - { event: ItemAdded@1, data: { cartId: c, sku: a } }
                - { event: ItemRejected, data: { cartId: c, reason: unknown-sku } }
              when: { cartId: c, sku: b, quantity: 1 }
              then: []
      `),
    },
    {
      name: 'a policy spec fed the pinned version, or an older one',
      files: shop(yaml`
        specsFor: Shop
        policies:
          OrderWhenAdded:
            - name: orders
              when: { event: ItemAdded@1, data: { cartId: c, sku: a } }
              then: { command: none }
      `),
    },
    {
      name: 'a read model spec fed the events it projects',
      files: shop(undefined, {
        append: yaml`
          specs:
            - name: both
              given:
                - { event: ItemAdded, data: { cartId: c, sku: a, quantity: 1 } }
                - { event: ItemRejected, data: { cartId: c, reason: unknown-sku } }
              then: { view: { skus: [a], rejected: 1 } }
        `.replace(/^/gm, '    '),
      }),
    },
  ],
  invalid: [
    {
      name: "an event of another aggregate in a command spec's given",
      file,
      files: shop(yaml`
        specsFor: Shop
        commands:
          AddItem:
            - name: adds after ordering
              given: [{ event: OrderPlaced, data: { orderId: o, cartId: c } }]
              when: { cartId: c, sku: b, quantity: 1 }
              then: []
      `),
      errors: [
        {
          line: 5,
          column: 24,
          message: 'Shop.OrderPlaced is an event of Order, not of Cart: the stream AddItem decides on never holds it.',
          related: [{ line: 3, file: 'contexts/shop.yaml', message: 'the aggregate of AddItem' }],
        },
      ],
    },
    {
      name: 'a policy spec fed an event it does not react to, or a version newer than its pin',
      file,
      files: shop(yaml`
        specsFor: Shop
        policies:
          OrderWhenAdded:
            - name: rejected
              when: { event: ItemRejected, data: { cartId: c, reason: unknown-sku } }
              then: { command: none }
            - name: v2
              when: { event: ItemAdded@2, data: { cartId: c, sku: a, quantity: 1 } }
              then: { command: none }
      `),
      errors: [
        { line: 5, column: 22, message: 'Shop.OrderWhenAdded reacts to ItemAdded@1, not Shop.ItemRejected: it never receives this event.' },
        { line: 8, column: 32, message: 'Shop.OrderWhenAdded reads ItemAdded@1; version 2 is never delivered to it.' },
      ],
    },
    {
      name: 'a read model spec fed an event it does not project',
      files: shop(undefined, {
        append: '    specs:\n      - name: ordered\n        given: [{ event: OrderPlaced, data: { orderId: o, cartId: c } }]\n        then: { view: {} }\n',
      }),
      errors: [
        { line: SHOP_LINES + 3, column: 26, message: 'Shop.CartView projects ItemAdded, ItemRejected, not Shop.OrderPlaced: it never receives this event.' },
      ],
    },
  ],
});

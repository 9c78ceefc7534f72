import { ruleTester, yaml } from '../helpers/rule-tester';
import { shop } from './spec-model';

const file = 'specs/shop.yaml';

ruleTester('spec-unexpected-event', {
  valid: [
    {
      name: 'alternative outcomes of the command, unpinned or pinned to the latest version',
      files: shop(yaml`
        specsFor: Shop
        commands:
          AddItem:
            - name: adds
              when: { cartId: c, sku: b, quantity: 1 }
              then: [{ event: ItemAdded@2 }]
            - name: rejects
              when: { cartId: c, sku: x, quantity: 1 }
              then: [{ event: ItemRejected }]
      `),
    },
    {
      name: 'the command the policy issues, and `none`',
      files: shop(yaml`
        specsFor: Shop
        policies:
          OrderWhenAdded:
            - name: orders
              when: { event: ItemAdded@1, data: { cartId: c, sku: a } }
              then: { command: Shop.PlaceOrder }
            - name: not this time
              when: { event: ItemAdded@1, data: { cartId: c, sku: a } }
              then: { command: none }
      `),
    },
    {
      name: 'an error or no event at all is always a possible outcome',
      files: shop(yaml`
        specsFor: Shop
        commands:
          PlaceOrder:
            - name: refuses an empty cart
              when: { orderId: 0f8fad5b-d9cb-469f-a165-70867728950e, cartId: c }
              then: { error: empty }
            - name: twice
              given: [{ event: OrderPlaced, data: { orderId: o, cartId: c } }]
              when: { orderId: 0f8fad5b-d9cb-469f-a165-70867728950e, cartId: c }
              then: []
      `),
    },
  ],
  invalid: [
    {
      name: 'an event the command does not emit',
      file,
      files: shop(yaml`
        specsFor: Shop
        commands:
          AddItem:
            - name: places
              when: { cartId: c, sku: b, quantity: 1 }
              then:
                - event: ItemAdded
                - event: OrderPlaced
      `),
      errors: [
        {
          line: 8,
          column: 18,
          message: 'Shop.AddItem does not emit Shop.OrderPlaced (emits: ItemAdded, ItemRejected): the spec can never pass.',
          related: [{ line: 6, file: 'contexts/shop.yaml' }],
        },
      ],
    },
    {
      name: 'an older version than deciders emit',
      file,
      files: shop(yaml`
        specsFor: Shop
        commands:
          AddItem:
            - name: adds
              when: { cartId: c, sku: b, quantity: 1 }
              then: [{ event: ItemAdded@1 }]
      `),
      errors: [{ line: 6, column: 33, message: 'Deciders emit the latest version of Shop.ItemAdded (v2); v1 can never be decided. Write `ItemAdded`.' }],
    },
    {
      name: 'a policy spec expecting another command than the policy issues',
      file,
      files: shop(yaml`
        specsFor: Shop
        policies:
          OrderWhenAdded:
            - name: adds again
              when: { event: ItemAdded@1, data: { cartId: c, sku: a } }
              then: { command: AddItem }
      `),
      errors: [
        {
          line: 6,
          column: 24,
          message: 'Shop.OrderWhenAdded issues PlaceOrder, not AddItem: the spec can never pass.',
          related: [{ line: 29, file: 'contexts/shop.yaml' }],
        },
      ],
    },
    {
      name: 'a command expected from a policy that issues none (inline, in another context)',
      file: 'contexts/notify.yaml',
      files: shop(undefined, {
        more: {
          'contexts/notify.yaml': yaml`
            context: Notify
            policies:
              MailCustomer:
                when: Shop.OrderPlaced
                specs:
                  - name: mails
                    when: { event: Shop.OrderPlaced, data: { orderId: o, cartId: c } }
                    then: { command: Shop.PlaceOrder }
          `,
        },
      }),
      errors: [{ line: 8, column: 26, message: 'Notify.MailCustomer issues no command; expect `command: none` (or add `issue:` to the policy).' }],
    },
  ],
});

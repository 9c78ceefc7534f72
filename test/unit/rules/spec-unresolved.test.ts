import { ruleTester, yaml } from '../helpers/rule-tester';
import { shop, SHOP_LINES } from './spec-model';

const file = 'specs/shop.yaml';

ruleTester('spec-unresolved', {
  valid: [
    {
      name: 'every name and pinned version of a spec file resolves',
      files: shop(yaml`
        specsFor: Shop
        commands:
          AddItem:
            - name: adds
              given: [{ event: ItemAdded@1, data: { cartId: c, sku: a } }]
              when: { cartId: c, sku: b, quantity: 1 }
              then: [{ event: ItemAdded@2 }]
        policies:
          OrderWhenAdded:
            - name: orders
              when: { event: ItemAdded@1, data: { cartId: c, sku: a } }
              then: { command: PlaceOrder }
      `),
    },
    {
      name: '`command: none` is not a name, and a qualified name of the own context resolves',
      files: shop(yaml`
        specsFor: Shop
        policies:
          OrderWhenAdded:
            - name: nothing
              when: { event: Shop.ItemAdded@1, data: { cartId: c, sku: a } }
              then: { command: none }
      `),
    },
    {
      name: 'inline specs of a read model',
      files: shop(undefined, {
        append:
          '    specs:\n      - name: counts\n        given: [{ event: ItemRejected, data: { cartId: c, reason: unknown-sku } }]\n        then: { view: { rejected: 1 } }\n',
      }),
    },
  ],
  invalid: [
    {
      name: 'a misspelt event in given, at the reference, with a suggestion',
      file,
      files: shop(yaml`
        specsFor: Shop
        commands:
          AddItem:
            - name: adds
              given: [{ event: ItemAded }]
              when: { cartId: c, sku: b, quantity: 1 }
              then: []
      `),
      errors: [
        {
          line: 5,
          column: 24,
          endColumn: 32,
          message: "Unknown event 'ItemAded' in Shop (use Context.Name for another context). Did you mean 'ItemAdded'?",
          data: { suggestion: 'ItemAdded', role: 'specGiven' },
        },
      ],
    },
    {
      name: 'a version the event does not have, at the version',
      file,
      files: shop(yaml`
        specsFor: Shop
        commands:
          AddItem:
            - name: adds
              when: { cartId: c, sku: b, quantity: 1 }
              then: [{ event: ItemAdded@3 }]
      `),
      errors: [
        {
          line: 6,
          column: 33,
          endColumn: 34,
          message: 'Shop.ItemAdded has no version 3 (versions: 1, 2).',
          related: [{ line: 15, file: 'contexts/shop.yaml' }],
        },
      ],
    },
    {
      name: 'an owner key that names no command, and a command of the outcome that does not exist',
      file,
      files: shop(yaml`
        specsFor: Shop
        commands:
          AddItm:
            - name: adds
              when: {}
              then: []
        policies:
          OrderWhenAdded:
            - name: orders
              when: { event: ItemAdded@1 }
              then: { command: PlaceOrdr }
      `),
      errors: [
        { line: 3, column: 3, message: "Unknown command 'AddItm' in Shop: these specs are about nothing. Did you mean 'AddItem'?" },
        { line: 11, column: 24, message: /^Unknown command 'PlaceOrdr' in Shop .*Did you mean 'PlaceOrder'\?$/ },
      ],
    },
    {
      name: 'specsFor names no context: reported once, not at each name inside',
      file,
      files: shop(yaml`
        specsFor: Shp
        commands:
          AddItem:
            - name: adds
              given: [{ event: ItemAdded }]
              when: {}
              then: []
      `),
      errors: [{ line: 1, column: 11, message: "specsFor: Unknown context 'Shp'. Did you mean 'Shop'?", data: { suggestion: 'Shop' } }],
    },
    {
      name: 'an inline spec naming an event of an unknown context',
      files: shop(undefined, {
        append: '    specs:\n      - name: counts\n        given: [{ event: Billing.Paid }]\n        then: { view: {} }\n',
      }),
      errors: [{ line: SHOP_LINES + 3, column: 26, message: "Unknown context 'Billing' in 'Billing.Paid'." }],
    },
  ],
});

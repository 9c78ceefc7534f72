import { model, MANIFEST, ruleTester, yaml } from '../helpers/rule-tester';

/** 9 levels of 9 aliases: 9^9 nodes when expanded. */
function aliasBomb(): string {
  const lines = ['context: Bomb', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i <= 9; i++) {
    const aliases = Array.from({ length: 9 }, () => `*a${i - 1}`);
    lines.push(`a${i}: &a${i} [${aliases.join(', ')}]`);
  }
  return lines.join('\n') + '\n';
}

ruleTester('yaml-syntax', {
  valid: [
    {
      name: 'the same key in sibling maps is no duplicate',
      files: model({
        sales: yaml`
          context: Sales
          events:
            OrderPlaced:
              schema: { type: object }
            OrderShipped:
              schema: { type: object }
        `,
      }),
    },
    {
      name: 'a definition name twice is left to duplicate-name, a version twice to version-sequence',
      files: model({
        sales: yaml`
          context: Sales
          events:
            OrderPlaced:
              versions:
                1: { schema: { type: object } }
                1: { schema: { type: object } }
            OrderPlaced: {}
        `,
      }),
    },
    {
      name: 'anchors and a few aliases expand normally',
      files: model({
        sales: yaml`
          context: Sales
          events:
            OrderPlaced:
              schema: &payload { type: object, properties: { id: { type: string } } }
            OrderShipped:
              schema: *payload
        `,
      }),
    },
    {
      name: 'a colon inside a quoted string, and a JSON schema file',
      files: model(
        { sales: 'context: Sales\ndescription: "issue: a: b"\nevents:\n  OrderPlaced:\n    schema: { $ref: ../schemas/placed.json }\n' },
        { files: { 'schemas/placed.json': '{\n  "type": "object",\n  "properties": { "type": { "type": "string" } }\n}\n' } },
      ),
    },
    {
      name: 'each item of a list of maps has its own keys',
      files: model(
        {
          sales: 'context: Sales\nrelationships:\n  - upstream: Shipping\n    patterns: [conformist]\n  - upstream: Billing\n    patterns: [conformist]\n',
          shipping: 'context: Shipping\n',
          billing: 'context: Billing\n',
        },
        { manifest: MANIFEST + 'rules:\n  naming: off\n' },
      ),
    },
  ],
  invalid: [
    {
      name: 'a nested mapping in a compact mapping',
      files: model({
        sales: yaml`
          context: Sales
          policies:
            Broken:
              when: OrderPlaced
              issue: a: b
        `,
      }),
      errors: [{ line: 5, column: 12, endLine: 5, endColumn: 13, severity: 'error', message: 'Nested mappings are not allowed in compact mappings' }],
    },
    {
      name: 'a tab used as indentation',
      files: model({ sales: 'context: Sales\ncommands:\n\tPlace: {}\n' }),
      errors: [{ line: 3, column: 1, message: 'Tabs are not allowed as indentation' }],
    },
    {
      name: 'two `schema:` keys in one event, the second reported with the first as related',
      files: model({
        sales: yaml`
          context: Sales
          events:
            OrderPlaced:
              schema: { type: object }
              description: placed
              schema: { type: string }
        `,
      }),
      errors: [
        {
          line: 6,
          column: 5,
          endColumn: 11,
          message: "Duplicate key 'schema': only the last one takes effect.",
          related: [{ line: 4, column: 5, message: "First 'schema'" }],
        },
      ],
    },
    {
      name: 'a duplicate key in the manifest',
      files: model({ sales: 'context: Sales\n' }, { manifest: 'model: t\ninclude: [contexts/*.yaml]\ninclude: [domains/*.yaml]\n' }),
      file: 'eventmodel.yaml',
      errors: [{ line: 3, column: 1, message: "Duplicate key 'include': only the last one takes effect.", related: [{ line: 2, column: 1 }] }],
    },
    {
      name: 'a duplicate key in an external JSON schema file',
      files: model(
        { sales: 'context: Sales\nevents:\n  OrderPlaced:\n    schema: { $ref: ../schemas/placed.json }\n' },
        { files: { 'schemas/placed.json': '{\n  "type": "object",\n  "type": "string"\n}\n' } },
      ),
      file: 'schemas/placed.json',
      errors: [{ line: 3, column: 3, message: /Duplicate key 'type'/, related: [{ line: 2, column: 3 }] }],
    },
    {
      name: 'a duplicate key inside a payload property named like a section (`versions`)',
      files: model({
        sales: yaml`
          context: Sales
          events:
            OrderPlaced:
              schema:
                type: object
                properties:
                  versions:
                    type: string
                    type: number
        `,
      }),
      errors: [{ line: 9, column: 11, message: /Duplicate key 'type'/, related: [{ line: 8, column: 11 }] }],
    },
    {
      name: 'an alias bomb is refused at its first alias',
      files: model({ bomb: aliasBomb() }),
      errors: [{ line: 3, column: 10, message: /aliases expand to too many nodes; the file was not loaded/ }],
    },
  ],
});

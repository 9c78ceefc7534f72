import { model, ruleTester } from '../helpers/rule-tester';

/** A context whose one event has `schema` (given as YAML lines, indented under `schema:` on line 4). */
const withSchema = (...lines: string[]) =>
  model({ sales: ['context: Sales', 'events:', '  OrderPlaced:', '    schema:', ...lines.map((l) => `      ${l}`)].join('\n') + '\n' });

ruleTester('invalid-payload-schema', {
  valid: [
    {
      name: 'a boolean schema',
      files: model({ sales: 'context: Sales\nevents:\n  OrderPlaced:\n    schema: true\n' }),
    },
    {
      name: 'unknown keywords and vendor extensions are allowed by the meta-schema',
      files: withSchema('type: object', 'x-kafka-key: orderId', 'chanel: orders', 'properties:', '  orderId: { type: string, format: uuid, x-pii: false }'),
    },
    {
      name: '2020-12 keywords under a 2020-12 `$schema`',
      files: withSchema(
        '$schema: "https://json-schema.org/draft/2020-12/schema"',
        'type: array',
        'prefixItems: [{ type: string }]',
        '$defs: { a: { type: string } }',
        'dependentRequired: { a: [b] }',
      ),
    },
    {
      name: 'draft-07 `exclusiveMinimum` as a number, `required` as an array',
      files: withSchema('type: object', 'required: [amount]', 'properties:', '  amount: { type: number, exclusiveMinimum: 0 }'),
    },
  ],
  invalid: [
    {
      name: '`required` as a string, located at the value',
      files: withSchema('type: object', 'required: orderId'),
      errors: [{ line: 6, column: 17, endColumn: 24, severity: 'error', message: 'Invalid payload schema at /required: must be array.' }],
    },
    {
      name: 'a misspelt type name',
      files: withSchema('type: strin'),
      errors: [
        {
          line: 5,
          column: 13,
          message: 'Invalid payload schema at /type: must be equal to one of the allowed values: array, boolean, integer, null, number, object, string.',
        },
      ],
    },
    {
      name: 'each broken nested keyword, in order',
      files: withSchema('type: object', 'properties:', '  id: { type: 1 }', '  n: { minLength: -1 }'),
      errors: [
        { line: 7, column: 21, message: /^Invalid payload schema at \/properties\/id\/type: / },
        { line: 8, column: 25, message: 'Invalid payload schema at /properties/n/minLength: must be >= 0.' },
      ],
    },
    {
      name: 'a draft-04 style boolean `exclusiveMinimum` in draft-07',
      files: withSchema('type: number', 'exclusiveMinimum: true'),
      errors: [{ line: 6, column: 25, message: 'Invalid payload schema at /exclusiveMinimum: must be number.' }],
    },
    {
      name: 'an unsupported dialect, and a `$schema` that is no string',
      files: model({
        a: 'context: A\nevents:\n  Done:\n    schema: { $schema: "http://json-schema.org/draft-04/schema#" }\n',
        b: 'context: B\nevents:\n  Done:\n    schema: { $schema: 7 }\n',
      }),
      errors: [
        {
          line: 4,
          column: 24,
          message: "Invalid payload schema: unsupported JSON Schema dialect 'http://json-schema.org/draft-04/schema#' (use draft-07, 2019-09 or 2020-12).",
        },
        { file: 'contexts/b.yaml', line: 4, column: 24, message: 'Invalid payload schema: `$schema` must be a URI string.' },
      ],
    },
    {
      name: 'aggregate states, command and read-model payloads are schemas too',
      files: model({
        sales:
          [
            'context: Sales',
            'aggregates:',
            '  Order:',
            '    state: { type: object, properties: { s: { enum: "x" } } }',
            'commands:',
            '  Place:',
            '    schema: { type: object, additionalProperties: 3 }',
            'readModels:',
            '  Orders:',
            '    from: [Placed]',
            '    schema: { items: 5 }',
            'events:',
            '  Placed: {}',
          ].join('\n') + '\n',
      }),
      errors: [
        { line: 4, column: 53, message: /\/properties\/s\/enum: must be array/ },
        { line: 7, column: 51, message: /\/additionalProperties: must be object,boolean/ },
        { line: 11, column: 22, message: /\/items: must be object,boolean/ },
      ],
    },
    {
      name: 'an external schema file, located in that file',
      files: model(
        { sales: 'context: Sales\nevents:\n  OrderPlaced:\n    schema: { $ref: ../schemas/placed.json }\n' },
        { files: { 'schemas/placed.json': '{\n  "type": "object",\n  "properties": {\n    "id": { "type": "string", "minLength": -1 }\n  }\n}\n' } },
      ),
      file: 'schemas/placed.json',
      errors: [{ line: 4, column: 44, message: 'Invalid payload schema at /properties/id/minLength: must be >= 0.' }],
    },
    {
      name: 'null where a schema belongs (the format check reports it as well)',
      files: model({ sales: 'context: Sales\nevents:\n  OrderPlaced:\n    schema: null\n' }),
      allowInvalidModel: true,
      errors: [{ line: 4, column: 13, message: 'A JSON Schema must be an object or a boolean, not null.' }],
    },
  ],
});

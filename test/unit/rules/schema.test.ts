import { MANIFEST, model, ruleTester, yaml } from '../helpers/rule-tester';

ruleTester('schema', {
  valid: [
    {
      name: 'a `$schema` key, `x-` extension keys, a single-string include',
      files: model(
        {
          sales:
            '$schema: ../schemas/context.schema.json\ncontext: Sales\nx-team: checkout\nevents:\n  Placed:\n    x-kafka: { key: id }\n    schema: { type: object }\n',
        },
        { manifest: 'include: contexts/*.yaml\n' },
      ),
    },
    {
      name: 'a command without a body (the format allows null)',
      files: model({ sales: 'context: Sales\ncommands:\n  PlaceOrder:\n' }),
    },
    {
      name: 'payload schemas are free-form JSON Schema: unknown keywords and typos there are not format errors',
      files: model({
        sales: yaml`
          context: Sales
          events:
            OrderPlaced:
              versions:
                1:
                  schema: { type: object, chanel: x, x-kafka-key: orderId, properties: { chanel: { type: string } } }
        `,
      }),
    },
    {
      name: 'every severity and every known rule id under `rules:`, pinned references',
      files: model(
        { sales: 'context: Sales\nreadModels:\n  Orders:\n    from: [Sales.OrderPlaced@12, OrderPlaced]\n' },
        {
          manifest:
            MANIFEST +
            'rules:\n  naming: error\n  unconsumed-event: off\n  policy-cycle: hint\n  cross-context-command: info\n  published-version-removed: warning\n',
        },
      ),
    },
    {
      name: 'external schema files are not checked against the model format',
      files: model(
        { sales: 'context: Sales\nevents:\n  OrderPlaced:\n    schema: { $ref: ../schemas/placed.yaml }\n' },
        { files: { 'schemas/placed.yaml': 'context: 42\nchanel: nope\n' } },
      ),
    },
  ],
  invalid: [
    {
      name: 'an unknown key, with the closest allowed one',
      files: model({
        sales: yaml`
          context: Sales
          events:
            OrderPlaced:
              schema: { type: object }
              chanel: sales.orders
        `,
      }),
      errors: [
        {
          line: 5,
          column: 5,
          endColumn: 11,
          severity: 'error',
          message:
            "Unknown property 'chanel' in events.OrderPlaced. Did you mean 'channel'? Allowed: description, aggregate, channel, compatibility, compatibilityPolicy, versioning, schema, versions, tags, owners, metadata, headers.",
        },
      ],
    },
    {
      // moved from rules.test.ts: "a wrong enum value is located at the value, with a suggestion"
      name: 'a wrong enum value is located at the value, with a suggestion',
      files: model({ a: 'context: A\nevents:\n  Done:\n    compatibility: BACKWARDS\n' }),
      errors: [{ line: 4, column: 20, message: /Did you mean 'BACKWARD'/ }],
    },
    {
      // moved from rules.test.ts: "a missing required property is located at the definition name"
      name: 'a missing required property is located at the definition name',
      files: model({ a: 'context: A\npolicies:\n  React:\n    issue: Do\n' }),
      errors: [{ line: 3, column: 3, endColumn: 8, message: /Missing required property 'when'/ }],
    },
    {
      // moved from rules.test.ts: "schema and versions together"
      name: 'schema and versions together',
      files: model({ a: 'context: A\nevents:\n  Done:\n    schema: {}\n    versions: { 1: { schema: {} } }\n' }),
      errors: [{ line: 3, column: 3, message: 'Use either `schema` (a single version 1) or `versions`, not both.' }],
    },
    {
      name: 'a command with both `schema` and `versions`, like an event',
      files: model({ a: 'context: A\ncommands:\n  Place:\n    schema: {}\n    versions: { 1: { schema: {} } }\n' }),
      errors: [{ line: 3, column: 3, endColumn: 8, message: 'Use either `schema` (a single version 1) or `versions`, not both.' }],
    },
    {
      name: 'a version pinned to 0 is not a reference',
      files: model({ a: 'context: A\nevents:\n  Done: {}\nreadModels:\n  V:\n    from: [Done@0]\n' }),
      errors: [{ line: 6, column: 12, message: /'Done@0' is not a valid reference/ }],
    },
    {
      name: 'an empty context file',
      files: model({ a: '# nothing here yet\n' }),
      errors: [{ line: 1, column: 1, message: 'The context file is empty: it needs at least `context: <Name>`.' }],
    },
    {
      name: 'a manifest without include, and a misspelt severity',
      files: model({ a: 'context: A\n' }, { manifest: 'model: t\nrules:\n  naming: eror\n' }),
      file: 'eventmodel.yaml',
      errors: [
        { line: 1, message: "Missing required property 'include'." },
        { line: 3, column: 11, message: `"eror" is not allowed in rules.naming; expected one of error, warning, info, hint, off. Did you mean 'error'?` },
      ],
    },
  ],
});

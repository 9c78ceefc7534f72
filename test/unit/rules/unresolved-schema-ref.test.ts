import { model, ruleTester, type Files } from '../helpers/rule-tester';

/** One event whose `schema:` (line 4, value from column 13) is the given flow mapping. */
const event = (schema: string, files?: Files) => model({ sales: `context: Sales\nevents:\n  OrderPlaced:\n    schema: ${schema}\n` }, { files });

ruleTester('unresolved-schema-ref', {
  valid: [
    {
      name: 'internal references to a definition (with an escaped `/`) and to the root',
      files: event('{ type: object, definitions: { "a/b": { type: string } }, properties: { x: { $ref: "#/definitions/a~1b" }, self: { $ref: "#" } } }'),
    },
    {
      name: 'a recursive schema is a cycle that defines something',
      files: event('{ type: object, properties: { children: { type: array, items: { $ref: "#" } } } }'),
    },
    {
      name: 'two files referring to each other from inside their properties',
      files: event('{ $ref: ../schemas/a.json }', {
        'schemas/a.json': '{ "type": "object", "properties": { "b": { "$ref": "b.json" } } }',
        'schemas/b.json': '{ "type": "object", "properties": { "a": { "$ref": "a.json#" } } }',
      }),
    },
    {
      name: 'a fragment that exists in the target file, and a percent-encoded file name',
      files: event('{ type: object, properties: { a: { $ref: "../schemas/defs.json#/definitions/A" }, b: { $ref: ../schemas/my%20schema.json } } }', {
        'schemas/defs.json': '{ "definitions": { "A": { "type": "string" } } }',
        'schemas/my schema.json': '{ "type": "string" }',
      }),
    },
    {
      name: '`$ref` inside default, examples and const is data, not a reference',
      files: event('{ type: object, default: { $ref: missing.json }, examples: [{ $ref: "#/nope" }], properties: { k: { const: { $ref: x.json } } } }'),
    },
  ],
  invalid: [
    {
      name: 'a file that does not exist',
      files: event('{ $ref: ../schemas/missing.json }'),
      errors: [
        {
          line: 4,
          column: 21,
          endColumn: 44,
          severity: 'error',
          message: "Schema file 'schemas/missing.json' does not exist.",
          data: { kind: 'missing-file' },
        },
      ],
    },
    {
      name: 'paths outside the workspace and remote URLs are not read',
      files: model({
        a: 'context: A\nevents:\n  Done:\n    schema: { $ref: ../../../etc/passwd }\n',
        b: 'context: B\nevents:\n  Done:\n    schema: { $ref: "https://example.com/schemas/done.json" }\n',
      }),
      errors: [
        { line: 4, column: 21, message: "'../../../etc/passwd' points outside the workspace folder; it was not read.", data: { kind: 'outside-workspace' } },
        {
          file: 'contexts/b.yaml',
          line: 4,
          column: 21,
          message:
            "'https://example.com/schemas/done.json' is a remote reference: remote schemas are not fetched. Copy the schema into the workspace and refer to the file.",
        },
      ],
    },
    {
      name: 'an internal reference to nothing, located at the reference',
      files: event('{ type: object, properties: { a: { $ref: "#/definitions/Nope" } } }'),
      errors: [{ line: 4, column: 54, endColumn: 74, message: "'#/definitions/Nope' points to nothing in this schema.", data: { kind: 'missing-fragment' } }],
    },
    {
      name: 'an internal reference to nothing inside an external file',
      files: event('{ $ref: ../schemas/a.json }', {
        'schemas/a.json': '{\n  "type": "object",\n  "properties": { "x": { "$ref": "#/definitions/Nope" } }\n}\n',
      }),
      file: 'schemas/a.json',
      errors: [{ line: 3, column: 34, message: "'#/definitions/Nope' points to nothing in this schema." }],
    },
    {
      name: 'a fragment missing from the target file',
      files: event('{ $ref: "../schemas/a.json#/definitions/Nope" }', { 'schemas/a.json': '{ "definitions": { "A": { "type": "string" } } }' }),
      errors: [{ line: 4, column: 21, message: "'schemas/a.json' has nothing at '#/definitions/Nope'.", data: { kind: 'missing-fragment' } }],
    },
    {
      name: 'a target that is not JSON or YAML, and one that cannot be parsed',
      files: event('{ type: object, properties: { a: { $ref: ./notes.txt }, b: { $ref: ../schemas/broken.json } } }', {
        'contexts/notes.txt': 'hi',
        'schemas/broken.json': '{ "type": ',
      }),
      allowInvalidModel: true,
      errors: [
        { line: 4, column: 54, message: "'./notes.txt' must name a .json, .yaml or .yml file.", data: { kind: 'unreadable' } },
        { line: 4, column: 80, message: "Schema file 'schemas/broken.json' could not be loaded (see its own diagnostics).", data: { kind: 'unreadable' } },
      ],
    },
    {
      name: 'a.json → b.json → a.json through bare references: every link of the loop',
      files: event('{ $ref: ../schemas/a.json }', { 'schemas/a.json': '{ "$ref": "b.json" }', 'schemas/b.json': '{ "$ref": "a.json" }' }),
      errors: [
        {
          line: 4,
          column: 21,
          message: "'../schemas/a.json' leads back to itself through references only: the schema never defines anything.",
          data: { kind: 'cycle' },
        },
        { file: 'schemas/a.json', line: 1, column: 11, message: /^'b\.json' leads back to itself/ },
        { file: 'schemas/b.json', line: 1, column: 11, message: /^'a\.json' leads back to itself/ },
      ],
    },
    {
      name: 'an inline schema that is nothing but a reference to itself',
      files: event('{ $ref: "#" }'),
      errors: [{ line: 4, column: 21, message: /leads back to itself through references only/, data: { kind: 'cycle' } }],
    },
  ],
});

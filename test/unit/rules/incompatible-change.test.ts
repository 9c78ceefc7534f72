import { MANIFEST, model, ruleTester, type Files } from '../helpers/rule-tester';

const id = (maxLength: number) => `{ type: object, properties: { id: { type: string, maxLength: ${maxLength} } } }`;
/** Column of `maxLength` in a version line `        schema: ${id(n)}`. */
const MAX_LENGTH_COLUMN = '        schema: { type: object, properties: { id: { type: string, '.length + 1;

/** Each step is BACKWARD compatible under the lenient policy; v3 is not compatible with v1. */
const XS = ['{ type: object, properties: { x: { type: string } } }', '{ type: object }', '{ type: object, properties: { x: { type: number } } }'];

/**
 * Event Placed of context Sales (or `name`) with one version per schema. `head` lines go after `context:`, `event` lines
 * under `Placed:`. Version N's `schema:` line is 7 + head + event + 2N (+1 per earlier upcast).
 */
function context(schemas: string[], opts: { name?: string; head?: string[]; event?: string[]; upcast?: number[] } = {}): string {
  const lines = [
    `context: ${opts.name ?? 'Sales'}`,
    ...(opts.head ?? []),
    'commands:',
    '  Place:',
    '    emits: [Placed]',
    'events:',
    '  Placed:',
    ...(opts.event ?? []).map((l) => `    ${l}`),
    '    versions:',
  ];
  schemas.forEach((schema, i) => {
    lines.push(`      ${i + 1}:`);
    if (opts.upcast?.includes(i + 1)) lines.push('        upcast: true');
    lines.push(`        schema: ${schema}`);
  });
  lines.push('readModels:', '  Orders:', '    from: [Placed]');
  return lines.join('\n') + '\n';
}

const history = (schemas: string[], opts: Parameters<typeof context>[1] & { manifest?: string; files?: Files } = {}): Files =>
  model({ sales: context(schemas, opts) }, { manifest: opts.manifest, files: opts.files });

ruleTester('incompatible-change', {
  valid: [
    {
      name: 'BACKWARD (the default): a longer maxLength still reads old data',
      files: history([id(20), id(36)]),
    },
    {
      name: 'the same narrowing is FORWARD compatible, and anything goes under NONE',
      files: model({
        a: context([id(36), id(20)], { event: ['compatibility: FORWARD'] }),
        b: context([id(36), id(20)], { name: 'Billing', event: ['compatibility: NONE'] }),
      }),
    },
    {
      name: 'non-transitive BACKWARD compares with the previous version only (x: string, gone, then number)',
      files: history(XS, { head: ['compatibilityPolicy: lenient'] }),
    },
    {
      name: 'a property added to an open model under the lenient policy',
      files: history(['{ type: object }', '{ type: object, properties: { note: { type: string } } }'], { head: ['compatibilityPolicy: lenient'] }),
    },
    {
      name: "the manifest's mode wins over the editor's default",
      files: history([id(20), id(36)], { manifest: MANIFEST + 'defaults:\n  compatibility: BACKWARD\n' }),
      options: { defaults: { compatibility: 'FORWARD' } },
    },
  ],
  invalid: [
    {
      name: 'v2 lowers maxLength under BACKWARD: on the new node, the old one related',
      files: history([id(36), id(20)]),
      errors: [
        {
          line: 11,
          column: MAX_LENGTH_COLUMN,
          endColumn: MAX_LENGTH_COLUMN + 'maxLength'.length,
          severity: 'warning',
          // The advice after the reason is the evolution layer's wording; only its gist is pinned here.
          message:
            /^Placed v2 is not BACKWARD compatible \(strict policy\) with v1: `maxLength` decreased from 36 to 20\. Consumers using the new schema cannot read events written with the older one \(values allowed by one side's `maxLength` are rejected by the other\)\. .*`upcast: true`.*`compatibility` mode\.$/,
          related: [{ line: 9, column: MAX_LENGTH_COLUMN, message: 'Placed v1: /properties/id/maxLength' }],
          data: {
            event: 'Placed',
            version: 2,
            olderVersions: [1],
            type: 'MAX_LENGTH_DECREASED',
            mode: 'BACKWARD',
            policy: 'strict',
            newPath: '/properties/id/maxLength',
            upcast: false,
          },
        },
      ],
    },
    {
      name: '`upcast: true` turns it into info',
      files: history([id(36), id(20)], { upcast: [2] }),
      errors: [
        {
          line: 12,
          column: MAX_LENGTH_COLUMN,
          severity: 'info',
          message: 'Placed v2: `maxLength` decreased from 36 to 20; not BACKWARD compatible with v1, handled by the upcaster (`upcast: true`).',
          data: { upcast: true },
        },
      ],
    },
    {
      name: 'BACKWARD_TRANSITIVE: v3 against every earlier version, one finding listing both',
      files: history([id(50), id(36), id(20)], { event: ['compatibility: BACKWARD_TRANSITIVE'] }),
      errors: [
        {
          line: 12,
          column: MAX_LENGTH_COLUMN,
          message: /^Placed v2 is not BACKWARD_TRANSITIVE compatible \(strict policy\) with v1: `maxLength` decreased from 50 to 36\./,
          data: { olderVersions: [1] },
        },
        {
          line: 14,
          column: MAX_LENGTH_COLUMN,
          message: /^Placed v3 is not BACKWARD_TRANSITIVE compatible \(strict policy\) with v1, v2: `maxLength` decreased from 50 to 20\./,
          related: [{ line: 10 }, { line: 12 }],
          data: { olderVersions: [1, 2] },
        },
      ],
    },
    {
      name: 'BACKWARD_TRANSITIVE finds what each step hides',
      files: history(XS, { head: ['compatibilityPolicy: lenient', 'compatibility: BACKWARD_TRANSITIVE'] }),
      errors: [
        {
          line: 15,
          column: 52,
          message: /^Placed v3 is not BACKWARD_TRANSITIVE compatible \(lenient policy\) with v1: type changed from string to number\./,
          related: [{ line: 11 }],
        },
      ],
    },
    {
      name: 'a property added to an open model under strict, with the lenient advice',
      files: history(['{ type: object }', '{ type: object, properties: { note: { type: string } } }']),
      errors: [
        {
          line: 11,
          column: 47,
          message:
            /optional property `note` added to an open content model\..*If producers never write undeclared properties, set `compatibilityPolicy: lenient`/,
          related: [{ line: 9, column: 9, message: 'Placed v1: the schema' }],
          data: { type: 'PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL' },
        },
      ],
    },
    {
      name: 'a change inside an external $ref file is reported in that file',
      files: history(['{ $ref: ../schemas/v1.json }', '{ $ref: ../schemas/v2.yaml }'], {
        files: {
          'schemas/v1.json': JSON.stringify({ type: 'object', properties: { id: { type: 'string', maxLength: 36 } } }),
          'schemas/v2.yaml': 'type: object\nproperties:\n  id:\n    type: string\n    maxLength: 20\n',
        },
      }),
      file: 'schemas/v2.yaml',
      errors: [{ line: 5, column: 5, message: /`maxLength` decreased from 36 to 20/, related: [{ file: 'schemas/v1.json', line: 1 }] }],
    },
    {
      name: "the editor's default mode applies when the model sets none; raised to error",
      files: history([id(20), id(36)]),
      options: { defaults: { compatibility: 'FULL' }, rules: { 'incompatible-change': 'error' } },
      errors: [
        {
          line: 11,
          column: MAX_LENGTH_COLUMN,
          severity: 'error',
          message: /^Placed v2 is not FULL compatible \(strict policy\) with v1: `maxLength` increased from 20 to 36\./,
        },
      ],
    },
    {
      name: 'FORWARD: no advice to switch to the lenient policy, which would not help',
      files: history([id(20), id(36)], { head: ['compatibility: FORWARD'] }),
      errors: [
        {
          line: 12,
          column: MAX_LENGTH_COLUMN,
          message:
            /^(?![\s\S]*compatibilityPolicy: lenient)Placed v2 is not FORWARD compatible \(strict policy\) with v1: `maxLength` increased from 20 to 36\./,
        },
      ],
    },
  ],
});

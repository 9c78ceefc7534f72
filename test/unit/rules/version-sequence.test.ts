import { model, ruleTester } from '../helpers/rule-tester';

/** Event `Made` with the given version keys, one per line from line 5, in the order written. */
const versions = (...keys: (number | string)[]) =>
  model({ a: 'context: A\nevents:\n  Made:\n    versions:\n' + keys.map((k) => `      ${k}: { schema: { type: object } }\n`).join('') });

ruleTester('version-sequence', {
  valid: [
    {
      name: 'versions written out of order still run 1..N',
      files: versions(3, 1, 2),
    },
    {
      name: 'quoted version keys',
      files: versions('"1"', "'2'"),
    },
    {
      name: 'a `schema:` shorthand is version 1; an event without schema has no versions',
      files: model({ a: 'context: A\nevents:\n  Made:\n    schema: { type: object }\n  Noted: {}\n' }),
    },
    {
      name: "a key that is no version number is the format check's (schema), not a gap",
      files: versions(0, 1),
      allowInvalidModel: true,
    },
  ],
  invalid: [
    {
      name: 'versions 1 and 3 without 2',
      files: versions(1, 3),
      errors: [
        {
          line: 6,
          column: 7,
          endColumn: 8,
          severity: 'error',
          message: 'Made jumps to version 3: version 2 is missing. Versions run 1..N without gaps.',
          data: { expected: 2 },
        },
      ],
    },
    {
      name: 'starting at 2, and a gap of two',
      files: model({
        a: 'context: A\nevents:\n  Made:\n    versions:\n      2: { schema: {} }\n      3: { schema: {} }\n  Sent:\n    versions:\n      1: { schema: {} }\n      4: { schema: {} }\n',
      }),
      errors: [
        { line: 5, column: 7, message: 'Made jumps to version 2: version 1 is missing. Versions run 1..N without gaps.', data: { expected: 1 } },
        { line: 10, column: 7, message: 'Sent jumps to version 4: versions 2..3 are missing. Versions run 1..N without gaps.', data: { expected: 2 } },
      ],
    },
    {
      name: 'command versions follow the same rule',
      files: model({ a: 'context: A\ncommands:\n  Go:\n    versions:\n      1: { schema: {} }\n      3: { schema: {} }\n' }),
      errors: [{ line: 6, column: 7, message: 'Go jumps to version 3: version 2 is missing. Versions run 1..N without gaps.', data: { expected: 2 } }],
    },
    {
      name: 'a gap is found after sorting: 4, 1, 2 misses 3',
      files: versions(4, 1, 2),
      errors: [{ line: 5, column: 7, message: /jumps to version 4: version 3 is missing/ }],
    },
    {
      name: 'a version twice (a duplicate YAML key), related to the first',
      files: versions(1, 1, 2),
      errors: [{ line: 6, column: 7, message: 'Made declares version 1 twice.', related: [{ line: 5, column: 7, message: 'First version 1' }] }],
    },
    {
      name: 'a gap and a repeat in one event',
      files: versions(1, 3, 3),
      errors: [
        { line: 6, column: 7, message: /jumps to version 3/ },
        { line: 7, column: 7, message: 'Made declares version 3 twice.', related: [{ line: 6, column: 7 }] },
      ],
    },
    {
      name: 'a `schema:` shorthand next to `versions: { 1 }` declares version 1 twice',
      files: model({ a: 'context: A\nevents:\n  Made:\n    schema: {}\n    versions:\n      1: { schema: {} }\n' }),
      allowInvalidModel: true,
      errors: [{ line: 6, column: 7, message: 'Made declares version 1 twice.', related: [{ line: 4, column: 5 }] }],
    },
  ],
});

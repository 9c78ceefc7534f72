import { model, ruleTester, yaml } from '../helpers/rule-tester';

const THREE_VERSIONS = yaml`
  context: A
  commands:
    Make:
      emits: [Made]
  events:
    Made:
      versions:
        1: { schema: { type: object } }
        2: { schema: { type: object } }
        3: { schema: { type: object } }
`;

ruleTester('unknown-version', {
  valid: [
    {
      name: 'the last version, and version 1 of a `schema:` shorthand',
      files: model({
        a: THREE_VERSIONS + 'readModels:\n  V:\n    from: [Made@3, A.Made@1]\n',
        b: 'context: B\nevents:\n  Done:\n    schema: { type: object }\nreadModels:\n  W:\n    from: [Done@1, A.Made@2]\n',
      }),
    },
    {
      name: 'an unpinned reference to an event without versions',
      files: model({ a: 'context: A\nevents:\n  Made: {}\nreadModels:\n  V:\n    from: [Made]\n' }),
    },
    {
      name: 'a policy issuing a version its command has',
      files: model({
        a: 'context: A\ncommands:\n  Go:\n    versions:\n      1: { schema: { type: object } }\n      2: { schema: { type: object } }\nevents:\n  Placed: {}\npolicies:\n  P:\n    when: Placed\n    issue: Go@2\n',
      }),
    },
    {
      name: 'a pinned reference to an unknown event is unresolved-reference only',
      files: model({ a: 'context: A\nreadModels:\n  V:\n    from: [Nope@1, Other.Made@9]\n' }),
    },
  ],
  invalid: [
    {
      // moved from rules.test.ts: "points unknown-version at the version digits"
      name: 'points unknown-version at the version digits',
      files: model({ a: 'context: A\ncommands:\n  Make:\n    emits: [Made]\nevents:\n  Made: {}\nreadModels:\n  V:\n    from: [Made@4]\n' }),
      errors: [
        {
          line: 9,
          column: 17,
          endLine: 9,
          endColumn: 18,
          severity: 'error',
          message: 'A.Made has no version 4.',
          related: [{ line: 6, column: 3, message: 'Made is defined here' }],
        },
      ],
    },
    {
      name: 'versions 1..3 listed; several digits are one range',
      files: model({ a: THREE_VERSIONS + 'readModels:\n  V:\n    from: [Made@4, Made@12, A.Made@3]\n' }),
      errors: [
        { line: 13, column: 17, endColumn: 18, message: 'A.Made has no version 4 (versions: 1, 2, 3).' },
        { line: 13, column: 25, endColumn: 27, message: 'A.Made has no version 12 (versions: 1, 2, 3).' },
      ],
    },
    {
      name: 'a policy pinning a version of another context, related to the event there',
      files: model({
        alpha: 'context: Alpha\nevents:\n  Done:\n    schema: {}\n',
        beta: 'context: Beta\ncommands:\n  Go: {}\npolicies:\n  P:\n    when: Alpha.Done@2\n    issue: Go\n',
      }),
      file: 'contexts/beta.yaml',
      errors: [{ line: 6, column: 22, message: 'Alpha.Done has no version 2 (versions: 1).', related: [{ file: 'contexts/alpha.yaml', line: 3, column: 3 }] }],
    },
    {
      name: 'a version a command does not have',
      files: model({
        a: 'context: A\ncommands:\n  Place: {}\n  Go:\n    versions:\n      1: { schema: { type: object } }\n      2: { schema: { type: object } }\nevents:\n  Placed: {}\npolicies:\n  P:\n    when: Placed\n    issue: Place@2\n  Q:\n    when: Placed\n    issue: Go@3\n',
      }),
      errors: [
        { line: 13, column: 18, message: 'A.Place has no version 2.', related: [{ line: 3, column: 3 }] },
        { line: 16, column: 15, message: 'A.Go has no version 3 (versions: 1, 2).', related: [{ line: 4, column: 3, message: 'Go is defined here' }] },
      ],
    },
  ],
});

import { model, ruleTester } from '../helpers/rule-tester';

/** A context with one relationship; its patterns are on line 4, the first one at column 16. */
const rel = (ctx: string, dir: string, other: string, patterns: string[]) =>
  `context: ${ctx}\nrelationships:\n  - ${dir}: ${other}\n    patterns: [${patterns.join(', ')}]\n`;
const B = 'context: B\n';

ruleTester('relationship-pattern-conflict', {
  valid: [
    {
      // moved from rules.test.ts: "accepts compatible combinations"
      name: 'open host service with published language, seen through an anticorruption layer',
      files: model({ a: rel('A', 'upstream', 'B', ['open-host-service', 'published-language', 'anticorruption-layer']), b: B }),
    },
    {
      // moved from rules.test.ts: "accepts compatible combinations"
      name: 'customer-supplier with an anticorruption layer',
      files: model({ a: rel('A', 'upstream', 'B', ['customer-supplier', 'anticorruption-layer']), b: B }),
    },
    {
      name: 'both sides declaring the same pattern is no repetition',
      files: model({ a: rel('A', 'upstream', 'B', ['conformist']), b: rel('B', 'downstream', 'A', ['conformist', 'published-language']) }),
    },
    {
      name: 'a partnership declared by both partners, and separate-ways alone',
      files: model({
        a: rel('A', 'partner', 'B', ['partnership']),
        b: rel('B', 'partner', 'A', ['partnership']),
        c: rel('C', 'partner', 'A', ['separate-ways']),
      }),
    },
    {
      name: "a relationship with itself is relationship-self's only",
      files: model({ a: rel('A', 'upstream', 'A', ['partnership', 'conformist', 'anticorruption-layer']) }),
    },
  ],
  invalid: [
    {
      // moved from rules.test.ts: "conformist with anticorruption-layer on one downstream"
      name: 'conformist with anticorruption-layer on one downstream, at the later pattern',
      files: model({ a: rel('A', 'upstream', 'B', ['conformist', 'anticorruption-layer']), b: B }),
      errors: [
        {
          line: 4,
          column: 28,
          endColumn: 48,
          severity: 'error',
          message:
            "'conformist' conflicts with 'anticorruption-layer': a downstream either conforms to the upstream model or translates it through an anticorruption layer, not both.",
          related: [{ line: 4, column: 16, message: "'conformist' is declared here" }],
        },
      ],
    },
    {
      // moved from rules.test.ts: "customer-supplier with conformist, and with open-host-service"
      name: 'customer-supplier with conformist',
      files: model({ a: rel('A', 'upstream', 'B', ['customer-supplier', 'conformist']), b: B }),
      errors: [
        {
          line: 4,
          column: 35,
          message: /^'customer-supplier' conflicts with 'conformist': in customer-supplier the supplier plans/,
          related: [{ line: 4, column: 16 }],
        },
      ],
    },
    {
      // moved from rules.test.ts: "customer-supplier with conformist, and with open-host-service"
      name: 'customer-supplier with open-host-service',
      files: model({ a: rel('A', 'upstream', 'B', ['customer-supplier', 'open-host-service']), b: B }),
      errors: [{ line: 4, column: 35, message: /^'customer-supplier' conflicts with 'open-host-service': an open host service serves every consumer alike/ }],
    },
    {
      // moved from rules.test.ts: "a symmetric pattern on an upstream relationship, and an asymmetric one on a partner"
      name: 'a symmetric pattern on an upstream relationship',
      files: model({ a: rel('A', 'upstream', 'B', ['partnership']), b: B }),
      errors: [{ line: 4, column: 16, endColumn: 27, message: "'partnership' is symmetric: declare it with `partner: B` instead of `upstream:`." }],
    },
    {
      // moved from rules.test.ts: "a symmetric pattern on an upstream relationship, and an asymmetric one on a partner"
      name: 'an asymmetric pattern on a partner',
      files: model({ a: rel('A', 'partner', 'B', ['conformist']), b: B }),
      errors: [
        {
          line: 4,
          column: 16,
          message: "'conformist' is an upstream/downstream pattern: declare this relationship with `upstream:` or `downstream:`, not `partner:`.",
        },
      ],
    },
    {
      // moved from rules.test.ts: "separate-ways combined with anything"
      name: 'separate-ways combined with anything',
      files: model({ a: rel('A', 'partner', 'B', ['separate-ways', 'shared-kernel']), b: B }),
      errors: [
        { line: 4, column: 16, endColumn: 29, message: "'separate-ways' means the contexts do not integrate; it cannot be combined with shared-kernel." },
      ],
    },
    {
      name: 'separate-ways on an upstream relationship: wrong direction and combined',
      files: model({ a: rel('A', 'upstream', 'B', ['separate-ways', 'conformist']), b: B }),
      errors: [
        { line: 4, column: 16, message: "'separate-ways' is symmetric: declare it with `partner: B` instead of `upstream:`." },
        { line: 4, column: 16, message: "'separate-ways' means the contexts do not integrate; it cannot be combined with conformist." },
      ],
    },
    {
      name: 'partnership with shared-kernel, and a pattern listed twice',
      files: model({
        a: rel('A', 'partner', 'B', ['partnership', 'shared-kernel']),
        b: rel('B', 'upstream', 'C', ['conformist', 'conformist']),
        c: 'context: C\n',
      }),
      errors: [
        {
          line: 4,
          column: 29,
          message: "'partnership' conflicts with 'shared-kernel': choose one symmetric relationship: partnership or shared-kernel.",
          related: [{ line: 4, column: 16 }],
        },
        {
          file: 'contexts/b.yaml',
          line: 4,
          column: 28,
          message: "Pattern 'conformist' is listed twice.",
          related: [{ line: 4, column: 16, message: 'First occurrence' }],
        },
      ],
    },
    {
      // moved from rules.test.ts: "conflicts across the two declarations of one relationship, with the other side as related"
      name: 'conflicts across the two declarations of one relationship, with the other side as related',
      files: model({ a: rel('A', 'upstream', 'B', ['conformist']), b: rel('B', 'downstream', 'A', ['anticorruption-layer']) }),
      file: 'contexts/b.yaml',
      errors: [
        { line: 4, column: 16, message: /^'conformist' conflicts with 'anticorruption-layer'/, related: [{ file: 'contexts/a.yaml', line: 4, column: 16 }] },
      ],
    },
    {
      name: 'a conflict inside one declaration is not repeated across the two',
      files: model({ a: rel('A', 'upstream', 'B', ['conformist', 'anticorruption-layer']), b: rel('B', 'downstream', 'A', ['open-host-service']) }),
      errors: [{ line: 4, column: 28, message: /^'conformist' conflicts with 'anticorruption-layer'/ }],
    },
    {
      // moved from rules.test.ts: "opposite directions declared by the two contexts"
      name: 'opposite directions declared by the two contexts',
      files: model({ a: rel('A', 'upstream', 'B', ['conformist']), b: rel('B', 'upstream', 'A', ['conformist']) }),
      file: 'contexts/b.yaml',
      errors: [
        {
          line: 3,
          column: 5,
          message: 'A and B are each declared upstream of the other; an upstream/downstream relationship has one direction.',
          related: [{ file: 'contexts/a.yaml', line: 3, column: 5, message: 'The opposite declaration' }],
        },
      ],
    },
    {
      name: 'partners declaring contradicting symmetric patterns',
      files: model({ a: rel('A', 'partner', 'B', ['partnership']), b: rel('B', 'partner', 'A', ['shared-kernel']) }),
      file: 'contexts/b.yaml',
      errors: [{ line: 4, column: 16, message: /^'partnership' conflicts with 'shared-kernel'/, related: [{ file: 'contexts/a.yaml', line: 4, column: 16 }] }],
    },
  ],
});

import { model, ruleTester } from '../helpers/rule-tester';

const SALES = 'context: Sales\n';

ruleTester('include-empty', {
  valid: [
    {
      name: 'a glob written with a leading ./',
      files: model({ sales: SALES }, { manifest: 'include: [./contexts/*.yaml]\n' }),
    },
    {
      name: '.yml files, a globstar into nested folders, and a brace list',
      files: {
        'eventmodel.yaml': 'include: [contexts/*.yml, "domains/**/*.yaml", "teams/{a,b}.yaml"]\n',
        'contexts/sales.yml': SALES,
        'domains/billing/invoicing/invoices.yaml': 'context: Invoices\n',
        'teams/b.yaml': 'context: TeamB\n',
      },
    },
    {
      name: 'a matched context file that is broken still counts as matched',
      files: model({ sales: 'context: [\n' }),
      allowInvalidModel: true,
    },
  ],
  invalid: [
    {
      name: 'the files live in another folder (one of two globs)',
      files: model({ sales: SALES }, { manifest: 'model: t\ninclude:\n  - contexts/*.yaml\n  - domains/*.yaml\n' }),
      file: 'eventmodel.yaml',
      errors: [{ line: 4, column: 5, endColumn: 19, severity: 'error', message: "include 'domains/*.yaml' matches no .yaml file in the workspace folder." }],
    },
    {
      name: 'globs are case sensitive',
      files: {
        'eventmodel.yaml': 'include: [Contexts/*.yaml, contexts/*.yaml]\n',
        'contexts/sales.yaml': SALES,
      },
      file: 'eventmodel.yaml',
      errors: [{ line: 1, column: 11, endColumn: 26, message: "include 'Contexts/*.yaml' matches no .yaml file in the workspace folder." }],
    },
    {
      name: 'a glob that only matches the manifest itself',
      files: model({ sales: SALES }, { manifest: 'include: ["*.yaml", contexts/*.yaml]\n' }),
      file: 'eventmodel.yaml',
      errors: [{ line: 1, column: 12, message: "include '*.yaml' matches no .yaml file in the workspace folder." }],
    },
    {
      name: 'hidden files and files of other types are not context files',
      files: { 'eventmodel.yaml': 'include: [contexts/*.yaml, "docs/*"]\n', 'contexts/.draft.yaml': SALES, 'docs/readme.md': '# hi', 'docs/sales.json': '{}' },
      file: 'eventmodel.yaml',
      errors: [
        { line: 1, column: 11, message: "include 'contexts/*.yaml' matches no .yaml file in the workspace folder." },
        { line: 1, column: 29, message: "include 'docs/*' matches no .yaml file in the workspace folder." },
      ],
    },
    {
      name: 'a single-string include in an otherwise empty folder',
      files: { 'eventmodel.yaml': 'include: contexts/*.yaml\n' },
      file: 'eventmodel.yaml',
      errors: [{ line: 1, column: 10, endColumn: 25, message: /include 'contexts\/\*\.yaml' matches no/ }],
    },
  ],
});

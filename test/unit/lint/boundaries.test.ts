import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const REPO = path.resolve(__dirname, '../../../..');

/**
 * `npm run lint` keeps the layers one-way. These cases lint a line as if it were written in a
 * file of the tree (the real eslint.config.mjs, the real typescript-eslint parser): a boundary
 * violation must fail, its legal neighbour must pass.
 */
describe('lint: layer boundaries', function () {
  this.timeout(120000);
  const eslint = new ESLint({ cwd: REPO });

  async function restricted(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
    const fatal = result.messages.filter((m) => m.fatal);
    assert.deepEqual(fatal, [], `could not parse as ${file}`);
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  }

  const violations: [string, string, RegExp][] = [
    ['src/core/model/probe.ts', "import * as fs from 'node:fs';\nexport const x = fs;\n", /src\/core is pure|core\/model/],
    ['src/core/rules/probe.ts', "import { window } from 'vscode';\nexport const x = window;\n", /pure|Rules see the model/],
    ['src/core/compat/probe.ts', "import type { Model } from '../model/model';\nexport type X = Model;\n", /imports nothing from the model/],
    ['src/core/compat/diff/probe.ts', "import type { Model } from '../../model/model';\nexport type X = Model;\n", /imports nothing from the model/],
    ['src/core/model/probe.ts', "import { ALL_RULES } from '../rules/registry';\nexport const x = ALL_RULES;\n", /knows nothing of rules/],
    ['src/core/rules/probe.ts', "import { Workspace } from '../workspace/workspace';\nexport const x = Workspace;\n", /never the workspace/],
    ['src/core/codegen/probe.ts', "import { main } from '../../cli/main';\nexport const x = main;\n", /pure/],
    ['src/node/probe.ts', "import { main } from '../cli/main';\nexport const x = main;\n", /imports neither/],
    ['src/server/probe.ts', "import { main } from '../cli/main';\nexport const x = main;\n", /shares nothing with the CLI/],
    ['src/cli/probe.ts', "import { checkAgainst } from '../server/commands/compat-git';\nexport const x = checkAgainst;\n", /front end of its own/],
    ['src/extension/probe.ts', "import { main } from '../cli/main';\nexport const x = main;\n", /Only the CLI imports src\/cli/],
  ];
  for (const [file, code, message] of violations) {
    it(`refuses in ${file}: ${code.split('\n')[0]}`, async () => {
      const found = await restricted(file, code);
      assert.equal(found.length, 1, `expected one boundary error, got ${JSON.stringify(found)}`);
      assert.match(found[0], message);
    });
  }

  const allowed: [string, string][] = [
    [
      'src/core/model/probe.ts',
      "import type { SourceRange } from '../diagnostic';\nimport { posix } from 'node:path';\nexport type X = SourceRange;\nexport const y = posix;\n",
    ],
    ['src/core/model/probe.ts', "import { MODES } from '../compat/modes';\nexport const x = MODES;\n"],
    [
      'src/core/evolution/probe.ts',
      "import { compareSchemas } from '../compat';\nimport type { Model } from '../model/model';\nexport const x = compareSchemas;\nexport type Y = Model;\n",
    ],
    ['src/core/workspace/probe.ts', "import { ALL_RULES } from '../rules/registry';\nexport const x = ALL_RULES;\n"],
    ['src/cli/probe.ts', "import { readGitBaseline } from '../node/git-baseline';\nexport const x = readGitBaseline;\n"],
    ['src/server/probe.ts', "import { readGitBaseline } from '../node/git-baseline';\nexport const x = readGitBaseline;\n"],
  ];
  for (const [file, code] of allowed) {
    it(`allows in ${file}: ${code.split('\n')[0]}`, async () => {
      assert.deepEqual(await restricted(file, code), []);
    });
  }

  it('the tree itself has no boundary violation', async () => {
    const results = await eslint.lintFiles(['src/**/*.ts']);
    const found = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${path.relative(REPO, r.filePath)}:${m.line} ${m.message}`),
    );
    assert.deepEqual(found, []);
  });
});

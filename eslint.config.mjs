// Lint keeps the layers one-way: core ← node ← cli/server ← extension, and inside the core
// compat (JSON Schema only) ← model ← evolution ← rules ← workspace. `npm run lint` runs in `npm test`;
// test/unit/lint.test.ts proves a boundary violation fails.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const editorPackages = [
  'vscode',
  'vscode-languageserver',
  'vscode-languageserver/*',
  'vscode-languageclient',
  'vscode-languageclient/*',
  'vscode-languageserver-protocol',
  'vscode-jsonrpc',
  'vscode-jsonrpc/*',
];
const io = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'child_process',
  'node:child_process',
  'net',
  'node:net',
  'http',
  'node:http',
  'https',
  'node:https',
];

/** `no-restricted-imports` forbidding packages (by name) and relative paths (by glob) in one layer. */
function forbid({ packages = [], paths = [], why }) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: packages.map((name) => ({ name, message: why })),
        patterns: paths.length ? [{ group: paths, message: why }] : [],
      },
    ],
  };
}

/** Relative imports reaching a folder of that name, at any depth. */
const folders = (...names) => names.flatMap((n) => [`**/${n}`, `**/${n}/**`]);
const frontEnds = folders('cli', 'server', 'extension', 'webview', 'node', 'protocol');

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.tools/**',
      '.code-server/**',
      'test-artifacts/**',
      '.bench/**',
      'test/fixtures/**',
      'samples/**/src/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  // Tests and benchmarks load compiled or generated modules at run time on purpose.
  { files: ['test/**/*.ts', 'bench/**/*.ts'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        document: 'readonly',
        window: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The pure core: no editor packages, no I/O, nothing from the front ends.
  {
    files: ['src/core/**/*.ts'],
    rules: forbid({ packages: [...editorPackages, ...io], paths: frontEnds, why: 'src/core is pure: no vscode, no I/O, no front-end code.' }),
  },
  {
    files: ['src/core/model/**/*.ts'],
    rules: forbid({
      packages: [...editorPackages, ...io],
      paths: [...frontEnds, ...folders('rules', 'workspace', 'evolution', 'codegen', 'map')],
      why: 'core/model knows nothing of rules, workspaces, evolution checks, codegen or maps.',
    }),
  },
  {
    files: ['src/core/compat/**/*.ts'],
    rules: forbid({
      packages: [...editorPackages, ...io],
      paths: [...frontEnds, ...folders('model', 'rules', 'workspace', 'evolution', 'codegen', 'map')],
      why: 'core/compat compares JSON Schemas only: it imports nothing from the model (model-level checks live in core/evolution).',
    }),
  },
  {
    files: ['src/core/evolution/**/*.ts'],
    rules: forbid({
      packages: [...editorPackages, ...io],
      paths: [...frontEnds, ...folders('rules', 'workspace', 'codegen', 'map')],
      why: 'core/evolution sits below the rules and the workspace.',
    }),
  },
  {
    files: ['src/core/rules/**/*.ts'],
    rules: forbid({
      packages: [...editorPackages, ...io],
      paths: [...frontEnds, ...folders('workspace', 'codegen', 'map')],
      why: 'Rules see the model, never the workspace that runs them.',
    }),
  },
  // Node adapters shared by the front ends: no editor packages, nothing from a front end.
  {
    files: ['src/node/**/*.ts'],
    rules: forbid({
      packages: editorPackages,
      paths: folders('cli', 'server', 'extension'),
      why: 'src/node is shared by the CLI and the server: it imports neither.',
    }),
  },
  { files: ['src/cli/**/*.ts'], rules: forbid({ packages: editorPackages, paths: folders('server', 'extension'), why: 'The CLI is a front end of its own.' }) },
  {
    files: ['src/server/**/*.ts'],
    rules: forbid({
      packages: ['vscode'],
      paths: folders('cli', 'extension'),
      why: 'The language server runs outside VS Code and shares nothing with the CLI but src/node and the core.',
    }),
  },
  {
    files: ['src/extension/**/*.ts', 'src/webview/**/*.ts', 'src/protocol/**/*.ts'],
    rules: forbid({ paths: folders('cli'), why: 'Only the CLI imports src/cli.' }),
  },
);

import { Command, CommanderError } from 'commander';
/* eslint-disable @typescript-eslint/no-require-imports -- commands load on demand (see COMMANDS) */
import { UsageError } from './errors';
export { UsageError };

/** Exit codes are a contract: 0 clean, 1 findings (errors / incompatible / stale), 2 usage or internal failure. */
const EXIT_OK = 0;
const EXIT_USAGE = 2;

type Register = (program: Command, setExit: (code: number) => void) => void;

/**
 * Each command's module, required on demand: the commands pull in yaml, ajv, elkjs…, and a run of
 * one command (a cached `eventmodel generate` above all) should not pay for the others.
 */
const COMMANDS: Record<string, () => Register> = {
  validate: () => (require('./commands/validate') as { registerValidate: Register }).registerValidate,
  generate: () => (require('./commands/generate') as { registerGenerate: Register }).registerGenerate,
  map: () => (require('./commands/map') as { registerMap: Register }).registerMap,
  diff: () => (require('./commands/diff') as { registerDiff: Register }).registerDiff,
  check: () => (require('./commands/check') as { registerCheck: Register }).registerCheck,
  rules: () => (require('./commands/rules') as { registerRules: Register }).registerRules,
  export: () => (require('./commands/export') as { registerExport: Register }).registerExport,
  import: () => (require('./commands/import') as { registerImport: Register }).registerImport,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** `only`: register just that command (its own run needs no other; help and errors name all of them). */
export function buildProgram(setExit: (code: number) => void, only?: string): Command {
  const program = new Command('eventmodel')
    .description('Validate, diff, map and generate code from YAML event models.')
    .version(readVersion(), '-V, --version')
    .showHelpAfterError()
    .exitOverride();
  for (const [name, load] of Object.entries(COMMANDS)) if (only === undefined || name === only) load()(program, setExit);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = EXIT_OK;
  // `eventmodel <command> …`: only that command is loaded; anything else (help, typos) sees them all.
  const named = argv[2] !== undefined && Object.hasOwn(COMMANDS, argv[2]) ? argv[2] : undefined;
  const program = buildProgram((code) => {
    exitCode = code;
  }, named);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through exitOverride with code 0.
      return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`eventmodel: ${err.message}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
  return exitCode;
}

function readVersion(): string {
  // Read at run time: the compiled CLI sits three folders below package.json.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../../package.json') as { version: string }).version;
}

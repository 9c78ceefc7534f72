import { Command, CommanderError } from 'commander';
import { registerValidate } from './commands/validate';
import { registerGenerate } from './commands/generate';
import { registerMap } from './commands/map';
import { registerDiff } from './commands/diff';
import { registerCheck } from './commands/check';
import { registerRules } from './commands/rules';
import { registerExport } from './commands/export';
import { registerImport } from './commands/import';
import { UsageError } from './errors';
export { UsageError };

/** Exit codes are a contract: 0 clean, 1 findings (errors / incompatible / stale), 2 usage or internal failure. */
const EXIT_OK = 0;
const EXIT_USAGE = 2;

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('eventmodel')
    .description('Validate, diff, map and generate code from YAML event models.')
    .version(readVersion(), '-V, --version')
    .showHelpAfterError()
    .exitOverride();
  registerValidate(program, setExit);
  registerGenerate(program, setExit);
  registerMap(program, setExit);
  registerDiff(program, setExit);
  registerCheck(program, setExit);
  registerRules(program, setExit);
  registerExport(program, setExit);
  registerImport(program, setExit);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram((code) => {
    exitCode = code;
  });
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

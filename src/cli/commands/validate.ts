import type { Command } from 'commander';
import { loadWorkspace } from '../load';
import { addGateOptions, exitCodeFor, formatOption, printDiagnostics, type GateOptions, type OutputFormat } from '../output';

export function registerValidate(program: Command, setExit: (code: number) => void): void {
  const command = program
    .command('validate')
    .description('Load the model in DIR (default: the current folder) and report every diagnostic.')
    .argument('[dir]', 'workspace folder containing eventmodel.yaml', '.')
    .addOption(formatOption());
  addGateOptions(command, 'error').action((dir: string, opts: { format: OutputFormat } & GateOptions) => {
    const { workspace, root } = loadWorkspace(dir);
    const diagnostics = workspace.diagnostics('validation');
    printDiagnostics(diagnostics, opts.format, workspace.files().length, { root, command: 'validate' });
    setExit(exitCodeFor(diagnostics, opts));
  });
}

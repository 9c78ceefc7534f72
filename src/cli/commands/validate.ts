import type { Command } from 'commander';
import { Option } from 'commander';
import { loadWorkspace } from '../load';
import { printDiagnostics } from '../output';

export function registerValidate(program: Command, setExit: (code: number) => void): void {
  program
    .command('validate')
    .description('Load the model in DIR (default: the current folder) and report every diagnostic.')
    .argument('[dir]', 'workspace folder containing eventmodel.yaml', '.')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((dir: string, opts: { format: 'text' | 'json' }) => {
      const { workspace } = loadWorkspace(dir);
      const diagnostics = workspace.diagnostics('validation');
      printDiagnostics(diagnostics, opts.format, workspace.files().length);
      setExit(diagnostics.some((d) => d.severity === 'error') ? 1 : 0);
    });
}

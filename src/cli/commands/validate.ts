import type { Command } from 'commander';
import { Option } from 'commander';
import { loadWorkspace } from '../load';
import { formatText, summaryLine, toJsonDiagnostic, useColour } from '../output';

export function registerValidate(program: Command, setExit: (code: number) => void): void {
  program
    .command('validate')
    .description('Load the model in DIR (default: the current folder) and report every diagnostic.')
    .argument('[dir]', 'workspace folder containing eventmodel.yaml', '.')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((dir: string, opts: { format: 'text' | 'json' }) => {
      const { workspace } = loadWorkspace(dir);
      const diagnostics = workspace.diagnostics('validation');
      if (opts.format === 'json') {
        process.stdout.write(JSON.stringify(diagnostics.map(toJsonDiagnostic), null, 2) + '\n');
      } else {
        const text = formatText(diagnostics, useColour(process.stdout));
        if (text) process.stdout.write(text + '\n');
        process.stdout.write(summaryLine(diagnostics, workspace.files().length) + '\n');
      }
      setExit(diagnostics.some((d) => d.severity === 'error') ? 1 : 0);
    });
}

import type { Command } from 'commander';
import { compareDiagnostics } from '../../core';
import { GitBaselineError, readGitBaseline } from '../../node/git-baseline';
import { UsageError } from '../errors';
import { loadWorkspace } from '../load';
import { addGateOptions, exitCodeFor, formatOption, printDiagnostics, type GateOptions, type OutputFormat } from '../output';

export function registerCheck(program: Command, setExit: (code: number) => void): void {
  const command = program
    .command('check')
    .description(
      'Check every versioned event and command of the model in DIR against its compatibility mode (model errors are reported too); with --against, also against the model at a git ref.',
    )
    .argument('[dir]', 'workspace folder containing eventmodel.yaml', '.')
    .option('--against <ref>', 'git ref (branch, tag, commit) holding the published model')
    .addOption(formatOption());
  addGateOptions(command, 'warning').action(async (dir: string, opts: { against?: string; format: OutputFormat } & GateOptions) => {
    const { workspace, root } = loadWorkspace(dir);
    // A file that does not load hides its events from the check: its errors fail the check too.
    const errors = workspace.diagnostics('validation').filter((d) => d.severity === 'error');
    let diagnostics = [...workspace.diagnostics('compatibility'), ...errors].sort(compareDiagnostics);
    if (opts.against !== undefined) {
      let baseline;
      try {
        baseline = await readGitBaseline(root, opts.against);
      } catch (err) {
        if (err instanceof GitBaselineError) throw new UsageError(err.message);
        throw err;
      }
      if (baseline.model) diagnostics = [...diagnostics, ...workspace.baselineDiagnostics(baseline.model, opts.against)].sort(compareDiagnostics);
    }
    printDiagnostics(diagnostics, opts.format, workspace.files().length, { root, command: 'check' });
    setExit(exitCodeFor(diagnostics, opts));
  });
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { graphFor, renderMap, type MapFormat, type MapRequest } from '../../core/map';
import { UsageError } from '../errors';
import { loadWorkspace } from '../load';

interface MapOptions {
  format: MapFormat;
  view?: 'context' | 'flow';
  command?: string;
  output?: string;
}

/**
 * `eventmodel map`: the context map, or one command's flow, as SVG, Mermaid or JSON. A model with
 * errors is still drawn (what resolves is shown; exit 0); bad arguments exit 2.
 */
export function registerMap(program: Command, setExit: (code: number) => void): void {
  program
    .command('map')
    .description("Draw the model in DIR as a context map, or one command's flow across contexts, in SVG, Mermaid or JSON.")
    .argument('[dir]', 'workspace folder containing eventmodel.yaml', '.')
    .addOption(new Option('--format <format>', 'output format').choices(['svg', 'mermaid', 'json']).default('svg'))
    .addOption(new Option('--view <view>', 'what to draw (default: context, or flow when --command is given)').choices(['context', 'flow']))
    .option('--command <name>', 'the command whose flow to draw: Name, or Context.Name when several contexts have it')
    .option('-o, --output <file>', 'write to FILE instead of standard output')
    .addHelpText(
      'after',
      '\nExamples:\n  eventmodel map samples/retail --output map.svg\n  eventmodel map samples/retail --format mermaid --command PlaceOrder\n',
    )
    .action(async (dir: string, opts: MapOptions) => {
      const view = opts.view ?? (opts.command !== undefined ? 'flow' : 'context');
      if (view === 'flow' && !opts.command) throw new UsageError('--view flow needs --command <name>: the command the flow starts from.');
      if (view === 'context' && opts.command !== undefined) throw new UsageError('--command draws a flow; drop --view context (or use --view flow).');
      const { workspace } = loadWorkspace(dir);
      const request: MapRequest = view === 'flow' ? { view, command: opts.command! } : { view };
      const found = graphFor(workspace.model, request);
      if (!found.ok) throw new UsageError(found.message);
      const text = await renderMap(found.graph, opts.format);
      if (opts.output) {
        const target = path.resolve(opts.output);
        try {
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, text);
        } catch (err) {
          throw new UsageError(`cannot write '${opts.output}': ${(err as Error).message}`);
        }
      } else {
        process.stdout.write(text);
      }
      setExit(0);
    });
}

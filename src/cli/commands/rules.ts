import type { Command } from 'commander';
import { Option } from 'commander';
import { RULE_CATALOGUE, type RuleInfo } from '../../core';

/** `eventmodel rules`: every configurable rule id with its category, default severity and doc. */
export function registerRules(program: Command, setExit: (code: number) => void): void {
  program
    .command('rules')
    .description('List every rule id with its category, default severity and one-line doc (set severities under `rules:` in eventmodel.yaml).')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((opts: { format: 'text' | 'json' }) => {
      const rules: RuleInfo[] = RULE_CATALOGUE.map((r) => ({ id: r.id, category: r.category, defaultSeverity: r.defaultSeverity, doc: r.doc }));
      if (opts.format === 'json') {
        process.stdout.write(JSON.stringify(rules, null, 2) + '\n');
      } else {
        const id = Math.max(...rules.map((r) => r.id.length));
        const category = Math.max(...rules.map((r) => r.category.length));
        for (const r of rules) process.stdout.write(`${r.id.padEnd(id)}  ${r.category.padEnd(category)}  ${r.defaultSeverity.padEnd(7)}  ${r.doc}\n`);
        process.stdout.write(`${rules.length} rules. Details: docs/rules.md.\n`);
      }
      setExit(0);
    });
}

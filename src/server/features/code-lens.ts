import type { CodeLens, CodeLensParams, ExecuteCommandParams } from 'vscode-languageserver';
import type { SourceRange, SpecDef } from '../../core';
import { toRange } from './convert';
import { modelDocument, type Services } from '../services';
import { specKey, type SpecRunResult, type SpecRuns } from './spec-runs';

/**
 * "Run specs" CodeLenses: on each context (or a spec file's `specsFor`), on each command, policy
 * and read model that has specs, and on each spec — which, after a run, shows its outcome (✓, or
 * ✗ with the first line of the failure; clicking it shows the whole diff).
 */

export const RUN_SPECS = 'eventModeler.runSpecs';
export const SHOW_SPEC_RESULT = 'eventModeler.showSpecResult';
export const SPEC_COMMANDS = [RUN_SPECS, SHOW_SPEC_RESULT];

export interface RunSpecsArgs {
  /** The folder's URI (the one holding eventmodel.yaml), or of any file inside it. */
  folder: string;
  /** `Context`, `Context.Owner` or `Context.Owner: spec name`. */
  scope?: string;
  /** Instead of `scope`: a context file or spec file, meaning the specs of its context (the command palette's "Run Specs of This Context"). */
  file?: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function codeLenses(services: Services, runs: SpecRuns, params: CodeLensParams): CodeLens[] {
  const doc = modelDocument(services, params.textDocument.uri);
  if (!doc?.file) return [];
  const { folder, model, rel } = doc;
  const lenses: CodeLens[] = [];
  const run = (range: SourceRange, title: string, scope: string) =>
    lenses.push({ range: toRange(range), command: { title, command: RUN_SPECS, arguments: [{ folder: folder.uri, scope } satisfies RunSpecsArgs] } });
  const summary = (specs: readonly SpecDef[]) => {
    let passed = 0;
    let failed = 0;
    for (const s of specs) {
      const r = runs.resultOf(folder, specKey(s.context, s.ownerName, s.name));
      if (r?.ok) passed++;
      else if (r) failed++;
    }
    return `${passed ? ` · ✓ ${passed}` : ''}${failed ? ` · ✗ ${failed}` : ''}`;
  };
  const perSpec = (specs: readonly SpecDef[]) => {
    for (const s of specs) {
      const key = specKey(s.context, s.ownerName, s.name);
      const r = runs.resultOf(folder, key);
      if (r && !r.ok) {
        const first = (r.message ?? 'failed').split('\n')[0].slice(0, 100);
        lenses.push({
          range: toRange(s.nameRange),
          command: { title: `✗ ${first}`, command: SHOW_SPEC_RESULT, arguments: [{ folder: folder.uri, scope: key }] },
        });
      } else run(s.nameRange, r ? '✓ passed · run again' : '▶ Run spec', key);
    }
  };
  const ctx = model.contexts.find((c) => c.file === rel);
  if (ctx) {
    const owners = [...ctx.commands, ...ctx.policies, ...ctx.readModels];
    const all = owners.flatMap((o) => model.index.specsOf(o));
    if (all.length) run(ctx.nameRange, `▶ Run specs of ${ctx.name} (${all.length})${summary(all)}`, ctx.name);
    for (const o of owners) {
      const specs = model.index.specsOf(o);
      if (specs.length) run(o.nameRange, `▶ Run ${plural(specs.length, 'spec')}${summary(specs)}`, `${ctx.name}.${o.name}`);
      perSpec(o.specs);
    }
    return lenses;
  }
  const specFile = model.index.specFiles.find((f) => f.file === rel);
  const context = specFile?.context;
  if (!specFile || !context || !model.index.context(context.name.value)) return lenses;
  if (specFile.specs.length)
    run(context.range, `▶ Run specs of ${context.name.value} (${specFile.specs.length})${summary(specFile.specs)}`, context.name.value);
  for (const key of specFile.owners) {
    const specs = specFile.specs.filter((s) => s.ownerName === key.name.value && s.ownerKind === key.kind);
    if (specs.length) run(key.range, `▶ Run ${plural(specs.length, 'spec')}${summary(specs)}`, `${context.name.value}.${key.name.value}`);
  }
  perSpec(specFile.specs);
  return lenses;
}

export interface SpecCommandHost {
  runs: SpecRuns;
  /** Asks the client to re-request CodeLenses (when it supports it). */
  refreshLenses(): void;
  show(kind: 'info' | 'error', message: string): void;
}

/** The context a context file defines, or a spec file is for. */
function contextOfFile(services: Services, uri: string): string | undefined {
  const doc = modelDocument(services, uri);
  if (!doc) return undefined;
  const ctx = doc.model.contexts.find((c) => c.file === doc.rel);
  if (ctx) return ctx.name;
  return doc.model.index.specFiles.find((f) => f.file === doc.rel)?.context?.name.value;
}

/** `workspace/executeCommand` for the spec commands; the run's result is also the command's result. */
export async function executeSpecCommand(services: Services, host: SpecCommandHost, params: ExecuteCommandParams): Promise<SpecRunResult | null> {
  const args = (params.arguments?.[0] ?? {}) as Partial<RunSpecsArgs>;
  const folder = services.workspaces.pick(args.folder);
  if (!folder) return null;
  if (typeof args.scope !== 'string' && typeof args.file === 'string') {
    const context = contextOfFile(services, args.file);
    if (!context) {
      host.show('error', 'This file is not a context file or a spec file of the model: open one to run its specs.');
      return null;
    }
    args.scope = context;
  }
  if (typeof args.scope !== 'string') return null;
  if (params.command === SHOW_SPEC_RESULT) {
    const r = host.runs.resultOf(folder, args.scope);
    if (r) host.show(r.ok ? 'info' : 'error', `${args.scope}\n\n${r.message ?? 'passed'}`);
    return null;
  }
  if (params.command !== RUN_SPECS) return null;
  const result = await host.runs.run(folder, args.scope);
  host.refreshLenses();
  host.show(result.ok ? 'info' : 'error', result.message);
  return result;
}

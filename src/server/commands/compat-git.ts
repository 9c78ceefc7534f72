import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Model } from '../../core';
import { GitBaselineError, readGitBaseline } from '../../node/git-baseline';
import type { CheckAgainstResult } from '../../protocol/lsp-ext';
import type { ModelFolder } from '../workspace/model-folder';
import { toLspDiagnostic, type RuleDocLink } from '../features/convert';

/**
 * Compares the folder's model (unsaved buffers included) with the model committed at `ref`, read
 * by the same reader as `eventmodel check --against`: modified, removed or re-identified published
 * versions, and new versions incompatible with the published ones. Findings already shown by the
 * live check (same rule, node and change) are not repeated.
 */
export async function checkAgainst(folder: ModelFolder, ref: string, docLink: RuleDocLink): Promise<CheckAgainstResult> {
  const fail = (message: string): CheckAgainstResult => ({ ok: false, message, diagnostics: [], summary: '' });
  let baseline: Model | undefined;
  try {
    baseline = (await readGitBaseline(folder.root, ref)).model;
  } catch (err) {
    if (err instanceof GitBaselineError) return fail(err.message);
    return fail(`Could not read the model at '${ref}': ${(err as Error).message}`);
  }
  if (!baseline) return { ok: true, diagnostics: [], summary: `There is no eventmodel.yaml at '${ref}': nothing was published yet.` };

  const found = folder.workspace.baselineDiagnostics(baseline, ref);
  const byUri = new Map<string, LspDiagnostic[]>();
  for (const d of found) {
    const uri = folder.uriOf(d.location.file);
    const list = byUri.get(uri) ?? [];
    list.push(toLspDiagnostic(d, folder, docLink));
    byUri.set(uri, list);
  }
  const errors = found.filter((d) => d.severity === 'error').length;
  const warnings = found.filter((d) => d.severity === 'warning').length;
  const summary = found.length
    ? `${found.length} finding(s) against ${ref}: ${errors} error(s), ${warnings} warning(s). See the Problems panel.`
    : `No compatibility problems against ${ref}: every published version is unchanged and new versions are compatible.`;
  return { ok: true, diagnostics: [...byUri].map(([uri, diagnostics]) => ({ uri, diagnostics })), summary };
}

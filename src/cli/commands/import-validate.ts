import type { Diagnostic } from '../../core';
import { loadWorkspace } from '../load';

/** The validation diagnostics of the model just written in ROOT (an import must leave a valid model). */
export function diskWorkspaceDiagnostics(root: string): Diagnostic[] {
  return loadWorkspace(root).workspace.diagnostics('validation');
}

import * as vscode from 'vscode';
import type { Environment } from '../protocol/lsp-ext';

export const SECTION = 'eventModeler';
const RED_HAT_YAML = 'redhat.vscode-yaml';

/** Facts about the editor the server cannot see: workspace trust and whether Red Hat YAML validates. */
export function environment(): Environment {
  const yaml = vscode.extensions.getExtension(RED_HAT_YAML);
  const yamlValidates = Boolean(yaml) && vscode.workspace.getConfiguration('yaml').get<boolean>('validate', true) !== false;
  return { trusted: vscode.workspace.isTrusted, yamlValidates };
}

/** The `eventModeler` settings as a plain object (sent at start; later pulled by the server). */
export function settingsSnapshot(): unknown {
  return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration(SECTION)));
}

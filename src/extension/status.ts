import * as vscode from 'vscode';
import type { StatusParams } from '../protocol/lsp-ext';

/** The status-bar item: the model's error and warning count; a click opens Problems. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('eventModeler.status', vscode.StatusBarAlignment.Left, 10);
  last: StatusParams = { folders: [], busy: false };

  constructor() {
    this.item.name = 'Event Modeler';
    this.item.command = 'workbench.actions.view.problems';
    this.render();
  }

  update(status: StatusParams): void {
    this.last = status;
    this.render();
  }

  starting(message: string): void {
    this.item.text = `$(sync~spin) Event Modeler`;
    this.item.tooltip = message;
    this.item.show();
  }

  failed(message: string): void {
    this.item.text = `$(error) Event Modeler`;
    this.item.tooltip = message;
    this.item.command = 'eventModeler.showOutput';
    this.item.show();
  }

  private render(): void {
    const { folders, busy } = this.last;
    if (folders.length === 0) {
      this.item.hide();
      return;
    }
    const errors = folders.reduce((n, f) => n + f.errors, 0);
    const warnings = folders.reduce((n, f) => n + f.warnings, 0);
    // No spinner while checking: a check follows every keystroke and would make the item flicker.
    this.item.text = `${errors || warnings ? '$(type-hierarchy)' : '$(check)'} Event Model${errors || warnings ? `: $(error) ${errors} $(warning) ${warnings}` : ''}`;
    const md = new vscode.MarkdownString(undefined, true);
    for (const f of folders) {
      md.appendMarkdown(
        `**${f.model ?? 'model'}** — ${f.errors} error(s), ${f.warnings} warning(s), ${f.infos} info · ${f.files.length} file(s) · checked in ${f.checkMs} ms  \n`,
      );
    }
    md.appendMarkdown(`\n${busy ? 'Checking… ' : ''}Click to open the Problems panel.`);
    this.item.tooltip = md;
    this.item.command = 'workbench.actions.view.problems';
    this.item.accessibilityInformation = { label: `Event Modeler: ${errors} errors, ${warnings} warnings` };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

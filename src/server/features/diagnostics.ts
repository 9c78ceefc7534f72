import picomatch from 'picomatch';
import { DiagnosticSeverity, type Connection, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { SEVERITY_ORDER, type Diagnostic } from '../../core';
import { toLspDiagnostic, SOURCE, type RuleDocLink } from './convert';
import type { ModelFolder } from '../workspace/model-folder';
import type { Environment, FolderStatus } from '../../protocol/lsp-ext';
import type { ServerSettings } from '../workspace/settings';

/**
 * Files Red Hat YAML validates against our schemas (package.json `yamlValidation`); with it active
 * their YAML syntax errors and schema violations are left to it, so nothing is reported twice.
 */
const YAML_SCHEMA_FILES = picomatch(['eventmodel.yaml', '**/eventmodel.yaml', '**/contexts/*.yaml', '**/contexts/*.yml', 'contexts/*.yaml', 'contexts/*.yml']);

/** What a file's published diagnostics were made from, and what they looked like to the editor. */
export interface Published {
  /** The core's list for the file (the same array while its diagnostics do not change). */
  source: readonly Diagnostic[];
  /** The settings the conversion depended on. */
  options: string;
  /** Fingerprint of the LSP diagnostics sent. */
  print: string;
}

/** One file's core diagnostics → LSP diagnostics, deduplicated and capped. */
function convert(folder: ModelFolder, list: readonly Diagnostic[], settings: ServerSettings, env: Environment, docLink: RuleDocLink): LspDiagnostic[] {
  const dedupe = env.yamlValidates && settings.dedupeYaml;
  const shown = dedupe ? list.filter((d) => !leftToYaml(d)) : list;
  return cap(shown, settings.maxPerFile).map((d) => ('more' in d ? d.more : toLspDiagnostic(d, folder, docLink)));
}

function leftToYaml(d: Diagnostic): boolean {
  if (d.rule === 'yaml-syntax') return /\.ya?ml$/i.test(d.location.file);
  if (d.rule === 'schema') return YAML_SCHEMA_FILES(d.location.file);
  return false;
}

/**
 * At most `max` diagnostics (errors first, then by position) and a final one saying how many more
 * there are: a file with 10,000 findings stays cheap to show.
 */
function cap(list: readonly Diagnostic[], max: number): readonly (Diagnostic | { more: LspDiagnostic })[] {
  if (list.length <= max) return list;
  const kept = [...list]
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.location.startOffset - b.location.startOffset)
    .slice(0, max)
    .sort((a, b) => a.location.startOffset - b.location.startOffset);
  const rest = list.length - max;
  return [
    ...kept,
    {
      more: {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: SOURCE,
        code: 'too-many-diagnostics',
        message: `${rest} more diagnostic(s) in this file are not shown (limit ${max}, setting eventModeler.diagnostics.maxPerFile). Run \`eventmodel validate\` for the full list.`,
      },
    },
  ];
}

function countSeverities(byFile: ReadonlyMap<string, readonly Diagnostic[]>): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const list of byFile.values()) {
    for (const d of list) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else infos++;
    }
  }
  return { errors, warnings, infos };
}

/**
 * Re-checks folders after edits: debounced per folder, and a run whose folder changed again while
 * it ran is dropped before publishing (stale work never reaches the editor).
 */
export class DiagnosticsScheduler {
  private readonly timers = new Map<ModelFolder, NodeJS.Timeout>();
  private readonly running = new Set<ModelFolder>();
  private readonly statuses = new Map<string, FolderStatus>();
  /** Resolvers waiting for a folder to be idle (tests, generate). */
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly settings: () => ServerSettings,
    private readonly env: () => Environment,
    private readonly docLink: RuleDocLink,
    private readonly onStatus: (folders: FolderStatus[], busy: boolean) => void,
    private readonly log: (message: string) => void,
    /** After a check was published (not for a dropped, stale one). */
    private readonly onChecked: (folder: ModelFolder) => void = () => undefined,
  ) {}

  schedule(folder: ModelFolder, delay = this.settings().debounceMs): void {
    const existing = this.timers.get(folder);
    if (existing) clearTimeout(existing);
    this.timers.set(
      folder,
      setTimeout(() => {
        this.timers.delete(folder);
        void this.run(folder);
      }, delay),
    );
    this.emitStatus();
  }

  get busy(): boolean {
    return this.timers.size > 0 || this.running.size > 0;
  }

  /** Resolves once no check is pending. */
  idle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Clears everything a folder published (it is no longer a model). */
  clear(folder: ModelFolder): void {
    const t = this.timers.get(folder);
    if (t) clearTimeout(t);
    this.timers.delete(folder);
    for (const uri of folder.published.keys()) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    folder.published.clear();
    this.statuses.delete(folder.root);
    this.emitStatus();
  }

  private async run(folder: ModelFolder): Promise<void> {
    const generation = folder.generation;
    const stale = () => folder.generation !== generation || this.timers.has(folder);
    this.running.add(folder);
    try {
      const t0 = performance.now();
      const model = folder.model; // re-parses only what changed
      folder.knownFiles = new Set(model.files.keys());
      await yieldToEvents();
      if (stale()) return;
      const byFile = folder.workspace.diagnosticsByFile();
      await yieldToEvents();
      if (stale()) return;
      this.publish(folder, byFile);
      const checkMs = Math.round(performance.now() - t0);
      this.statuses.set(folder.root, {
        root: folder.root,
        uri: folder.uri,
        model: model.manifest?.model,
        ...countSeverities(byFile),
        files: [...model.files.keys()].map((rel) => folder.absOf(rel)),
        checkMs,
      });
      this.onChecked(folder);
    } catch (err) {
      this.log(`Check of ${folder.root} failed: ${(err as Error)?.stack ?? err}`);
    } finally {
      this.running.delete(folder);
      this.emitStatus();
    }
  }

  /**
   * Sends the files whose diagnostics changed, and empties those that have none any more. A file
   * whose core list is the one published last (same array, same settings) is not converted at
   * all: a keystroke converts and sends the edited file and the few its edit affects, not the
   * model.
   */
  private publish(folder: ModelFolder, byFile: ReadonlyMap<string, readonly Diagnostic[]>): void {
    const settings = this.settings();
    const env = this.env();
    const options = `${settings.maxPerFile}|${env.yamlValidates && settings.dedupeYaml}`;
    const next = new Map<string, Published>();
    for (const [file, list] of byFile) {
      const uri = folder.uriOf(file);
      const previous = folder.published.get(uri);
      if (previous && previous.source === list && previous.options === options) {
        next.set(uri, previous);
        continue;
      }
      const diagnostics = convert(folder, list, settings, env, this.docLink);
      const print = fingerprint(diagnostics);
      next.set(uri, { source: list, options, print });
      if (previous?.print !== print) void this.connection.sendDiagnostics({ uri, diagnostics });
    }
    for (const uri of folder.published.keys()) if (!next.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    folder.published = next;
  }

  private emitStatus(): void {
    const busy = this.busy;
    this.onStatus([...this.statuses.values()], busy);
    if (!busy) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }
}

/** What a published list looks like to the editor (positions, severity, code, message, related). */
function fingerprint(list: LspDiagnostic[]): string {
  let out = '';
  for (const d of list) {
    const r = d.range;
    out += `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}|${d.severity}|${d.code}|${d.message}`;
    if (d.relatedInformation)
      for (const ri of d.relatedInformation) out += `|${ri.location.uri}@${ri.location.range.start.line}:${ri.location.range.start.character}:${ri.message}`;
    if (d.data) out += `|${JSON.stringify(d.data)}`;
    out += '\n';
  }
  return out;
}

function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

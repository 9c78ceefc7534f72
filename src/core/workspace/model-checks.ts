import type { Diagnostic } from '../diagnostic';
import type { Model } from '../model/model';
import type { ReadRecorder } from '../model/model-index';
import type { LoadedFile } from '../model/source';
import type { ContextDef } from '../model/types';
import { toDiagnostic, type Rule } from '../rules/rule';

/**
 * What the model-scoped checks of one file read beyond the file itself: which contexts they looked
 * up by name, whose references into a context they read, which files they opened. The findings
 * hold while every one of those is still the same object in the new model.
 */
class Reads implements ReadRecorder {
  readonly contexts = new Map<string, readonly ContextDef[]>();
  readonly referrers = new Map<string, readonly ContextDef[]>();
  readonly files = new Map<string, LoadedFile | undefined>();
  names?: string;
  everything = false;

  context(name: string, found: readonly ContextDef[]): void {
    if (!this.contexts.has(name)) this.contexts.set(name, found);
  }

  contextNames(key: string): void {
    this.names = key;
  }

  referencesInto(name: string, from: readonly ContextDef[]): void {
    if (!this.referrers.has(name)) this.referrers.set(name, from);
  }

  file(path: string, loaded: LoadedFile | undefined): void {
    if (!this.files.has(path)) this.files.set(path, loaded);
  }

  untracked(): void {
    this.everything = true;
  }

  /** Whether a check reading the same things in `model` would see what it saw. */
  holdIn(model: Model): boolean {
    if (this.everything) return false;
    const index = model.index;
    for (const [name, found] of this.contexts) if (!index.sameContexts(name, found)) return false;
    for (const [name, from] of this.referrers) if (!index.sameReferrers(name, from)) return false;
    for (const [path, loaded] of this.files) if (model.files.get(path) !== loaded) return false;
    return this.names === undefined || this.names === index.contextNamesKey();
  }
}

/** `model.files` as the checks see it: each `get` is recorded; iterating is an untracked read. */
class RecordingFiles implements ReadonlyMap<string, LoadedFile> {
  reads?: Reads;

  constructor(private readonly inner: ReadonlyMap<string, LoadedFile>) {}

  get(path: string): LoadedFile | undefined {
    const loaded = this.inner.get(path);
    this.reads?.file(path, loaded);
    return loaded;
  }

  has(path: string): boolean {
    return this.get(path) !== undefined;
  }

  get size(): number {
    this.reads?.untracked();
    return this.inner.size;
  }

  forEach(fn: (value: LoadedFile, key: string, map: ReadonlyMap<string, LoadedFile>) => void, thisArg?: unknown): void {
    this.reads?.untracked();
    this.inner.forEach((value, key) => fn.call(thisArg, value, key, this));
  }

  entries(): MapIterator<[string, LoadedFile]> {
    this.reads?.untracked();
    return this.inner.entries();
  }

  keys(): MapIterator<string> {
    this.reads?.untracked();
    return this.inner.keys();
  }

  values(): MapIterator<LoadedFile> {
    this.reads?.untracked();
    return this.inner.values();
  }

  [Symbol.iterator](): MapIterator<[string, LoadedFile]> {
    return this.entries();
  }
}

/** The model-scoped findings of one file, per rule, with what computing them read. */
interface FileChecks {
  /** Findings per `checkInModel` rule, in the order of {@link ModelChecks.rules}. */
  byRule: Diagnostic[][];
  /** Summaries per `summarize` rule, in the order of {@link ModelChecks.summarized}. */
  summaries: unknown[];
  stamp: string;
  reads: Reads;
}

/** The last combination of a `summarize` rule's summaries. */
interface Combined {
  summaries: unknown[];
  findings: Diagnostic[];
  memo: { value?: unknown };
}

/**
 * The per-file parts of the model rules (`checkInModel`, `summarize`), dependency-tracked: after
 * an edit only the files whose context, or something their checks read (a context they refer to,
 * the contexts that refer to them, a `$ref`'d file, the list of context names) changed are checked
 * again; every other file's findings are reused as they are, and `checkSummaries` runs only when a
 * summary changed.
 */
export class ModelChecks {
  readonly rules: readonly Rule[];
  readonly summarized: readonly Rule[];
  private readonly cache = new WeakMap<LoadedFile, FileChecks>();
  private readonly combined = new Map<Rule, Combined>();
  /** Files checked by the last {@link run} (the others were reused), for tests and benchmarks. */
  lastChecked: string[] = [];

  constructor(rules: readonly Rule[]) {
    this.rules = rules.filter((r) => r.checkInModel);
    this.summarized = rules.filter((r) => r.summarize && r.checkSummaries);
  }

  /**
   * Findings per rule, as lists (not copied into one): for a `checkInModel` rule, every file's
   * (model order); for a `summarize` rule, those of its combination. `stamp` changes whenever every finding may change (a new
   * manifest); `contextOf` gives a context file's parsed context.
   */
  run(model: Model, stamp: string, contextOf: (file: LoadedFile) => ContextDef | undefined): Map<Rule, readonly Diagnostic[][]> {
    this.lastChecked = [];
    const out = new Map<Rule, Diagnostic[][]>();
    if (this.rules.length === 0 && this.summarized.length === 0) return out;
    const perFile: FileChecks[] = [];
    let files: RecordingFiles | undefined;
    let view: Model | undefined;
    for (const loaded of model.files.values()) {
      const cached = this.cache.get(loaded);
      if (cached && cached.stamp === stamp && cached.reads.holdIn(model)) {
        perFile.push(cached);
        continue;
      }
      if (!files || !view) {
        files = new RecordingFiles(model.files);
        // Everything else as the model has it (its lazily built parts too).
        view = Object.create(model, { files: { value: files, enumerable: true } }) as Model;
      }
      const entry = this.check(loaded, contextOf(loaded), view, files, stamp);
      this.cache.set(loaded, entry);
      this.lastChecked.push(loaded.path);
      perFile.push(entry);
    }
    this.rules.forEach((rule, k) =>
      out.set(
        rule,
        perFile.map((f) => f.byRule[k]),
      ),
    );
    this.summarized.forEach((rule, k) => {
      const summaries: unknown[] = [];
      for (const f of perFile) if (f.summaries[k] !== undefined) summaries.push(f.summaries[k]);
      let combined = this.combined.get(rule);
      if (!combined || !sameList(combined.summaries, summaries)) {
        const findings: Diagnostic[] = [];
        const memo = combined?.memo ?? {};
        rule.checkSummaries!(summaries, (f) => findings.push(toDiagnostic(rule, f)), memo);
        this.combined.set(rule, (combined = { summaries, findings, memo }));
      }
      const own = out.get(rule);
      if (own) own.push(combined.findings);
      else out.set(rule, [combined.findings]);
    });
    return out;
  }

  private check(loaded: LoadedFile, context: ContextDef | undefined, view: Model, files: RecordingFiles, stamp: string): FileChecks {
    const reads = new Reads();
    const byRule: Diagnostic[][] = [];
    const summaries: unknown[] = [];
    files.reads = reads;
    view.index.recorder = reads;
    try {
      for (const rule of this.rules) {
        const found: Diagnostic[] = [];
        rule.checkInModel!(loaded, context, view, (f) => found.push(toDiagnostic(rule, f)));
        byRule.push(found);
      }
      for (const rule of this.summarized) summaries.push(rule.summarize!(loaded, context, view));
    } finally {
      files.reads = undefined;
      view.index.recorder = undefined;
    }
    return { byRule, summaries, stamp, reads };
  }
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

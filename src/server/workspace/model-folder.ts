import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FILE, Workspace, type Model, type WorkspaceOptions } from '../../core';
import type { Published } from '../features/diagnostics';
import { NodeHost } from '../../node/fs-host';
import { pathToUri, relativeTo, uriToPath } from './paths';

/**
 * One folder holding an `eventmodel.yaml`: its core `Workspace` (incremental, with the editor's
 * unsaved buffers as overlays) and what was last published for it.
 */
export class ModelFolder {
  readonly host: NodeHost;
  workspace: Workspace;
  readonly uri: string;
  /** Bumped on every change; a check started for an older generation is stale and is dropped. */
  generation = 0;
  /** The model's files as of the last check (no rebuild needed to ask). */
  knownFiles: ReadonlySet<string> = new Set();
  /** URIs that currently carry diagnostics from this folder, with what was sent. */
  published = new Map<string, Published>();
  private readonly uris = new Map<string, string>();
  /** Editor overlays (open documents) by relative path. */
  private readonly overlayTexts = new Map<string, string>();
  private optionsKey: string;

  constructor(
    readonly root: string,
    options: FolderOptions,
  ) {
    this.host = new NodeHost(root);
    this.workspace = createWorkspace(this.host, options);
    this.optionsKey = JSON.stringify(options.defaults ?? {});
    this.uri = pathToUri(root);
  }

  /** New editor settings: severities apply in place; other defaults need a fresh workspace (overlays kept). */
  reconfigure(options: FolderOptions): void {
    const key = JSON.stringify(options.defaults ?? {});
    if (key !== this.optionsKey) {
      this.optionsKey = key;
      this.workspace = createWorkspace(this.host, options);
      for (const [rel, text] of this.overlayTexts) this.workspace.update(rel, text);
    } else {
      this.workspace.setSeverity({ ...options.severity });
    }
    this.generation++;
  }

  get model(): Model {
    return this.workspace.model;
  }

  /** Workspace-relative path of a document URI, or undefined when it is outside the folder. */
  relOf(uri: string): string | undefined {
    const abs = uriToPath(uri);
    return abs === undefined ? undefined : relativeTo(this.root, abs);
  }

  uriOf(rel: string): string {
    let uri = this.uris.get(rel);
    if (uri === undefined) {
      uri = pathToUri(path.join(this.root, ...rel.split('/')));
      if (this.uris.size > 100_000) this.uris.clear();
      this.uris.set(rel, uri);
    }
    return uri;
  }

  absOf(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }

  hasManifestOnDisk(): boolean {
    return fs.existsSync(path.join(this.root, MANIFEST_FILE));
  }

  /**
   * Whether an edit of the file can change the model: it was part of it at the last check (an edit
   * cannot pull an unrelated file into the model: `include` matches paths, `$ref`s live in model files).
   */
  affectsModel(rel: string): boolean {
    return rel === MANIFEST_FILE || this.knownFiles.has(rel) || this.knownFiles.size === 0;
  }

  /** True when the file belongs to the model (manifest, matched context file or referenced schema). */
  isModelFile(rel: string): boolean {
    return this.model.files.has(rel);
  }

  /** An editor's text of the file; `affects` false (not part of the model) leaves running checks valid. */
  open(rel: string, text: string, affects = true): void {
    this.overlayTexts.set(rel, text);
    this.workspace.update(rel, text);
    if (affects) this.generation++;
  }

  close(rel: string): void {
    this.overlayTexts.delete(rel);
    this.workspace.update(rel);
    this.generation++;
  }

  /**
   * A file was deleted on disk: it leaves the model even when an editor still shows it (the editor
   * marks it deleted); typing in that editor brings the overlay back.
   */
  deletedOnDisk(rel: string): void {
    this.overlayTexts.delete(rel);
    this.workspace.update(rel);
    this.generation++;
  }

  /** A file changed on disk (ignored while an editor holds an overlay of it). */
  changedOnDisk(rel: string): boolean {
    if (this.overlayTexts.has(rel)) return false;
    this.workspace.update(rel);
    this.generation++;
    return true;
  }
}

export interface FolderOptions {
  severity: WorkspaceOptions['severity'];
  /** Compatibility defaults from the editor settings, for manifests that set none. */
  defaults?: { compatibility?: string; compatibilityPolicy?: string };
}

/**
 * The core workspace of a folder. `defaults` (editor settings) apply where the manifest sets none.
 */
function createWorkspace(host: NodeHost, options: FolderOptions): Workspace {
  const wsOptions: WorkspaceOptions = { severity: { ...options.severity } };
  if (options.defaults && Object.keys(options.defaults).length) wsOptions.defaults = options.defaults as WorkspaceOptions['defaults'];
  return new Workspace(host, wsOptions);
}

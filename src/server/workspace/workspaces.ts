import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import { MANIFEST_FILE } from '../../core';
import { ModelFolder, type FolderOptions } from './model-folder';
import { isInside, uriToPath } from './paths';
import type { ServerSettings } from './settings';

/**
 * The model folders of the editor session: every workspace folder with an `eventmodel.yaml` at its
 * root, plus the folder of any `eventmodel.yaml` found above a model file opened from elsewhere.
 */
export class WorkspaceManager {
  private readonly folders = new Map<string, ModelFolder>();
  private readonly workspaceRoots = new Set<string>();

  constructor(
    private settings: () => ServerSettings,
    /** Called when a folder stops being a model (its diagnostics must be cleared). */
    private readonly onRemoved: (folder: ModelFolder) => void,
  ) {}

  all(): ModelFolder[] {
    return [...this.folders.values()];
  }

  addWorkspaceFolder(uri: string): ModelFolder | undefined {
    const root = uriToPath(uri);
    if (!root) return undefined;
    this.workspaceRoots.add(root);
    return fs.existsSync(path.join(root, MANIFEST_FILE)) ? this.add(root) : undefined;
  }

  removeWorkspaceFolder(uri: string): void {
    const root = uriToPath(uri);
    if (!root) return;
    this.workspaceRoots.delete(root);
    for (const f of this.all()) if (isInside(root, f.root)) this.remove(f);
  }

  /** The innermost model folder containing the document. */
  folderOf(uri: string): ModelFolder | undefined {
    const abs = uriToPath(uri);
    if (!abs) return undefined;
    let best: ModelFolder | undefined;
    for (const f of this.folders.values()) {
      if (isInside(f.root, abs) && (!best || f.root.length > best.root.length)) best = f;
    }
    return best;
  }

  /** A folder by URI of the folder itself or of a file inside it; the only folder when omitted. */
  pick(uri?: string): ModelFolder | undefined {
    if (!uri) return this.all()[0];
    const abs = uriToPath(uri);
    if (abs && this.folders.has(abs)) return this.folders.get(abs);
    return this.folderOf(uri);
  }

  /**
   * For a YAML document opened outside every known model folder: the nearest `eventmodel.yaml`
   * above it (within 20 levels, not above a workspace folder that contains it) becomes a model folder.
   */
  discover(uri: string): ModelFolder | undefined {
    const known = this.folderOf(uri);
    if (known) return known;
    const abs = uriToPath(uri);
    if (!abs || !/\.(ya?ml|json)$/i.test(abs)) return undefined;
    const ceiling = [...this.workspaceRoots].find((r) => isInside(r, abs));
    let dir = path.dirname(abs);
    for (let i = 0; i < 20; i++) {
      if (fs.existsSync(path.join(dir, MANIFEST_FILE))) return this.add(dir);
      if (dir === ceiling) break;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return undefined;
  }

  /**
   * Files changed on disk (the client watches *.yaml, *.yml and *.json). Returns the folders whose
   * model may have changed.
   */
  filesChanged(changes: FileEvent[]): Set<ModelFolder> {
    const touched = new Set<ModelFolder>();
    for (const change of changes) {
      const abs = uriToPath(change.uri);
      if (!abs) continue;
      if (path.basename(abs) === MANIFEST_FILE) {
        const dir = path.dirname(abs);
        if (change.type === FileChangeType.Created && !this.folders.has(dir) && this.isUnderWorkspace(dir)) {
          const f = this.add(dir);
          if (f) touched.add(f);
          continue;
        }
        if (change.type === FileChangeType.Deleted) {
          const f = this.folders.get(dir);
          if (f && !f.hasManifestOnDisk()) {
            this.remove(f);
            continue;
          }
        }
      }
      for (const f of this.folders.values()) {
        if (!isInside(f.root, abs)) continue;
        const rel = f.relOf(change.uri);
        if (rel === undefined) {
          // The folder itself went away.
          if (change.type === FileChangeType.Deleted && !fs.existsSync(f.root)) this.remove(f);
          continue;
        }
        if (change.type === FileChangeType.Deleted) {
          // The file, or a directory: every known file below it goes.
          for (const file of f.workspace.files()) if (file === rel || file.startsWith(rel + '/')) f.deletedOnDisk(file);
          f.deletedOnDisk(rel);
          touched.add(f);
          continue;
        }
        f.changedOnDisk(rel);
        touched.add(f);
      }
    }
    return touched;
  }

  /** Settings changed: severities and compatibility defaults reach every folder. */
  reconfigure(): void {
    for (const f of this.folders.values()) f.reconfigure(this.folderOptions());
  }

  private folderOptions(): FolderOptions {
    const s = this.settings();
    const defaults: FolderOptions['defaults'] = {};
    if (s.compatibility.defaultMode) defaults.compatibility = s.compatibility.defaultMode;
    if (s.compatibility.defaultPolicy) defaults.compatibilityPolicy = s.compatibility.defaultPolicy;
    return { severity: { ...s.rules }, defaults };
  }

  private isUnderWorkspace(dir: string): boolean {
    return [...this.workspaceRoots].some((r) => isInside(r, dir));
  }

  private add(root: string): ModelFolder | undefined {
    const existing = this.folders.get(root);
    if (existing) return existing;
    try {
      const folder = new ModelFolder(root, this.folderOptions());
      this.folders.set(root, folder);
      return folder;
    } catch {
      return undefined; // vanished or unreadable
    }
  }

  private remove(folder: ModelFolder): void {
    this.folders.delete(folder.root);
    this.onRemoved(folder);
  }
}

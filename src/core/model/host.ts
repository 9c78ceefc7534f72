/**
 * The only way the core touches the outside world. The CLI implements it over `fs`, the language
 * server over `fs` plus unsaved editor buffers; tests over an in-memory map.
 * Paths are workspace-relative POSIX paths ("contexts/ordering.yaml").
 */
export interface WorkspaceHost {
  /** Every file below the workspace root (relative paths), for `include` globs. */
  listFiles(): string[];
  /** Raw bytes or text of a file, or undefined when it does not exist or is not a regular file inside the workspace. */
  readFile(path: string): Uint8Array | string | undefined;
  /** Optional: whether an existing path leads outside the workspace (a symlink), for a precise message. */
  escapesWorkspace?(path: string): boolean;
}

/** An in-memory host: tests, benchmarks, and the editor's overlay of unsaved buffers. */
export class MemoryHost implements WorkspaceHost {
  readonly files = new Map<string, Uint8Array | string>();
  constructor(files?: Record<string, Uint8Array | string>) {
    for (const [path, content] of Object.entries(files ?? {})) this.files.set(path, content);
  }
  listFiles(): string[] {
    return [...this.files.keys()];
  }
  readFile(path: string): Uint8Array | string | undefined {
    return this.files.get(path);
  }
}

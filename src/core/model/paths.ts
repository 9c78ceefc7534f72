import { posix } from 'node:path';

/**
 * Resolves `target` relative to the file `from` (both workspace-relative) and returns the
 * workspace-relative result, or undefined when it would leave the workspace (absolute paths,
 * `..` above the root, URLs). Pure string work: nothing is read.
 */
export function resolveInsideWorkspace(from: string, target: string): string | undefined {
  if (target.length === 0 || target.includes('\0')) return undefined;
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(target)) return undefined; // URL or drive letter
  if (target.startsWith('/') || target.startsWith('\\')) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(from), target.replace(/\\/g, '/')));
  if (joined === '..' || joined.startsWith('../') || joined.startsWith('/')) return undefined;
  return joined.startsWith('./') ? joined.slice(2) : joined;
}

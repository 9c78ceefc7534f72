import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** file: URI → absolute path (undefined for other schemes: untitled buffers, git views…). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathToUri(abs: string): string {
  return pathToFileURL(abs).href;
}

/** `abs` relative to `root` as a POSIX path, or undefined when it is not inside `root`. */
export function relativeTo(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

export function isInside(root: string, abs: string): boolean {
  return abs === root || relativeTo(root, abs) !== undefined;
}

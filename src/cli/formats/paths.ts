import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A diagnostic's file as CI tools want it: relative to the current folder (where a CI job runs,
 * normally the repository root) when the workspace lies inside it, else an absolute path.
 */
export function pathFromCwd(root: string, file: string): string {
  const abs = path.resolve(root, file);
  const rel = path.relative(process.cwd(), abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return abs.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

/** `file:` URI of a folder, with the trailing slash SARIF requires of a base URI. */
export function folderUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}

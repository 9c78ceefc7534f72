import { posix } from 'node:path';

/**
 * Output folders as the manifest names them, checked without touching the disk: relative,
 * inside the workspace, no `..` above it. (Symlinks are the writer's part: only it can see them.)
 */
export function normalizeOutputDir(value: string, label: string, allowRoot: boolean): { dir: string } | { problem: string } {
  const raw = value.trim();
  if (raw === '') return { problem: `${label} is empty.` };
  if (raw.includes('\0')) return { problem: `${label} contains a NUL character.` };
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(raw)) return { problem: `${label} '${value}' is a URL or drive path; use a folder relative to the workspace.` };
  const slashed = raw.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return { problem: `${label} '${value}' is absolute; use a folder relative to the workspace.` };
  const normal = posix.normalize(slashed).replace(/\/+$/, '');
  if (normal === '..' || normal.startsWith('../')) return { problem: `${label} '${value}' leaves the workspace folder.` };
  const dir = normal === '' ? '.' : normal;
  if (dir === '.' && !allowRoot) return { problem: `${label} must be a sub-folder of the workspace, not the workspace folder itself.` };
  return { dir };
}

/** `child` is `dir` itself or below it (workspace-relative POSIX paths; `.` is the root). */
export function isInside(child: string, dir: string): boolean {
  if (dir === '.') return !child.startsWith('../') && child !== '..' && !child.startsWith('/');
  return child === dir || child.startsWith(dir + '/');
}

/** Joins a folder and a relative file path, refusing anything that would leave the folder. */
export function joinInside(dir: string, rel: string): string | undefined {
  if (rel.startsWith('/') || rel.includes('\0') || rel.includes('\\')) return undefined;
  const joined = posix.normalize(dir === '.' ? rel : `${dir}/${rel}`);
  return isInside(joined, dir) && joined !== dir ? joined : undefined;
}

/**
 * The module specifier to import `to` from `from` (both workspace-relative file paths). CommonJS:
 * `.ts` dropped and a folder's `index` imported as the folder; ECMAScript modules (Node ESM,
 * `moduleResolution: nodenext`): the full path with the `.js` extension the compiled file has.
 */
export function importSpecifier(from: string, to: string, esm = false): string {
  let rel = posix.relative(posix.dirname(from), to.replace(/\.ts$/, ''));
  if (!rel.startsWith('.')) rel = `./${rel}`;
  if (esm) return `${rel}.js`;
  return rel.replace(/(^|\/)index$/, '$1').replace(/(.)\/$/, '$1');
}

import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Where an export goes: one file, or a folder the exporter owns. Exports never write outside the
 * chosen target, refuse to replace a file or fill a non-empty folder unless forced, and with
 * `force` remove only what an earlier export listed in its marker file before writing again.
 */

export class ExportTargetError extends Error {}

/** The file in an export folder that lists what the export wrote (so `--force` can replace exactly that). */
export const EXPORT_MARKER = '.eventmodel-export.json';

export function writeExportFile(target: string, text: string, force: boolean): void {
  const abs = path.resolve(target);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(abs);
  } catch {
    stat = undefined;
  }
  if (stat?.isDirectory()) throw new ExportTargetError(`'${target}' is a folder; name the file to write.`);
  if (stat && !force) throw new ExportTargetError(`'${target}' exists; pass --force to replace it.`);
  try {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  } catch (err) {
    throw new ExportTargetError(`cannot write '${target}': ${(err as Error).message}`);
  }
}

export class ExportFolder {
  private constructor(
    readonly root: string,
    private readonly before: ReadonlySet<string>,
  ) {}

  /** Opens (creating) FOLDER for an export: empty, or forced (an earlier export's files are removed first). */
  static open(folder: string, force: boolean): ExportFolder {
    const root = path.resolve(folder);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(root);
    } catch {
      stat = undefined;
    }
    if (stat && !stat.isDirectory()) throw new ExportTargetError(`'${folder}' is a file; the export needs a folder.`);
    if (stat) {
      const entries = fs.readdirSync(root);
      if (entries.length > 0 && !force)
        throw new ExportTargetError(`'${folder}' is not empty; pass --force to export into it (files of an earlier export are replaced, others kept).`);
      if (force) removePrevious(root);
    } else {
      try {
        fs.mkdirSync(root, { recursive: true });
      } catch (err) {
        throw new ExportTargetError(`cannot create '${folder}': ${(err as Error).message}`);
      }
    }
    return new ExportFolder(fs.realpathSync(root), new Set(listFiles(fs.realpathSync(root))));
  }

  /** Absolute path of REL inside the folder; refuses paths (or symlinks) that leave it. */
  resolve(rel: string): string {
    const abs = path.resolve(this.root, rel);
    if (!isInside(this.root, abs)) throw new ExportTargetError(`refusing to write '${rel}': it is outside the export folder.`);
    let existing = abs;
    while (!fs.existsSync(existing)) existing = path.dirname(existing);
    if (!isInside(this.root, fs.realpathSync(existing))) throw new ExportTargetError(`refusing to write '${rel}': a symlink leads outside the export folder.`);
    return abs;
  }

  write(rel: string, text: string): void {
    const abs = this.resolve(rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }

  /** Records every file the export added (relative, sorted) in the marker and returns them. */
  finish(): string[] {
    const written = listFiles(this.root).filter((f) => !this.before.has(f) && f !== EXPORT_MARKER);
    const previous = this.before.has(EXPORT_MARKER) ? readMarker(this.root) : [];
    const all = [...new Set([...written, ...previous.filter((f) => fs.existsSync(path.join(this.root, f)))])].sort();
    fs.writeFileSync(path.join(this.root, EXPORT_MARKER), JSON.stringify({ tool: 'eventmodel', files: all }, null, 2) + '\n');
    return written.sort();
  }
}

function readMarker(root: string): string[] {
  try {
    const data = JSON.parse(fs.readFileSync(path.join(root, EXPORT_MARKER), 'utf8')) as { files?: unknown };
    return Array.isArray(data.files) ? data.files.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return [];
  }
}

/** Deletes the files an earlier export recorded (only inside ROOT), then the folders they leave empty. */
function removePrevious(root: string): void {
  const real = fs.realpathSync(root);
  for (const rel of readMarker(real)) {
    const abs = path.resolve(real, rel);
    if (!isInside(real, abs)) continue;
    fs.rmSync(abs, { force: true });
    for (let dir = path.dirname(abs); dir !== real && isInside(real, dir); dir = path.dirname(dir)) {
      try {
        fs.rmdirSync(dir);
      } catch {
        break;
      }
    }
  }
  fs.rmSync(path.join(real, EXPORT_MARKER), { force: true });
}

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out;
}

function isInside(root: string, abs: string): boolean {
  const rel = path.relative(root, abs);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

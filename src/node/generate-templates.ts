import * as fs from 'node:fs';
import * as path from 'node:path';
// Light imports only (the CLI's up-to-date check loads templates without the planner).
import { TEMPLATE_NAMES } from '../core/codegen/artifacts';
import { normalizeOutputDir } from '../core/codegen/paths';

/** The built-in templates shipped with the package (`templates/` at its root). */
export const BUILTIN_TEMPLATE_DIR = findBuiltinDir();

function findBuiltinDir(): string {
  // Compiled: out/src/node → ../../../templates; from sources (ts-node, bundlers): src/node → ../../templates.
  for (const rel of ['../../../templates', '../../templates', '../templates', 'templates']) {
    const dir = path.resolve(__dirname, rel);
    if (fs.existsSync(path.join(dir, 'runtime.ts.hbs'))) return dir;
  }
  return path.resolve(__dirname, '../../../templates');
}

const MAX_TEMPLATE_BYTES = 1024 * 1024;

export interface LoadedTemplates {
  /** Every template by file name: built-in, overlaid with the workspace's overrides. */
  templates: Record<string, string>;
  /** Workspace templates that replaced a built-in one (workspace-relative paths). */
  overridden: string[];
  /** Why something was not used (unknown file name, refused path, untrusted workspace…). */
  notes: string[];
  /** Problems that make generation impossible (a built-in template missing, an unsafe templates folder). */
  errors: string[];
}

export interface TemplateLoadOptions {
  /** Honour `generate.templates` of the manifest (only in a trusted workspace). */
  allowWorkspaceTemplates: boolean;
  /** Folder of the built-in templates (default: the package's `templates/`). */
  builtinDir?: string;
}

/**
 * Reads the built-in templates and, when allowed, the workspace's overrides from `templatesDir`
 * (workspace-relative, from the manifest). Overrides are matched by file name; a file that leaves
 * the workspace (`..`, absolute, or a symlink pointing outside) is refused.
 */
export function loadTemplates(root: string, templatesDir: string | undefined, options: TemplateLoadOptions): LoadedTemplates {
  const out: LoadedTemplates = { templates: {}, overridden: [], notes: [], errors: [] };
  const builtin = options.builtinDir ?? BUILTIN_TEMPLATE_DIR;
  for (const name of TEMPLATE_NAMES) {
    try {
      out.templates[name] = fs.readFileSync(path.join(builtin, name), 'utf8');
    } catch {
      out.errors.push(`The built-in template '${name}' is missing from ${builtin}.`);
    }
  }
  if (templatesDir === undefined) return out;
  if (!options.allowWorkspaceTemplates) {
    out.notes.push(`generate.templates '${templatesDir}' ignored: workspace templates are only used in a trusted workspace.`);
    return out;
  }
  const dir = normalizeOutputDir(templatesDir, 'generate.templates', false);
  if ('problem' in dir) {
    out.errors.push(dir.problem);
    return out;
  }
  const realRoot = fs.realpathSync(root);
  const abs = path.join(root, ...dir.dir.split('/'));
  let realDir: string;
  try {
    realDir = fs.realpathSync(abs);
  } catch {
    out.notes.push(`generate.templates '${dir.dir}' does not exist; the built-in templates are used.`);
    return out;
  }
  if (!inside(realDir, realRoot)) {
    out.errors.push(`generate.templates '${dir.dir}' resolves outside the workspace folder (${realDir}); refused.`);
    return out;
  }
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(realDir, { withFileTypes: true });
  } catch (err) {
    out.errors.push(`generate.templates '${dir.dir}' cannot be read: ${(err as Error).message}`);
    return out;
  }
  const known = new Set<string>(TEMPLATE_NAMES);
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!e.name.endsWith('.hbs')) continue;
    const rel = `${dir.dir}/${e.name}`;
    if (!known.has(e.name)) {
      out.notes.push(`${rel} overrides no template (the names are: ${TEMPLATE_NAMES.join(', ')}).`);
      continue;
    }
    const file = path.join(realDir, e.name);
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch {
      out.notes.push(`${rel} cannot be read.`);
      continue;
    }
    if (!inside(real, realRoot)) {
      out.errors.push(`${rel} resolves outside the workspace folder (${real}); refused.`);
      continue;
    }
    const stat = fs.statSync(real);
    if (!stat.isFile()) continue;
    if (stat.size > MAX_TEMPLATE_BYTES) {
      out.errors.push(`${rel} is larger than ${MAX_TEMPLATE_BYTES / 1024} KB; refused.`);
      continue;
    }
    out.templates[e.name] = fs.readFileSync(real, 'utf8');
    out.overridden.push(rel);
  }
  return out;
}

function inside(real: string, realRoot: string): boolean {
  return real === realRoot || real.startsWith(realRoot + path.sep);
}

import picomatch from 'picomatch';
import { Workspace, MemoryHost, MANIFEST_FILE } from '../../core';
import type { ModelFolder } from '../workspace/model-folder';
import type { NewContextParams, NewContextResult } from '../../protocol/lsp-ext';
import { relativeTo, uriToPath } from '../workspace/paths';

const IDENTIFIER = /^[A-Z][A-Za-z0-9]*$/;

export function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** The content of a new, valid bounded-context file. */
function contextTemplate(name: string): string {
  return [
    `context: ${name}`,
    `description: "TODO: what ${name} is responsible for."`,
    'owner: TODO',
    'relationships: []',
    'aggregates: {}',
    'commands: {}',
    'events: {}',
    'policies: {}',
    '',
  ].join('\n');
}

/**
 * Where a new context file goes (the picked folder, else the folder of the first `include` glob)
 * and what it contains; refuses names that exist already or paths the manifest would not include.
 */
export function planNewContext(folder: ModelFolder, params: NewContextParams): NewContextResult {
  const name = params.name.trim();
  if (!IDENTIFIER.test(name)) return { ok: false, message: `'${name}' is not a valid context name: use PascalCase letters and digits (e.g. Billing).` };
  const model = folder.model;
  if (!model.manifest) return { ok: false, message: `${MANIFEST_FILE} could not be read.` };
  if (model.index.context(name)) return { ok: false, message: `Context ${name} already exists in ${model.index.context(name)!.file}.` };
  const globs = model.manifest.include.map((g) => g.value.replace(/^\.\//, ''));
  if (globs.length === 0) return { ok: false, message: `${MANIFEST_FILE} has no \`include:\` globs; add one (e.g. contexts/*.yaml) first.` };
  const matchers = globs.map((g) => picomatch(g));
  const fileName = kebab(name);
  const candidates: string[] = [];
  const picked = params.directory ? uriToPath(params.directory) : undefined;
  const pickedRel = picked === folder.root ? '' : picked ? relativeTo(folder.root, picked) : undefined;
  if (pickedRel !== undefined) candidates.push(join(pickedRel, `${fileName}.yaml`), join(pickedRel, `${fileName}.yml`));
  for (const g of globs) {
    const dir = staticDir(g);
    const ext = /\.yml\b/.test(g) && !/\.yaml\b/.test(g) ? 'yml' : 'yaml';
    candidates.push(join(dir, `${fileName}.${ext}`));
  }
  const rel = candidates.find((c) => matchers.some((m) => m(c)) && folder.host.readFile(c) === undefined);
  if (!rel) return { ok: false, message: `No file name for ${name} matches the manifest's include (${globs.join(', ')}) without overwriting a file.` };
  const content = contextTemplate(name);
  // The template must load without errors.
  const check = new Workspace(new MemoryHost({ [MANIFEST_FILE]: `include: [${JSON.stringify(rel)}]\n`, [rel]: content }));
  const errors = check.diagnostics().filter((d) => d.severity === 'error' && d.location.file === rel);
  if (errors.length) return { ok: false, message: `Internal error: the new context file would not be valid (${errors[0].message}).` };
  return { ok: true, uri: folder.uriOf(rel), content };
}

function join(dir: string, file: string): string {
  return dir ? `${dir}/${file}` : file;
}

/** The leading folders of a glob before its first wildcard: `contexts/*.yaml` → `contexts`. */
function staticDir(glob: string): string {
  const parts = glob.split('/');
  const out: string[] = [];
  for (const p of parts.slice(0, -1)) {
    if (/[*?[\]{}!]/.test(p)) break;
    out.push(p);
  }
  return out.join('/');
}

import { isMap, isScalar, isSeq, Scalar, type Node } from 'yaml';
import type { SeveritySetting } from '../diagnostic';
import { rangeOf, type LoadedFile } from './source';
import { COMPATIBILITY_MODES, COMPATIBILITY_POLICIES, VERSIONING_STRATEGIES, type Located, type Manifest, type ManifestDefaults } from './types';
import { deref, getPair, keyText, nodeSpan } from './yaml-nodes';

export const MANIFEST_FILE = 'eventmodel.yaml';

export const DEFAULTS: ManifestDefaults = {
  compatibility: 'BACKWARD',
  compatibilityPolicy: 'strict',
  versioning: 'payload',
  delivery: { mode: 'push' },
};

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** Defaults a front end may supply (editor settings) for manifests that do not set them. */
export type DefaultOverrides = Partial<Pick<ManifestDefaults, 'compatibility' | 'compatibilityPolicy'>>;

/** The manifest with defaults filled in (built-in, else `fallback`, else the manifest's own); tolerant like the context parser. */
export function parseManifest(file: LoadedFile, fallback: DefaultOverrides = {}): Manifest {
  const doc = file.doc;
  const root = doc ? deref(doc, doc.contents) : undefined;
  const whole = rangeOf(file, 0, file.text.length);
  const manifest: Manifest = {
    file: file.path,
    include: [],
    specs: [],
    defaults: { ...DEFAULTS, ...validOverrides(fallback), delivery: { ...DEFAULTS.delivery } },
    generate: { outDir: 'src/generated', scaffoldDir: 'src' },
    rules: new Map(),
    range: whole,
  };
  if (!doc || !isMap(root)) return manifest;
  const node = (n: unknown) => deref(doc, n) as Node | undefined;
  const child = (map: unknown, key: string) => (isMap(map) ? node(getPair(map, key)?.value) : undefined);
  const str = (map: unknown, key: string) => {
    const n = child(map, key);
    return isScalar(n) && typeof n.value === 'string' ? n.value : undefined;
  };
  const located = (n: Scalar): Located<string> => {
    const [s, e] = nodeSpan(n) ?? [0, 0];
    const quoted = n.type === Scalar.QUOTE_DOUBLE || n.type === Scalar.QUOTE_SINGLE;
    return { value: String(n.value), range: rangeOf(file, quoted ? s + 1 : s, quoted ? e - 1 : e) };
  };

  manifest.model = str(root, 'model');
  manifest.namespace = str(root, 'namespace');
  for (const key of ['include', 'specs'] as const) {
    const globs = child(root, key);
    for (const item of isSeq(globs) ? globs.items : [globs]) {
      const n = node(item);
      if (isScalar(n) && typeof n.value === 'string' && n.value !== '') manifest[key].push(located(n));
    }
  }

  const defaults = child(root, 'defaults');
  const compatibility = str(defaults, 'compatibility');
  if (compatibility && (COMPATIBILITY_MODES as readonly string[]).includes(compatibility))
    manifest.defaults.compatibility = compatibility as ManifestDefaults['compatibility'];
  const policy = str(defaults, 'compatibilityPolicy');
  if (policy && (COMPATIBILITY_POLICIES as readonly string[]).includes(policy))
    manifest.defaults.compatibilityPolicy = policy as ManifestDefaults['compatibilityPolicy'];
  const versioning = str(defaults, 'versioning');
  if (versioning && (VERSIONING_STRATEGIES as readonly string[]).includes(versioning))
    manifest.defaults.versioning = versioning as ManifestDefaults['versioning'];
  const mode = str(child(defaults, 'delivery'), 'mode');
  if (mode === 'push' || mode === 'poll') manifest.defaults.delivery.mode = mode;

  const generate = child(root, 'generate');
  manifest.generate.outDir = str(generate, 'outDir') ?? manifest.generate.outDir;
  manifest.generate.scaffoldDir = str(generate, 'scaffoldDir') ?? manifest.generate.scaffoldDir;
  manifest.generate.templates = str(generate, 'templates');
  manifest.generate.testCommand = str(generate, 'testCommand');
  const module = str(generate, 'module');
  if (module === 'commonjs' || module === 'esm') manifest.generate.module = module;

  const rules = child(root, 'rules');
  if (isMap(rules)) {
    for (const pair of rules.items) {
      const id = keyText(pair);
      const value = node(pair.value);
      if (id === undefined || !isScalar(value) || !SEVERITIES.has(String(value.value))) continue;
      const [s, e] = nodeSpan(pair.key) ?? [0, 0];
      manifest.rules.set(id, { value: String(value.value) as SeveritySetting, range: rangeOf(file, s, e) });
    }
  }
  return manifest;
}

function validOverrides(fallback: DefaultOverrides): DefaultOverrides {
  const out: DefaultOverrides = {};
  if (fallback.compatibility && (COMPATIBILITY_MODES as readonly string[]).includes(fallback.compatibility)) out.compatibility = fallback.compatibility;
  if (fallback.compatibilityPolicy && (COMPATIBILITY_POLICIES as readonly string[]).includes(fallback.compatibilityPolicy))
    out.compatibilityPolicy = fallback.compatibilityPolicy;
  return out;
}

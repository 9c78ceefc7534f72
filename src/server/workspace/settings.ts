import { COMPATIBILITY_MODES, COMPATIBILITY_POLICIES, type CompatibilityMode, type CompatibilityPolicy, type SeveritySetting } from '../../core';

/** The `eventModeler.*` settings the server reads (see package.json `contributes.configuration`). */
export interface ServerSettings {
  rules: Record<string, SeveritySetting>;
  debounceMs: number;
  maxPerFile: number;
  /** Used where the manifest sets no `defaults.compatibility` / `compatibilityPolicy` (undefined: the core's default, as in the CLI). */
  compatibility: { defaultMode?: CompatibilityMode; defaultPolicy?: CompatibilityPolicy; gitRef: string };
  generateOnSave: boolean;
  dedupeYaml: boolean;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  rules: {},
  debounceMs: 200,
  maxPerFile: 200,
  compatibility: { gitRef: '' },
  generateOnSave: false,
  dedupeYaml: true,
};

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** The settings as the client may send them: any field may be missing or of the wrong type. */
interface RawSettings {
  rules?: unknown;
  validation?: { debounceMs?: unknown };
  diagnostics?: { maxPerFile?: unknown };
  compatibility?: { defaultMode?: unknown; defaultPolicy?: unknown; gitRef?: unknown };
  generate?: { onSave?: unknown };
  redHatYaml?: { deduplicate?: unknown };
}

/** Accepts whatever the client sends; anything malformed falls back to the default. */
export function normalizeSettings(raw: unknown): ServerSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as RawSettings;
  const rules: Record<string, SeveritySetting> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, sev] of Object.entries(r.rules)) if (typeof sev === 'string' && SEVERITIES.has(sev)) rules[id] = sev as SeveritySetting;
  }
  const num = (v: unknown, def: number, min: number, max: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : def);
  const mode = r.compatibility?.defaultMode;
  const policy = r.compatibility?.defaultPolicy;
  return {
    rules,
    debounceMs: num(r.validation?.debounceMs, DEFAULT_SETTINGS.debounceMs, 0, 5000),
    maxPerFile: Math.floor(num(r.diagnostics?.maxPerFile, DEFAULT_SETTINGS.maxPerFile, 1, 100_000)),
    compatibility: {
      defaultMode: typeof mode === 'string' && (COMPATIBILITY_MODES as readonly string[]).includes(mode) ? (mode as CompatibilityMode) : undefined,
      defaultPolicy: typeof policy === 'string' && (COMPATIBILITY_POLICIES as readonly string[]).includes(policy) ? (policy as CompatibilityPolicy) : undefined,
      gitRef: typeof r.compatibility?.gitRef === 'string' ? r.compatibility.gitRef : '',
    },
    generateOnSave: r.generate?.onSave === true,
    dedupeYaml: r.redHatYaml?.deduplicate !== false,
  };
}

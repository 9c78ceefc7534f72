import type { Diagnostic, SeveritySetting } from '../diagnostic';
import type { Manifest } from '../model/types';
import { RULE_CATALOGUE } from '../rules/registry';
import { closest } from '../text';
import type { Finding } from '../rules/rule';

/**
 * Severity per rule id: the manifest's `rules:` win over the editor's settings, which win over a
 * rule's default. The one place severities are applied, for model findings and baseline findings.
 */
export function severitySettings(manifest: Manifest | undefined, editor?: Record<string, SeveritySetting>): Map<string, SeveritySetting> {
  // Rules that are off by default (spec-missing) stay off until a setting names them.
  const settings = new Map<string, SeveritySetting>(RULE_CATALOGUE.filter((r) => r.defaultSeverity === 'off').map((r) => [r.id, 'off']));
  for (const [id, setting] of Object.entries(editor ?? {})) settings.set(id, setting);
  for (const [id, setting] of manifest?.rules ?? []) settings.set(id, setting.value);
  return settings;
}

/** `off` drops a diagnostic, any other setting replaces its severity. */
export function applySeverity(diagnostics: Diagnostic[], settings: ReadonlyMap<string, SeveritySetting>): Diagnostic[] {
  if (settings.size === 0) return diagnostics;
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const setting = settings.get(d.rule);
    if (setting === 'off') continue;
    out.push(setting ? { ...d, severity: setting } : d);
  }
  return out;
}

/** Manifest `rules:` entries naming no known rule, with a "did you mean" where one is close. */
export function unknownRuleIds(manifest: Manifest, known: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  const ids = new Set(known);
  for (const [id, setting] of manifest.rules) {
    if (ids.has(id)) continue;
    const suggestion = closest(id, [...known]);
    findings.push({
      message: `Unknown rule id '${id}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
      location: setting.range,
      data: suggestion ? { suggestion } : undefined,
    });
  }
  return findings;
}

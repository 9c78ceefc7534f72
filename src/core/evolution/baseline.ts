/**
 * Comparing a model with a published baseline (e.g. the model at `main`): published versions are
 * immutable, published events and versions are never removed, and new versions must be
 * compatible with the published ones. Pure: both models are given; reading the baseline (git) is
 * the caller's job.
 */
import type { Diagnostic, Severity, SourceRange } from '../diagnostic';
import { locatePointer } from '../model/locate';
import { effectiveSettings, type Model } from '../model/model';
import { rangeOf } from '../model/source';
import type { ContextDef, EventDef } from '../model/types';
import { compareSchemas } from '../compat';
import { INCOMPATIBLE_CHANGE, type HistoryEntry, checkHistory, modelResolver, versionedSchemas } from './history';

export const PUBLISHED_VERSION_MODIFIED = 'published-version-modified';
export const PUBLISHED_VERSION_REMOVED = 'published-version-removed';

/** The rules reported only against a baseline (documented in docs/compatibility.md). */
export const BASELINE_RULES: ReadonlyArray<{ id: string; defaultSeverity: Severity; doc: string }> = [
  { id: PUBLISHED_VERSION_MODIFIED, defaultSeverity: 'error', doc: 'A version that exists in the baseline has a different schema now; published versions are immutable.' },
  { id: PUBLISHED_VERSION_REMOVED, defaultSeverity: 'error', doc: 'An event or a version that exists in the baseline is gone.' },
];

/**
 * Findings of `current` against `baseline`: modified and removed published versions (errors),
 * and incompatible changes of versions that are new since the baseline, checked against the
 * published schemas (`incompatible-change`, warning). `label` names the baseline, e.g. `main`.
 */
export function compareWithBaseline(baseline: Model, current: Model, label: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = `published at ${label}`;
  for (const bctx of baseline.contexts) {
    const cctx = current.contexts.find((c) => c.name === bctx.name);
    for (const bevent of bctx.events) {
      if (bevent.versions.length === 0) continue;
      const cevent = cctx?.events.find((e) => e.name === bevent.name);
      if (!cevent) {
        const numbers = bevent.versions.map((v) => v.number);
        out.push({
          rule: PUBLISHED_VERSION_REMOVED,
          severity: 'error',
          message: `Event ${bctx.name}.${bevent.name} (${where}, version${numbers.length > 1 ? 's' : ''} ${numbers.join(', ')}) was removed. Published events are never removed: restore it, and mark versions \`deprecated: true\` instead.`,
          location: contextAnchor(current, cctx, bctx),
          data: { context: bctx.name, event: bevent.name, versions: numbers, baseline: label },
        });
        continue;
      }
      checkEvent(out, baseline, current, bctx.name, bevent, cevent, label);
    }
  }
  return out;
}

function checkEvent(out: Diagnostic[], baseline: Model, current: Model, ctxName: string, bevent: EventDef, cevent: EventDef, label: string): void {
  const where = `published at ${label}`;
  const published = new Set(bevent.versions.map((v) => v.number));
  for (const bv of bevent.versions) {
    const cv = cevent.versions.find((v) => v.number === bv.number);
    if (!cv) {
      out.push({
        rule: PUBLISHED_VERSION_REMOVED,
        severity: 'error',
        message: `${cevent.name} v${bv.number} (${where}) was removed. Published versions are never removed: restore it, and mark it \`deprecated: true\` instead.`,
        location: cevent.nameRange,
        data: { context: ctxName, event: cevent.name, version: bv.number, baseline: label },
      });
      continue;
    }
    if (!bv.schema && !cv.schema) continue;
    let location: SourceRange = cv.schema?.range ?? cv.numberRange;
    let detail: string;
    let types: string[] = [];
    if (!bv.schema || !cv.schema) {
      detail = bv.schema ? 'its schema was removed' : 'a schema was added to it';
    } else {
      const comparison = compareSchemas(bv.schema.value, cv.schema.value, {
        oldDocument: bv.schema.file,
        oldPointer: bv.schema.pointer,
        newDocument: cv.schema.file,
        newPointer: cv.schema.pointer,
        resolveOld: modelResolver(baseline),
        resolveNew: modelResolver(current),
      });
      if (comparison.changes.length === 0) continue;
      const first = comparison.changes[0];
      const file = current.files.get(first.newLocation.document);
      if (file) location = locatePointer(file, first.newLocation.pointer, true);
      types = comparison.changes.map((c) => c.type);
      const more = comparison.changes.length > 1 ? ` (and ${comparison.changes.length - 1} more change${comparison.changes.length > 2 ? 's' : ''})` : '';
      detail = `${first.detail}${more}`;
    }
    const next = Math.max(...cevent.versions.map((v) => v.number)) + 1;
    out.push({
      rule: PUBLISHED_VERSION_MODIFIED,
      severity: 'error',
      message: `${cevent.name} v${cv.number} differs from the version ${where}: ${detail}. Published versions are immutable: revert the change and add it as v${next}.`,
      location,
      data: { context: ctxName, event: cevent.name, version: cv.number, baseline: label, changes: types },
    });
  }

  // Versions new since the baseline are checked against the published schemas.
  const bVersions = versionedSchemas(bevent);
  const cVersions = versionedSchemas(cevent).filter((v) => !published.has(v.number));
  if (bVersions.length === 0 || cVersions.length === 0) return;
  const settings = effectiveSettings(current, cevent);
  const entries: HistoryEntry[] = [
    ...bVersions.map((v) => ({ number: v.number, source: v.schema, model: baseline, upcast: v.upcast, baseline: `published at ${label}` })),
    ...cVersions.map((v) => ({ number: v.number, source: v.schema, model: current, upcast: v.upcast })),
  ];
  const findings = checkHistory({
    eventLabel: cevent.name,
    entries,
    check: cVersions.map((_, i) => bVersions.length + i),
    mode: settings.compatibility,
    policy: settings.compatibilityPolicy,
    current,
  });
  for (const f of findings) {
    // Checks of a new version against another new one are the model rule's job.
    const olders = (f.data?.olderVersions as number[] | undefined) ?? [];
    if (!olders.some((n) => published.has(n))) continue;
    const d: Diagnostic = { rule: INCOMPATIBLE_CHANGE, severity: f.severity ?? 'warning', message: f.message, location: f.location };
    if (f.related) d.related = f.related;
    if (f.data) d.data = { ...f.data, baseline: label };
    out.push(d);
  }
}

/** Where to report something about a context that may no longer exist. */
function contextAnchor(current: Model, cctx: ContextDef | undefined, bctx: ContextDef): SourceRange {
  if (cctx) return cctx.nameRange;
  const file = current.files.get(bctx.file) ?? (current.manifest ? current.files.get(current.manifest.file) : undefined);
  if (file) return rangeOf(file, 0, 0);
  return current.manifest?.range ?? { file: bctx.file, startOffset: 0, endOffset: 0, start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

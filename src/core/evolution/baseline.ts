/**
 * Comparing a model with a published baseline (e.g. the model at `main`): published versions of
 * events and commands are immutable, never removed, keep their wire identity (CloudEvents type,
 * source, dataschema, channel), and new versions must be compatible with the published ones.
 * Pure: both models are given; reading the baseline (git) is the caller's job (src/node).
 */
import type { Diagnostic, Severity, SourceRange } from '../diagnostic';
import { locatePointer } from '../model/locate';
import { effectiveSettings, type Model } from '../model/model';
import { rangeOf } from '../model/source';
import type { ContextDef, MessageDef } from '../model/types';
import { wireIdentity, WIRE_ATTRIBUTES, type WireIdentity } from '../model/wire';
import { joinPointer } from '../model/yaml-nodes';
import { compareSchemas } from '../compat';
import { INCOMPATIBLE_CHANGE, type HistoryEntry, checkHistory, modelResolver, versionedSchemas } from './history';

export const PUBLISHED_VERSION_MODIFIED = 'published-version-modified';
export const PUBLISHED_VERSION_REMOVED = 'published-version-removed';
export const PUBLISHED_IDENTITY_CHANGED = 'published-identity-changed';

/** The rules reported only against a baseline (documented in docs/compatibility.md). */
export const BASELINE_RULES: ReadonlyArray<{ id: string; defaultSeverity: Severity; doc: string }> = [
  {
    id: PUBLISHED_VERSION_MODIFIED,
    defaultSeverity: 'error',
    doc: 'A version of an event or command that exists in the baseline has a different schema now; published versions are immutable.',
  },
  { id: PUBLISHED_VERSION_REMOVED, defaultSeverity: 'error', doc: 'An event, a command or a version that exists in the baseline is gone.' },
  {
    id: PUBLISHED_IDENTITY_CHANGED,
    defaultSeverity: 'error',
    doc: 'A published event version would go out under another CloudEvents type, source, dataschema or channel (namespace, versioning or channel changed); its consumers would miss it.',
  },
];

/**
 * Findings of `current` against `baseline`: modified and removed published versions (errors),
 * and incompatible changes of versions that are new since the baseline, checked against the
 * published schemas (`incompatible-change`, warning). `label` names the baseline, e.g. `main`.
 */
export function compareWithBaseline(baseline: Model, current: Model, label: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = `published at ${label}`;
  const identity = new IdentityChanges(baseline, current, label);
  for (const bctx of baseline.contexts) {
    const cctx = current.contexts.find((c) => c.name === bctx.name);
    for (const bevent of [...bctx.events, ...bctx.commands]) {
      if (bevent.versions.length === 0) continue;
      const cevent = (bevent.kind === 'event' ? cctx?.events : cctx?.commands)?.find((e) => e.name === bevent.name);
      if (!cevent) {
        const numbers = bevent.versions.map((v) => v.number);
        const kind = bevent.kind === 'event' ? 'Event' : 'Command';
        out.push({
          rule: PUBLISHED_VERSION_REMOVED,
          severity: 'error',
          message: `${kind} ${bctx.name}.${bevent.name} (${where}, version${numbers.length > 1 ? 's' : ''} ${numbers.join(', ')}) was removed. Published ${kind.toLowerCase()}s are never removed: restore it, and mark versions \`deprecated: true\` instead.`,
          location: contextAnchor(current, cctx, bctx),
          data: { context: bctx.name, [bevent.kind]: bevent.name, versions: numbers, baseline: label },
        });
        continue;
      }
      checkEvent(out, baseline, current, bctx.name, bevent, cevent, label);
      if (bevent.kind === 'event' && cevent.kind === 'event' && cctx) identity.compare(bevent, cevent, cctx);
    }
  }
  out.push(...identity.findings());
  return out;
}

type Cause = 'namespace' | 'versioning' | 'channel';

/**
 * Wire identities of published event versions, baseline against current, grouped by what changed
 * them: a namespace change is one finding at the manifest; a versioning or channel change one per event.
 */
class IdentityChanges {
  private readonly byCause = new Map<string, { cause: Cause; location: SourceRange; lines: string[]; event?: string }>();

  constructor(
    private readonly baseline: Model,
    private readonly current: Model,
    private readonly label: string,
  ) {}

  compare(bevent: MessageDef & { kind: 'event' }, cevent: MessageDef & { kind: 'event' }, cctx: ContextDef): void {
    for (const bv of bevent.versions) {
      const cv = cevent.versions.find((v) => v.number === bv.number);
      if (!cv) continue;
      const before = wireIdentity(this.baseline, bevent, bv);
      const after = wireIdentity(this.current, cevent, cv);
      const changed = WIRE_ATTRIBUTES.filter((a) => before[a] !== after[a]);
      if (changed.length === 0) continue;
      const cause = this.cause(before, after);
      const key = cause === 'namespace' ? cause : `${cause}|${cevent.name}`;
      let entry = this.byCause.get(key);
      if (!entry) {
        entry = { cause, location: this.where(cause, cevent, cv.number, cctx), lines: [], event: cause === 'namespace' ? undefined : cevent.name };
        this.byCause.set(key, entry);
      }
      const detail = changed.map((a) => `${a} ${show(before[a])} → ${show(after[a])}`).join(', ');
      entry.lines.push(`${cevent.name} v${bv.number}: ${detail}`);
    }
  }

  findings(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const { cause, location, lines, event } of this.byCause.values()) {
      const what = cause === 'namespace' ? 'The namespace' : cause === 'versioning' ? `The versioning strategy of ${event}` : `The channel of ${event}`;
      const shown = lines.slice(0, 3).join('; ') + (lines.length > 3 ? `; and ${lines.length - 3} more` : '');
      out.push({
        rule: PUBLISHED_IDENTITY_CHANGED,
        severity: 'error',
        message:
          `${what} changed since ${this.label}, so published versions would go out under another identity (${shown}). ` +
          `Consumers subscribed to the published identity would miss them: keep it, and publish the change as a new version (a new event for a namespace change).`,
        location,
        data: { cause, baseline: this.label, versions: lines.length },
      });
    }
    return out;
  }

  private cause(before: WireIdentity, after: WireIdentity): Cause {
    if (this.baseline.manifest?.namespace !== this.current.manifest?.namespace) return 'namespace';
    if (before.versioning !== after.versioning) return 'versioning';
    return 'channel';
  }

  /** The node that made the difference: the manifest's namespace, the nearest `versioning`, the event's or version's `channel`. */
  private where(cause: Cause, event: MessageDef & { kind: 'event' }, version: number, ctx: ContextDef): SourceRange {
    const manifest = this.current.manifest;
    const manifestFile = manifest ? this.current.files.get(manifest.file) : undefined;
    if (cause === 'namespace') return manifestFile ? locatePointer(manifestFile, '/namespace') : event.nameRange;
    if (cause === 'versioning') {
      const range = event.versioning?.range ?? ctx.versioning?.range;
      if (range) return range;
      return manifestFile ? locatePointer(manifestFile, '/defaults/versioning') : event.nameRange;
    }
    const file = this.current.files.get(ctx.file);
    if (!file) return event.nameRange;
    const own = joinPointer('', 'events', event.name, 'versions', String(version), 'channel');
    const hit = locatePointer(file, own);
    return hit.startOffset !== locatePointer(file, joinPointer('', 'events', event.name, 'versions', String(version))).startOffset
      ? hit
      : locatePointer(file, joinPointer('', 'events', event.name, 'channel'));
  }
}

function show(value: string | null): string {
  return value === null ? '(none)' : `'${value}'`;
}

function checkEvent(out: Diagnostic[], baseline: Model, current: Model, ctxName: string, bevent: MessageDef, cevent: MessageDef, label: string): void {
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
        data: { context: ctxName, [cevent.kind]: cevent.name, version: bv.number, baseline: label },
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
      data: { context: ctxName, [cevent.kind]: cevent.name, version: cv.number, baseline: label, changes: types },
    });
  }

  // Versions new since the baseline are checked against the published schemas.
  const bVersions = versionedSchemas(bevent);
  const cVersions = versionedSchemas(cevent).filter((v) => !published.has(v.number));
  if (bVersions.length === 0 || cVersions.length === 0) return;
  const settings = effectiveSettings(current, cevent);
  const entries: HistoryEntry[] = [
    ...bVersions.map((v) => ({
      number: v.number,
      source: v.schema,
      model: baseline,
      upcast: v.upcast,
      downcast: v.downcast,
      baseline: `published at ${label}`,
    })),
    ...cVersions.map((v) => ({ number: v.number, source: v.schema, model: current, upcast: v.upcast, downcast: v.downcast })),
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

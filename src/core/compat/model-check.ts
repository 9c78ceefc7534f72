/**
 * Compatibility of a model's event versions: each version is checked against the earlier ones
 * its mode requires (mode and policy from the event, else its context, else the manifest), and
 * every breaking change becomes a finding placed on the exact node of the newer version's schema
 * (inside an external `$ref` file when that is where the node is), with the older node as
 * related information. Pure: reads only the model.
 */
import type { RelatedInformation, Severity, SourceRange } from '../diagnostic';
import { locatePointer } from '../model/locate';
import { effectiveSettings, type Model } from '../model/model';
import { resolveInsideWorkspace } from '../model/paths';
import type { EventDef, EventVersion, SchemaSource } from '../model/types';
import { type ChangeType, type Policy, changeTypeInfo } from './changes';
import type { SchemaChange } from './diff';
import { checkCompatibility } from './index';
import { type Mode, brokenReaders, directions } from './modes';
import type { SchemaResolver } from './resolve';

export const INCOMPATIBLE_CHANGE = 'incompatible-change';

/** A finding of the compatibility check (the shape rules report). */
export interface CompatibilityFinding {
  message: string;
  location: SourceRange;
  related?: RelatedInformation[];
  data?: Record<string, unknown>;
  severity?: Severity;
}

/** Resolves `$ref`s between the model's files (workspace-relative paths, as the loader does). */
export function modelResolver(model: Model, touched?: unknown[], missed?: string[]): SchemaResolver {
  return (ref, fromDocument) => {
    let decoded = ref;
    try {
      decoded = decodeURI(ref);
    } catch {
      // keep as written
    }
    const target = resolveInsideWorkspace(fromDocument, decoded);
    if (!target) return undefined;
    const file = model.files.get(target);
    if (!file || file.value === undefined) {
      missed?.push(target);
      return undefined;
    }
    touched?.push(file.value);
    return { document: target, schema: file.value };
  };
}

/** One version in a history to check; versions may come from different models (a git baseline). */
export interface HistoryEntry {
  number: number;
  source: SchemaSource;
  /** The model the version (and the files its `$ref`s reach) belongs to. */
  model: Model;
  upcast: boolean;
  /** Set for versions read from a baseline, e.g. `published at main`. */
  baseline?: string;
}

export interface HistoryCheck {
  eventLabel: string;
  entries: HistoryEntry[];
  /** Indices (in `entries`) of the versions to check against their predecessors. */
  check: number[];
  mode: Mode;
  policy: Policy;
  /** The model whose files the findings point into. */
  current: Model;
  /** Dependencies touched by the check (schema values), for caching. */
  touched?: unknown[];
  /** Files the check looked for and did not find, for caching. */
  missed?: string[];
}

/** Checks versions of one event and returns one finding per breaking change and node. */
export function checkHistory(h: HistoryCheck): CompatibilityFinding[] {
  const findings: CompatibilityFinding[] = [];
  if (h.mode === 'NONE') return findings;
  for (const k of h.check) {
    const entries = h.entries.slice(0, k + 1);
    const newer = entries[k];
    const report = checkCompatibility(entries.map((e) => e.source.value), h.mode, h.policy, {
      documents: entries.map((e) => ({ document: e.source.file, pointer: e.source.pointer })),
      resolvers: entries.map((e) => modelResolver(e.model, h.touched, h.missed)),
    });
    // One finding per (node, change type), listing every older version it breaks.
    const groups = new Map<string, { change: SchemaChange; olders: HistoryEntry[]; oldChanges: SchemaChange[] }>();
    for (const pair of report.pairs) {
      for (const change of pair.changes) {
        if (change.compatible) continue;
        const key = `${change.newLocation.document}#${change.newLocation.pointer}#${change.type}`;
        const group = groups.get(key);
        const older = entries[pair.older];
        if (!group) groups.set(key, { change, olders: [older], oldChanges: [change] });
        else if (!group.olders.includes(older)) {
          group.olders.push(older);
          group.oldChanges.push(change);
        }
      }
    }
    for (const { change, olders, oldChanges } of groups.values()) {
      const location = locate(h.current, change.newLocation.document, change.newLocation.pointer) ?? newer.source.range;
      const related: RelatedInformation[] = [];
      olders.forEach((older, i) => {
        if (older.baseline) return; // its text is not the workspace's
        const at = locate(older.model, oldChanges[i].oldLocation.document, oldChanges[i].oldLocation.pointer);
        if (at) related.push({ location: at, message: `${h.eventLabel} v${older.number}: ${showPath(oldChanges[i].oldPath)}` });
      });
      const versions = olders.map((o) => `v${o.number}${o.baseline ? ` (${o.baseline})` : ''}`).join(', ');
      const finding: CompatibilityFinding = {
        message: newer.upcast
          ? `${h.eventLabel} v${newer.number}: ${change.detail}; not ${h.mode} compatible with ${versions}, handled by the upcaster (\`upcast: true\`).`
          : composeMessage(h.eventLabel, newer.number, versions, change, h.mode, h.policy),
        location,
        data: {
          event: h.eventLabel,
          version: newer.number,
          olderVersions: olders.map((o) => o.number),
          type: change.type,
          mode: h.mode,
          policy: h.policy,
          newPath: change.newPath,
          upcast: newer.upcast,
        },
      };
      if (related.length) finding.related = related;
      if (newer.upcast) finding.severity = 'info';
      findings.push(finding);
    }
  }
  return findings;
}

function composeMessage(event: string, version: number, versions: string, change: SchemaChange, mode: Mode, policy: Policy): string {
  const readers = brokenReaders(change, mode) ?? 'readers break';
  const why = changeTypeInfo(change.type).why;
  return `${event} v${version} is not ${mode} compatible (${policy} policy) with ${versions}: ${change.detail}. ` +
    `${capitalise(readers)}${why ? ` (${why})` : ''}. ${advice(change.type, policy, change, mode)}`;
}

function advice(type: ChangeType, policy: Policy, change: SchemaChange, mode: Mode): string {
  const generic = 'add a new version with `upcast: true` and an upcaster, or change the event\'s `compatibility` mode';
  if (type === 'REQUIRED_ATTRIBUTE_ADDED' || type === 'REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL' || type === 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL') {
    return `Give the property a \`default\` or keep it optional; or ${generic}.`;
  }
  const lenientHelps = policy === 'strict' && changeTypeInfo(type).lenient && (!directions(mode).forward || change.forward || !directions(mode).backward);
  if (lenientHelps) return `If producers never write undeclared properties, set \`compatibilityPolicy: lenient\`; otherwise ${generic}.`;
  if (changeTypeInfo(type).category === 'content-model' && !change.backward) {
    return `Declare the earlier versions closed (\`additionalProperties: false\`) before adding properties, or ${generic}.`;
  }
  return `To evolve it, ${generic}.`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function showPath(pointer: string): string {
  return pointer === '' ? 'the schema' : pointer;
}

function locate(model: Model, document: string, pointer: string): SourceRange | undefined {
  const file = model.files.get(document);
  return file ? locatePointer(file, pointer, true) : undefined;
}

/** The versions of an event that have a schema, in order. */
export function versionedSchemas(event: EventDef): Array<EventVersion & { schema: SchemaSource }> {
  return event.versions.filter((v): v is EventVersion & { schema: SchemaSource } => v.schema !== undefined);
}

interface CacheEntry {
  deps: unknown[];
  missed: string[];
  key: string;
  findings: CompatibilityFinding[];
}

/** Results per event, reused while every schema value they read is the same object. */
const cache = new Map<string, CacheEntry>();

/** Every compatibility finding of the model's event histories. */
export function modelCompatibility(model: Model): CompatibilityFinding[] {
  const out: CompatibilityFinding[] = [];
  for (const ctx of model.contexts) {
    for (const event of ctx.events) {
      const versions = versionedSchemas(event);
      if (versions.length < 2) continue;
      const settings = effectiveSettings(model, event);
      const label = `${ctx.name}.${event.name}`;
      const key = `${settings.compatibility}|${settings.compatibilityPolicy}|${versions.map((v) => `${v.number}:${v.upcast}`).join(',')}`;
      const cached = cache.get(label);
      if (cached && cached.key === key && depsUnchanged(model, cached.deps, versions) && cached.missed.every((f) => model.files.get(f)?.value === undefined)) {
        out.push(...cached.findings);
        continue;
      }
      const touched: unknown[] = [];
      const missed: string[] = [];
      const findings = checkHistory({
        eventLabel: event.name,
        entries: versions.map((v) => ({ number: v.number, source: v.schema, model, upcast: v.upcast })),
        check: versions.map((_, i) => i).slice(1),
        mode: settings.compatibility,
        policy: settings.compatibilityPolicy,
        current: model,
        touched,
        missed,
      });
      cache.set(label, { deps: [...versions.map((v) => v.schema.value), ...versions.map((v) => model.files.get(v.schema.file)), ...touched], missed, key, findings });
      out.push(...findings);
    }
  }
  return out;
}

function depsUnchanged(model: Model, deps: unknown[], versions: Array<{ schema: SchemaSource }>): boolean {
  const n = versions.length;
  for (let i = 0; i < n; i++) {
    if (deps[i] !== versions[i].schema.value) return false;
    if (deps[n + i] !== model.files.get(versions[i].schema.file)) return false;
  }
  // External documents: still the same parsed values in this model?
  const live = new Set<unknown>();
  for (const f of model.files.values()) live.add(f.value);
  for (let i = 2 * n; i < deps.length; i++) if (!live.has(deps[i])) return false;
  return true;
}

/**
 * Compatibility of the versions of one event or command: each version is checked against the earlier ones
 * its mode requires (mode and policy from the event, else its context, else the manifest), and
 * every breaking change becomes a finding placed on the exact node of the newer version's schema
 * (inside an external `$ref` file when that is where the node is), with the older node as
 * related information. Pure: reads only the model.
 */
import type { RelatedInformation, Severity, SourceRange } from '../diagnostic';
import { effectiveSettings, type Model } from '../model/model';
import { resolveInsideWorkspace } from '../model/paths';
import type { EventVersion, MessageDef, SchemaSource } from '../model/types';
import { type Policy, changeTypeInfo } from '../compat/changes';
import type { SchemaChange } from '../compat/diff';
import { type VersionSide, compareSides } from '../compat';
import { type Mode, directions, isTransitive } from '../compat/modes';
import type { SchemaResolver } from '../compat/resolve';
import { capitalise } from '../text';
import { YamlCursor, locate } from './yaml-cursor';

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
    const target = targetPath(ref, fromDocument);
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

/** document → reference → workspace path: pure string work, remembered (bounded). */
const targets = new Map<string, Map<string, string | null>>();
let targetCount = 0;

function targetPath(ref: string, fromDocument: string): string | undefined {
  let byRef = targets.get(fromDocument);
  const known = byRef?.get(ref);
  if (known !== undefined) return known ?? undefined;
  let decoded = ref;
  try {
    decoded = decodeURI(ref);
  } catch {
    // keep as written
  }
  const target = resolveInsideWorkspace(fromDocument, decoded);
  if (++targetCount > 10_000) {
    targets.clear();
    targetCount = 1;
    byRef = undefined;
  }
  if (!byRef) targets.set(fromDocument, (byRef = new Map()));
  byRef.set(ref, target ?? null);
  return target;
}

/** Each version as the engine reads it; one side resolves its `$ref`s once for all the pairs it takes part in. */
export function historySides(h: Pick<HistoryCheck, 'entries' | 'touched' | 'missed'>): VersionSide[] {
  return h.entries.map((e, i): VersionSide => ({
    value: e.source.value,
    document: e.source.file ?? `v${i + 1}`,
    pointer: e.source.pointer ?? '',
    resolve: modelResolver(e.model, h.touched, h.missed),
    cache: undefined,
  }));
}

/** One version in a history to check; versions may come from different models (a git baseline). */
export interface HistoryEntry {
  number: number;
  source: SchemaSource;
  /** The model the version (and the files its `$ref`s reach) belongs to. */
  model: Model;
  upcast: boolean;
  downcast: boolean;
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

/** One finding in the making: a change at one node, the older versions it breaks and in which direction. */
type Group = { change: SchemaChange; olders: HistoryEntry[]; oldChanges: SchemaChange[]; backward: boolean; forward: boolean };

/** The history check of one event (or command) of the model: every version against the ones its mode requires. */
export function eventHistory(model: Model, event: MessageDef, versions = versionedSchemas(event), settings = effectiveSettings(model, event)): HistoryCheck {
  return {
    eventLabel: event.name,
    entries: versions.map((v) => ({ number: v.number, source: v.schema, model, upcast: v.upcast, downcast: v.downcast })),
    check: versions.map((_, i) => i).slice(1),
    mode: settings.compatibility,
    policy: settings.compatibilityPolicy,
    current: model,
  };
}

/**
 * Checks versions of one event and returns one finding per breaking change and node. Readers
 * reach older data through upcasters and newer data through downcasters, so each direction is
 * checked only as far back as the data travels as it is (see {@link readPath}); breaks a
 * converter of the newer version itself covers are reported as info.
 */
export function checkHistory(h: HistoryCheck): CompatibilityFinding[] {
  const findings: CompatibilityFinding[] = [];
  if (h.mode === 'NONE') return findings;
  const { backward, forward } = directions(h.mode);
  const transitive = isTransitive(h.mode);
  const entries = h.entries;
  const sides = historySides(h);
  let cursor: YamlCursor | undefined;
  for (let c = 0; c < h.check.length; c++) {
    const k = h.check[c];
    const back = backward ? readPath(entries, k, transitive, 'upcast') : NO_PATH;
    const fwd = forward ? readPath(entries, k, transitive, 'downcast') : NO_PATH;
    // One finding per (node, change type), listing every older version it breaks.
    let broken: Map<string, Group> | undefined;
    let handled: Map<string, Group> | undefined;
    for (let o = 0; o < k; o++) {
      const b = back.checked.includes(o);
      const f = fwd.checked.includes(o);
      const hb = back.handled.includes(o);
      const hf = fwd.handled.includes(o);
      if (!b && !f && !hb && !hf) continue;
      const changes = compareSides(sides[o], sides[k], h.policy).changes;
      for (let i = 0; i < changes.length; i++) {
        const change = changes[i];
        const breaksBack = !change.backward;
        const breaksFwd = !change.forward;
        if ((b && breaksBack) || (f && breaksFwd)) broken = group(broken, change, entries[o], b && breaksBack, f && breaksFwd);
        if ((hb && breaksBack) || (hf && breaksFwd)) handled = group(handled, change, entries[o], hb && breaksBack, hf && breaksFwd);
      }
    }
    cursor ??= new YamlCursor();
    if (broken) report(h, entries[k], broken, findings, cursor, false);
    if (handled) {
      // A change still broken in the other direction is reported once, as broken.
      if (broken) for (const key of broken.keys()) handled.delete(key);
      report(h, entries[k], handled, findings, cursor, true);
    }
  }
  return findings;
}

/** Which older versions a newer one must be compatible with in one direction, and which breaks its own converter covers. */
interface ReadPath {
  checked: number[];
  handled: number[];
}

const NO_PATH: ReadPath = { checked: [], handled: [] };

/**
 * Data travels between versions one step at a time: as it is, or through the converter of that
 * step (`upcast` on version i translates i-1 → i for newer readers; `downcast` on version i
 * translates i → i-1 for older ones). So version k must read (or be read by) every version the
 * data reaches without conversion: back to the nearest earlier version with that converter
 * (transitive modes) or the previous one only. A converter on k itself covers the previous version.
 */
export function readPath(
  entries: readonly Pick<HistoryEntry, 'upcast' | 'downcast'>[],
  k: number,
  transitive: boolean,
  converter: 'upcast' | 'downcast',
): ReadPath {
  if (k === 0) return NO_PATH;
  if (entries[k][converter]) return { checked: [], handled: [k - 1] };
  if (!transitive) return { checked: [k - 1], handled: [] };
  let from = 0;
  for (let i = k - 1; i > 0; i--) {
    if (entries[i][converter]) {
      from = i;
      break;
    }
  }
  const checked: number[] = [];
  for (let i = from; i < k; i++) checked.push(i);
  return { checked, handled: [] };
}

function group(groups: Map<string, Group> | undefined, change: SchemaChange, older: HistoryEntry, backward: boolean, forward: boolean): Map<string, Group> {
  groups ??= new Map();
  const key = `${change.newLocation.document}#${change.newLocation.pointer}#${change.type}`;
  const found = groups.get(key);
  if (!found) groups.set(key, { change, olders: [older], oldChanges: [change], backward, forward });
  else {
    found.backward ||= backward;
    found.forward ||= forward;
    if (!found.olders.includes(older)) {
      found.olders.push(older);
      found.oldChanges.push(change);
    }
  }
  return groups;
}

function report(
  h: HistoryCheck,
  newer: HistoryEntry,
  groups: Map<string, Group>,
  findings: CompatibilityFinding[],
  cursor: YamlCursor,
  handled: boolean,
): void {
  for (const g of groups.values()) {
    const { change, olders, oldChanges } = g;
    const location = locate(h.current, change.newLocation.document, change.newLocation.pointer, cursor) ?? newer.source.range;
    const related: RelatedInformation[] = [];
    const numbers: number[] = [];
    let versions = '';
    for (let i = 0; i < olders.length; i++) {
      const older = olders[i];
      numbers.push(older.number);
      versions += `${i > 0 ? ', ' : ''}v${older.number}${older.baseline ? ` (${older.baseline})` : ''}`;
      if (older.baseline) continue; // its text is not the workspace's
      const at = locate(older.model, oldChanges[i].oldLocation.document, oldChanges[i].oldLocation.pointer, cursor);
      if (at) related.push({ location: at, message: `${h.eventLabel} v${older.number}: ${showPath(oldChanges[i].oldPath)}` });
    }
    const finding: CompatibilityFinding = {
      message: handled ? handledMessage(h, newer, g, versions) : composeMessage(h, newer, g, versions),
      location,
      data: {
        event: h.eventLabel,
        version: newer.number,
        olderVersions: numbers,
        type: change.type,
        mode: h.mode,
        policy: h.policy,
        newPath: change.newPath,
        upcast: newer.upcast,
        downcast: newer.downcast,
        directions: [...(g.backward ? ['backward'] : []), ...(g.forward ? ['forward'] : [])],
        handled,
      },
    };
    if (related.length) finding.related = related;
    if (handled) finding.severity = 'info';
    findings.push(finding);
  }
}

function handledMessage(h: HistoryCheck, newer: HistoryEntry, g: Group, versions: string): string {
  const by = [g.backward ? 'the upcaster (`upcast: true`)' : '', g.forward ? 'the downcaster (`downcast: true`)' : ''].filter(Boolean).join(' and ');
  return `${h.eventLabel} v${newer.number}: ${g.change.detail}; not ${h.mode} compatible with ${versions}, handled by ${by}.`;
}

function composeMessage(h: HistoryCheck, newer: HistoryEntry, g: Group, versions: string): string {
  const readers =
    g.backward && g.forward
      ? 'readers on either version reject data written with the other'
      : g.backward
        ? 'consumers using the new schema cannot read events written with the older one'
        : 'consumers still on the older schema cannot read events written with the new one';
  // The catalogue explains the break for new readers; for a break of old readers only, that explanation does not apply.
  const why = g.backward || g.change.backward ? changeTypeInfo(g.change.type).why : undefined;
  // Say what the existing converter does not cover, so `upcast: true` is not mistaken for a fix of old readers.
  const uncovered =
    g.forward && newer.upcast
      ? ' The upcaster only serves readers of the new version.'
      : g.backward && newer.downcast
        ? ' The downcaster only serves readers of older versions.'
        : '';
  return (
    `${h.eventLabel} v${newer.number} is not ${h.mode} compatible (${h.policy} policy) with ${versions}: ${g.change.detail}. ` +
    `${capitalise(readers)}${why ? ` (${why})` : ''}.${uncovered} ${advice(g, h.policy, newer.number)}`
  );
}

function advice(g: Group, policy: Policy, version: number): string {
  const type = g.change.type;
  const fixes = [
    g.backward ? `\`upcast: true\` on v${version} (an upcaster you implement)` : '',
    g.forward ? `\`downcast: true\` on v${version} (a downcaster you implement)` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const generic = `add ${fixes}, or change the \`compatibility\` mode`;
  if (
    g.backward &&
    (type === 'REQUIRED_ATTRIBUTE_ADDED' ||
      type === 'REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL' ||
      type === 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL')
  ) {
    return `Give the property a \`default\` or keep it optional; or ${generic}.`;
  }
  // Lenient accepts these changes for new readers only (it is about properties writers may add), so it helps only backward breaks.
  if (policy === 'strict' && changeTypeInfo(type).lenient && g.backward && !g.forward) {
    return `If producers never write undeclared properties, set \`compatibilityPolicy: lenient\`; otherwise ${generic}.`;
  }
  if (changeTypeInfo(type).category === 'content-model' && g.backward && !g.change.backward) {
    return `Declare the earlier versions closed (\`additionalProperties: false\`) before adding properties, or ${generic}.`;
  }
  return `To evolve it, ${generic}.`;
}

function showPath(pointer: string): string {
  return pointer === '' ? 'the schema' : pointer;
}

/** The versions of an event that have a schema, in order. */
export function versionedSchemas(event: MessageDef): Array<EventVersion & { schema: SchemaSource }> {
  const out: Array<EventVersion & { schema: SchemaSource }> = [];
  const versions = event.versions;
  for (let i = 0; i < versions.length; i++) {
    const v = versions[i];
    if (v.schema !== undefined) out.push(v as EventVersion & { schema: SchemaSource });
  }
  return out;
}

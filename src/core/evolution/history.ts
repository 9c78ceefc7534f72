/**
 * Compatibility of a model's event versions: each version is checked against the earlier ones
 * its mode requires (mode and policy from the event, else its context, else the manifest), and
 * every breaking change becomes a finding placed on the exact node of the newer version's schema
 * (inside an external `$ref` file when that is where the node is), with the older node as
 * related information. Pure: reads only the model.
 */
import { type Document, type Node, type Pair, type YAMLMap, isMap, isPair, isSeq } from 'yaml';
import type { RelatedInformation, Severity, SourceRange } from '../diagnostic';
import { locatePointer } from '../model/locate';
import { rangeOf } from '../model/source';
import { deref, getPair, keyText, nodeSpan } from '../model/yaml-nodes';
import { effectiveSettings, type Model } from '../model/model';
import { resolveInsideWorkspace } from '../model/paths';
import type { EventDef, EventVersion, SchemaSource } from '../model/types';
import { type ChangeType, type Policy, changeTypeInfo } from '../compat/changes';
import type { SchemaChange } from '../compat/diff';
import { type VersionSide, compareSides } from '../compat';
import { type Mode, brokenReaders, comparedVersions, directions } from '../compat/modes';
import type { SchemaResolver } from '../compat/resolve';
import { capitalise } from '../text';

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

type Group = { change: SchemaChange; olders: HistoryEntry[]; oldChanges: SchemaChange[] };

/** The history check of one event of the model: every version against the ones its mode requires. */
export function eventHistory(
  model: Model,
  event: EventDef,
  versions = versionedSchemas(event),
  settings = effectiveSettings(model, event),
): HistoryCheck {
  return {
    eventLabel: event.name,
    entries: versions.map((v) => ({ number: v.number, source: v.schema, model, upcast: v.upcast })),
    check: versions.map((_, i) => i).slice(1),
    mode: settings.compatibility,
    policy: settings.compatibilityPolicy,
    current: model,
  };
}

/** Checks versions of one event and returns one finding per breaking change and node. */
export function checkHistory(h: HistoryCheck): CompatibilityFinding[] {
  const findings: CompatibilityFinding[] = [];
  if (h.mode === 'NONE') return findings;
  const { backward, forward } = directions(h.mode);
  const entries = h.entries;
  // Each version resolves its `$ref`s once for all the pairs it takes part in.
  const sides = entries.map((e, i): VersionSide => ({
    value: e.source.value,
    document: e.source.file ?? `v${i + 1}`,
    pointer: e.source.pointer ?? '',
    resolve: modelResolver(e.model, h.touched, h.missed),
    cache: undefined,
  }));
  let cursor: YamlCursor | undefined;
  for (let c = 0; c < h.check.length; c++) {
    const k = h.check[c];
    // One finding per (node, change type), listing every older version it breaks.
    let groups: Map<string, Group> | undefined;
    const olderIndices = comparedVersions(k + 1, h.mode);
    for (let o = 0; o < olderIndices.length; o++) {
      const olderIndex = olderIndices[o];
      const changes = compareSides(sides[olderIndex], sides[k], h.policy).changes;
      for (let i = 0; i < changes.length; i++) {
        const change = changes[i];
        if ((!backward || change.backward) && (!forward || change.forward)) continue;
        groups = group(groups, change, entries[olderIndex]);
      }
    }
    if (groups) report(h, entries[k], groups, findings, (cursor ??= new YamlCursor()));
  }
  return findings;
}

function group(groups: Map<string, Group> | undefined, change: SchemaChange, older: HistoryEntry): Map<string, Group> {
  groups ??= new Map();
  const key = `${change.newLocation.document}#${change.newLocation.pointer}#${change.type}`;
  const found = groups.get(key);
  if (!found) groups.set(key, { change, olders: [older], oldChanges: [change] });
  else if (!found.olders.includes(older)) {
    found.olders.push(older);
    found.oldChanges.push(change);
  }
  return groups;
}

function report(h: HistoryCheck, newer: HistoryEntry, groups: Map<string, Group>, findings: CompatibilityFinding[], cursor: YamlCursor): void {
  for (const { change, olders, oldChanges } of groups.values()) {
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
      message: newer.upcast
        ? `${h.eventLabel} v${newer.number}: ${change.detail}; not ${h.mode} compatible with ${versions}, handled by the upcaster (\`upcast: true\`).`
        : composeMessage(h.eventLabel, newer.number, versions, change, h.mode, h.policy),
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
      },
    };
    if (related.length) finding.related = related;
    if (newer.upcast) finding.severity = 'info';
    findings.push(finding);
  }
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


function showPath(pointer: string): string {
  return pointer === '' ? 'the schema' : pointer;
}

function locate(model: Model, document: string, pointer: string, cursor: YamlCursor): SourceRange | undefined {
  const file = model.files.get(document);
  if (!file) return undefined;
  // `locatePointer(file, pointer, true)` without its per-segment unescaping and URI decoding,
  // which leave a pointer free of `~` and `%` unchanged.
  if (!file.doc || (pointer !== '' && pointer.charCodeAt(0) !== 47) || pointer.includes('~') || pointer.includes('%')) return locatePointer(file, pointer, true);
  const hit = cursor.walk(file.doc, pointer === '' ? [] : pointer.slice(1).split('/'));
  const span = (hit.complete && hit.pair ? nodeSpan(hit.pair.key) : undefined) ?? nodeSpan(hit.node) ?? [0, 0];
  return rangeOf(file, span[0], span[1]);
}

/**
 * `walkPointer(doc, doc.contents, segments)` of `../model/yaml-nodes` (same steps, same result),
 * looking keys up through {@link pairOf} and resuming from the steps it shares with the previous
 * walk in the same document (the locations of one finding share most of their path). Lives for
 * one history check, during which no document changes.
 */
class YamlCursor {
  private doc?: Document;
  private segments: string[] = [];
  /** State after each successful step of the previous walk (index 0: before any step). */
  private nodes: Array<Node | undefined> = [];
  private pairs: Array<Pair | undefined> = [];

  walk(doc: Document, segments: string[]): { node: Node | undefined; pair?: Pair; complete: boolean } {
    let from = 0;
    if (doc === this.doc) {
      const max = Math.min(segments.length, this.nodes.length - 1);
      while (from < max && segments[from] === this.segments[from]) from++;
    } else {
      this.doc = doc;
      this.nodes = [deref(doc, doc.contents) as Node | undefined];
      this.pairs = [undefined];
    }
    this.segments = segments;
    this.nodes.length = from + 1;
    this.pairs.length = from + 1;
    let node = this.nodes[from];
    let pair = this.pairs[from];
    for (let i = from; i < segments.length; i++) {
      const seg = segments[i];
      if (isMap(node)) {
        const p = pairOf(node, seg);
        if (!p) return { node, pair, complete: false };
        pair = p;
        node = deref(doc, p.value) as Node | undefined;
        if (!node) return { node: p.key as Node, pair, complete: i === segments.length - 1 };
      } else if (isSeq(node)) {
        const index = Number(seg);
        const item = Number.isInteger(index) ? node.items[index] : undefined;
        if (item === undefined) return { node, pair, complete: false };
        pair = undefined;
        node = deref(doc, item) as Node;
      } else {
        return { node, pair, complete: false };
      }
      this.nodes.push(node);
      this.pairs.push(pair);
    }
    return { node, pair, complete: true };
  }
}

/**
 * Key index of a YAML map that is looked up repeatedly (large maps at once, mid-sized ones from
 * their second visit), rebuilt if its items change; a number marks a first visit.
 */
const pairIndexes = new WeakMap<YAMLMap, { items: unknown[]; length: number; index: Map<string, Pair> } | number>();

/** `getPair(map, key)`: the first pair with that key; through an index for maps visited again. */
function pairOf(map: YAMLMap, key: string): Pair | undefined {
  const items = map.items as unknown[];
  let cached = pairIndexes.get(map);
  // Small maps are scanned; mid-sized ones indexed when visited again; large ones at once.
  if (items.length < 6 || (cached === undefined && items.length < 16)) {
    if (cached === undefined && items.length >= 6) pairIndexes.set(map, 1);
    return getPair(map, key);
  }
  if (cached === undefined || typeof cached === 'number' || cached.items !== items || cached.length !== items.length) {
    const index = new Map<string, Pair>();
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!isPair(item)) continue;
      const k = keyText(item);
      if (k !== undefined && !index.has(k)) index.set(k, item);
    }
    pairIndexes.set(map, (cached = { items, length: items.length, index }));
  }
  return cached.index.get(key);
}

/** The versions of an event that have a schema, in order. */
export function versionedSchemas(event: EventDef): Array<EventVersion & { schema: SchemaSource }> {
  const out: Array<EventVersion & { schema: SchemaSource }> = [];
  const versions = event.versions;
  for (let i = 0; i < versions.length; i++) {
    const v = versions[i];
    if (v.schema !== undefined) out.push(v as EventVersion & { schema: SchemaSource });
  }
  return out;
}

interface CacheEntry {
  /** Mode, policy, version numbers and upcast flags the findings were computed for. */
  mode: Mode;
  policy: Policy;
  numbers: number[];
  upcasts: boolean[];
  /** Each version's schema value and file, as read. */
  values: unknown[];
  files: unknown[];
  /** Parsed values of the external documents the check read. */
  touched: unknown[];
  /** Files the check looked for and did not find. */
  missed: string[];
  findings: CompatibilityFinding[];
}

/**
 * Results per event, reused while every schema value they read is the same object. Keyed by the
 * event's definition, which the workspace keeps for every file an edit did not touch (and which
 * goes away with its file).
 */
const cache = new WeakMap<EventDef, CacheEntry>();

/** Every compatibility finding of the model's event histories. */
export function modelCompatibility(model: Model): CompatibilityFinding[] {
  const out: CompatibilityFinding[] = [];
  /** Parsed values of every file of the model, built only if a cached check read an external document. */
  let live: Set<unknown> | undefined;
  const isLive = (value: unknown): boolean => {
    if (!live) {
      live = new Set();
      for (const f of model.files.values()) live.add(f.value);
    }
    return live.has(value);
  };
  for (const ctx of model.contexts) {
    for (const event of ctx.events) {
      const versions = versionedSchemas(event);
      if (versions.length < 2) continue;
      const settings = effectiveSettings(model, event);
      const cached = cache.get(event);
      if (cached && reusable(cached, model, versions, settings.compatibility, settings.compatibilityPolicy, isLive)) {
        for (let i = 0; i < cached.findings.length; i++) out.push(cached.findings[i]);
        continue;
      }
      const touched: unknown[] = [];
      const missed: string[] = [];
      const findings = checkHistory({ ...eventHistory(model, event, versions, settings), touched, missed });
      cache.set(event, {
        mode: settings.compatibility,
        policy: settings.compatibilityPolicy,
        numbers: versions.map((v) => v.number),
        upcasts: versions.map((v) => v.upcast),
        values: versions.map((v) => v.schema.value),
        files: versions.map((v) => model.files.get(v.schema.file)),
        touched,
        missed,
        findings,
      });
      for (let i = 0; i < findings.length; i++) out.push(findings[i]);
    }
  }
  return out;
}

/** Whether cached findings still hold: same settings and versions, and every value read unchanged. */
function reusable(
  c: CacheEntry,
  model: Model,
  versions: Array<EventVersion & { schema: SchemaSource }>,
  mode: Mode,
  policy: Policy,
  isLive: (value: unknown) => boolean,
): boolean {
  const n = versions.length;
  if (c.mode !== mode || c.policy !== policy || c.numbers.length !== n) return false;
  for (let i = 0; i < n; i++) {
    const v = versions[i];
    if (c.numbers[i] !== v.number || c.upcasts[i] !== v.upcast) return false;
    if (c.values[i] !== v.schema.value || c.files[i] !== model.files.get(v.schema.file)) return false;
  }
  // External documents: still the same parsed values in this model? Missing ones still missing?
  for (let i = 0; i < c.touched.length; i++) if (!isLive(c.touched[i])) return false;
  for (let i = 0; i < c.missed.length; i++) if (model.files.get(c.missed[i])?.value !== undefined) return false;
  return true;
}

/**
 * The `incompatible-change` findings of a whole model: every event's and command's history,
 * each reused from the previous run while nothing it read has changed (the workspace keeps the
 * definitions of files an edit did not touch, so their histories are not compared again).
 */
import { effectiveSettings, type Model } from '../model/model';
import type { ContextDef, EventVersion, MessageDef, SchemaSource } from '../model/types';
import type { Policy } from '../compat/changes';
import type { Mode } from '../compat/modes';
import { type DowncastRoute, downcastRoutes } from './downcast';
import { type CompatibilityFinding, checkHistory, eventHistory, historySides, versionedSchemas } from './history';

/** Events, then commands: both have versioned payloads checked by the same rules. */
export function messagesOf(ctx: ContextDef): MessageDef[] {
  return ctx.commands.length === 0 ? ctx.events : [...ctx.events, ...ctx.commands];
}

function converterKey(v: EventVersion): string {
  return `${v.upcast ? 'u' : ''}${v.downcast ? 'd' : ''}`;
}

interface Validity {
  /** Mode, policy, version numbers and converter flags the results were computed for. */
  mode: Mode;
  policy: Policy;
  numbers: number[];
  converters: string[];
  /** Each version's schema value and file, as read. */
  values: unknown[];
  files: unknown[];
  /** Parsed values of the external documents the check read. */
  touched: unknown[];
  /** Files the check looked for and did not find. */
  missed: string[];
}

interface CacheEntry extends Validity {
  findings: CompatibilityFinding[];
}

interface PinEntry extends Validity {
  routes: Map<number, DowncastRoute[]>;
}

/**
 * Results per event, reused while every schema value they read is the same object. Keyed by the
 * event's definition, which the workspace keeps for every file an edit did not touch (and which
 * goes away with its file).
 */
const cache = new WeakMap<MessageDef, CacheEntry>();
const pinCache = new WeakMap<MessageDef, PinEntry>();

/** The values of every file of a model, built on first use (cached checks that read external documents ask for it). */
function liveValues(model: Model): (value: unknown) => boolean {
  let live: Set<unknown> | undefined;
  return (value) => {
    if (!live) {
      live = new Set();
      for (const f of model.files.values()) live.add(f.value);
    }
    return live.has(value);
  };
}

function validity(
  model: Model,
  versions: Array<EventVersion & { schema: SchemaSource }>,
  mode: Mode,
  policy: Policy,
  touched: unknown[],
  missed: string[],
): Validity {
  return {
    mode,
    policy,
    numbers: versions.map((v) => v.number),
    converters: versions.map(converterKey),
    values: versions.map((v) => v.schema.value),
    files: versions.map((v) => model.files.get(v.schema.file)),
    touched,
    missed,
  };
}

/**
 * How each version newer than `pinned` reaches a consumer pinned to it (see {@link downcastRoutes}),
 * or undefined when the event has no such versions. Cached per event like the history check.
 */
export function pinnedRoutes(model: Model, event: MessageDef, pinned: number, isLive = liveValues(model)): DowncastRoute[] | undefined {
  const versions = versionedSchemas(event);
  const index = versions.findIndex((v) => v.number === pinned);
  if (index < 0 || index === versions.length - 1) return undefined;
  const settings = effectiveSettings(model, event);
  let entry = pinCache.get(event);
  if (!entry || !reusable(entry, model, versions, settings.compatibility, settings.compatibilityPolicy, isLive)) {
    entry = { ...validity(model, versions, settings.compatibility, settings.compatibilityPolicy, [], []), routes: new Map() };
    pinCache.set(event, entry);
  }
  let routes = entry.routes.get(pinned);
  if (!routes) {
    const h = eventHistory(model, event, versions, settings);
    const sides = historySides({ ...h, touched: entry.touched, missed: entry.missed });
    routes = downcastRoutes(h.entries, sides, index, settings.compatibilityPolicy);
    entry.routes.set(pinned, routes);
  }
  return routes;
}

/** Every compatibility finding of the model's event and command histories. */
export function modelCompatibility(model: Model): CompatibilityFinding[] {
  const out: CompatibilityFinding[] = [];
  const isLive = liveValues(model);
  for (const ctx of model.contexts) {
    for (const event of messagesOf(ctx)) {
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
      cache.set(event, { ...validity(model, versions, settings.compatibility, settings.compatibilityPolicy, touched, missed), findings });
      for (let i = 0; i < findings.length; i++) out.push(findings[i]);
    }
  }
  return out;
}

/** Whether cached findings still hold: same settings and versions, and every value read unchanged. */
function reusable(
  c: Validity,
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
    if (c.numbers[i] !== v.number || c.converters[i] !== converterKey(v)) return false;
    if (c.values[i] !== v.schema.value || c.files[i] !== model.files.get(v.schema.file)) return false;
  }
  // External documents: still the same parsed values in this model? Missing ones still missing?
  for (let i = 0; i < c.touched.length; i++) if (!isLive(c.touched[i])) return false;
  for (let i = 0; i < c.missed.length; i++) if (model.files.get(c.missed[i])?.value !== undefined) return false;
  return true;
}

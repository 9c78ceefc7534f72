import type { Model } from '../model/model';
import type { ContextDef, EventDef, PolicyDef, ReadModelDef, Reference, Relationship } from '../model/types';
import { RELATIONSHIP_PATTERNS } from '../model/types';
import type { MapEdge, MapEdgeItem, MapGraph, MapNode } from './types';

/** Context Mapper's abbreviations, and the side of the relationship each one describes. */
const PATTERN_NOTATION: Record<string, { short: string; side: 'upstream' | 'downstream' | 'both' }> = {
  'customer-supplier': { short: 'C/S', side: 'both' },
  'open-host-service': { short: 'OHS', side: 'upstream' },
  'published-language': { short: 'PL', side: 'upstream' },
  conformist: { short: 'CF', side: 'downstream' },
  'anticorruption-layer': { short: 'ACL', side: 'downstream' },
  partnership: { short: 'P', side: 'both' },
  'shared-kernel': { short: 'SK', side: 'both' },
  'separate-ways': { short: 'SW', side: 'both' },
};

const SYMMETRIC = new Set(['partnership', 'shared-kernel', 'separate-ways']);

export function contextNodeId(name: string): string {
  return `context:${name}`;
}

/** A unique, stable edge id for a kind and an ordered pair of node ids. */
export function edgeId(kind: string, source: string, target: string, extra?: string): string {
  return `${kind}:${JSON.stringify(extra === undefined ? [source, target] : [source, target, extra])}`;
}

/** The abbreviation of a pattern in Context Mapper's notation (unknown patterns as written). */
export function patternNotation(pattern: string): string {
  return PATTERN_NOTATION[pattern]?.short ?? pattern;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The first context of each name, in the model's (file path) order. */
function uniqueContexts(model: Model): ContextDef[] {
  const seen = new Set<string>();
  const out: ContextDef[] = [];
  for (const ctx of model.contexts) {
    if (seen.has(ctx.name)) continue;
    seen.add(ctx.name);
    out.push(ctx);
  }
  return out;
}

function contextNode(ctx: ContextDef): MapNode {
  const counts = {
    aggregates: ctx.aggregates.length,
    commands: ctx.commands.length,
    events: ctx.events.length,
    policies: ctx.policies.length,
    readModels: ctx.readModels.length,
  };
  const parts = [plural(counts.commands, 'command'), plural(counts.events, 'event'), plural(counts.policies, 'policy', 'policies')];
  if (counts.readModels > 0) parts.push(plural(counts.readModels, 'read model'));
  const detail: string[] = [];
  if (ctx.owner) detail.push(`owner: ${ctx.owner}`);
  detail.push(parts.join(' · '));
  const node: MapNode = { id: contextNodeId(ctx.name), kind: 'context', label: ctx.name, context: ctx.name, detail, range: ctx.nameRange, counts };
  if (ctx.owner) node.owner = ctx.owner;
  if (ctx.description) node.description = ctx.description;
  return node;
}

interface PendingRelationship {
  symmetric: boolean;
  /** Upstream (or, symmetric, the first by name). */
  a: string;
  b: string;
  patterns: Set<string>;
  declarations: Relationship[];
}

/**
 * Relationships normalised to (upstream, downstream) — or an unordered pair when symmetric —
 * with both contexts' declarations of one relationship merged into one edge.
 */
function relationshipEdges(contexts: ContextDef[], known: Set<string>): MapEdge[] {
  const pending = new Map<string, PendingRelationship>();
  for (const ctx of contexts) {
    for (const rel of ctx.relationships) {
      const other = rel.other?.name.value;
      if (!other || other === ctx.name || !known.has(other)) continue;
      const declaredSymmetric = rel.direction === 'partner';
      const patterns = rel.patterns.map((p) => p.value);
      // A symmetric pattern makes the relationship symmetric however it was declared.
      const symmetric = declaredSymmetric || (patterns.length > 0 && patterns.every((p) => SYMMETRIC.has(p)));
      let a: string;
      let b: string;
      if (symmetric) [a, b] = ctx.name < other ? [ctx.name, other] : [other, ctx.name];
      else [a, b] = rel.direction === 'upstream' ? [other, ctx.name] : [ctx.name, other];
      const key = JSON.stringify([symmetric, a, b]);
      const entry = pending.get(key) ?? { symmetric, a, b, patterns: new Set<string>(), declarations: [] };
      for (const p of patterns) entry.patterns.add(p);
      entry.declarations.push(rel);
      pending.set(key, entry);
    }
  }
  const edges: MapEdge[] = [];
  for (const r of pending.values()) {
    const order = (p: string) => {
      const i = (RELATIONSHIP_PATTERNS as readonly string[]).indexOf(p);
      return i < 0 ? RELATIONSHIP_PATTERNS.length : i;
    };
    const patterns = [...r.patterns].sort((x, y) => order(x) - order(y) || compareIds(x, y));
    const source = contextNodeId(r.a);
    const target = contextNodeId(r.b);
    const items: MapEdgeItem[] = r.declarations.map((d) => ({
      label: `${d.context}: ${d.direction} ${d.other!.name.value}${d.patterns.length ? ` [${d.patterns.map((p) => p.value).join(', ')}]` : ''}`,
      detail: `${d.context} declares ${d.other!.name.value} as its ${d.direction === 'partner' ? 'partner' : d.direction}${d.patterns.length ? ` (${d.patterns.map((p) => p.value).join(', ')})` : ''}.`,
      range: d.range,
    }));
    const edge: MapEdge = {
      id: edgeId('relationship', source, target),
      kind: 'relationship',
      source,
      target,
      label: '',
      range: items[0].range,
      items,
      patterns,
      symmetric: r.symmetric,
    };
    if (r.symmetric) {
      const notation = patterns.map(patternNotation).join(',') || 'P';
      edge.sourceLabel = notation;
      edge.targetLabel = notation;
      edge.label = `[${notation}]↔[${notation}]`;
    } else {
      const up = ['U'];
      const down = ['D'];
      for (const p of patterns) {
        if (p === 'customer-supplier') {
          up.push('S');
          down.push('C');
          continue;
        }
        const n = PATTERN_NOTATION[p];
        if (!n || n.side === 'both') continue;
        (n.side === 'upstream' ? up : down).push(n.short);
      }
      edge.sourceLabel = up.join(',');
      edge.targetLabel = down.join(',');
      edge.label = `[${edge.sourceLabel}]→[${edge.targetLabel}]`;
    }
    edges.push(edge);
  }
  return edges;
}

interface FlowItem {
  event: EventDef;
  version?: number;
  consumers: { def: PolicyDef | ReadModelDef; ref: Reference }[];
}

/** The version a consumer reads: pinned with `@N`, else none (it reads the latest). */
function describeConsumers(item: FlowItem): string {
  const who = item.consumers.map(({ def }) => `${def.kind === 'policy' ? 'policy' : 'read model'} ${def.name}`);
  const version = item.version !== undefined ? ` v${item.version}` : ` (latest, v${item.event.versions.at(-1)?.number ?? 1})`;
  return `${item.consumers[0].def.context}'s ${who.join(', ')} ${item.consumers.length > 1 ? 'read' : 'reads'} ${item.event.context}.${item.event.name}${version}.`;
}

/**
 * Event flows between contexts: for each (emitting context, consuming context) pair one edge,
 * carrying one item per event (and pinned version) read by the consumer's policies and read models.
 * Flows inside one context are not drawn on the context map (the flow view shows them).
 */
function eventFlowEdges(model: Model, contexts: ContextDef[], known: Set<string>): MapEdge[] {
  const pairs = new Map<string, { from: string; to: string; items: Map<string, FlowItem> }>();
  for (const ctx of contexts) {
    const consumers: { def: PolicyDef | ReadModelDef; refs: Reference[] }[] = [
      ...ctx.policies.map((p) => ({ def: p as PolicyDef | ReadModelDef, refs: p.when })),
      ...ctx.readModels.map((r) => ({ def: r as PolicyDef | ReadModelDef, refs: r.from })),
    ];
    for (const { def, refs } of consumers) {
      for (const ref of refs) {
        const event = resolvedEvent(model, ref);
        if (!event || event.context === ctx.name || !known.has(event.context)) continue;
        const pairKey = JSON.stringify([event.context, ctx.name]);
        const pair = pairs.get(pairKey) ?? { from: event.context, to: ctx.name, items: new Map<string, FlowItem>() };
        pairs.set(pairKey, pair);
        const version = ref.version?.value;
        const itemKey = JSON.stringify([event.name, version ?? null]);
        const item = pair.items.get(itemKey) ?? { event, version, consumers: [] };
        item.consumers.push({ def, ref });
        pair.items.set(itemKey, item);
      }
    }
  }
  const edges: MapEdge[] = [];
  for (const pair of pairs.values()) {
    const flows = [...pair.items.values()].sort((x, y) => compareIds(x.event.name, y.event.name) || (x.version ?? Infinity) - (y.version ?? Infinity));
    const items: MapEdgeItem[] = flows.map((f) => ({
      label: `${f.event.name}${f.version !== undefined ? `@${f.version}` : ''}`,
      detail: describeConsumers(f),
      range: f.consumers[0].ref.range,
    }));
    const source = contextNodeId(pair.from);
    const target = contextNodeId(pair.to);
    edges.push({
      id: edgeId('eventFlow', source, target),
      kind: 'eventFlow',
      source,
      target,
      label: items.map((i) => i.label).join(', '),
      range: items[0].range,
      items,
      events: flows.map((f) => `${f.event.context}.${f.event.name}${f.version !== undefined ? `@${f.version}` : ''}`),
    });
  }
  return edges;
}

function resolvedEvent(model: Model, ref: Reference): EventDef | undefined {
  const r = model.index.resolve(ref);
  // A pinned version that does not exist still names the event: the flow is real, the pin is
  // reported by `unknown-version`.
  const target = r.ok ? r.target : r.reason === 'unknown-version' ? r.target : undefined;
  return target?.kind === 'event' ? target : undefined;
}

/**
 * The context map: one node per bounded context (owner, counts), one edge per DDD relationship
 * (both declarations merged, labelled in Context Mapper's notation), one edge per pair of
 * contexts that events flow between (labelled with the events and the versions read).
 * Unresolved references are left out: the Problems panel reports them.
 */
export function buildContextMap(model: Model): MapGraph {
  const contexts = uniqueContexts(model);
  const known = new Set(contexts.map((c) => c.name));
  const nodes = contexts.map(contextNode).sort((a, b) => compareIds(a.id, b.id));
  const edges = [
    ...relationshipEdges(contexts, known).sort((a, b) => compareIds(a.id, b.id)),
    ...eventFlowEdges(model, contexts, known).sort((a, b) => compareIds(a.id, b.id)),
  ];
  const name = model.manifest?.model;
  return { view: 'context', title: name ? `Context map of ${name}` : 'Context map', nodes, edges, groups: [] };
}

/** Locale-independent ordering, so output does not depend on the machine. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

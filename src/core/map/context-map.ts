import type { Model } from '../model/model';
import type {
  ActorDef,
  AnyDefinition,
  CommandDef,
  ContextDef,
  EventDef,
  ExternalSystemDef,
  PolicyDef,
  ReadModelDef,
  Reference,
  Relationship,
} from '../model/types';
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

/** The id of a definition's node, e.g. `command:Ordering.PlaceOrder`, `actor:Ordering.Customer`. */
export function definitionNodeId(def: { kind: string; context: string; name: string }): string {
  return `${def.kind}:${def.context}.${def.name}`;
}

/** Tags and owners of a definition, copied onto its node when it has any. */
export function annotate(node: MapNode, def: { tags?: string[]; owners?: string[] }): MapNode {
  if (def.tags?.length) node.tags = [...def.tags];
  if (def.owners?.length) node.owners = [...def.owners];
  return node;
}

/** How the map names an actor or external system: `Actor Customer`, `External device Scanner`. */
export function senderName(def: ActorDef | ExternalSystemDef): string {
  return def.kind === 'actor' ? `Actor ${def.name}` : `External ${def.systemKind} ${def.name}`;
}

/** The node of an actor or external system (the same in both views). */
export function outsideNode(def: ActorDef | ExternalSystemDef): MapNode {
  const node: MapNode = { id: definitionNodeId(def), kind: def.kind, label: def.name, context: def.context, detail: [], range: def.nameRange };
  if (def.kind === 'externalSystem') node.systemKind = def.systemKind;
  if (def.description) node.description = def.description;
  return annotate(node, def);
}

/** The definition a reference names, also when only its pinned version is wrong (`unknown-version` reports that). */
export function resolvedTarget(model: Model, ref: Reference): AnyDefinition | undefined {
  const r = model.index.resolve(ref);
  return r.ok ? r.target : r.reason === 'unknown-version' ? r.target : undefined;
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
  return annotate(node, ctx);
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
    const items: MapEdgeItem[] = r.declarations.map(declarationItem);
    const labels = [...new Set(r.declarations.map((d) => d.label?.trim()).filter((l): l is string => !!l))];
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
    if (labels.length) edge.relationshipLabels = labels;
    let notation = '';
    if (r.symmetric) {
      const ends = patterns.map(patternNotation).join(',') || 'P';
      edge.sourceLabel = ends;
      edge.targetLabel = ends;
      notation = `[${ends}]↔[${ends}]`;
    } else if (patterns.length > 0) {
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
      notation = `[${edge.sourceLabel}]→[${edge.targetLabel}]`;
    }
    // No pattern and not symmetric: a plain dependency, drawn without Context Mapper's ends.
    edge.label = [notation, labels.join('; ')].filter((t) => t !== '').join(' · ');
    edges.push(edge);
  }
  return edges;
}

/** One declaration of a relationship, as its edge's hover lists it (patterns, label, description). */
function declarationItem(d: Relationship): MapEdgeItem {
  const other = d.other!.name.value;
  const patterns = d.patterns.map((p) => p.value);
  const label = d.label?.trim();
  const side = d.direction === 'partner' ? 'partner' : d.direction;
  let detail = `${d.context} declares ${other} as its ${side}${patterns.length ? ` (${patterns.join(', ')})` : d.direction === 'partner' ? '' : ', a plain dependency'}`;
  detail += label ? `: “${label}”.` : '.';
  if (d.description) detail += ` ${d.description}`;
  return {
    label: `${d.context}: ${d.direction} ${other}${patterns.length ? ` [${patterns.join(', ')}]` : ''}${label ? ` “${label}”` : ''}`,
    detail,
    range: d.range,
  };
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
  // A pinned version that does not exist still names the event: the flow is real, the pin is
  // reported by `unknown-version`.
  const target = resolvedTarget(model, ref);
  return target?.kind === 'event' ? target : undefined;
}

/**
 * Edges of actors and external systems: one `sends` edge to each context whose commands they
 * send (one item per command), one `emits` edge from an external system to each context whose
 * events it is the source of (one item per event).
 */
function outsideEdges(model: Model, senders: (ActorDef | ExternalSystemDef)[], known: Set<string>): MapEdge[] {
  const edges: MapEdge[] = [];
  for (const def of senders) {
    const source = definitionNodeId(def);
    const lists: { kind: 'sends' | 'emits'; refs: Reference[] }[] = [{ kind: 'sends', refs: def.sends }];
    if (def.kind === 'externalSystem') lists.push({ kind: 'emits', refs: def.emits });
    for (const { kind, refs } of lists) {
      const byContext = new Map<string, { target: CommandDef | EventDef; ref: Reference }[]>();
      for (const ref of refs) {
        const target = resolvedTarget(model, ref);
        if (!target || target.kind !== (kind === 'sends' ? 'command' : 'event') || !known.has((target as CommandDef | EventDef).context)) continue;
        const t = target as CommandDef | EventDef;
        const list = byContext.get(t.context) ?? [];
        // The same command listed twice (`[A, A@2]`) is one item.
        if (!list.some((x) => x.target === t)) list.push({ target: t, ref });
        byContext.set(t.context, list);
      }
      for (const [ctx, list] of byContext) {
        list.sort((x, y) => compareIds(x.target.name, y.target.name));
        const items: MapEdgeItem[] = list.map(({ target, ref }) => ({
          label: target.name,
          detail:
            kind === 'sends'
              ? `${senderName(def)} (${def.context}) sends ${target.context}.${target.name}.`
              : `${senderName(def)} (${def.context}) is the source of ${target.context}.${target.name}.`,
          range: ref.range,
        }));
        const target = contextNodeId(ctx);
        const qualified = list.map((x) => `${x.target.context}.${x.target.name}`);
        edges.push({
          id: edgeId(kind, source, target),
          kind,
          source,
          target,
          label: items.map((i) => i.label).join(', '),
          range: items[0].range,
          items,
          ...(kind === 'sends' ? { commands: qualified } : { events: qualified }),
        });
      }
    }
  }
  return edges;
}

/**
 * The context map: one node per bounded context (owner, counts), one edge per DDD relationship
 * (both declarations merged, labelled in Context Mapper's notation and with their `label`; a
 * plain dependency when no pattern is given), one edge per pair of contexts that events flow
 * between (labelled with the events and the versions read). Actors and external systems are
 * nodes of their own, with edges to the contexts whose commands they send and, for external
 * systems, to the contexts whose events they are the source of.
 * Unresolved references are left out: the Problems panel reports them.
 */
export function buildContextMap(model: Model): MapGraph {
  const contexts = uniqueContexts(model);
  const known = new Set(contexts.map((c) => c.name));
  const byId = (a: { id: string }, b: { id: string }) => compareIds(a.id, b.id);
  const actors = contexts
    .flatMap((c) => c.actors)
    .map(outsideNode)
    .sort(byId);
  const systems = contexts
    .flatMap((c) => c.externalSystems)
    .map(outsideNode)
    .sort(byId);
  // Two definitions of one name in a context (reported by `duplicate-name`) are drawn once.
  const nodes = dedupe([...contexts.map(contextNode).sort(byId), ...actors, ...systems]);
  const drawn = new Set(nodes.map((n) => n.id));
  const senders = contexts
    .flatMap((c) => [...c.actors, ...c.externalSystems])
    .filter((d) => {
      const id = definitionNodeId(d);
      return drawn.delete(id);
    });
  const edges = [
    ...relationshipEdges(contexts, known).sort(byId),
    ...eventFlowEdges(model, contexts, known).sort(byId),
    ...outsideEdges(model, senders, known).sort(byId),
  ];
  const name = model.manifest?.model;
  return { view: 'context', title: name ? `Context map of ${name}` : 'Context map', nodes, edges, groups: [] };
}

function dedupe(nodes: MapNode[]): MapNode[] {
  const seen = new Set<string>();
  return nodes.filter((n) => !seen.has(n.id) && (seen.add(n.id), true));
}

/** Locale-independent ordering, so output does not depend on the machine. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

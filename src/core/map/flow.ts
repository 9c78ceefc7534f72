import type { Model } from '../model/model';
import type { ActorDef, CommandDef, EventDef, ExternalSystemDef, PolicyDef, ReadModelDef, Reference, SpecDef } from '../model/types';
import { closest } from '../text';
import { annotate, compareIds, definitionNodeId, edgeId, outsideNode, resolvedTarget, senderName } from './context-map';
import type { MapEdge, MapEdgeKind, MapGraph, MapGroup, MapNode } from './types';

export interface FlowOptions {
  /** Draw the read models fed by the flow's events as leaves (default true). */
  includeReadModels?: boolean;
}

export type CommandLookup = { ok: true; command: CommandDef } | { ok: false; message: string; candidates: string[] };

/** Every command of the model as `Context.Name`, sorted. */
export function commandNames(model: Model): string[] {
  const out: string[] = [];
  for (const ctx of model.contexts) for (const c of ctx.commands) out.push(`${ctx.name}.${c.name}`);
  return [...new Set(out)].sort(compareIds);
}

/**
 * Finds a command by `Name` (when unique in the model) or `Context.Name`. The message of a
 * failed lookup is written for the user (unknown name with a suggestion, or ambiguous name).
 */
export function findCommand(model: Model, name: string): CommandLookup {
  const all = commandNames(model);
  const dot = name.indexOf('.');
  if (dot > 0) {
    const ctx = name.slice(0, dot);
    const cmd = name.slice(dot + 1);
    const found = model.index.find('command', ctx, cmd);
    if (found) return { ok: true, command: found };
  }
  const matches: CommandDef[] = [];
  for (const ctx of model.contexts) for (const c of ctx.commands) if (c.name === name) matches.push(c);
  const unique = [...new Map(matches.map((c) => [`${c.context}.${c.name}`, c])).values()];
  if (unique.length === 1) return { ok: true, command: unique[0] };
  if (unique.length > 1) {
    const names = unique.map((c) => `${c.context}.${c.name}`).sort(compareIds);
    return { ok: false, message: `Command '${name}' exists in several contexts; write one of: ${names.join(', ')}.`, candidates: names };
  }
  const suggestion =
    closest(name, all) ??
    closest(
      name,
      all.map((n) => n.slice(n.indexOf('.') + 1)),
    );
  return {
    ok: false,
    message: `Unknown command '${name}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''}${all.length ? '' : ' The model defines no command.'}`,
    candidates: all,
  };
}

export { definitionNodeId };

type FlowDef = CommandDef | EventDef | PolicyDef | ReadModelDef;

function resolveTo<K extends FlowDef['kind']>(model: Model, ref: Reference | undefined, kind: K): Extract<FlowDef, { kind: K }> | undefined {
  if (!ref) return undefined;
  const target = resolvedTarget(model, ref);
  return target?.kind === kind ? (target as Extract<FlowDef, { kind: K }>) : undefined;
}

function nodeOf(def: FlowDef, specs: readonly SpecDef[]): MapNode {
  const detail: string[] = [];
  switch (def.kind) {
    case 'command':
      if (def.aggregate) detail.push(`on ${def.aggregate.name.value}`);
      break;
    case 'event': {
      const versions = def.versions.map((v) => v.number);
      if (versions.length > 1) detail.push(`versions ${versions.join(', ')}`);
      else if (versions.length === 1 && versions[0] !== 1) detail.push(`version ${versions[0]}`);
      break;
    }
    case 'policy': {
      const mode = def.delivery?.mode?.value;
      if (mode)
        detail.push(
          `${mode}${def.delivery?.retry?.maxAttempts ? `, retry ×${def.delivery.retry.maxAttempts}` : ''}${def.delivery?.deadLetter ? ', dead letter' : ''}`,
        );
      if (!def.issue) detail.push('notifies: issues no command');
      break;
    }
    case 'readModel':
      if (def.key) detail.push(`key: ${def.key.value}`);
      if (def.queries.length) detail.push(`${def.queries.length === 1 ? 'query' : 'queries'}: ${def.queries.map((q) => q.name).join(', ')}`);
      break;
  }
  const node: MapNode = { id: definitionNodeId(def), kind: def.kind, label: def.name, context: def.context, detail, range: def.nameRange };
  if (def.description) node.description = def.description;
  if (def.kind === 'event') node.versions = def.versions.map((v) => v.number);
  if (def.kind === 'policy' && !def.issue) node.terminal = true;
  // The flow view shows each step's specification by example (Given/When/Then) by name.
  if (specs.length) {
    node.specs = specs.map((s) => s.name);
    detail.push(`${specs.length === 1 ? 'spec' : 'specs'}: ${specs.length}`);
  }
  return annotate(node, def);
}

/**
 * The flow of one command across contexts: command → events it may emit (several are
 * alternative outcomes, drawn as branches) → policies reacting to each event → the commands
 * they issue → … Each definition appears once; an edge back to a definition already on the
 * path is drawn once and marked `back` (a cycle), and the walk does not continue through it.
 * A policy that issues no command ends its branch (a notification).
 * Who starts each step is shown too: the actors and external systems that send a command of
 * the flow, the external systems that are the source of one of its events, and the policies
 * that issue the command the flow starts from. Contexts become swimlanes (groups), in order of
 * first appearance.
 */
export function buildFlow(model: Model, start: CommandDef, options: FlowOptions = {}): MapGraph {
  const includeReadModels = options.includeReadModels ?? true;
  const nodes = new Map<string, MapNode>();
  const edges = new Map<string, MapEdge>();
  const onPath = new Set<string>();

  const addEdge = (kind: MapEdgeKind, from: string, to: string, ref: Reference, detail: string, extra: Partial<MapEdge> = {}): void => {
    const id = edgeId(kind, from, to);
    if (edges.has(id)) return;
    const label = ref.version ? `@${ref.version.value}` : '';
    edges.set(id, { id, kind, source: from, target: to, label, range: ref.range, items: [{ label, detail, range: ref.range }], ...extra });
  };

  /** Actors and external systems that send the command, or external systems that are the source of the event: drawn before it. */
  const addOrigins = (def: CommandDef | EventDef, id: string): void => {
    const origins: { def: ActorDef | ExternalSystemDef; ref: Reference }[] = [];
    const refsOf = (o: ActorDef | ExternalSystemDef) => (def.kind === 'command' ? o.sends : o.kind === 'externalSystem' ? o.emits : []);
    const candidates = def.kind === 'command' ? model.index.sendersOf(def) : model.index.sourcesOf(def);
    for (const o of candidates) {
      if (o.kind !== 'actor' && o.kind !== 'externalSystem') continue;
      const ref = refsOf(o).find((r) => resolvedTarget(model, r) === def);
      if (ref && !origins.some((x) => x.def === o)) origins.push({ def: o, ref });
    }
    for (const { def: o, ref } of origins) {
      const originId = definitionNodeId(o);
      if (!nodes.has(originId)) nodes.set(originId, outsideNode(o));
      const detail =
        def.kind === 'command' ? `${senderName(o)} sends ${def.context}.${def.name}.` : `${senderName(o)} is the source of ${def.context}.${def.name}.`;
      addEdge(def.kind === 'command' ? 'sends' : 'emits', originId, id, ref, detail);
    }
  };

  // Depth-first, children in the order written, so the result is deterministic.
  const visit = (def: FlowDef): void => {
    const id = definitionNodeId(def);
    if (def.kind === 'command' || def.kind === 'event') addOrigins(def, id);
    nodes.set(id, nodeOf(def, model.index.specsOf(def)));
    onPath.add(id);
    for (const next of successors(def)) {
      const targetId = definitionNodeId(next.def);
      const back = onPath.has(targetId);
      addEdge(next.kind, id, targetId, next.ref, next.detail, { ...(back ? { back: true } : {}), ...(next.alternative ? { alternative: true } : {}) });
      if (!nodes.has(targetId)) visit(next.def);
    }
    onPath.delete(id);
  };

  interface Step {
    kind: MapEdgeKind;
    def: FlowDef;
    ref: Reference;
    detail: string;
    alternative?: boolean;
  }
  const successors = (def: FlowDef): Step[] => {
    const out: Step[] = [];
    switch (def.kind) {
      case 'command': {
        const events = def.emits.map((ref) => ({ ref, event: resolveTo(model, ref, 'event') })).filter((e) => e.event !== undefined);
        const distinct = new Set(events.map((e) => definitionNodeId(e.event!))).size;
        events.forEach(({ ref, event }, i) => {
          out.push({
            kind: 'emits',
            def: event!,
            ref,
            detail: distinct > 1 ? `${def.name} emits ${event!.name} (outcome ${i + 1} of ${distinct}).` : `${def.name} emits ${event!.name}.`,
            alternative: distinct > 1,
          });
        });
        break;
      }
      case 'event': {
        const consumers = model.index.consumersOf(def);
        for (const consumer of consumers) {
          if (consumer.kind === 'readModel' && !includeReadModels) continue;
          const refs = consumer.kind === 'policy' ? consumer.when : consumer.from;
          const ref = refs.find((r) => resolveTo(model, r, 'event') === def);
          if (!ref) continue;
          const version = ref.version ? ` v${ref.version.value}` : '';
          out.push({
            kind: consumer.kind === 'policy' ? 'triggers' : 'feeds',
            def: consumer,
            ref,
            detail:
              consumer.kind === 'policy'
                ? `${def.name}${version} triggers policy ${consumer.name}.`
                : `${def.name}${version} feeds read model ${consumer.name}.`,
          });
        }
        // Policies first, then read models; each group in model order.
        out.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'triggers' ? -1 : 1));
        break;
      }
      case 'policy': {
        const command = resolveTo(model, def.issue, 'command');
        if (command && def.issue)
          out.push({ kind: 'issues', def: command, ref: def.issue, detail: `Policy ${def.name} issues ${command.context}.${command.name}.` });
        break;
      }
      case 'readModel':
        break;
    }
    return out;
  };

  visit(start);

  // Policies that issue the command the flow starts from (the rest of their path is another flow).
  const rootId = definitionNodeId(start);
  for (const sender of model.index.sendersOf(start)) {
    if (sender.kind !== 'policy' || !sender.issue || resolveTo(model, sender.issue, 'command') !== start) continue;
    const id = definitionNodeId(sender);
    if (nodes.has(id)) continue;
    nodes.set(id, nodeOf(sender, model.index.specsOf(sender)));
    addEdge('issues', id, rootId, sender.issue, `Policy ${sender.name} issues ${start.context}.${start.name}.`);
  }

  const groups = new Map<string, MapGroup>();
  for (const node of nodes.values()) {
    let group = groups.get(node.context);
    if (!group) {
      const ctx = model.index.context(node.context);
      group = { id: `lane:${node.context}`, label: node.context, context: node.context, range: ctx ? ctx.nameRange : node.range, nodeIds: [] };
      groups.set(node.context, group);
    }
    group.nodeIds.push(node.id);
  }
  return {
    view: 'flow',
    title: `Flow of ${start.context}.${start.name}`,
    root: rootId,
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    groups: [...groups.values()],
  };
}

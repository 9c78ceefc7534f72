import type { Model } from '../model/model';
import type { AnyDefinition, CommandDef, EventDef, PolicyDef, ReadModelDef, Reference } from '../model/types';
import { closest } from '../text';
import { compareIds, edgeId } from './context-map';
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

export function definitionNodeId(def: { kind: string; context: string; name: string }): string {
  return `${def.kind}:${def.context}.${def.name}`;
}

type FlowDef = CommandDef | EventDef | PolicyDef | ReadModelDef;

function resolveTo<K extends FlowDef['kind']>(model: Model, ref: Reference | undefined, kind: K): Extract<FlowDef, { kind: K }> | undefined {
  if (!ref) return undefined;
  const r = model.index.resolve(ref);
  const target: AnyDefinition | undefined = r.ok ? r.target : r.reason === 'unknown-version' ? r.target : undefined;
  return target?.kind === kind ? (target as Extract<FlowDef, { kind: K }>) : undefined;
}

function nodeOf(def: FlowDef): MapNode {
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
      break;
    }
    case 'readModel':
      break;
  }
  const node: MapNode = { id: definitionNodeId(def), kind: def.kind, label: def.name, context: def.context, detail, range: def.nameRange };
  if (def.description) node.description = def.description;
  if (def.kind === 'event') node.versions = def.versions.map((v) => v.number);
  return node;
}

/**
 * The flow of one command across contexts: command → events it may emit (several are
 * alternative outcomes, drawn as branches) → policies reacting to each event → the commands
 * they issue → … Each definition appears once; an edge back to a definition already on the
 * path is drawn once and marked `back` (a cycle), and the walk does not continue through it.
 * Contexts become swimlanes (groups), in order of first appearance.
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

  // Depth-first, children in the order written, so the result is deterministic.
  const visit = (def: FlowDef): void => {
    const id = definitionNodeId(def);
    nodes.set(id, nodeOf(def));
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
    root: definitionNodeId(start),
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    groups: [...groups.values()],
  };
}

import type { Model } from '../model/model';
import { targetContextName } from '../model/model-index';
import type { CommandDef, ContextDef, EventDef, PolicyDef } from '../model/types';
import type { Report, Rule } from './rule';

/** What one context's policies add to the command graph: each policy, its command, and the commands that emit its events. */
interface PolicyEdges {
  policy: PolicyDef;
  issued: CommandDef;
  /** For each `when` in order, every command emitting that event (model order). */
  emitters: CommandDef[];
}

/**
 * Builds the command graph C1 → C2 when C1 emits an event that a policy turns into C2, and reports
 * each cycle once (at the policy that closes it), with the other policies of the loop as related.
 * Each context contributes the edges of its policies (reused until a context they read changes);
 * the cycle search runs over the combined edges.
 */
export const policyCycle: Rule = {
  id: 'policy-cycle',
  defaultSeverity: 'warning',
  doc: "Policies form a loop (a command's event leads, through policies, back to the same command): an infinite message cycle.",
  scope: 'model',
  summarize(_file, ctx, model) {
    return ctx && ctx.policies.length > 0 ? policyEdges(ctx, model) : undefined;
  },
  checkSummaries(summaries, report) {
    findCycles(summaries as PolicyEdges[][], report);
  },
};

function policyEdges(ctx: ContextDef, model: Model): PolicyEdges[] {
  const { index } = model;
  const out: PolicyEdges[] = [];
  const emittersByContext = new Map<string, Map<EventDef, CommandDef[]>>();
  for (const policy of ctx.policies) {
    if (!policy.issue) continue;
    const issued = index.resolve(policy.issue);
    if (!issued.ok || issued.target.kind !== 'command') continue;
    const emitters: CommandDef[] = [];
    for (const when of policy.when) {
      const ev = index.resolve(when);
      if (!ev.ok || ev.target.kind !== 'event') continue;
      const name = targetContextName(when);
      let byEvent = emittersByContext.get(name);
      if (!byEvent) emittersByContext.set(name, (byEvent = emittersInto(name, model)));
      for (const emitter of byEvent.get(ev.target) ?? []) emitters.push(emitter);
    }
    out.push({ policy, issued: issued.target, emitters });
  }
  return out;
}

/** The commands emitting each event of the context named `name`, in model order, from the contexts that refer to it. */
function emittersInto(name: string, model: Model): Map<EventDef, CommandDef[]> {
  const byEvent = new Map<EventDef, CommandDef[]>();
  for (const from of model.index.contextsReferringTo(name)) {
    for (const command of from.commands) {
      for (const ref of command.emits) {
        if (targetContextName(ref) !== name) continue;
        const r = model.index.resolve(ref);
        if (!r.ok || r.target.kind !== 'event') continue;
        const list = byEvent.get(r.target);
        if (list) list.push(command);
        else byEvent.set(r.target, [command]);
      }
    }
  }
  return byEvent;
}

function findCycles(contexts: readonly PolicyEdges[][], report: Report): void {
  const edges = new Map<CommandDef, { to: CommandDef; policy: PolicyDef }[]>();
  for (const policies of contexts) {
    for (const { policy, issued, emitters } of policies) {
      for (const emitter of emitters) {
        const list = edges.get(emitter);
        if (list) list.push({ to: issued, policy });
        else edges.set(emitter, [{ to: issued, policy }]);
      }
    }
  }
  // Iterative DFS with colours; each back edge closes one cycle.
  const state = new Map<CommandDef, 1 | 2>();
  const reported = new Set<string>();
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    const stack: { node: CommandDef; i: number; via?: PolicyDef }[] = [{ node: start, i: 0 }];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const out = edges.get(top.node) ?? [];
      if (top.i >= out.length) {
        state.set(top.node, 2);
        stack.pop();
        continue;
      }
      const edge = out[top.i++];
      const s = state.get(edge.to);
      if (s === undefined) {
        state.set(edge.to, 1);
        stack.push({ node: edge.to, i: 0, via: edge.policy });
      } else if (s === 1) {
        const from = stack.findIndex((f) => f.node === edge.to);
        const policies = [...stack.slice(from + 1).map((f) => f.via!), edge.policy];
        const key = policies
          .map((p) => `${p.context}.${p.name}`)
          .sort()
          .join(',');
        if (reported.has(key)) continue;
        reported.add(key);
        const loop = [...stack.slice(from).map((f) => `${f.node.context}.${f.node.name}`), `${edge.to.context}.${edge.to.name}`].join(' → ');
        report({
          message: `Policy ${edge.policy.name} closes a cycle: ${loop}. Each message triggers the next forever unless a condition breaks the loop.`,
          location: edge.policy.nameRange,
          related: policies
            .filter((p) => p !== edge.policy)
            .map((p) => ({ location: p.nameRange, message: `Policy ${p.context}.${p.name} is part of the cycle` })),
        });
      }
    }
  }
}

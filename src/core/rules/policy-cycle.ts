import type { AnyDefinition, CommandDef, PolicyDef } from '../model/types';
import type { Rule } from './rule';

/**
 * Builds the command graph C1 → C2 when C1 emits an event that a policy turns into C2, and reports
 * each cycle once (at the policy that closes it), with the other policies of the loop as related.
 */
export const policyCycle: Rule = {
  id: 'policy-cycle',
  defaultSeverity: 'warning',
  doc: "Policies form a loop (a command's event leads, through policies, back to the same command): an infinite message cycle.",
  scope: 'model',
  checkModel(model, report) {
    const { index } = model;
    // Emitters of each event, in one pass over the commands.
    const emitters = new Map<AnyDefinition, CommandDef[]>();
    for (const ctx of model.contexts) {
      for (const command of ctx.commands) {
        for (const ref of command.emits) {
          const r = index.resolve(ref);
          if (!r.ok) continue;
          const list = emitters.get(r.target);
          if (list) list.push(command);
          else emitters.set(r.target, [command]);
        }
      }
    }
    const edges = new Map<CommandDef, { to: CommandDef; policy: PolicyDef }[]>();
    for (const ctx of model.contexts) {
      for (const policy of ctx.policies) {
        if (!policy.issue) continue;
        const issued = index.resolve(policy.issue);
        if (!issued.ok || issued.target.kind !== 'command') continue;
        for (const when of policy.when) {
          const ev = index.resolve(when);
          if (!ev.ok || ev.target.kind !== 'event') continue;
          for (const emitter of emitters.get(ev.target) ?? []) {
            const list = edges.get(emitter) ?? [];
            list.push({ to: issued.target, policy });
            edges.set(emitter, list);
          }
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
  },
};

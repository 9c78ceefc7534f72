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

interface ContextEdges {
  policies: PolicyEdges[];
  /**
   * The edges by file, section position and name of each command and policy: when every
   * context's key is as before, the graph is the same up to the objects, and so are its cycles.
   */
  key: string;
}

/**
 * Builds the command graph C1 → C2 when C1 emits an event that a policy turns into C2, and reports
 * each cycle once (at the policy that closes it), with the other policies of the loop as related.
 * Each context contributes the edges of its policies (reused until a context they read changes);
 * the cycle search runs over the combined edges when their shape changed, and otherwise re-reads
 * the cycles it found last time from the current definitions.
 */
export const policyCycle: Rule = {
  id: 'policy-cycle',
  defaultSeverity: 'warning',
  doc: "Policies form a loop (a command's event leads, through policies, back to the same command): an infinite message cycle.",
  scope: 'model',
  summarize(_file, ctx, model) {
    return ctx && ctx.policies.length > 0 ? contextEdges(ctx, model) : undefined;
  },
  checkSummaries(summaries, report, memo) {
    const contexts = summaries as ContextEdges[];
    const keys = contexts.map((c) => c.key);
    let last = memo.value as Searched | undefined;
    if (!last || !sameList(last.keys, keys)) memo.value = last = { keys, cycles: findCycles(contexts) };
    for (const cycle of last.cycles) reportCycle(contexts, cycle, report);
  },
};

/** A command or policy of the graph by position: context (in summary order), policy, and which of its commands. */
type At = { c: number; p: number; command?: 'issued' | number };

interface Cycle {
  closing: At;
  loop: At[];
  policies: At[];
}

/** The cycles of the last graph searched (by position), and its shape. */
interface Searched {
  keys: string[];
  cycles: Cycle[];
}

function contextEdges(ctx: ContextDef, model: Model): ContextEdges {
  const { index } = model;
  const policies: PolicyEdges[] = [];
  const keys: string[] = [];
  const emittersByContext = new Map<string, Map<EventDef, { command: CommandDef; key: string }[]>>();
  ctx.policies.forEach((policy, p) => {
    if (!policy.issue) return;
    const issued = index.resolve(policy.issue);
    if (!issued.ok || issued.target.kind !== 'command') return;
    const emitters: CommandDef[] = [];
    const emitterKeys: string[] = [];
    for (const when of policy.when) {
      const ev = index.resolve(when);
      if (!ev.ok || ev.target.kind !== 'event') continue;
      const name = targetContextName(when);
      let byEvent = emittersByContext.get(name);
      if (!byEvent) emittersByContext.set(name, (byEvent = emittersInto(name, model)));
      for (const emitter of byEvent.get(ev.target) ?? []) {
        emitters.push(emitter.command);
        emitterKeys.push(emitter.key);
      }
    }
    const owner = index.context(issued.target.context);
    const issuedKey = commandKey(owner?.commands.indexOf(issued.target) ?? -1, issued.target);
    policies.push({ policy, issued: issued.target, emitters });
    keys.push(`${p}:${policy.name}>${issuedKey}<${emitterKeys.join(',')}`);
  });
  return { policies, key: `${ctx.file}|${ctx.name}|${keys.join(';')}` };
}

function commandKey(at: number, command: CommandDef): string {
  return `${command.nameRange.file}#${at}:${command.context}.${command.name}`;
}

/** The commands emitting each event of the context named `name`, in model order, from the contexts that refer to it. */
function emittersInto(name: string, model: Model): Map<EventDef, { command: CommandDef; key: string }[]> {
  const byEvent = new Map<EventDef, { command: CommandDef; key: string }[]>();
  for (const from of model.index.contextsReferringTo(name)) {
    from.commands.forEach((command, at) => {
      for (const ref of command.emits) {
        if (targetContextName(ref) !== name) continue;
        const r = model.index.resolve(ref);
        if (!r.ok || r.target.kind !== 'event') continue;
        const emitter = { command, key: commandKey(at, command) };
        const list = byEvent.get(r.target);
        if (list) list.push(emitter);
        else byEvent.set(r.target, [emitter]);
      }
    });
  }
  return byEvent;
}

function findCycles(contexts: readonly ContextEdges[]): Cycle[] {
  const edges = new Map<CommandDef, { to: CommandDef; policy: PolicyDef }[]>();
  const commandAt = new Map<CommandDef, At>();
  const policyAt = new Map<PolicyDef, At>();
  contexts.forEach(({ policies }, c) => {
    policies.forEach(({ policy, issued, emitters }, p) => {
      policyAt.set(policy, { c, p });
      if (!commandAt.has(issued)) commandAt.set(issued, { c, p, command: 'issued' });
      emitters.forEach((emitter, e) => {
        if (!commandAt.has(emitter)) commandAt.set(emitter, { c, p, command: e });
        const list = edges.get(emitter);
        if (list) list.push({ to: issued, policy });
        else edges.set(emitter, [{ to: issued, policy }]);
      });
    });
  });
  const cycles: Cycle[] = [];
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
        cycles.push({
          closing: policyAt.get(edge.policy)!,
          loop: [...stack.slice(from).map((f) => commandAt.get(f.node)!), commandAt.get(edge.to)!],
          policies: policies.filter((p) => p !== edge.policy).map((p) => policyAt.get(p)!),
        });
      }
    }
  }
  return cycles;
}

function policyOf(contexts: readonly ContextEdges[], at: At): PolicyDef {
  return contexts[at.c].policies[at.p].policy;
}

function commandOf(contexts: readonly ContextEdges[], at: At): CommandDef {
  const edges = contexts[at.c].policies[at.p];
  return at.command === 'issued' ? edges.issued : edges.emitters[at.command!];
}

function reportCycle(contexts: readonly ContextEdges[], cycle: Cycle, report: Report): void {
  const closing = policyOf(contexts, cycle.closing);
  const loop = cycle.loop.map((at) => commandOf(contexts, at)).map((c) => `${c.context}.${c.name}`);
  report({
    message: `Policy ${closing.name} closes a cycle: ${loop.join(' → ')}. Each message triggers the next forever unless a condition breaks the loop.`,
    location: closing.nameRange,
    related: cycle.policies
      .map((at) => policyOf(contexts, at))
      .map((p) => ({ location: p.nameRange, message: `Policy ${p.context}.${p.name} is part of the cycle` })),
  });
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

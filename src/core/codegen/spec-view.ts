import type { ContextDef, Reference, SpecDef, SpecMessage } from '../model/types';
import type { PlanState } from './plan-state';
import type { ContextView, SpecCaseView, SpecsView } from './views';

/** What a reference in a spec names: the event (its context, name, and the version meant: pinned, else the latest). */
function eventOf(state: PlanState, ref: Reference): { context: string; type: string; version: number } | undefined {
  const r = state.model.index.resolve(ref);
  if (!r.ok || r.target.kind !== 'event') return undefined;
  const version = r.version?.number ?? r.target.versions[r.target.versions.length - 1]?.number ?? 1;
  return { context: r.target.context, type: r.target.name, version };
}

const payload = (m: SpecMessage | undefined) => (m?.data === undefined ? {} : m.data.value);

/**
 * The specs of one context as its `specs.test.ts` runs them: per spec its identity, the module
 * and export it exercises (decider, reaction or projection scaffold; descriptor) and its inputs
 * and expectation as JSON values. A spec whose names do not resolve (its rules turned off) becomes
 * a case with a `problem`, which fails with that message.
 */
export function specsView(state: PlanState, ctx: ContextDef, view: ContextView, from: string): SpecsView {
  const modules = new Map<string, { alias: string; from: string }>();
  const module = (alias: string, path: string) => {
    if (!modules.has(alias)) modules.set(alias, { alias, from: state.importPath(from, path) });
    return alias;
  };
  const cases: SpecCaseView[] = [];
  const owners = [...ctx.commands, ...ctx.policies, ...ctx.readModels];
  for (const owner of owners) {
    for (const spec of state.model.index.specsOf(owner)) cases.push(caseOf(state, ctx, view, owner, spec, module));
  }
  return {
    any: cases.length > 0,
    usesDecider: cases.some((c) => c.info.kind === 'command' && c.problem === null),
    usesPolicies: cases.some((c) => c.info.kind === 'policy' && c.problem === null),
    usesReadModels: cases.some((c) => c.info.kind === 'readModel' && c.problem === null),
    modules: [...modules.values()].sort((a, b) => (a.alias < b.alias ? -1 : 1)),
    cases,
  };
}

function caseOf(
  state: PlanState,
  ctx: ContextDef,
  view: ContextView,
  owner: ContextDef['commands'][number] | ContextDef['policies'][number] | ContextDef['readModels'][number],
  spec: SpecDef,
  module: (alias: string, path: string) => string,
): SpecCaseView {
  const info = { context: ctx.name, owner: owner.name, kind: owner.kind, name: spec.name };
  const broken = (problem: string): SpecCaseView => ({ info, problem, call: null, descriptor: null, key: null, input: null });
  const unresolved = [...spec.given, ...(spec.whenEvent ? [spec.whenEvent] : []), ...(spec.then?.kind === 'events' ? spec.then.events : [])].find(
    (m) => !eventOf(state, m.ref),
  );
  if (unresolved) return broken(`The spec names the event '${unresolved.ref.text}', which the model does not have.`);
  const events = (list: readonly SpecMessage[]) => list.map((m) => ({ ...eventOf(state, m.ref)!, data: payload(m) }));
  const error = (then: NonNullable<SpecDef['then']>) =>
    then.kind === 'error'
      ? { error: { ...(then.errorKind ? { kind: then.errorKind.value } : {}), ...(then.message ? { message: then.message.value } : {}) } }
      : undefined;

  if (owner.kind === 'command') {
    const aggregate = owner.aggregate ? state.model.index.resolve(owner.aggregate) : undefined;
    const agg = aggregate?.ok ? view.aggregates.find((a) => a.name === aggregate.target.name) : undefined;
    if (!agg) return broken(`${ctx.name}.${owner.name} has no aggregate: there is no decider to run the spec against.`);
    const alias = module(`${agg.name}DeciderModule`, agg.scaffold);
    const then = spec.then;
    const expect = !then
      ? { events: [] }
      : (error(then) ??
        (then.kind === 'events'
          ? {
              events: then.events.map((m) => {
                const e = eventOf(state, m.ref)!;
                return { type: e.type, ...(m.ref.version ? { version: e.version } : {}), ...(m.data ? { data: m.data.value } : {}) };
              }),
            }
          : { events: [] }));
    const input = {
      given: events(spec.given).map(({ type, version, data }) => ({ type, version, data })),
      command: { type: owner.name, data: spec.when?.value ?? {} },
      expect,
    };
    return { info, problem: null, call: `${alias}.${agg.deciderName}`, descriptor: null, key: null, input };
  }

  if (owner.kind === 'policy') {
    const policy = view.policies.find((p) => p.name === owner.name)!;
    if (!spec.whenEvent) return broken(`The spec of ${ctx.name}.${owner.name} names no event in \`when\`.`);
    const alias = module(`${owner.name}ReactionModule`, policy.scaffold.path);
    const then = spec.then;
    let expect: unknown = { command: null };
    if (then) {
      const err = error(then);
      if (err) expect = err;
      else if (then.kind === 'command' && then.command) {
        const r = state.model.index.resolve(then.command.ref);
        if (!r.ok) return broken(`The spec names the command '${then.command.ref.text}', which the model does not have.`);
        expect = { command: { type: r.target.name, ...(then.command.data ? { data: then.command.data.value } : {}) } };
      }
    }
    const input = { when: events([spec.whenEvent])[0], expect };
    return { info, problem: null, call: `${alias}.react`, descriptor: policy.descriptor, key: null, input };
  }

  const readModel = view.readModels.find((r) => r.name === owner.name)!;
  const alias = module(`${owner.name}ProjectionModule`, readModel.scaffold.path);
  const then = spec.then?.kind === 'view' ? spec.then : undefined;
  const expect = { ...(then?.key ? { key: then.key.value } : {}), view: then?.view?.value ?? {} };
  const input = { given: events(spec.given), expect };
  return { info, problem: null, call: alias, descriptor: readModel.descriptor, key: owner.key?.value ?? null, input };
}

import type { Rule } from './rule';
import { qualified, specEvent } from './spec-support';

/** What a spec expects must be a possible outcome: an event its command emits (latest version), the command its policy issues. */
export const specUnexpectedEvent: Rule = {
  id: 'spec-unexpected-event',
  defaultSeverity: 'error',
  doc: "A command spec expects an event the command does not emit (or an older version than deciders produce), or a policy spec a command other than the policy's `issue`.",
  scope: 'model',
  checkModel(model, report) {
    for (const spec of model.index.allSpecs()) {
      const owner = model.index.ownerOf(spec);
      const then = spec.then;
      if (!owner || !then) continue;
      if (owner.kind === 'command' && then.kind === 'events') {
        const emits = owner.emits.map((e) => model.index.resolve(e)).flatMap((r) => (r.ok ? [r.target] : []));
        for (const expected of then.events) {
          const hit = specEvent(model, expected.ref);
          if (!hit) continue; // spec-unresolved
          if (!emits.includes(hit.event)) {
            report({
              message: `${qualified(owner)} does not emit ${qualified(hit.event)} (emits: ${owner.emits.map((e) => e.text).join(', ') || 'nothing'}): the spec can never pass.`,
              location: expected.ref.range,
              related: [{ location: owner.nameRange, message: `${owner.name} is defined here` }],
              data: { command: qualified(owner), event: qualified(hit.event) },
            });
            continue;
          }
          const latest = hit.event.versions[hit.event.versions.length - 1];
          if (hit.pinned && latest && hit.version && hit.version.number !== latest.number) {
            report({
              message: `Deciders emit the latest version of ${qualified(hit.event)} (v${latest.number}); v${hit.version.number} can never be decided. Write \`${expected.ref.text.replace(/@\d+$/, '')}\`.`,
              location: expected.ref.version?.range ?? expected.ref.range,
              data: { event: qualified(hit.event), version: hit.version.number, latest: latest.number },
            });
          }
        }
      }
      if (owner.kind === 'policy' && then.kind === 'command') {
        const expected = then.command ? model.index.resolve(then.command.ref) : undefined;
        if (expected && !expected.ok) continue; // spec-unresolved
        const issued = owner.issue ? model.index.resolve(owner.issue) : undefined;
        const issuedTarget = issued?.ok ? issued.target : undefined;
        if (!then.command || !expected?.ok) continue; // `command: none` is always possible
        if (!owner.issue) {
          report({
            message: `${qualified(owner)} issues no command; expect \`command: none\` (or add \`issue:\` to the policy).`,
            location: then.command.ref.range,
            data: { policy: qualified(owner) },
          });
        } else if (issuedTarget && expected.target !== issuedTarget) {
          report({
            message: `${qualified(owner)} issues ${owner.issue.text}, not ${then.command.ref.text}: the spec can never pass.`,
            location: then.command.ref.range,
            related: [{ location: owner.issue.range, message: `what ${owner.name} issues` }],
            data: { policy: qualified(owner), issue: owner.issue.text },
          });
        }
      }
    }
  },
};

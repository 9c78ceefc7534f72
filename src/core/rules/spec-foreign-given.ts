import type { Rule } from './rule';
import { qualified, readerPin, specEvent } from './spec-support';

/** Specs feed their owner only what it can receive: its aggregate's stream, the events it reads (up to the pinned version). */
export const specForeignGiven: Rule = {
  id: 'spec-foreign-given',
  defaultSeverity: 'error',
  doc: "A spec feeds its owner an event it never receives: a command spec's `given` an event of another aggregate, a read model spec's `given` or a policy spec's `when` an event (or a version newer than the pin) it does not read.",
  scope: 'model',
  checkModel(model, report) {
    for (const spec of model.index.allSpecs()) {
      const owner = model.index.ownerOf(spec);
      if (!owner) continue;
      if (owner.kind === 'command') {
        const aggregate = owner.aggregate && model.index.resolve(owner.aggregate);
        if (!aggregate?.ok) continue; // a command without an aggregate folds nothing: other rules say so
        for (const g of spec.given) {
          const hit = specEvent(model, g.ref);
          if (!hit) continue;
          const of = hit.event.aggregate ? model.index.resolve(hit.event.aggregate) : undefined;
          if (of?.ok && of.target === aggregate.target) continue;
          const belongs = hit.event.aggregate ? `an event of ${hit.event.aggregate.text}` : 'an event of no aggregate';
          report({
            message: `${qualified(hit.event)} is ${belongs}, not of ${aggregate.target.name}: the stream ${owner.name} decides on never holds it.`,
            location: g.ref.range,
            related: [{ location: aggregate.target.nameRange, message: `the aggregate of ${owner.name}` }],
            data: { command: qualified(owner), event: qualified(hit.event), aggregate: aggregate.target.name },
          });
        }
        continue;
      }
      const reads = owner.kind === 'policy' ? owner.when : owner.from;
      const fed = owner.kind === 'policy' ? (spec.whenEvent ? [spec.whenEvent] : []) : spec.given;
      for (const m of fed) {
        const hit = specEvent(model, m.ref);
        if (!hit?.version) continue;
        const { read, pin } = readerPin(model, reads, hit.event);
        const verb = owner.kind === 'policy' ? 'reacts to' : 'projects';
        if (!read) {
          report({
            message: `${qualified(owner)} ${verb} ${reads.map((r) => r.text).join(', ') || 'no event'}, not ${qualified(hit.event)}: it never receives this event.`,
            location: m.ref.range,
            data: { owner: qualified(owner), event: qualified(hit.event) },
          });
        } else if (pin !== undefined && hit.version.number > pin) {
          report({
            message: `${qualified(owner)} reads ${hit.event.name}@${pin}; version ${hit.version.number} is never delivered to it.`,
            location: m.ref.version?.range ?? m.ref.range,
            data: { owner: qualified(owner), event: qualified(hit.event), pin },
          });
        }
      }
    }
  },
};

import type { SchemaSource, SpecMessage, SpecPayload } from '../model/types';
import type { Rule } from './rule';
import { payloadProblems } from './spec-payload';
import { qualified, specEvent } from './spec-support';

/** Every payload of a spec against the schema of what it names; expectations (`then`) match partially. */
export const specInvalidPayload: Rule = {
  id: 'spec-invalid-payload',
  defaultSeverity: 'error',
  doc: 'A payload in a spec does not validate against its schema (the event version, the command, the read model view), at the offending value; expectations may leave properties out.',
  scope: 'model',
  checkModel(model, report) {
    const check = (schema: SchemaSource | undefined, payload: SpecPayload | undefined, label: string, partial: boolean, absent: SpecMessage['range']) => {
      if (!schema) return;
      for (const p of payloadProblems(model, schema, payload, { label, partial, absent })) {
        report({ message: p.message, location: p.location, data: { path: p.path, keyword: p.keyword } });
      }
    };
    const event = (m: SpecMessage, partial: boolean) => {
      const hit = specEvent(model, m.ref);
      if (!hit?.version) return;
      check(hit.version.schema, m.data, `${qualified(hit.event)} v${hit.version.number} data`, partial, m.ref.range);
    };
    for (const spec of model.index.allSpecs()) {
      const owner = model.index.ownerOf(spec);
      if (!owner) continue;
      for (const g of spec.given) event(g, false);
      if (spec.whenEvent) event(spec.whenEvent, false);
      // A spec may show that the command's schema rejects a payload (as the runtime does before deciding).
      const rejects = spec.then?.kind === 'error' && spec.then.errorKind?.value === 'MessageValidationError';
      if (owner.kind === 'command' && spec.whenRange && !rejects) check(owner.schema, spec.when, `${qualified(owner)} payload`, false, spec.whenRange);
      const then = spec.then;
      if (then?.kind === 'events') for (const e of then.events) event(e, true);
      if (then?.kind === 'command' && then.command) {
        const r = model.index.resolve(then.command.ref);
        if (r.ok && r.target.kind === 'command') check(r.target.schema, then.command.data, `${qualified(r.target)} payload`, true, then.command.range);
      }
      if (then?.kind === 'view' && owner.kind === 'readModel') check(owner.schema, then.view, `${qualified(owner)} view`, true, then.range);
    }
  },
};

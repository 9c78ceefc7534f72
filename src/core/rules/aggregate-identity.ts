import type { Model } from '../model/model';
import { targetContextName } from '../model/model-index';
import { propertyFacts } from '../model/schema-property';
import type { AggregateDef, CommandDef, EventDef } from '../model/types';
import type { Report, Rule } from './rule';

/**
 * The runtime routes each command to one stream of its aggregate and appends the events there, so
 * every command and event of an aggregate must carry the aggregate's id, required and of one type.
 */
export const aggregateIdentity: Rule = {
  id: 'aggregate-identity',
  defaultSeverity: 'warning',
  doc: 'An aggregate with commands or events names no `id`, or one of its commands or events does not require that property (with the same type as the others), so it cannot be routed to its stream.',
  scope: 'model',
  checkInModel(_file, ctx, model, report) {
    // Only the first context of a name is referred to (a duplicate's aggregates have no members).
    if (!ctx || ctx.aggregates.length === 0 || model.index.context(ctx.name) !== ctx) return;
    // Members, in model order, among the contexts that refer to this one.
    const members = new Map<AggregateDef, (CommandDef | EventDef)[]>();
    for (const from of model.index.contextsReferringTo(ctx.name)) {
      for (const message of [...from.commands, ...from.events]) {
        if (!message.aggregate || targetContextName(message.aggregate) !== ctx.name) continue;
        const r = model.index.resolve(message.aggregate);
        if (!r.ok || r.target.kind !== 'aggregate') continue;
        const list = members.get(r.target) ?? [];
        list.push(message);
        members.set(r.target, list);
      }
    }
    for (const [aggregate, messages] of members) checkAggregate(model, aggregate, messages, report);
  },
};

function checkAggregate(model: Model, aggregate: AggregateDef, messages: (CommandDef | EventDef)[], report: Report): void {
  const label = `${aggregate.context}.${aggregate.name}`;
  if (!aggregate.id) {
    const shared = sharedRequired(model, messages);
    const suggestion = shared.find((p) => p === `${lowerFirst(aggregate.name)}Id`) ?? shared.find((p) => /Id$/.test(p)) ?? shared[0];
    report({
      message:
        `Aggregate ${label} has ${messages.length} command(s)/event(s) but no \`id\`: name the payload property that identifies one ${aggregate.name}, so commands reach its stream` +
        (suggestion ? ` (all of them require \`${suggestion}\`: \`id: ${suggestion}\`).` : ` (e.g. \`id: ${lowerFirst(aggregate.name)}Id\`).`),
      location: aggregate.nameRange,
      data: suggestion ? { aggregate: label, suggestion } : { aggregate: label },
    });
    return;
  }
  const id = aggregate.id.value;
  const related = [{ location: aggregate.id.range, message: `the id of ${label}` }];
  let firstTypes: { types: string; where: string } | undefined;
  for (const message of messages) {
    const kind = message.kind === 'command' ? 'Command' : 'Event';
    const withSchema = message.versions.filter((v) => v.schema);
    if (withSchema.length === 0) {
      report({
        message: `${kind} ${message.name} of ${label} has no payload schema, so it cannot carry the aggregate's id \`${id}\`.`,
        location: message.nameRange,
        related,
      });
      continue;
    }
    for (const version of withSchema) {
      const facts = propertyFacts(model, version.schema!, id);
      const which = message.versions.length > 1 ? ` v${version.number}` : '';
      if (!facts.declared || !facts.required) {
        report({
          message: `${kind} ${message.name}${which} ${facts.declared ? 'declares' : 'does not declare'} \`${id}\`${facts.declared ? ' but does not require it' : ''}: it is the id of aggregate ${label}, which routes it to one ${aggregate.name}'s stream. Add \`${id}\` to its ${facts.declared ? '`required`' : '`properties` and `required`'}.`,
          location: version.schema!.range,
          related,
          data: { aggregate: label, property: id, declared: facts.declared },
        });
        continue;
      }
      if (!facts.types) continue;
      const types = facts.types.join(' | ');
      if (!firstTypes) firstTypes = { types, where: `${message.name}${which}` };
      else if (firstTypes.types !== types) {
        report({
          message: `${kind} ${message.name}${which} types \`${id}\` as ${types}, but ${firstTypes.where} types it as ${firstTypes.types}: one ${aggregate.name} has one id type.`,
          location: version.schema!.range,
          related,
          data: { aggregate: label, property: id },
        });
      }
    }
  }
}

/** Top-level properties that every version of every message requires (candidates for the id). */
function sharedRequired(model: Model, messages: (CommandDef | EventDef)[]): string[] {
  let shared: string[] | undefined;
  for (const message of messages) {
    for (const version of message.versions) {
      if (!version.schema) return [];
      const value = version.schema.value as { required?: unknown; $ref?: unknown } | undefined;
      const candidates =
        shared ?? (Array.isArray(value?.required) ? (value.required as unknown[]).filter((r): r is string => typeof r === 'string') : undefined);
      if (!candidates) return [];
      shared = candidates.filter((p) => propertyFacts(model, version.schema!, p).required);
      if (shared.length === 0) return [];
    }
  }
  return shared ?? [];
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

import { propertyFacts } from '../model/schema-property';
import type { Rule } from './rule';

/** A keyed read model keeps one view per key: every event it projects must say which view it updates. */
export const readModelKey: Rule = {
  id: 'read-model-key',
  defaultSeverity: 'warning',
  doc: "A read model's `key` is not a required property of an event it projects (the version it reads), or a query returning one view has no key to look it up by.",
  scope: 'model',
  checkInModel(_file, ctx, model, report) {
    if (!ctx) return;
    for (const view of ctx.readModels) {
      if (!view.key) {
        for (const q of view.queries) {
          if (q.returns !== 'one' || q.schema) continue;
          report({
            message: `Query ${q.name} returns one ${view.name} by its key, but ${view.name} has no \`key\`: name the property that identifies one view.`,
            location: q.nameRange,
          });
        }
        continue;
      }
      const key = view.key.value;
      for (const ref of view.from) {
        const r = model.index.resolve(ref);
        if (!r.ok || r.target.kind !== 'event') continue;
        // The projection receives the pinned version, else the latest (older ones are upcast).
        const version = r.version ?? [...r.target.versions].reverse().find((v) => v.schema);
        if (!version?.schema) continue;
        const facts = propertyFacts(model, version.schema, key);
        if (facts.declared && facts.required) continue;
        report({
          message: `${view.name} is keyed by \`${key}\`, but ${r.target.context}.${r.target.name} v${version.number} ${facts.declared ? 'does not require it' : 'does not declare it'}: the projection could not tell which view the event updates.`,
          location: ref.range,
          related: [{ location: view.key.range, message: `the key of ${view.name}` }],
          data: { readModel: view.name, key, event: `${r.target.context}.${r.target.name}`, version: version.number },
        });
      }
    }
  },
};

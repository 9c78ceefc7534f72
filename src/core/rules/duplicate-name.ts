import { KIND_LABEL as LABEL } from '../model/labels';
import { capitalise } from '../text';
import { definitionsIn } from '../model/model-index';
import type { AnyDefinition } from '../model/types';
import type { Rule } from './rule';

export const duplicateName: Rule = {
  id: 'duplicate-name',
  defaultSeverity: 'error',
  doc: 'Two contexts share a name, or two definitions in one context do (any kind: they become type names in generated code).',
  scope: 'model',
  checkInModel(_file, ctx, model, report) {
    if (!ctx) return;
    // The first context of a name (in model order) is the definition; later ones are duplicates.
    const first = model.index.contextsNamed(ctx.name)[0];
    if (first && first !== ctx) {
      report({
        message: `Context '${ctx.name}' is already defined in ${first.nameRange.file}.`,
        location: ctx.nameRange,
        related: [{ location: first.nameRange, message: `First definition of context '${ctx.name}'` }],
      });
    }
    const names = new Map<string, AnyDefinition>();
    for (const def of definitionsIn(ctx)) {
      const prior = names.get(def.name);
      if (!prior) {
        names.set(def.name, def);
        continue;
      }
      const same = prior.kind === def.kind;
      report({
        message: same
          ? `${capitalise(LABEL[def.kind])} '${def.name}' is defined twice in context ${ctx.name}.`
          : `'${def.name}' is already the name of ${/^[aeiou]/.test(LABEL[prior.kind]) ? 'an' : 'a'} ${LABEL[prior.kind]} in context ${ctx.name}; names are unique within a context.`,
        location: def.nameRange,
        related: [{ location: prior.nameRange, message: `First '${def.name}' (${LABEL[prior.kind]})` }],
      });
    }
  },
};

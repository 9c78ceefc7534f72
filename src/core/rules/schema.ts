import { validateStructure } from '../model/structural';
import { closest } from '../text';
import type { Rule } from './rule';

/** Rule ids that may appear in the manifest's `rules:`; set by the registry to avoid an import cycle. */
export const knownRuleIds = new Set<string>();

export const schema: Rule = {
  id: 'schema',
  defaultSeverity: 'error',
  doc: 'A manifest or context file does not follow the Event Modeler format (unknown keys, wrong types, missing fields).',
  scope: 'file',
  checkFile(file, _ctx, model, report) {
    if (file.kind === 'schema') return;
    for (const p of validateStructure(file)) report(p);
    if (file.kind === 'manifest' && model.manifest) {
      for (const [id, setting] of model.manifest.rules) {
        if (knownRuleIds.has(id)) continue;
        const suggestion = closest(id, [...knownRuleIds]);
        report({
          message: `Unknown rule id '${id}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
          location: setting.range,
          data: suggestion ? { suggestion } : undefined,
        });
      }
    }
  },
};

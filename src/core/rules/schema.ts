import { validateStructure } from '../model/structural';
import type { Rule } from './rule';

/** Unknown rule ids in the manifest's `rules:` are reported under this id too, by the workspace (it holds the catalogue). */
export const schema: Rule = {
  id: 'schema',
  defaultSeverity: 'error',
  doc: 'A manifest or context file does not follow the Event Modeler format (unknown keys, wrong types, missing fields).',
  scope: 'file',
  checkFile(file, _ctx, _model, report) {
    if (file.kind === 'schema') return;
    for (const p of validateStructure(file)) report(p);
  },
};

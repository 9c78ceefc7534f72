import { INCOMPATIBLE_CHANGE } from '../evolution/history';
import { modelCompatibility } from '../evolution/model-compatibility';
import type { Rule } from './rule';

export const incompatibleChange: Rule = {
  id: INCOMPATIBLE_CHANGE,
  defaultSeverity: 'warning',
  doc: 'A version of an event or command breaks its compatibility mode (BACKWARD, FORWARD, FULL, transitive or not) against earlier versions; breaks its own upcaster (`upcast: true`, new readers) or downcaster (`downcast: true`, old readers) covers are info.',
  scope: 'model',
  category: 'compatibility',
  checkModel(model, report) {
    for (const finding of modelCompatibility(model)) report(finding);
  },
};

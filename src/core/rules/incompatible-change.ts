import { checkHistory, eventHistory, INCOMPATIBLE_CHANGE, versionedSchemas } from '../evolution/history';
import { messagesOf } from '../evolution/model-compatibility';
import type { Rule } from './rule';

export const incompatibleChange: Rule = {
  id: INCOMPATIBLE_CHANGE,
  defaultSeverity: 'warning',
  doc: 'A version of an event or command breaks its compatibility mode (BACKWARD, FORWARD, FULL, transitive or not) against earlier versions; breaks its own upcaster (`upcast: true`, new readers) or downcaster (`downcast: true`, old readers) covers are info.',
  scope: 'model',
  category: 'compatibility',
  // Per context: the histories of its events and commands (the same as `modelCompatibility`, whose
  // per-event cache the workspace's dependency tracking replaces here).
  checkInModel(_file, ctx, model, report) {
    if (!ctx) return;
    for (const message of messagesOf(ctx)) {
      const versions = versionedSchemas(message);
      if (versions.length < 2) continue;
      for (const finding of checkHistory(eventHistory(model, message, versions))) report(finding);
    }
  },
};

import type { Rule } from './rule';

export const versionSequence: Rule = {
  id: 'version-sequence',
  defaultSeverity: 'error',
  doc: 'The versions of an event or a command are numbered 1..N without gaps or repeats.',
  scope: 'file',
  checkFile(_file, ctx, _model, report) {
    if (!ctx) return;
    for (const event of [...ctx.events, ...ctx.commands]) {
      const seen = new Map<number, (typeof event.versions)[number]>();
      let expected = 1;
      for (const v of event.versions) {
        const first = seen.get(v.number);
        if (first) {
          report({
            message: `${event.name} declares version ${v.number} twice.`,
            location: v.numberRange,
            related: [{ location: first.numberRange, message: `First version ${v.number}` }],
          });
          continue;
        }
        seen.set(v.number, v);
        if (v.number !== expected) {
          const missing = expected === v.number - 1 ? `version ${expected} is missing` : `versions ${expected}..${v.number - 1} are missing`;
          report({
            message: `${event.name} jumps to version ${v.number}: ${missing}. Versions run 1..N without gaps.`,
            location: v.numberRange,
            data: { expected },
          });
        }
        expected = v.number + 1;
      }
    }
  },
};

import { rangeOf } from '../model/source';
import type { Rule } from './rule';

export const unreadableFile: Rule = {
  id: 'unreadable-file',
  defaultSeverity: 'error',
  doc: 'A model or schema file is binary, not UTF-8, or too large to parse.',
  scope: 'file',
  checkFile(file, _ctx, _model, report) {
    for (const p of file.problems) {
      if (p.rule === 'unreadable-file') report({ message: p.message, location: rangeOf(file, p.startOffset, p.endOffset) });
    }
  },
};

import { isMap, visit, type Pair } from 'yaml';
import { rangeOf } from '../model/source';
import { keyText, nodeSpan } from '../model/yaml-nodes';
import type { Rule } from './rule';

/** Maps whose keys are definition names: duplicates there are `duplicate-name` / `version-sequence` findings. */
const NAMED_SECTIONS = new Set(['aggregates', 'commands', 'events', 'policies', 'readModels', 'versions']);

export const yamlSyntax: Rule = {
  id: 'yaml-syntax',
  defaultSeverity: 'error',
  doc: 'The file is not well-formed YAML (or JSON), has a duplicate key, or expands aliases without bound.',
  scope: 'file',
  checkFile(file, _ctx, _model, report) {
    for (const p of file.problems) {
      if (p.rule === 'yaml-syntax') report({ message: p.message, location: rangeOf(file, p.startOffset, p.endOffset) });
    }
    if (!file.doc || file.value === undefined) return;
    visit(file.doc, {
      Map(_key, map, path) {
        const parent = path[path.length - 1] as Pair | undefined;
        const section = parent && typeof parent === 'object' && 'key' in parent ? keyText(parent as Pair) : undefined;
        if (file.kind === 'context' && section && NAMED_SECTIONS.has(section)) return;
        if (!isMap(map)) return;
        const seen = new Map<string, Pair>();
        for (const pair of map.items) {
          const key = keyText(pair);
          if (key === undefined) continue;
          const first = seen.get(key);
          if (!first) {
            seen.set(key, pair);
            continue;
          }
          const span = nodeSpan(pair.key) ?? [0, 0];
          const firstSpan = nodeSpan(first.key) ?? [0, 0];
          report({
            message: `Duplicate key '${key}': only the last one takes effect.`,
            location: rangeOf(file, span[0], span[1]),
            related: [{ location: rangeOf(file, firstSpan[0], firstSpan[1]), message: `First '${key}'` }],
          });
        }
      },
    });
  },
};

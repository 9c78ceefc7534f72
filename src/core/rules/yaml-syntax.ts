import { isMap, isPair, visit, type Pair } from 'yaml';
import { rangeOf } from '../model/source';
import { keyText, nodeSpan } from '../model/yaml-nodes';
import type { Rule } from './rule';

/** Top-level maps of a context file whose keys are definition names: duplicates there are `duplicate-name` findings. */
const NAMED_SECTIONS = new Set(['aggregates', 'commands', 'events', 'policies', 'readModels', 'actors', 'externalSystems']);

/** Whether a map at this key path names definitions (a section, or the versions of a message): `version-sequence` and `duplicate-name` report duplicates there. */
function namesDefinitions(keys: (string | undefined)[]): boolean {
  if (keys.length === 1) return NAMED_SECTIONS.has(keys[0] ?? '');
  return keys.length === 3 && (keys[0] === 'events' || keys[0] === 'commands') && keys[2] === 'versions';
}

export const yamlSyntax: Rule = {
  id: 'yaml-syntax',
  defaultSeverity: 'error',
  doc: 'The file is not well-formed YAML (or JSON), has a duplicate key, or expands aliases without bound.',
  scope: 'file',
  checkFile(file, _ctx, _model, report) {
    // The parser may report one problem twice (e.g. an unclosed flow collection): once is enough.
    const seen = new Set<string>();
    for (const p of file.problems) {
      const key = `${p.startOffset}:${p.endOffset}:${p.message}`;
      if (p.rule !== 'yaml-syntax' || seen.has(key)) continue;
      seen.add(key);
      report({ message: p.message, location: rangeOf(file, p.startOffset, p.endOffset) });
    }
    if (!file.doc || file.value === undefined) return;
    visit(file.doc, {
      Map(_key, map, path) {
        if (file.kind === 'context' && namesDefinitions(path.filter((p): p is Pair => isPair(p)).map((p) => keyText(p)))) return;
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

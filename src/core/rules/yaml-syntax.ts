import { isMap, isPair, isSeq, type Pair, type YAMLMap } from 'yaml';
import { rangeOf } from '../model/source';
import { keyText, nodeSpan } from '../model/yaml-nodes';
import type { Rule } from './rule';

/** Top-level maps of a context file whose keys are definition names: duplicates there are `duplicate-name` findings. */
const NAMED_SECTIONS = new Set(['aggregates', 'commands', 'events', 'policies', 'readModels', 'actors', 'externalSystems']);

/** Whether a map under these pairs names definitions (a section, or the versions of a message): `version-sequence` and `duplicate-name` report duplicates there. */
function namesDefinitions(pairs: readonly Pair[]): boolean {
  if (pairs.length === 1) return NAMED_SECTIONS.has(keyText(pairs[0]) ?? '');
  if (pairs.length !== 3) return false;
  const section = keyText(pairs[0]);
  return (section === 'events' || section === 'commands') && keyText(pairs[2]) === 'versions';
}

/**
 * Every map of a document, outermost first (as `visit` orders them), with the pairs above it.
 * A plain recursion: `visit` copies the path at every node, which on a large file is most of
 * this rule's time.
 */
function eachMap(node: unknown, pairs: Pair[], fn: (map: YAMLMap, pairs: readonly Pair[]) => void): void {
  if (isPair(node)) {
    pairs.push(node);
    eachMap(node.key, pairs, fn);
    eachMap(node.value, pairs, fn);
    pairs.pop();
  } else if (isMap(node)) {
    fn(node, pairs);
    for (const item of node.items) eachMap(item, pairs, fn);
  } else if (isSeq(node)) {
    for (const item of node.items) eachMap(item, pairs, fn);
  }
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
    eachMap(file.doc.contents, [], (map, pairs) => {
      if (file.kind === 'context' && namesDefinitions(pairs)) return;
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
    });
  },
};

import type { SourceRange } from '../diagnostic';
import { rangeOf, type LoadedFile } from './source';
import { nodeSpan, parsePointer, walkPointer } from './yaml-nodes';

/**
 * The range of the YAML node at a JSON pointer in a file. When the pointer goes deeper than the
 * document (e.g. a missing property), the deepest existing node is returned.
 * `preferKey` points at the key of the last member instead of its value (names, unknown keys).
 */
export function locatePointer(file: LoadedFile, pointer: string, preferKey = false): SourceRange {
  if (!file.doc) return rangeOf(file, 0, 0);
  const hit = walkPointer(file.doc, file.doc.contents, parsePointer(pointer));
  const span = (preferKey && hit.complete && hit.pair ? nodeSpan(hit.pair.key) : undefined) ?? nodeSpan(hit.node) ?? [0, 0];
  return rangeOf(file, span[0], span[1]);
}

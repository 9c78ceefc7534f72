import type { SourceRange } from '../diagnostic';
import type { Reference } from './types';

const REFERENCE = /^(?:([A-Za-z_][A-Za-z0-9_]*)\.)?([A-Za-z_][A-Za-z0-9_]*)(?:@([0-9]+))?$/;

/**
 * Splits `Context.Name@N` into located parts. `at(offsetInText, length)` maps a slice of the
 * reference text to a source range. Returns undefined for text that is not a reference
 * (the structural schema reports those).
 */
export function parseReference(
  text: string,
  at: (offset: number, length: number) => SourceRange,
  kind: Reference['kind'],
  role: Reference['role'],
  fromContext: string,
): Reference | undefined {
  const match = REFERENCE.exec(text);
  if (!match) return undefined;
  const [, ctx, name, version] = match;
  const ref: Reference = {
    kind,
    role,
    text,
    range: at(0, text.length),
    fromContext,
    name: { value: name, range: at(ctx ? ctx.length + 1 : 0, name.length) },
  };
  if (ctx) ref.context = { value: ctx, range: at(0, ctx.length) };
  if (version !== undefined) {
    const start = text.length - version.length;
    ref.version = { value: Number(version), range: at(start, version.length) };
  }
  return ref;
}

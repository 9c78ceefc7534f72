import { parseDocument, visit, type Document } from 'yaml';
import { expandMergeKeys } from './yaml-merge';
import { PARSE_OPTIONS, reparse } from './yaml-reparse';
import type { SourceRange, Position } from '../diagnostic';
import type { SourceFile } from './types';

/** Model files above this size are not parsed: a diagnostic says so instead. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** Alias expansions allowed per document; beyond it the file is a resource-exhaustion attack (billion laughs). */
export const MAX_ALIAS_COUNT = 1000;

export interface FileProblem {
  rule: 'unreadable-file' | 'yaml-syntax';
  message: string;
  startOffset: number;
  endOffset: number;
}

export interface LoadedFile extends SourceFile {
  /** Plain JSON value of the document (undefined when unparsable). */
  value: unknown;
  problems: FileProblem[];
}

type Decoded = { text: string } | { text: string; problem: FileProblem };

/** Bytes → text, refusing binary, oversized and non-UTF-8 content with a located problem. */
export function decodeContent(content: Uint8Array | string): Decoded {
  if (typeof content === 'string') {
    const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
    if (text.length > MAX_FILE_BYTES) return { text: '', problem: tooLarge(text.length) };
    const nul = text.indexOf('\0');
    if (nul >= 0) return { text: '', problem: binary(nul) };
    return { text };
  }
  if (content.byteLength > MAX_FILE_BYTES) return { text: '', problem: tooLarge(content.byteLength) };
  const nul = content.indexOf(0);
  if (nul >= 0) return { text: '', problem: binary(nul) };
  const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(content);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content) };
  } catch {
    const at = Math.max(0, lenient.indexOf('\uFFFD'));
    return {
      text: lenient,
      problem: {
        rule: 'unreadable-file',
        message: 'The file is not valid UTF-8 text; save it as UTF-8.',
        startOffset: at,
        endOffset: at + 1,
      },
    };
  }
}

function tooLarge(size: number): FileProblem {
  return {
    rule: 'unreadable-file',
    message: `The file has ${size.toLocaleString('en-US')} bytes; model files are limited to ${MAX_FILE_BYTES.toLocaleString('en-US')} bytes (${MAX_FILE_BYTES / (1024 * 1024)} MB) and it was not parsed.`,
    startOffset: 0,
    endOffset: 0,
  };
}

function binary(at: number): FileProblem {
  return {
    rule: 'unreadable-file',
    message: `The file contains binary data (a NUL byte at offset ${at}), not YAML text.`,
    startOffset: 0,
    endOffset: 0,
  };
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

export function positionAt(lineStarts: number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo] };
}

export function rangeOf(file: Pick<SourceFile, 'path' | 'lineStarts' | 'text'>, start: number, end: number): SourceRange {
  const max = file.text.length;
  const s = Math.min(Math.max(0, start), max);
  const e = Math.min(Math.max(s, end), max);
  return { file: file.path, startOffset: s, endOffset: e, start: positionAt(file.lineStarts, s), end: positionAt(file.lineStarts, e) };
}

/**
 * Reads and parses one file. Never throws: every problem becomes a located FileProblem.
 * `previous` is the same file's last parse: when the new text is an edit of it, only the edited
 * part is parsed again where the YAML grammar allows it (see {@link reparse}).
 */
export function loadSourceFile(path: string, content: Uint8Array | string, kind: SourceFile['kind'], version: number, previous?: LoadedFile): LoadedFile {
  const decoded = decodeContent(content);
  const text = decoded.text;
  const lineStarts = computeLineStarts(text);
  const base = { path, text, kind, lineStarts, version };
  if ('problem' in decoded) return { ...base, value: undefined, problems: [decoded.problem] };

  if (previous?.doc && previous.value !== undefined && previous.problems.length === 0) {
    const reparsed = reparse(previous.text, previous.doc, text);
    if (reparsed) {
      try {
        // A re-parsed document has no aliases and no merge keys (see reparse).
        return { ...base, doc: reparsed, value: reparsed.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), problems: [] };
      } catch {
        // parse it all below: the full parse reports the problem
      }
    }
  }

  const problems: FileProblem[] = [];
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, PARSE_OPTIONS);
  } catch (err) {
    problems.push({ rule: 'yaml-syntax', message: `Could not parse: ${(err as Error).message}`, startOffset: 0, endOffset: 0 });
    return { ...base, value: undefined, problems };
  }
  for (const error of doc.errors) {
    const [start, end] = error.pos;
    problems.push({ rule: 'yaml-syntax', message: firstLine(error.message), startOffset: start, endOffset: Math.max(end, start + 1) });
  }
  for (const warning of doc.warnings) {
    const [start, end] = warning.pos;
    problems.push({ rule: 'yaml-syntax', message: firstLine(warning.message), startOffset: start, endOffset: Math.max(end, start + 1) });
  }
  if (doc.errors.length > 0) return { ...base, doc, value: undefined, problems };

  // Merge keys are expanded in the AST itself, so node walks and the JSON value agree.
  const merged = expandMergeKeys(doc);
  for (const p of merged)
    problems.push({ rule: 'yaml-syntax', message: p.message, startOffset: p.startOffset, endOffset: Math.max(p.endOffset, p.startOffset + 1) });
  if (merged.some((p) => p.message.includes('was not loaded'))) return { ...base, doc, value: undefined, problems };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const alias = firstAlias(doc);
    problems.push({
      rule: 'yaml-syntax',
      message: `${firstLine((err as Error).message)} (aliases expand to too many nodes; the file was not loaded).`,
      startOffset: alias?.[0] ?? 0,
      endOffset: alias?.[1] ?? 0,
    });
    return { ...base, doc, value: undefined, problems };
  }
  return { ...base, doc, value, problems };
}

function firstAlias(doc: Document): [number, number] | undefined {
  let found: [number, number] | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (node.range) found = [node.range[0], node.range[1]];
      return visit.BREAK;
    },
  });
  return found;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

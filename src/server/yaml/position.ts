/**
 * Where the cursor is in YAML terms, read from the text around it (works while the document is
 * half-typed and does not parse): the key whose value is being written and its parent keys.
 */
export interface YamlPosition {
  /** Keys from the document root to the one being completed, e.g. ['policies', 'Reserve', 'when']. */
  path: string[];
  /** 'value': writing the value of `path`'s last key (scalar, list item or flow item); 'key': writing a new key inside `path`. */
  slot: 'value' | 'key';
  /** The partial word before the cursor and its start offset in the line. */
  word: string;
  wordStart: number;
}

const KEY_LINE = /^(\s*)(?:-\s+)?(["']?)([A-Za-z_$][\w$.-]*|\d+)\2\s*:(?:\s|$)/;

export function yamlPositionAt(text: string, line: number, character: number): YamlPosition | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const current = lines[line];
  if (current === undefined) return undefined;
  const prefix = current.slice(0, character);
  if (/^\s*#/.test(prefix)) return undefined;
  const wordMatch = /[\w.@-]*$/.exec(prefix)!;
  const word = wordMatch[0];
  const wordStart = character - word.length;
  const indentOf = (s: string) => /^\s*/.exec(s)![0].length;

  /**
   * Keys of the block mappings enclosing a line indented by `indent`, read upwards from `fromLine`.
   * A `- ` item line is a container without a key of its own; its list's key may sit at the same
   * indentation as the dash.
   */
  const parents = (fromLine: number, indent: number): string[] => {
    const out: string[] = [];
    let limit = indent;
    for (let i = fromLine; i >= 0 && limit > 0; i--) {
      const l = lines[i];
      if (!l.trim() || /^\s*#/.test(l)) continue;
      const ind = indentOf(l);
      if (ind >= limit) continue;
      if (/^\s*-(\s|$)/.test(l)) {
        limit = ind + 1;
        continue;
      }
      const m = KEY_LINE.exec(l);
      if (m) out.unshift(m[3]);
      limit = ind;
    }
    return out;
  };

  // 1. `key: value…` on this line (possibly inside a flow collection).
  const keyLine = KEY_LINE.exec(prefix);
  if (keyLine) {
    const afterColon = prefix.slice(keyLine[0].length);
    const flow = innermostFlowKey(afterColon);
    // `- key: v` opens an item mapping: its parent is the list's key (search from just right of the dash).
    const indent = /^\s*-\s/.test(prefix) ? keyLine[1].length + 1 : keyLine[1].length;
    const base = [...parents(line - 1, indent), keyLine[3]];
    if (flow === null) return { path: base, slot: 'value', word, wordStart };
    return { path: [...base, ...flow.keys], slot: flow.slot, word, wordStart };
  }
  // 2. `- item` of a block sequence: the value of the key above.
  const item = /^(\s*)-\s+(.*)$/.exec(prefix) ?? /^(\s*)-$/.exec(prefix);
  if (item) {
    const indent = item[1].length;
    for (let i = line - 1; i >= 0; i--) {
      const l = lines[i];
      if (!l.trim() || /^\s*#/.test(l)) continue;
      const ind = indentOf(l);
      if (ind < indent || (ind === indent && !/^\s*-/.test(l))) {
        const m = KEY_LINE.exec(l);
        if (!m) return undefined;
        return { path: [...parents(i - 1, ind), m[3]], slot: 'value', word, wordStart };
      }
    }
    return undefined;
  }
  // 3. A bare word: a new key of the enclosing mapping.
  if (/^\s*[\w$-]*$/.test(prefix)) {
    return { path: parents(line - 1, indentOf(prefix)), slot: 'key', word, wordStart };
  }
  return undefined;
}

/** Inside `[a, b` or `{ k: v` after a key's colon: the flow keys and whether a value is being written. */
function innermostFlowKey(text: string): { keys: string[]; slot: 'value' | 'key' } | null {
  const stack: { kind: '[' | '{'; key?: string; sawColon: boolean }[] = [];
  let quote: string | undefined;
  let token = '';
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') {
      stack.push({ kind: c, sawColon: false });
      token = '';
    } else if (c === ']' || c === '}') {
      stack.pop();
      token = '';
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top) {
        top.key = undefined;
        top.sawColon = false;
      }
      token = '';
    } else if (c === ':') {
      const top = stack[stack.length - 1];
      if (top && top.kind === '{') {
        top.key = token.trim();
        top.sawColon = true;
      }
      token = '';
    } else token += c;
  }
  if (stack.length === 0) return text.includes('[') || text.includes('{') ? { keys: [], slot: 'value' } : null;
  const keys: string[] = [];
  for (const s of stack) if (s.kind === '{' && s.key) keys.push(s.key);
  const top = stack[stack.length - 1];
  if (top.kind === '{' && !top.sawColon) return { keys, slot: 'key' };
  return { keys, slot: 'value' };
}

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { loadSourceFile } from '../../../src/core/model/source';
import { PARSE_OPTIONS, reparse } from '../../../src/core/model/yaml-reparse';
import { BASES } from './models';

/** Everything of a YAML document the model reads, and more: node types, ranges, scalars' source form, comments, blank-line flags. */
function dump(doc: Document): string {
  const node = (n: unknown): unknown => {
    if (n === null || n === undefined) return n;
    if (isPair(n)) return { key: node(n.key), value: node(n.value) };
    const x = n as Record<string, unknown> & { constructor: { name: string } };
    const out: Record<string, unknown> = {
      t: x.constructor.name,
      range: x.range,
      comment: x.comment,
      commentBefore: x.commentBefore,
      spaceBefore: x.spaceBefore,
      anchor: x.anchor,
      tag: x.tag,
      flow: x.flow,
    };
    if (isScalar(n)) Object.assign(out, { value: n.value, type: n.type, source: n.source });
    if (isMap(n) || isSeq(n)) out.items = n.items.map(node);
    return out;
  };
  return JSON.stringify({
    range: doc.range,
    comment: doc.comment,
    commentBefore: doc.commentBefore,
    errors: doc.errors.map((e) => [e.code, e.pos, e.message]),
    warnings: doc.warnings.map((e) => [e.code, e.pos, e.message]),
    contents: node(doc.contents),
    value: valueOf(doc),
  });
}

function valueOf(doc: Document): unknown {
  try {
    return doc.toJS();
  } catch (err) {
    return String(err);
  }
}

const plainTexts = Object.values(BASES).flatMap((files) =>
  Object.entries(files)
    .filter(([p]) => /\.ya?ml$/.test(p) && p !== 'eventmodel.yaml')
    .map(([, t]) => t),
);
/** The same files with blank lines between entries and comment lines before sections (they attach to the next key). */
const spaced = plainTexts.map((t) =>
  t
    .replace(/\n( {2}[A-Za-z])/g, '\n\n$1')
    .replace(/\n( {4}[a-z])/g, '\n    # about\n$1')
    .replace(/\n([a-z])/g, '\n# section\n$1'),
);
const texts = [...plainTexts, ...spaced];

/** One keystroke-sized edit: delete a few characters and type a few (YAML punctuation, words, newlines, copies of nearby text). */
const keystroke = fc.record({
  at: fc.noBias(fc.nat()),
  remove: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0, 1) }, { weight: 1, arbitrary: fc.nat({ max: 12 }) }),
  insert: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('', 'a', 'X', '1', ' ', 'Thing', 'Ed', '\n    extra: 1', '\n  Added:\n    schema: { type: object }') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '  ',
        ': ',
        '- ',
        '\n',
        '\n  ',
        '[',
        ']',
        '{',
        '}',
        ',',
        '"',
        "'",
        '# note',
        '&a ',
        '*a',
        '<<: ',
        '\t',
        '|\n  text\n',
        '---\n',
        '? ',
        '@2',
        'null',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  ),
  copyFrom: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.noBias(fc.nat()) }),
});

function applyKeystroke(text: string, k: { at: number; remove: number; insert: string; copyFrom?: number }): string {
  const at = k.at % (text.length + 1);
  const insert = k.copyFrom === undefined ? k.insert : text.slice(k.copyFrom % text.length, (k.copyFrom % text.length) + 40);
  return text.slice(0, at) + insert + text.slice(at + k.remove);
}

describe('partial YAML re-parse', function () {
  this.timeout(300_000);

  it('a re-parsed document is the document a full parse of the new text gives, after any sequence of edits', () => {
    let reparsed = 0;
    let edited = 0;
    fc.assert(
      fc.property(fc.noBias(fc.nat()), fc.array(keystroke, { minLength: 1, maxLength: 8 }), (pick, edits) => {
        let text = texts[pick % texts.length];
        // Documents with anchors (the sample's spec files) are parsed whole by design: checked, not counted.
        const counted = !/[&*][\w-]/.test(text);
        let doc: Document.Parsed = parseDocument(text, PARSE_OPTIONS);
        for (const k of edits) {
          const next = applyKeystroke(text, k);
          if (next === text) continue;
          if (counted) edited++;
          const partial = reparse(text, doc, next);
          const full = parseDocument(next, PARSE_OPTIONS);
          if (partial) {
            if (counted) reparsed++;
            assert.equal(dump(partial), dump(full), `edit ${JSON.stringify(k)}`);
          }
          assert.equal(dump(doc), dump(parseDocument(text, PARSE_OPTIONS)), 'the old document is left as it was');
          text = next;
          doc = partial ?? full;
        }
      }),
      { numRuns: 400, seed: 42 },
    );
    // Random keystrokes often break the YAML (then every later edit of the run parses whole): the
    // partial path must still carry a good share, or the equality above proves little.
    assert.ok(reparsed > edited / 10, `only ${reparsed} of ${edited} edits of documents without anchors were re-parsed in part`);
  });

  it('a loaded file re-parsed in part has the value and problems of a fresh load', () => {
    fc.assert(
      fc.property(fc.noBias(fc.nat()), keystroke, (pick, k) => {
        const text = texts[pick % texts.length];
        const previous = loadSourceFile('contexts/x.yaml', text, 'context', 1);
        const next = applyKeystroke(text, k);
        const incremental = loadSourceFile('contexts/x.yaml', next, 'context', 2, previous);
        const fresh = loadSourceFile('contexts/x.yaml', next, 'context', 2);
        assert.deepEqual(incremental.value, fresh.value);
        assert.deepEqual(incremental.problems, fresh.problems);
        assert.deepEqual(incremental.lineStarts, fresh.lineStarts);
        if (fresh.doc) assert.equal(dump(incremental.doc!), dump(fresh.doc));
      }),
      { numRuns: 300, seed: 4242 },
    );
  });

  const ORDERING = BASES.retail['contexts/ordering.yaml'];
  const edits: [string, (t: string) => string][] = [
    ['a word typed in a description', (t) => t.replace('Takes customer orders', 'Takes all customer orders')],
    ['a reference misspelt in an emits list', (t) => t.replace('emits: [OrderPlaced]', 'emits: [OrderPlacd]')],
    [
      'a property added to a payload schema',
      (t) => t.replace('        reason: { type: string }\n', '        reason: { type: string }\n        note: { type: string }\n'),
    ],
    ['a command deleted', (t) => t.replace(/ {2}CancelOrder:\n(?: {4}.*\n)+/, '')],
  ];
  for (const [name, change] of edits) {
    it(`re-parses only the edited entries for ${name}`, () => {
      const doc = parseDocument(ORDERING, PARSE_OPTIONS);
      const next = change(ORDERING);
      assert.notEqual(next, ORDERING);
      const partial = reparse(ORDERING, doc, next);
      assert.ok(partial, 'the edit is re-parsed in part');
      assert.equal(dump(partial), dump(parseDocument(next, PARSE_OPTIONS)));
    });
  }

  const fallbacks: [string, string, (t: string) => string][] = [
    ['a comment line typed after the last line of an entry', ORDERING, (t) => t.replace('\nevents:\n', '\n  # later\nevents:\n')],
    ['broken YAML', ORDERING, (t) => t.replace('emits: [OrderPlaced]', 'emits: [OrderPlaced')],
    ['a document with anchors', 'context: A\nevents:\n  E: &e\n    schema: { type: object }\n  F: *e\n', (t) => t.replace('A\n', 'B\n')],
    [
      'a merge key typed',
      ORDERING,
      (t) => t.replace('    aggregate: Order\n    emits: [OrderCancelled]', '    <<: {}\n    aggregate: Order\n    emits: [OrderCancelled]'),
    ],
  ];
  for (const [name, text, change] of fallbacks) {
    it(`parses the whole text again after ${name}, with the same result`, () => {
      const next = change(text);
      assert.notEqual(next, text);
      assert.equal(reparse(text, parseDocument(text, PARSE_OPTIONS), next), undefined);
      const previous = loadSourceFile('contexts/x.yaml', text, 'context', 1);
      const incremental = loadSourceFile('contexts/x.yaml', next, 'context', 2, previous);
      const fresh = loadSourceFile('contexts/x.yaml', next, 'context', 2);
      assert.deepEqual(incremental.problems, fresh.problems);
      assert.deepEqual(incremental.value, fresh.value);
    });
  }
});

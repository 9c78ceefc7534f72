/** src/core/json-pointer.ts: RFC 6901 in both representations. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  InvalidPointerError,
  appendSegment,
  escapeSegment,
  formatPointer,
  getAt,
  joinPointer,
  parsePointer,
  parsePointerLenient,
  tryParsePointer,
  unescapeSegment,
  valueAt,
} from '../../../src/core/json-pointer';

// RFC 6901 §5.
const DOC = { foo: ['bar', 'baz'], '': 0, 'a/b': 1, 'c%d': 2, 'e^f': 3, 'g|h': 4, 'i\\j': 5, 'k"l': 6, ' ': 7, 'm~n': 8 };

describe('json-pointer (RFC 6901)', () => {
  it('evaluates the string-form examples of §5', () => {
    const cases: Array<[string, unknown]> = [
      ['', DOC],
      ['/foo', ['bar', 'baz']],
      ['/foo/0', 'bar'],
      ['/', 0],
      ['/a~1b', 1],
      ['/c%d', 2],
      ['/e^f', 3],
      ['/g|h', 4],
      ['/i\\j', 5],
      ['/k"l', 6],
      ['/ ', 7],
      ['/m~0n', 8],
    ];
    for (const [pointer, value] of cases) assert.deepEqual(getAt(DOC, pointer), value, pointer);
  });

  it('evaluates the URI-fragment examples of §6 (percent-decoded)', () => {
    const cases: Array<[string, unknown]> = [
      ['#', DOC],
      ['#/foo', ['bar', 'baz']],
      ['#/foo/0', 'bar'],
      ['#/', 0],
      ['#/a~1b', 1],
      ['#/c%25d', 2],
      ['#/e%5Ef', 3],
      ['#/g%7Ch', 4],
      ['#/i%5Cj', 5],
      ['#/k%22l', 6],
      ['#/%20', 7],
      ['#/m~0n', 8],
    ];
    for (const [pointer, value] of cases) assert.deepEqual(getAt(DOC, pointer), value, pointer);
  });

  it('unescapes ~1 before ~0, so `~01` is the key `~1`', () => {
    assert.deepEqual(parsePointer('/~01'), ['~1']);
    assert.equal(unescapeSegment('~01'), '~1');
    assert.equal(escapeSegment('~1'), '~01');
  });

  it('round-trips any list of segments', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' })), (segments) => {
        assert.deepEqual(parsePointer(formatPointer(segments)), segments);
        assert.deepEqual(parsePointer('#' + encodeURIComponent(formatPointer(segments)).replace(/%2F/g, '/')), segments);
      }),
    );
  });

  it('builds pointers segment by segment', () => {
    assert.equal(joinPointer('/a', 'b/c', 0, 'm~n'), '/a/b~1c/0/m~0n');
    assert.equal(appendSegment('', 'x/y'), '/x~1y');
    assert.equal(formatPointer([]), '');
  });

  it('rejects what is not a pointer, saying why', () => {
    assert.throws(
      () => parsePointer('foo'),
      (e: unknown) => e instanceof InvalidPointerError && /"foo".*start with "\/"/.test(e.message),
    );
    assert.throws(() => parsePointer('#%E0%A4%A'), /percent-encoding/);
    assert.equal(tryParsePointer('foo'), undefined);
    assert.equal(getAt(DOC, 'foo'), undefined);
  });

  it('follows only own properties and canonical array indices', () => {
    assert.equal(valueAt(DOC, ['foo', '01']), undefined);
    assert.equal(valueAt(DOC, ['foo', '-']), undefined);
    assert.equal(valueAt(DOC, ['foo', 'length']), undefined);
    assert.equal(valueAt({}, ['constructor']), undefined);
    assert.equal(valueAt(DOC, ['foo', '1']), 'baz');
    assert.equal(valueAt('text', ['0']), undefined);
  });

  it('reads loose input without percent-decoding the string form', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('%'))), (segments) => {
        assert.deepEqual(parsePointerLenient(segments.map((s) => '/' + escapeSegment(s)).join('')), segments);
      }),
    );
    assert.deepEqual(parsePointerLenient('#/a%20b/%E0'), ['a b', '%E0']);
    assert.deepEqual(parsePointerLenient('/a%20b'), ['a%20b']);
    assert.deepEqual(parsePointerLenient('a/b'), ['b']);
    assert.deepEqual(parsePointerLenient('/m~n'), ['m~n']);
  });
});

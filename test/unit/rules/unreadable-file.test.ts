import { MAX_FILE_BYTES } from '../../../src/core/model/source';
import { model, ruleTester, yaml } from '../helpers/rule-tester';

const SALES = yaml`
  context: Sales
  commands:
    PlaceOrder:
      emits: [OrderPlaced]
  events:
    OrderPlaced:
      schema: { $ref: ../schemas/order-placed.json }
`;

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d];
/** A context file of exactly `size` bytes: one long description. */
const sized = (size: number) => {
  const head = 'context: Big\ndescription: ';
  return head + 'x'.repeat(size - head.length - 1) + '\n';
};

ruleTester('unreadable-file', {
  valid: [
    {
      name: 'UTF-8 text with accents, CJK and emoji (given as bytes)',
      files: model({ sales: bytes('context: Sales\ndescription: "café 注文 🚚"\n') }),
    },
    {
      name: 'a UTF-8 byte order mark is not a decoding error',
      files: model({ sales: bytes([0xef, 0xbb, 0xbf], 'context: Sales\n') }),
    },
    {
      name: 'a literal U+FFFD replacement character is valid UTF-8',
      files: model({ sales: bytes('context: Sales\ndescription: "broken \uFFFD glyph"\n') }),
    },
    {
      name: 'a binary file the include globs do not match is never read',
      files: model({ sales: 'context: Sales\n' }, { files: { 'contexts/logo.png': Uint8Array.from(PNG), 'docs/diagram.yaml': Uint8Array.from(PNG) } }),
    },
    {
      name: 'a file of exactly the size limit is parsed',
      files: model({ big: sized(MAX_FILE_BYTES) }),
    },
  ],
  invalid: [
    {
      name: 'a Latin-1 byte, located at that byte',
      files: model({ sales: bytes('context: Sales\ndescription: "caf', [0xe9], '"\n') }),
      errors: [{ line: 2, column: 18, endLine: 2, endColumn: 19, severity: 'error', message: 'The file is not valid UTF-8 text; save it as UTF-8.' }],
    },
    {
      name: 'a PNG renamed to .yaml',
      files: model({ image: Uint8Array.from(PNG), sales: 'context: Sales\n' }),
      errors: [{ line: 1, column: 1, message: 'The file contains binary data (a NUL byte at offset 8), not YAML text.' }],
    },
    {
      name: 'a NUL character in an editor buffer (text, not bytes)',
      files: model({ sales: 'context: Sales\n\0\n' }),
      errors: [{ line: 1, column: 1, message: /binary data \(a NUL byte at offset 15\)/ }],
    },
    {
      name: 'one byte over the size limit (bytes, as read from disk)',
      files: model({ big: Buffer.from(sized(MAX_FILE_BYTES + 1)) }),
      errors: [{ line: 1, column: 1, message: 'The file has 4,194,305 bytes; model files are limited to 4,194,304 bytes (4 MB) and it was not parsed.' }],
    },
    {
      name: 'an external schema file that is not UTF-8 is reported in that file',
      files: model({ sales: SALES }, { files: { 'schemas/order-placed.json': bytes('{ "title": "Bestellung \u00fcber', [0xfc], '" }') } }),
      file: 'schemas/order-placed.json',
      errors: [{ line: 1, column: 28, message: /not valid UTF-8/ }],
    },
    {
      name: 'an unreadable manifest',
      files: { 'eventmodel.yaml': bytes('model: caf', [0xe9], '\ninclude: [contexts/*.yaml]\n'), 'contexts/sales.yaml': 'context: Sales\n' },
      errors: [{ file: 'eventmodel.yaml', line: 1, column: 11, message: /not valid UTF-8/ }],
    },
  ],
});

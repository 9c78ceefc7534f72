import assert from 'node:assert/strict';
import {
  camelCase,
  commentText,
  constantCase,
  docComment,
  identifierProblem,
  kebabCase,
  normalizeOutputDir,
  pascalCase,
  stringLiteral,
} from '../../../src/core/codegen';

describe('codegen names', () => {
  it('converts casing', () => {
    assert.equal(pascalCase('order placed'), 'OrderPlaced');
    assert.equal(camelCase('OrderPlaced'), 'orderPlaced');
    assert.equal(camelCase('HTTPRequestSent'), 'httpRequestSent');
    assert.equal(kebabCase('StockNotAvailable'), 'stock-not-available');
    assert.equal(kebabCase('Context001'), 'context001');
    assert.equal(constantCase('OrderPlaced'), 'ORDER_PLACED');
  });

  it('accepts ordinary identifiers', () => {
    for (const name of ['OrderPlaced', 'Order_Placed2', '_Internal', 'order']) assert.equal(identifierProblem(name), undefined, name);
  });

  it('refuses reserved words, globals and invalid characters with a reason', () => {
    assert.match(identifierProblem('class')!, /reserved word/);
    assert.match(identifierProblem('constructor')!, /reserved word/);
    assert.match(identifierProblem('__proto__')!, /reserved word/);
    assert.match(identifierProblem('Promise')!, /shadow the global 'Promise'/);
    assert.match(identifierProblem('Order-Placed')!, /contains '-'/);
    assert.match(identifierProblem('Order Placed')!, /contains a space/);
    assert.match(identifierProblem('Ordér')!, /contains 'é'/);
    assert.match(identifierProblem('A*/B')!, /contains '\*'/);
    assert.match(identifierProblem('2Fast')!, /starts with a digit/);
    assert.match(identifierProblem('')!, /empty/);
    assert.match(identifierProblem('X'.repeat(500))!, /longer than/);
  });

  it('escapes text for comments and string literals', () => {
    assert.equal(commentText('ends */ here'), 'ends *\\/ here');
    assert.equal(docComment('one */ two'), '/** one *\\/ two */\n');
    assert.equal(docComment('a\nb', '  '), '  /**\n   * a\n   * b\n   */\n');
    assert.equal(docComment(undefined), '');
    assert.equal(stringLiteral('a"b\n\u2028'), '"a\\"b\\n\\u2028"');
    // A description can never end the comment it is placed in.
    assert.ok(!docComment('x */ export const pwned = 1; /*').slice(3, -3).includes('*/'));
  });

  it('accepts only output folders inside the workspace', () => {
    assert.deepEqual(normalizeOutputDir('src/generated/', 'outDir', false), { dir: 'src/generated' });
    assert.deepEqual(normalizeOutputDir('./a/../b', 'outDir', false), { dir: 'b' });
    assert.match((normalizeOutputDir('../x', 'outDir', false) as { problem: string }).problem, /leaves the workspace/);
    assert.match((normalizeOutputDir('a/../../x', 'outDir', false) as { problem: string }).problem, /leaves the workspace/);
    assert.match((normalizeOutputDir('/etc', 'outDir', false) as { problem: string }).problem, /absolute/);
    assert.match((normalizeOutputDir('C:\\temp', 'outDir', false) as { problem: string }).problem, /URL or drive/);
    assert.match((normalizeOutputDir('\\\\server\\share', 'outDir', false) as { problem: string }).problem, /absolute/);
    assert.match((normalizeOutputDir('.', 'outDir', false) as { problem: string }).problem, /sub-folder/);
    assert.deepEqual(normalizeOutputDir('.', 'scaffoldDir', true), { dir: '.' });
  });
});

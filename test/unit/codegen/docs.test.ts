import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ARTIFACTS, artifactsMarkdown, TEMPLATE_NAMES } from '../../../src/core/codegen';
import { REPO } from './helpers';

const START = '<!-- artifacts-table: generated from src/core/codegen/artifacts.ts -->\n';
const END = '<!-- /artifacts-table -->';

/** The artifacts table as docs/codegen.md shows it (between its markers). */
function documentedTable(): string {
  const doc = fs.readFileSync(path.join(REPO, 'docs/codegen.md'), 'utf8');
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  assert.ok(start >= 0 && end > start, 'docs/codegen.md keeps the artifacts table between its markers');
  return doc.slice(start + START.length, end);
}

describe('codegen docs', () => {
  it("docs/codegen.md's template table is the artifacts table", () => {
    const expected = artifactsMarkdown();
    assert.equal(documentedTable(), expected, `docs/codegen.md is out of date; its table should read:\n${expected}`);
  });

  it('the generated table has one line per row, naming its template and path', () => {
    const table = artifactsMarkdown();
    assert.equal(table.trim().split('\n').length, ARTIFACTS.length + 2);
    for (const a of ARTIFACTS) assert.ok(table.includes(`| \`${a.template}\` |`) && table.includes(`\`${a.path}\``), a.template);
  });

  it('every template file in templates/ has a row, and every row a template file', () => {
    const files = fs
      .readdirSync(path.join(REPO, 'templates'))
      .filter((f) => f.endsWith('.hbs'))
      .sort();
    assert.deepEqual(files, [...TEMPLATE_NAMES].sort());
  });
});

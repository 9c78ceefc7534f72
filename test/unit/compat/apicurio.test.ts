/**
 * Apicurio Registry's labelled JSON Schema compatibility cases (`labelled/`, Apache-2.0), run
 * through our engine under the strict policy. Apicurio labels a pair `backward` (backward
 * compatible only), `both` or `none`; we agree on every case but the ones listed below, where
 * we follow Schema Registry (our documented reference) and say why.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareSchemas } from '../../../src/core/compat';
import { valid } from './helpers';

type Label = 'backward' | 'forward' | 'both' | 'none';

interface LabelledCase {
  id: string;
  compatibility: Label;
  original: unknown;
  updated: unknown;
}

const FILE = path.join(__dirname, '../../../../test/unit/compat/labelled/apicurio-compatibility-test-data.json');
const CASES = (JSON.parse(fs.readFileSync(FILE, 'utf8')) as { tests: LabelledCase[] }).tests;

const CONTENT_WHY =
  'an annotation: validators (ajv among them) accept any string whatever it says, and Schema Registry ignores it; ' +
  'reported as CONTENT_ENCODING_CHANGED / CONTENT_MEDIA_TYPE_CHANGED, compatible';

/** Where we deliberately differ from Apicurio: our label, why, and values both schemas accept that Apicurio's verdict would reject. */
const DEVIATIONS: Record<string, { ours: Label; why: string; acceptedByBoth: unknown[] }> = {
  'String: contentEncoding 2': { ours: 'both', why: CONTENT_WHY, acceptedByBoth: ['not base64 at all!'] },
  'String: contentEncoding 3': { ours: 'both', why: CONTENT_WHY, acceptedByBoth: ['not base64 at all!', 'aGVsbG8='] },
  'String: contentMediaType 2': { ours: 'both', why: CONTENT_WHY, acceptedByBoth: ['no image'] },
  'String: contentMediaType 3': { ours: 'both', why: CONTENT_WHY, acceptedByBoth: ['no image', '\u0089PNG'] },
};

function label(old: unknown, neu: unknown): Label {
  const r = compareSchemas(old, neu, { policy: 'strict' });
  return r.backward ? (r.forward ? 'both' : 'backward') : r.forward ? 'forward' : 'none';
}

describe('compat: Apicurio Registry labelled cases', () => {
  it('reads all 145 cases', () => {
    assert.equal(CASES.length, 145);
  });

  CASES.forEach((c, i) => {
    const deviation = DEVIATIONS[c.id];
    const expected = deviation?.ours ?? c.compatibility;
    it(`#${i} ${c.id}: ${expected}${deviation ? ` (Apicurio: ${c.compatibility}; ${deviation.why})` : ''}`, () => {
      assert.equal(label(c.original, c.updated), expected);
      if (deviation) {
        for (const v of deviation.acceptedByBoth) {
          assert.equal(valid(c.original, v), true, `old accepts ${JSON.stringify(v)}`);
          assert.equal(valid(c.updated, v), true, `new accepts ${JSON.stringify(v)}`);
        }
      }
    });
  });

  it('lists only deviations that exist', () => {
    for (const id of Object.keys(DEVIATIONS)) {
      const c = CASES.find((x) => x.id === id);
      assert.ok(c, id);
      assert.notEqual(c.compatibility, DEVIATIONS[id].ours, id);
    }
  });
});

import assert from 'node:assert/strict';
import { run } from '../../../bench/map.bench';

/** A small synthetic model (the bench's own generator belongs to bench/; this keeps the test fast). */
function syntheticModel(contexts: number): Record<string, string> {
  const files: Record<string, string> = { 'eventmodel.yaml': 'model: synthetic\ninclude: [contexts/*.yaml]\n' };
  const name = (i: number) => `C${String(i).padStart(3, '0')}`;
  for (let c = 0; c < contexts; c++) {
    const up = name((c + contexts - 1) % contexts);
    files[`contexts/${name(c).toLowerCase()}.yaml`] = [
      `context: ${name(c)}`,
      `owner: team-${c % 7}`,
      'relationships:',
      `  - upstream: ${up}`,
      '    patterns: [customer-supplier]',
      'commands:',
      '  Do: { emits: [Done] }',
      'events:',
      '  Done: { schema: { type: object } }',
      'policies:',
      `  React: { when: ${up}.Done, issue: Do }`,
      '',
    ].join('\n');
  }
  return files;
}

describe('map: benchmark entry', function () {
  this.timeout(120_000);

  it('returns the figures of the context map (graph, layout, exports) and prints nothing', async () => {
    const write = process.stdout.write;
    let printed = '';
    process.stdout.write = ((chunk: string) => {
      printed += chunk;
      return true;
    }) as typeof process.stdout.write;
    let figures: Record<string, number>;
    try {
      figures = await run(syntheticModel(80));
    } finally {
      process.stdout.write = write;
    }
    assert.equal(printed, '');
    for (const key of ['contextMapGraphMs', 'contextMapLayoutMs', 'contextMapLayoutColdMs', 'contextMapSvgMs', 'contextMapMermaidMs']) {
      assert.ok(Number.isFinite(figures[key]) && figures[key] >= 0, key);
    }
    assert.equal(figures.contextMapNodes, 80);
    assert.equal(figures.contextMapEdges, 160);
  });
});

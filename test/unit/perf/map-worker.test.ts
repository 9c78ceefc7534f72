import assert from 'node:assert/strict';
import { graphFor, layoutGraph, renderMap } from '../../../src/core/map';
import { exportMap, layoutWorkerRunning, mapView, prewarmMapWhenIdle, stopMapWorker } from '../../../src/server/commands/map';
import { ModelFolder } from '../../../src/server/workspace/model-folder';
import { readTree, SAMPLE, writeTemp } from '../helpers/workspace';
import { generateSyntheticModel } from '../../../bench/synthetic';

describe("the server's map layout worker", function () {
  this.timeout(120_000);
  after(() => stopMapWorker());

  it('lays out the context map and a flow exactly as the layout in the process does', async () => {
    const folder = new ModelFolder(writeTemp(readTree(SAMPLE)), { severity: {} });
    for (const request of [{ view: 'context' as const }, { view: 'flow' as const, command: 'Ordering.PlaceOrder' }]) {
      const result = await mapView(folder, { folder: folder.uri, ...request });
      assert.ok(result.ok, JSON.stringify(result));
      const found = graphFor(folder.model, request);
      assert.ok(found.ok);
      assert.deepEqual(result.graph, await layoutGraph(found.graph));
      assert.ok(layoutWorkerRunning(), 'laid out in the worker thread');
    }
  });

  it('exports the SVG the CLI renders', async () => {
    const folder = new ModelFolder(writeTemp(readTree(SAMPLE)), { severity: {} });
    const result = await exportMap(folder, { folder: folder.uri, view: 'context', format: 'svg' });
    assert.ok(result.ok);
    const found = graphFor(folder.model, { view: 'context' });
    assert.ok(found.ok);
    assert.equal(result.text, await renderMap(found.graph, 'svg'));
  });

  it('warms up in idle time with the folder’s context map and says so once', async () => {
    const folder = new ModelFolder(writeTemp(generateSyntheticModel({ contexts: 40, eventsPerContext: 12, policiesPerContext: 2 })), { severity: {} });
    const logged: string[] = [];
    const ready = new Promise<void>((resolve) => {
      const log = (m: string) => {
        logged.push(m);
        resolve();
      };
      prewarmMapWhenIdle(folder, log, 10);
      prewarmMapWhenIdle(folder, log, 10); // a second check before the delay postpones, not doubles
    });
    await ready;
    assert.equal(logged.length, 1);
    assert.match(logged[0], /^Map layout engine ready \(warmed in \d+ ms, 40 contexts\)\.$/);
    prewarmMapWhenIdle(folder, (m) => logged.push(m), 0);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(logged.length, 1, 'warmed once');
  });
});

import { MemoryHost, Workspace } from '../src/core';
import { checkHistory, eventHistory, modelResolver, versionedSchemas } from '../src/core/evolution/history';
import { modelCompatibility } from '../src/core/evolution/model-compatibility';
import { effectiveSettings } from '../src/core/model/model';

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Visits every node of a schema once, following `$ref`s into other files (the baseline "walk"). */
function walk(value: unknown, resolve: ReturnType<typeof modelResolver>, document: string, seen: Set<unknown>): number {
  if (value === null || typeof value !== 'object' || seen.has(value)) return 0;
  seen.add(value);
  let n = 1;
  for (const [k, v] of Object.entries(value)) {
    if (k === '$ref' && typeof v === 'string' && !v.startsWith('#')) {
      const target = resolve(v, document);
      if (target) n += walk(target.schema, resolve, target.document, seen);
    } else n += walk(v, resolve, document, seen);
  }
  return n;
}

/**
 * Compatibility of every version pair of the synthetic model (each event checked as its mode
 * requires, all caches cold), next to one plain walk over the same schemas; then the model-wide
 * check the editor re-runs after an edit to one context file (only that file's events are
 * checked again).
 */
export async function run(files: Record<string, string>): Promise<Record<string, number>> {
  const workspace = new Workspace(new MemoryHost(files));
  const model = workspace.model;
  const resolve = modelResolver(model);
  const events = model.contexts.flatMap((c) => c.events).filter((e) => versionedSchemas(e).length > 1);

  let start = process.hrtime.bigint();
  let nodes = 0;
  for (const event of events) {
    for (const v of versionedSchemas(event)) nodes += walk(v.schema.value, resolve, v.schema.file, new Set());
  }
  const walkMs = ms(start);

  start = process.hrtime.bigint();
  let findings = 0;
  let pairs = 0;
  for (const event of events) {
    const versions = versionedSchemas(event);
    const settings = effectiveSettings(model, event);
    pairs += settings.compatibility.endsWith('_TRANSITIVE') ? (versions.length * (versions.length - 1)) / 2 : versions.length - 1;
    findings += checkHistory(eventHistory(model, event, versions, settings)).length;
  }
  const checkMs = ms(start);

  // Incremental: the whole-model check (cached per event) after one context file changed.
  modelCompatibility(model);
  const edited = model.contextFiles[0];
  workspace.update(
    edited,
    files[edited].replace(/maxLength: (\d+)/, (_, n: string) => `maxLength: ${Number(n) + 1}`),
  );
  const next = workspace.model;
  start = process.hrtime.bigint();
  modelCompatibility(next);
  const recheckMs = ms(start);

  return {
    versionPairs: pairs,
    schemaNodesWalked: nodes,
    walkSchemasOnceMs: walkMs,
    checkAllPairsMs: checkMs,
    ratioToWalk: Number((checkMs / walkMs).toFixed(2)),
    findings,
    recheckAfterEditMs: recheckMs,
  };
}

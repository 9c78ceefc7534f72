import { schemaLinksOf } from '../model/loader';
import { locatePointer } from '../model/locate';
import type { Model, SchemaLink } from '../model/model';
import { collectRefs } from '../model/payload-schema';
import { schemaSourcesOf } from '../model/schema-sources';
import { parsePointer, valueAtPointer } from '../model/yaml-nodes';
import type { Report, Rule } from './rule';

const MAX_CHAIN = 64;

export const unresolvedSchemaRef: Rule = {
  id: 'unresolved-schema-ref',
  defaultSeverity: 'error',
  doc: 'A `$ref` in a schema points to a missing file, outside the workspace, to nothing inside its target, or around a cycle of bare references.',
  scope: 'model', // plus a file-level part for internal references
  // The `$ref`s written in one file: whether each target exists and is readable, and where a chain
  // of bare references leads (every file the chain passes is a recorded read).
  checkInModel(file, _ctx, model, report) {
    const links = schemaLinksOf(model, file.path);
    for (const link of links) {
      if (link.target) model.files.get(link.target); // the finding depends on the target's state
      if (link.problem) {
        report({ message: link.problem.message, location: link.range, data: { kind: link.problem.kind } });
        continue;
      }
      if (pureRefCycle(model, link)) {
        report({
          message: `'${link.ref}' leads back to itself through references only: the schema never defines anything.`,
          location: link.range,
          data: { kind: 'cycle' },
        });
      }
    }
  },
  // Internal `#/...` references depend on one file only: an inline schema's root is the schema itself; a file's root is the file.
  checkFile(file, ctx, _model, report) {
    if (file.kind === 'context' && ctx) for (const source of schemaSourcesOf(ctx)) checkInternal(source.value, source.pointer, file, report);
    if (file.kind === 'schema' && file.value !== undefined) checkInternal(file.value, '', file, report);
  },
};

function checkInternal(root: unknown, rootPointer: string, file: Parameters<typeof locatePointer>[0], report: Report): void {
  for (const use of collectRefs(root, rootPointer)) {
    if (!use.ref.startsWith('#')) continue;
    const target = use.ref.slice(1);
    if (target !== '' && valueAtPointer(root, parsePointer(`#${target}`)) === undefined) {
      report({ message: `'${use.ref}' points to nothing in this schema.`, location: locatePointer(file, use.pointer), data: { kind: 'missing-fragment' } });
      continue;
    }
    const own = use.pointer.slice(rootPointer.length, -'/$ref'.length);
    if (isPureRef(valueAtPointer(root, parsePointer(own))) && internalCycle(root, target, own)) {
      report({
        message: `'${use.ref}' leads back to itself through references only: the schema never defines anything.`,
        location: locatePointer(file, use.pointer),
        data: { kind: 'cycle' },
      });
    }
  }
}

function isPureRef(value: unknown): value is { $ref: string } {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as { $ref?: unknown }).$ref === 'string'
  );
}

/** Whether following bare `#...` references from `target` comes back to `start` (a schema that never defines anything). */
function internalCycle(root: unknown, target: string, start: string): boolean {
  const seen = new Set<string>([start]);
  let at = target;
  for (let i = 0; i < MAX_CHAIN; i++) {
    if (seen.has(at)) return at === start;
    seen.add(at);
    const value = valueAtPointer(root, parsePointer(`#${at}`));
    if (!isPureRef(value) || !value.$ref.startsWith('#')) return false;
    at = value.$ref.slice(1);
  }
  return false;
}

/** Follows a chain of schemas that are nothing but `{ $ref }` and says whether it comes back. */
function pureRefCycle(model: Model, start: SchemaLink): boolean {
  let link: SchemaLink | undefined = start;
  const seen = new Set<string>();
  for (let i = 0; i < MAX_CHAIN && link?.target; i++) {
    const key = `${link.target}#${link.fragment}`;
    if (seen.has(key)) return true;
    seen.add(key);
    const target = model.files.get(link.target);
    const value = target && valueAtPointer(target.value, parsePointer(`#${link.fragment}`));
    if (!value || typeof value !== 'object' || Object.keys(value).length !== 1 || typeof (value as { $ref?: unknown }).$ref !== 'string') return false;
    const at: string = `${link.fragment ? link.fragment.replace(/^\/?/, '/') : ''}/$ref`;
    link = schemaLinksOf(model, link.target).find((l) => l.pointer === at);
  }
  return false;
}

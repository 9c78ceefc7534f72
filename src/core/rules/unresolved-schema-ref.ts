import { locatePointer } from '../model/locate';
import type { SchemaLink } from '../model/model';
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
  checkModel(model, report) {
    const byPosition = new Map<string, SchemaLink>();
    for (const link of model.schemaLinks) byPosition.set(`${link.file}#${link.pointer}`, link);
    for (const link of model.schemaLinks) {
      if (link.problem) {
        report({ message: link.problem.message, location: link.range, data: { kind: link.problem.kind } });
        continue;
      }
      if (pureRefCycle(model, link, byPosition)) {
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
function pureRefCycle(model: Parameters<NonNullable<Rule['checkModel']>>[0], start: SchemaLink, byPosition: Map<string, SchemaLink>): boolean {
  let link: SchemaLink | undefined = start;
  const seen = new Set<string>();
  for (let i = 0; i < MAX_CHAIN && link?.target; i++) {
    const key = `${link.target}#${link.fragment}`;
    if (seen.has(key)) return true;
    seen.add(key);
    const target = model.files.get(link.target);
    const value = target && valueAtPointer(target.value, parsePointer(`#${link.fragment}`));
    if (!value || typeof value !== 'object' || Object.keys(value).length !== 1 || typeof (value as { $ref?: unknown }).$ref !== 'string') return false;
    link = byPosition.get(`${link.target}#${link.fragment ? link.fragment.replace(/^\/?/, '/') : ''}/$ref`);
  }
  return false;
}

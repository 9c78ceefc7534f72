import { schemaSourcesOf } from '../model/schema-sources';
import { locatePointer } from '../model/locate';
import { validatePayloadSchema } from '../model/payload-schema';
import type { Rule } from './rule';

export const invalidPayloadSchema: Rule = {
  id: 'invalid-payload-schema',
  defaultSeverity: 'error',
  doc: 'A payload, state or external schema is not itself a valid JSON Schema (draft-07, 2019-09 or 2020-12).',
  scope: 'file',
  checkFile(file, ctx, _model, report) {
    if (file.value === undefined) return;
    if (file.kind === 'schema') {
      for (const p of validatePayloadSchema(file.value)) report({ message: p.message, location: locatePointer(file, p.pointer) });
      return;
    }
    if (!ctx) return;
    for (const source of schemaSourcesOf(ctx)) {
      if (source.value === undefined) continue;
      for (const p of validatePayloadSchema(source.value)) report({ message: p.message, location: locatePointer(file, source.pointer + p.pointer) });
    }
  },
};

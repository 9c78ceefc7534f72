// The wire identity the generated code uses, read back from the generated envelopes.ts files, and
// the one the model defines (wireIdentity() in src/core/model/wire.ts), for tests that compare them.
import type { Model } from '../../../src/core';
import type { PlannedFile } from '../../../src/core/codegen';
import { wireIdentity } from '../../../src/core/model/wire';

export interface Wire {
  type: string;
  source: string;
  dataschema: string;
  channel: string | null;
  schemaId: string | null;
}

const STRING = '"(?:[^"\\\\]|\\\\.)*"';
const ROUTE = new RegExp(
  `\\{ context: (${STRING}), source: SOURCE, type: (\\w+), event: (${STRING}), version: (\\d+), dataschema: (\\w+), channel: (\\w+), schemaId: (${STRING}|null),`,
  'g',
);
const CONSTANT = new RegExp(`^export const (\\w+) = (${STRING});$`, 'gm');

/** `Context.Event@n` → the attributes the generated envelopes put on that version, from every envelopes.ts of a plan. */
export function generatedWire(files: readonly PlannedFile[]): Map<string, Wire> {
  const out = new Map<string, Wire>();
  for (const file of files) {
    if (!file.path.endsWith('/envelopes.ts') || file.owner !== 'generated') continue;
    const constants = new Map<string, string>();
    for (const m of file.content.matchAll(CONSTANT)) constants.set(m[1]!, JSON.parse(m[2]!) as string);
    const value = (name: string) => {
      const v = constants.get(name);
      if (v === undefined) throw new Error(`${file.path}: no constant ${name}`);
      return v;
    };
    for (const m of file.content.matchAll(ROUTE)) {
      const key = `${JSON.parse(m[1]!) as string}.${JSON.parse(m[3]!) as string}@${m[4]}`;
      out.set(key, {
        type: value(m[2]!),
        source: value('SOURCE'),
        dataschema: value(m[5]!),
        channel: m[6] === 'null' ? null : value(m[6]!),
        schemaId: m[7] === 'null' ? null : (JSON.parse(m[7]!) as string),
      });
    }
  }
  return out;
}

/** `Context.Event@n` → wireIdentity() of every event version of the model. */
export function modelWire(model: Model, schemaBase?: string): Map<string, Wire> {
  const out = new Map<string, Wire>();
  for (const ctx of model.contexts) {
    for (const event of ctx.events) {
      // An event with neither schema nor versions has one implicit version 1.
      const versions = event.versions.length > 0 ? event.versions : [{ number: 1, channel: undefined }];
      for (const version of versions) {
        const { type, source, dataschema, channel, schemaId } = wireIdentity(model, event, version, schemaBase);
        out.set(`${ctx.name}.${event.name}@${version.number}`, { type, source, dataschema, channel, schemaId });
      }
    }
  }
  return out;
}

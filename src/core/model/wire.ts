import { kebabCase } from '../text';
import { effectiveSettings, type Model } from './model';
import type { EventDef, EventVersion, VersioningStrategy } from './types';

/**
 * How one version of an event appears on the wire: the CloudEvents attributes and
 * the channel consumers subscribe to. Generated envelopes use exactly these values, and once a
 * version is published they must never change (`published-identity-changed`).
 */
export interface WireIdentity {
  /** CloudEvents `type`. */
  type: string;
  /** CloudEvents `source`. */
  source: string;
  /** CloudEvents `dataschema`. */
  dataschema: string;
  /** Topic or stream (null: none declared and the strategy derives none). */
  channel: string | null;
  /** Registry subject version (`registry` strategy only). */
  schemaId: string | null;
  versioning: VersioningStrategy;
}

export const WIRE_ATTRIBUTES = ['type', 'source', 'dataschema', 'channel', 'schemaId'] as const;

/** Base of `dataschema` URIs when none is configured. */
export function defaultSchemaBase(namespace: string | undefined): string {
  return `urn:eventmodel:${namespace || 'model'}`;
}

/** The wire identity of `version` of an event (kebab-case context and event names under the model's namespace). */
export function wireIdentity(model: Model, message: EventDef, version: Pick<EventVersion, 'number' | 'channel'>, schemaBase?: string): WireIdentity {
  const namespace = model.manifest?.namespace;
  const dir = kebabCase(message.context);
  const typePrefix = [namespace, dir].filter(Boolean).join('.');
  const source = namespace ? `${namespace}/${dir}` : dir;
  const n = version.number;
  const base = (schemaBase ?? defaultSchemaBase(namespace)).replace(/\/+$/, '');
  const versioning = effectiveSettings(model, message).versioning;
  const subject = `${typePrefix}.${message.name}`;
  const baseChannel = message.channel ?? `${typePrefix}.${kebabCase(message.name)}`;
  const channel = version.channel ?? (versioning === 'channel' ? `${baseChannel}.v${n}` : (message.channel ?? null));
  const type = versioning === 'payload' ? `${subject}.v${n}` : versioning === 'name' ? `${typePrefix}.${message.name}V${n}` : subject;
  return {
    type,
    source,
    dataschema: `${base}/${dir}/${kebabCase(message.name)}.v${n}.schema.json`,
    channel,
    schemaId: versioning === 'registry' ? `${subject}/versions/${n}` : null,
    versioning,
  };
}

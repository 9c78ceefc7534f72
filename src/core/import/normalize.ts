import { escapePointerSegment, parsePointer, valueAtPointer } from '../model/yaml-nodes';

/**
 * AsyncAPI 2.x and 3.0 documents in one neutral shape: messages (each once, by the pointer of
 * its definition), the channels they travel on, and the operations that send or receive them,
 * from the point of view of the application the document describes. In 2.x `subscribe` is what
 * the application sends and `publish` what it receives (as `@asyncapi/converter` maps them).
 */

export type JsonObject = Record<string, unknown>;

export interface NMessage {
  /** JSON pointer of the message object in the document (after following `$ref`s). */
  pointer: string;
  /** Its key: the components key, the channel's message key, or the 2.x messageId / name. */
  key: string;
  value: JsonObject;
  channels: NChannel[];
  operations: NOperation[];
}

export interface NChannel {
  key: string;
  address: string;
  /** `/channels/<key>`, what operations reference. */
  pointer: string;
  /** Where the channel object is (its `$ref` followed). */
  at: string;
  value: JsonObject;
  /** Names of the servers the channel is available on (empty: all). */
  servers: string[];
  tags: string[];
}

export interface NOperation {
  key: string;
  action: 'send' | 'receive';
  channel: NChannel;
  tags: string[];
  value: JsonObject;
}

export interface NormalizedDocument {
  version: string;
  major: 2 | 3;
  info: JsonObject;
  servers: string[];
  messages: NMessage[];
  channels: NChannel[];
  operations: NOperation[];
  /** `x-eventmodel` of the document root (an Event Modeler export). */
  extension?: JsonObject;
}

export class AsyncApiShapeError extends Error {}

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Follows `#/...` references inside the document (at most 32 hops), returning the target and its pointer. */
export function follow(doc: JsonObject, value: unknown, pointer: string): { value: unknown; pointer: string } {
  let current = value;
  let at = pointer;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 32; hops++) {
    const ref = current.$ref;
    if (!ref.startsWith('#')) break;
    at = ref.slice(1);
    current = valueAtPointer(doc, parsePointer(at));
  }
  return { value: current, pointer: at };
}

function tagNames(value: unknown): string[] {
  return Array.isArray(value) ? value.map((t) => (isObject(t) && typeof t.name === 'string' ? t.name : undefined)).filter((t): t is string => Boolean(t)) : [];
}

export function normalize(doc: JsonObject): NormalizedDocument {
  const version = typeof doc.asyncapi === 'string' ? doc.asyncapi : '';
  const major = /^3\./.test(version) ? 3 : /^2\./.test(version) ? 2 : undefined;
  if (!major) throw new AsyncApiShapeError(`not an AsyncAPI 2.x or 3.x document (asyncapi: ${JSON.stringify(doc.asyncapi ?? null)})`);
  const out: NormalizedDocument = {
    version,
    major,
    info: isObject(doc.info) ? doc.info : {},
    servers: isObject(doc.servers) ? Object.keys(doc.servers) : [],
    messages: [],
    channels: [],
    operations: [],
    extension: isObject(doc['x-eventmodel']) ? doc['x-eventmodel'] : undefined,
  };
  const byPointer = new Map<string, NMessage>();
  const message = (value: unknown, pointer: string, key: string): NMessage | undefined => {
    const hit = follow(doc, value, pointer);
    if (!isObject(hit.value)) return undefined;
    let m = byPointer.get(hit.pointer);
    if (!m) {
      const componentKey = /^\/components\/messages\/([^/]+)$/.exec(hit.pointer)?.[1];
      const named = typeof hit.value.messageId === 'string' ? hit.value.messageId : undefined;
      m = { pointer: hit.pointer, key: componentKey ? unescape(componentKey) : (named ?? key), value: hit.value, channels: [], operations: [] };
      byPointer.set(hit.pointer, m);
      out.messages.push(m);
    }
    return m;
  };
  const link = (m: NMessage, channel: NChannel, op?: NOperation) => {
    if (!m.channels.includes(channel)) m.channels.push(channel);
    if (op && !m.operations.includes(op)) m.operations.push(op);
  };
  const channels = isObject(doc.channels) ? doc.channels : {};
  if (major === 3) {
    for (const [key, raw] of Object.entries(channels)) {
      const pointer = `/channels/${escapePointerSegment(key)}`;
      const hit = follow(doc, raw, pointer);
      if (!isObject(hit.value)) continue;
      const ch = hit.value;
      const servers = Array.isArray(ch.servers)
        ? ch.servers.map((s) => (isObject(s) && typeof s.$ref === 'string' ? unescape(s.$ref.split('/').pop() ?? '') : '')).filter(Boolean)
        : [];
      const channel: NChannel = {
        key,
        address: typeof ch.address === 'string' ? ch.address : key,
        pointer,
        at: hit.pointer,
        value: ch,
        servers,
        tags: tagNames(ch.tags),
      };
      out.channels.push(channel);
      for (const [mk, mv] of Object.entries(isObject(ch.messages) ? ch.messages : {})) {
        const m = message(mv, `${hit.pointer}/messages/${escapePointerSegment(mk)}`, mk);
        if (m) link(m, channel);
      }
    }
    for (const [key, raw] of Object.entries(isObject(doc.operations) ? doc.operations : {})) {
      const hit = follow(doc, raw, `/operations/${escapePointerSegment(key)}`);
      if (!isObject(hit.value)) continue;
      const op = hit.value;
      const chRef = isObject(op.channel) && typeof op.channel.$ref === 'string' ? op.channel.$ref : '';
      const channel = out.channels.find((c) => `#${c.pointer}` === chRef);
      if (!channel || (op.action !== 'send' && op.action !== 'receive')) continue;
      const operation: NOperation = { key, action: op.action, channel, tags: tagNames(op.tags), value: op };
      out.operations.push(operation);
      // No `messages`: the operation covers every message of its channel.
      const refs: [unknown, string, string][] =
        Array.isArray(op.messages) && op.messages.length
          ? op.messages.map((r) => [r, '', 'message'])
          : Object.entries(isObject(channel.value.messages) ? channel.value.messages : {}).map(([k, v]) => [
              v,
              `${channel.at}/messages/${escapePointerSegment(k)}`,
              k,
            ]);
      for (const [r, p, k] of refs) {
        const m = message(r, p, k);
        if (m) link(m, channel, operation);
      }
    }
  } else {
    for (const [address, raw] of Object.entries(channels)) {
      const pointer = `/channels/${escapePointerSegment(address)}`;
      const hit = follow(doc, raw, pointer);
      if (!isObject(hit.value)) continue;
      const ch = hit.value;
      const channel: NChannel = {
        key: address,
        address,
        pointer,
        at: hit.pointer,
        value: ch,
        servers: Array.isArray(ch.servers) ? ch.servers.filter((s): s is string => typeof s === 'string') : [],
        tags: [],
      };
      out.channels.push(channel);
      for (const verb of ['subscribe', 'publish'] as const) {
        const opHit = follow(doc, ch[verb], `${hit.pointer}/${verb}`);
        if (!isObject(opHit.value)) continue;
        const op = opHit.value;
        const operation: NOperation = {
          key: typeof op.operationId === 'string' ? op.operationId : `${verb}:${address}`,
          action: verb === 'subscribe' ? 'send' : 'receive',
          channel,
          tags: tagNames(op.tags),
          value: op,
        };
        out.operations.push(operation);
        const msgHit = follow(doc, op.message, `${opHit.pointer}/message`);
        const list =
          isObject(msgHit.value) && Array.isArray(msgHit.value.oneOf)
            ? msgHit.value.oneOf.map((v, i) => [v, `${msgHit.pointer}/oneOf/${i}`] as const)
            : [[op.message, `${opHit.pointer}/message`] as const];
        list.forEach(([v, p], i) => {
          const fallback =
            typeof op.operationId === 'string' ? `${op.operationId}${list.length > 1 ? i + 1 : ''}` : `${address}${list.length > 1 ? i + 1 : ''}`;
          const m = message(v, p, isObject(v) && typeof v.name === 'string' ? v.name : fallback);
          if (m) link(m, channel, operation);
        });
      }
    }
  }
  // Messages only defined in components still describe the API's vocabulary.
  const components = isObject(doc.components) && isObject(doc.components.messages) ? doc.components.messages : {};
  for (const [key, value] of Object.entries(components)) message(value, `/components/messages/${escapePointerSegment(key)}`, key);
  return out;
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

import { isMap, isScalar, isSeq, type Scalar, type Pair, type YAMLMap } from 'yaml';
import type { SourceRange } from '../diagnostic';
import { SpecReader } from './parse-specs';
import { parseReference } from './references';
import { rangeOf, type LoadedFile } from './source';
import { YamlReader } from './yaml-reader';
import type {
  ActorDef,
  AggregateDef,
  CommandDef,
  ContextDef,
  DeliverySpec,
  EventDef,
  EventVersion,
  ExternalSystemDef,
  Located,
  PolicyDef,
  QueryDef,
  ReadModelDef,
  Reference,
  Relationship,
  SchemaSource,
  SpecDef,
} from './types';
import { getPair, joinPointer, keyText, valueAtPointer, parsePointer } from './yaml-nodes';

/**
 * Builds the typed view of one context file from its YAML AST, keeping the range of every name,
 * reference and schema. Tolerant: malformed parts are skipped here (the structural schema
 * reports them), so a half-typed file still yields everything that is well formed.
 */
export function parseContextFile(file: LoadedFile): ContextDef | undefined {
  if (!file.doc || file.value === undefined) return undefined;
  return new ContextParser(file).parse();
}

class ContextParser extends YamlReader {
  private name = '';
  private readonly specReader: SpecReader;

  constructor(file: LoadedFile) {
    super(file);
    this.specReader = new SpecReader(file);
  }

  parse(): ContextDef | undefined {
    const root = this.node(this.doc.contents);
    if (!isMap(root)) return undefined;
    const namePair = getPair(root, 'context');
    const nameNode = namePair && this.node(namePair.value);
    if (!isScalar(nameNode) || typeof nameNode.value !== 'string' || nameNode.value === '') return undefined;
    this.name = nameNode.value;
    const ctx: ContextDef = {
      kind: 'context',
      name: this.name,
      file: this.file.path,
      nameRange: this.scalarRange(nameNode),
      range: this.range(root),
      description: this.str(root, 'description'),
      owner: this.str(root, 'owner'),
      compatibility: this.located(root, 'compatibility') as ContextDef['compatibility'],
      compatibilityPolicy: this.located(root, 'compatibilityPolicy') as ContextDef['compatibilityPolicy'],
      versioning: this.located(root, 'versioning') as ContextDef['versioning'],
      relationships: this.relationships(root),
      aggregates: this.section(root, 'aggregates', (n, p, ptr) => this.aggregate(n, p, ptr)),
      commands: this.section(root, 'commands', (n, p, ptr) => this.command(n, p, ptr)),
      events: this.section(root, 'events', (n, p, ptr) => this.event(n, p, ptr)),
      policies: this.section(root, 'policies', (n, p, ptr) => this.policy(n, p, ptr)),
      readModels: this.section(root, 'readModels', (n, p, ptr) => this.readModel(n, p, ptr)),
      actors: this.section(root, 'actors', (n, p) => this.actor(n, p)),
      externalSystems: this.section(root, 'externalSystems', (n, p) => this.externalSystem(n, p)),
    };
    const owners = this.strings(root, 'owners');
    if (ctx.owner && !owners.includes(ctx.owner)) owners.unshift(ctx.owner);
    this.annotate(ctx, root, owners);
    return ctx;
  }

  private section<T>(root: YAMLMap, key: string, build: (name: string, pair: Pair, pointer: string) => T | undefined): T[] {
    const pair = getPair(root, key);
    const map = pair && this.node(pair.value);
    const out: T[] = [];
    if (!isMap(map)) return out;
    for (const item of map.items) {
      const name = keyText(item);
      if (name === undefined || name === '') continue;
      const def = build(name, item, joinPointer('', key, name));
      if (def) {
        stampOwner(def, name);
        out.push(def);
      }
    }
    return out;
  }

  private base(name: string, pair: Pair) {
    const value = this.node(pair.value);
    const map = isMap(value) ? value : undefined;
    const base: {
      name: string;
      context: string;
      nameRange: SourceRange;
      range: SourceRange;
      description?: string;
      tags?: string[];
      owners?: string[];
      metadata?: Record<string, unknown>;
    } = {
      name,
      context: this.name,
      nameRange: this.range(pair.key),
      range: this.pairRange(pair),
      description: map ? this.str(map, 'description') : undefined,
    };
    if (map) this.annotate(base, map, this.strings(map, 'owners'));
    return base;
  }

  /** `tags`, `owners` and `metadata`, which every element may carry. */
  private annotate(def: { tags?: string[]; owners?: string[]; metadata?: Record<string, unknown> }, map: YAMLMap, owners: string[]): void {
    const tags = this.strings(map, 'tags');
    if (tags.length) def.tags = tags;
    if (owners.length) def.owners = owners;
    const metadata = this.valueNode(map, 'metadata');
    if (isMap(metadata)) {
      const value = metadata.toJS(this.doc, { maxAliasCount: 1000 }) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) def.metadata = value as Record<string, unknown>;
    }
  }

  private strings(map: YAMLMap, key: string): string[] {
    const node = this.valueNode(map, key);
    const out: string[] = [];
    for (const item of isSeq(node) ? node.items : isScalar(node) ? [node] : []) {
      const n = this.node(item);
      if (isScalar(n) && typeof n.value === 'string' && n.value !== '') out.push(n.value);
    }
    return out;
  }

  private aggregate(name: string, pair: Pair, pointer: string): AggregateDef {
    const value = this.node(pair.value);
    const map = isMap(value) ? value : undefined;
    return {
      kind: 'aggregate',
      ...this.base(name, pair),
      id: map ? this.located(map, 'id') : undefined,
      state: map ? this.schema(map, 'state', pointer) : undefined,
    };
  }

  private actor(name: string, pair: Pair): ActorDef {
    const value = this.node(pair.value);
    const map = isMap(value) ? value : undefined;
    return { kind: 'actor', ...this.base(name, pair), sends: map ? this.refs(map, 'sends', 'command', 'sends') : [] };
  }

  private externalSystem(name: string, pair: Pair): ExternalSystemDef {
    const value = this.node(pair.value);
    const map = isMap(value) ? value : undefined;
    const kind = map ? this.str(map, 'kind') : undefined;
    return {
      kind: 'externalSystem',
      ...this.base(name, pair),
      systemKind: kind === 'device' || kind === 'timer' ? kind : 'system',
      sends: map ? this.refs(map, 'sends', 'command', 'sends') : [],
      emits: map ? this.refs(map, 'emits', 'event', 'emits') : [],
    };
  }

  private command(name: string, pair: Pair, pointer: string): CommandDef {
    const value = this.node(pair.value);
    const map = isMap(value) ? value : undefined;
    const versions = map ? this.versions(map, pointer) : [];
    return {
      kind: 'command',
      ...this.base(name, pair),
      aggregate: map ? this.ref(map, 'aggregate', 'aggregate', 'aggregate') : undefined,
      emits: map ? this.refs(map, 'emits', 'event', 'emits') : [],
      compatibility: map ? (this.located(map, 'compatibility') as CommandDef['compatibility']) : undefined,
      compatibilityPolicy: map ? (this.located(map, 'compatibilityPolicy') as CommandDef['compatibilityPolicy']) : undefined,
      headers: map ? this.schema(map, 'headers', pointer) : undefined,
      versions,
      schema: [...versions].reverse().find((v) => v.schema)?.schema,
      specs: map ? this.specs(map, pointer, 'command', name) : [],
    };
  }

  private event(name: string, pair: Pair, pointer: string): EventDef {
    const value = this.node(pair.value);
    const map = isMap(value) ? value : undefined;
    const event: EventDef = {
      kind: 'event',
      ...this.base(name, pair),
      versions: [],
    };
    if (!map) return event;
    event.aggregate = this.ref(map, 'aggregate', 'aggregate', 'aggregate');
    event.channel = this.str(map, 'channel');
    event.compatibility = this.located(map, 'compatibility') as EventDef['compatibility'];
    event.compatibilityPolicy = this.located(map, 'compatibilityPolicy') as EventDef['compatibilityPolicy'];
    event.versioning = this.located(map, 'versioning') as EventDef['versioning'];
    event.headers = this.schema(map, 'headers', pointer);
    event.versions = this.versions(map, pointer);
    return event;
  }

  /** `schema:` (version 1) and/or `versions: { N: ... }`, sorted by number. */
  private versions(map: YAMLMap, pointer: string): EventVersion[] {
    const out: EventVersion[] = [];
    const shorthand = getPair(map, 'schema');
    if (shorthand) {
      out.push({
        number: 1,
        numberRange: this.range(shorthand.key),
        range: this.pairRange(shorthand),
        schema: this.schema(map, 'schema', pointer),
        upcast: false,
        downcast: false,
      });
    }
    const versionsPair = getPair(map, 'versions');
    const versions = versionsPair && this.node(versionsPair.value);
    if (isMap(versions)) {
      for (const item of versions.items) {
        const key = keyText(item);
        if (key === undefined || !/^[1-9][0-9]*$/.test(key)) continue;
        out.push(this.version(Number(key), item, joinPointer(pointer, 'versions', key)));
      }
    }
    return out.sort((a, b) => a.number - b.number);
  }

  private version(number: number, pair: Pair, pointer: string): EventVersion {
    const value = this.node(pair.value);
    const map = isMap(value) ? value : undefined;
    const upcastPair = map && getPair(map, 'upcast');
    const upcastNode = upcastPair && this.node(upcastPair.value);
    const downcastPair = map && getPair(map, 'downcast');
    const downcastNode = downcastPair && this.node(downcastPair.value);
    const deprecatedNode = map && this.valueNode(map, 'deprecated');
    return {
      number,
      numberRange: this.range(pair.key),
      range: this.pairRange(pair),
      schema: map ? this.schema(map, 'schema', pointer) : undefined,
      upcast: isScalar(upcastNode) && upcastNode.value === true,
      upcastRange: upcastPair ? this.pairRange(upcastPair) : undefined,
      downcast: isScalar(downcastNode) && downcastNode.value === true,
      downcastRange: downcastPair ? this.pairRange(downcastPair) : undefined,
      channel: map ? this.str(map, 'channel') : undefined,
      deprecated: isScalar(deprecatedNode) && deprecatedNode.value === true,
      description: map ? this.str(map, 'description') : undefined,
    };
  }

  private policy(name: string, pair: Pair, pointer: string): PolicyDef {
    const value = this.node(pair.value);
    const map = isMap(value) ? value : undefined;
    return {
      kind: 'policy',
      ...this.base(name, pair),
      when: map ? this.refs(map, 'when', 'event', 'when') : [],
      issue: map ? this.ref(map, 'issue', 'command', 'issue') : undefined,
      delivery: map ? this.delivery(map) : undefined,
      specs: map ? this.specs(map, pointer, 'policy', name) : [],
    };
  }

  private readModel(name: string, pair: Pair, pointer: string): ReadModelDef {
    const value = this.node(pair.value);
    const map = isMap(value) ? value : undefined;
    return {
      kind: 'readModel',
      ...this.base(name, pair),
      from: map ? this.refs(map, 'from', 'event', 'from') : [],
      key: map ? this.located(map, 'key') : undefined,
      schema: map ? this.schema(map, 'schema', pointer) : undefined,
      queries: map ? this.queries(map, pointer) : [],
      specs: map ? this.specs(map, pointer, 'readModel', name) : [],
    };
  }

  /** The `specs:` list of a command, policy or read model. */
  private specs(map: YAMLMap, pointer: string, kind: SpecDef['ownerKind'], name: string): SpecDef[] {
    const pair = getPair(map, 'specs');
    return pair ? this.specReader.list(pair.value, joinPointer(pointer, 'specs'), this.name, kind, name) : [];
  }

  private queries(map: YAMLMap, pointer: string): QueryDef[] {
    const node = this.valueNode(map, 'queries');
    const out: QueryDef[] = [];
    if (!isMap(node)) return out;
    for (const item of node.items) {
      const name = keyText(item);
      if (!name) continue;
      const value = this.node(item.value);
      const q = isMap(value) ? value : undefined;
      const returns = q ? this.str(q, 'returns') : undefined;
      out.push({
        name,
        nameRange: this.range(item.key),
        range: this.pairRange(item),
        description: q ? this.str(q, 'description') : undefined,
        returns: returns === 'one' ? 'one' : 'many',
        schema: q ? this.schema(q, 'schema', joinPointer(pointer, 'queries', name)) : undefined,
      });
    }
    return out;
  }

  private delivery(map: YAMLMap): DeliverySpec | undefined {
    const pair = getPair(map, 'delivery');
    const node = pair && this.node(pair.value);
    if (!isMap(node)) return undefined;
    const spec: DeliverySpec = { range: this.pairRange(pair!) };
    const mode = this.located(node, 'mode');
    if (mode && (mode.value === 'push' || mode.value === 'poll')) spec.mode = mode as DeliverySpec['mode'];
    const retry = this.valueNode(node, 'retry');
    if (isMap(retry)) {
      const backoff = this.str(retry, 'backoff');
      spec.retry = {
        maxAttempts: this.num(retry, 'maxAttempts'),
        backoff: backoff === 'fixed' || backoff === 'linear' || backoff === 'exponential' ? backoff : undefined,
        initialDelayMs: this.num(retry, 'initialDelayMs'),
        maxDelayMs: this.num(retry, 'maxDelayMs'),
        range: this.pairRange(getPair(node, 'retry')!),
      };
    }
    const deadLetter = this.located(node, 'deadLetter');
    if (deadLetter && typeof deadLetter.value === 'string' && deadLetter.value !== '') spec.deadLetter = deadLetter as Located<string>;
    const poll = this.valueNode(node, 'poll');
    if (isMap(poll)) {
      spec.poll = { intervalMs: this.num(poll, 'intervalMs'), batchSize: this.num(poll, 'batchSize'), range: this.pairRange(getPair(node, 'poll')!) };
    }
    return spec;
  }

  private relationships(root: YAMLMap): Relationship[] {
    const node = this.valueNode(root, 'relationships');
    const out: Relationship[] = [];
    if (!isSeq(node)) return out;
    for (const raw of node.items) {
      const item = this.node(raw);
      if (!isMap(item)) continue;
      const direction = (['upstream', 'downstream', 'partner'] as const).find((d) => getPair(item, d));
      if (!direction) continue;
      const patternsNode = this.valueNode(item, 'patterns');
      const patterns: Located<string>[] = [];
      if (isSeq(patternsNode)) {
        for (const p of patternsNode.items) {
          const n = this.node(p);
          if (isScalar(n) && typeof n.value === 'string') patterns.push({ value: n.value, range: this.scalarRange(n) });
        }
      }
      const rel: Relationship = {
        context: this.name,
        direction,
        other: this.ref(item, direction, 'context', direction),
        patterns,
        label: this.str(item, 'label'),
        description: this.str(item, 'description'),
        range: this.range(item),
      };
      const tags = this.strings(item, 'tags');
      if (tags.length) rel.tags = tags;
      out.push(rel);
    }
    return out;
  }

  // --- references and schemas --------------------------------------------------------------

  private ref(map: YAMLMap, key: string, kind: Reference['kind'], role: Reference['role']): Reference | undefined {
    const node = this.valueNode(map, key);
    return isScalar(node) ? this.refFromScalar(node, kind, role) : undefined;
  }

  private refs(map: YAMLMap, key: string, kind: Reference['kind'], role: Reference['role']): Reference[] {
    const node = this.valueNode(map, key);
    if (isScalar(node)) {
      const r = this.refFromScalar(node, kind, role);
      return r ? [r] : [];
    }
    const out: Reference[] = [];
    if (isSeq(node)) {
      for (const item of node.items) {
        const n = this.node(item);
        if (!isScalar(n)) continue;
        const r = this.refFromScalar(n, kind, role);
        if (r) out.push(r);
      }
    }
    return out;
  }

  private refFromScalar(node: Scalar, kind: Reference['kind'], role: Reference['role']): Reference | undefined {
    if (typeof node.value !== 'string') return undefined;
    const text = node.value;
    const start = this.scalarStart(node);
    return parseReference(text, (offset, length) => rangeOf(this.file, start + offset, start + offset + length), kind, role, this.name);
  }

  private schema(map: YAMLMap, key: string, ownerPointer: string): SchemaSource | undefined {
    const pair = getPair(map, key);
    if (!pair) return undefined;
    const pointer = joinPointer(ownerPointer, key);
    const node = this.node(pair.value);
    return {
      file: this.file.path,
      pointer,
      value: valueAtPointer(this.file.value, parsePointer(pointer)),
      range: node ? this.range(node) : this.range(pair.key),
    };
  }

  private str(map: YAMLMap, key: string): string | undefined {
    const n = this.valueNode(map, key);
    return isScalar(n) && typeof n.value === 'string' ? n.value : undefined;
  }

  private num(map: YAMLMap, key: string): number | undefined {
    const n = this.valueNode(map, key);
    return isScalar(n) && typeof n.value === 'number' ? n.value : undefined;
  }
}

/** Records which definition each reference belongs to (for emitters/consumers lookups). */
function stampOwner(def: unknown, name: string): void {
  const d = def as { aggregate?: Reference; emits?: Reference[]; when?: Reference[]; issue?: Reference; from?: Reference[]; sends?: Reference[] };
  for (const ref of [d.aggregate, d.issue, ...(d.emits ?? []), ...(d.when ?? []), ...(d.from ?? []), ...(d.sends ?? [])]) if (ref) ref.ownerName = name;
}

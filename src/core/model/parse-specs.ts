import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { parseReference } from './references';
import { rangeOf, type LoadedFile } from './source';
import { YamlReader } from './yaml-reader';
import type { SpecDef, SpecFileDef, SpecMessage, SpecOutcome, SpecOwnerKind, SpecPayload, SpecRole } from './spec-types';
import type { Reference } from './types';
import { getPair, joinPointer, keyText, parsePointer, valueAtPointer } from './yaml-nodes';

/** The sections of a spec file, and the kind of owner each one names. */
export const SPEC_SECTIONS: readonly { key: 'commands' | 'policies' | 'readModels'; kind: SpecOwnerKind }[] = [
  { key: 'commands', kind: 'command' },
  { key: 'policies', kind: 'policy' },
  { key: 'readModels', kind: 'readModel' },
];

/**
 * Reads Given/When/Then specs from a YAML AST, keeping the range of every name, reference and
 * payload. Tolerant like the context parser: what is malformed is skipped (the structural schema
 * reports it), what is well formed is kept. Aliases and merge keys are followed (the loader has
 * already expanded merge keys in the AST).
 */
export class SpecReader extends YamlReader {
  /** The specs of a `specs:` list (inline) or of an owner's list in a spec file. */
  list(node: unknown, pointer: string, context: string, ownerKind: SpecOwnerKind, ownerName: string): SpecDef[] {
    const seq = this.node(node);
    const out: SpecDef[] = [];
    if (!isSeq(seq)) return out;
    seq.items.forEach((item, i) => {
      const spec = this.spec(this.node(item), joinPointer(pointer, i), context, ownerKind, ownerName, i);
      if (spec) out.push(spec);
    });
    return out;
  }

  /** A whole spec file: `specsFor: Context` and `commands:`/`policies:`/`readModels:` maps of spec lists. */
  specFile(): SpecFileDef | undefined {
    const root = this.node(this.doc.contents);
    if (!isMap(root)) return undefined;
    const def: SpecFileDef = { file: this.file.path, owners: [], specs: [] };
    const ctxNode = this.valueNode(root, 'specsFor');
    if (isScalar(ctxNode)) def.context = this.reference(ctxNode, 'context', 'specContext', '');
    const context = def.context?.name.value;
    if (!context) return def;
    for (const { key, kind } of SPEC_SECTIONS) {
      const section = this.valueNode(root, key);
      if (!isMap(section)) continue;
      for (const pair of section.items) {
        const name = keyText(pair);
        if (!name || !isScalar(pair.key)) continue;
        const owner = this.reference(pair.key, kind, 'specOwner', context);
        if (!owner) continue;
        owner.ownerName = name;
        def.owners.push(owner);
        def.specs.push(...this.list(pair.value, joinPointer('', key, name), context, kind, name));
      }
    }
    return def;
  }

  private spec(map: Node | undefined, pointer: string, context: string, ownerKind: SpecOwnerKind, ownerName: string, index: number): SpecDef | undefined {
    if (!isMap(map)) return undefined;
    const nameNode = this.valueNode(map, 'name');
    const named = isScalar(nameNode) && (typeof nameNode.value === 'string' || typeof nameNode.value === 'number') && String(nameNode.value) !== '';
    const spec: SpecDef = {
      name: named ? String(nameNode.value) : `spec ${index + 1}`,
      nameRange: named ? this.scalarRange(nameNode) : this.range(map),
      range: this.range(map),
      file: this.file.path,
      pointer,
      context,
      ownerKind,
      ownerName,
      given: [],
    };
    const stamp = (ref: Reference | undefined) => {
      if (ref) ref.ownerName = ownerName;
    };
    const givenPair = getPair(map, 'given');
    if (givenPair) {
      spec.givenRange = this.pairRange(givenPair);
      const given = this.node(givenPair.value);
      if (isSeq(given)) {
        given.items.forEach((item, i) => {
          const m = this.message(this.node(item), joinPointer(pointer, 'given', i), 'event', 'specGiven', context);
          if (m) spec.given.push(m);
        });
      }
    }
    const whenPair = getPair(map, 'when');
    if (whenPair) {
      spec.whenRange = this.pairRange(whenPair);
      const when = this.node(whenPair.value);
      if (ownerKind === 'policy') spec.whenEvent = this.message(when, joinPointer(pointer, 'when'), 'event', 'specWhen', context);
      else spec.when = this.payload(when, joinPointer(pointer, 'when'));
    }
    const thenPair = getPair(map, 'then');
    if (thenPair) spec.then = this.outcome(this.node(thenPair.value), joinPointer(pointer, 'then'), context);
    for (const m of [...spec.given, spec.whenEvent]) stamp(m?.ref);
    if (spec.then?.kind === 'events') for (const e of spec.then.events) stamp(e.ref);
    if (spec.then?.kind === 'command') stamp(spec.then.command?.ref);
    return spec;
  }

  private outcome(node: Node | undefined, pointer: string, context: string): SpecOutcome | undefined {
    if (!node) return undefined;
    const range = this.range(node);
    if (isSeq(node)) {
      const events: SpecMessage[] = [];
      node.items.forEach((item, i) => {
        const m = this.message(this.node(item), joinPointer(pointer, i), 'event', 'specThen', context);
        if (m) events.push(m);
      });
      return { kind: 'events', events, range, pointer };
    }
    if (!isMap(node)) return undefined;
    const errorPair = getPair(node, 'error');
    if (errorPair) {
      const error = this.node(errorPair.value);
      const outcome: SpecOutcome = { kind: 'error', range, pointer };
      if (isScalar(error) && typeof error.value === 'string') outcome.message = { value: error.value, range: this.scalarRange(error) };
      else if (isMap(error)) {
        outcome.message = this.located(error, 'message');
        outcome.errorKind = this.located(error, 'kind');
      }
      return outcome;
    }
    const commandNode = this.valueNode(node, 'command');
    if (commandNode) {
      if (isScalar(commandNode) && commandNode.value === 'none') return { kind: 'command', range, pointer };
      return { kind: 'command', command: this.message(node, pointer, 'command', 'specThen', context), range, pointer };
    }
    if (getPair(node, 'view') || getPair(node, 'key')) {
      const outcome: SpecOutcome = { kind: 'view', range, pointer };
      const keyNode = this.valueNode(node, 'key');
      if (isScalar(keyNode) && ['string', 'number', 'boolean'].includes(typeof keyNode.value)) {
        outcome.key = { value: keyNode.value as string | number | boolean, range: this.scalarRange(keyNode) };
      }
      const viewNode = this.valueNode(node, 'view');
      if (viewNode) outcome.view = this.payload(viewNode, joinPointer(pointer, 'view'));
      return outcome;
    }
    return undefined;
  }

  /** `{ event: Name@N, data }` / `{ command: Name, data }`. */
  private message(node: Node | undefined, pointer: string, kind: 'event' | 'command', role: SpecRole, context: string): SpecMessage | undefined {
    if (!isMap(node)) return undefined;
    const nameNode = this.valueNode(node, kind);
    if (!isScalar(nameNode)) return undefined;
    const ref = this.reference(nameNode, kind, role, context);
    if (!ref) return undefined;
    const dataNode = this.valueNode(node, 'data');
    return { ref, data: dataNode ? this.payload(dataNode, joinPointer(pointer, 'data')) : undefined, range: this.range(node), pointer };
  }

  private payload(node: Node | undefined, pointer: string): SpecPayload | undefined {
    if (!node) return undefined;
    return { value: valueAtPointer(this.file.value, parsePointer(pointer)), file: this.file.path, pointer, range: this.range(node) };
  }

  private reference(node: Scalar, kind: Reference['kind'], role: SpecRole, context: string): Reference | undefined {
    if (typeof node.value !== 'string') return undefined;
    const start = this.scalarStart(node);
    return parseReference(node.value, (offset, length) => rangeOf(this.file, start + offset, start + offset + length), kind, role, context || node.value);
  }
}

/** A spec file of the manifest's `specs:` globs, or undefined when it is not a YAML map. */
export function parseSpecFile(file: LoadedFile): SpecFileDef | undefined {
  if (!file.doc || file.value === undefined) return undefined;
  return new SpecReader(file).specFile();
}

import {
  definitionsIn,
  type AnyDefinition,
  type ContextDef,
  type EventDef,
  type EventVersion,
  type LoadedFile,
  type Model,
  type Reference,
  type SourceRange,
} from '../../core';
import type { Position } from 'vscode-languageserver';
import { KIND_LABEL } from '../../core/model/labels';
import { positionAt as linePositionAt } from '../../core/model/source';

/** What sits under the cursor. */
export type Target =
  | { kind: 'reference'; ref: Reference; part: 'context' | 'name' | 'version'; range: SourceRange }
  | { kind: 'definition'; def: AnyDefinition; range: SourceRange }
  | { kind: 'version'; event: EventDef; version: EventVersion; range: SourceRange };

export function offsetAt(file: Pick<LoadedFile, 'lineStarts' | 'text'>, pos: Position): number {
  const lineStart = file.lineStarts[Math.min(pos.line, file.lineStarts.length - 1)] ?? 0;
  if (pos.line >= file.lineStarts.length) return file.text.length;
  return Math.min(lineStart + pos.character, file.text.length);
}

export function positionAt(file: Pick<LoadedFile, 'lineStarts'>, offset: number): Position {
  return linePositionAt(file.lineStarts, offset);
}

const contains = (r: SourceRange, file: string, offset: number) => r.file === file && r.startOffset <= offset && offset <= r.endOffset;

/** The reference part or definition name at `offset` of `file`. */
function targetAt(model: Model, file: string, offset: number): Target | undefined {
  for (const ref of model.index.references) {
    if (!contains(ref.range, file, offset)) continue;
    if (ref.context && contains(ref.context.range, file, offset)) return { kind: 'reference', ref, part: 'context', range: ref.context.range };
    if (ref.version && offset >= ref.version.range.startOffset - 1) return { kind: 'reference', ref, part: 'version', range: ref.version.range };
    return { kind: 'reference', ref, part: 'name', range: ref.name.range };
  }
  for (const ctx of model.contexts) {
    if (ctx.file !== file) continue;
    if (contains(ctx.nameRange, file, offset)) return { kind: 'definition', def: ctx, range: ctx.nameRange };
    for (const def of definitionsOf(ctx)) {
      if (!contains(def.range, file, offset)) continue;
      if (contains(def.nameRange, file, offset)) return { kind: 'definition', def, range: def.nameRange };
      if (def.kind === 'event') {
        for (const v of def.versions) if (contains(v.numberRange, file, offset)) return { kind: 'version', event: def, version: v, range: v.numberRange };
      }
    }
  }
  return undefined;
}

export function definitionsOf(ctx: ContextDef): AnyDefinition[] {
  return definitionsIn(ctx);
}

/** The definition a reference part points at (a wrong version still finds its event). */
function resolvePart(model: Model, ref: Reference, part: 'context' | 'name' | 'version'): { def: AnyDefinition; version?: EventVersion } | undefined {
  if (part === 'context') {
    const ctx = ref.context ? model.index.context(ref.context.value) : undefined;
    return ctx ? { def: ctx } : undefined;
  }
  const r = model.index.resolve(ref);
  if (r.ok) return { def: r.target, version: part === 'version' ? r.version : undefined };
  if (r.reason === 'unknown-version' && r.target) return { def: r.target };
  return undefined;
}

/** The definition whose name, or a reference to which, is at the offset. */
export function definitionAt(model: Model, file: string, offset: number): { def: AnyDefinition; version?: EventVersion; target: Target } | undefined {
  const target = targetAt(model, file, offset);
  if (!target) return undefined;
  if (target.kind === 'definition') return { def: target.def, target };
  if (target.kind === 'version') return { def: target.event, version: target.version, target };
  const hit = resolvePart(model, target.ref, target.part);
  return hit ? { ...hit, target } : undefined;
}

/** The innermost definition whose whole range contains the offset (for code actions and hover of a body). */
export function enclosingDefinition(model: Model, file: string, offset: number): AnyDefinition | undefined {
  for (const ctx of model.contexts) {
    if (ctx.file !== file) continue;
    for (const def of definitionsOf(ctx)) if (contains(def.range, file, offset)) return def;
    return ctx;
  }
  return undefined;
}

/** Every place that names `def`: the reference parts (not the definition itself). */
export function referenceRanges(model: Model, def: AnyDefinition): SourceRange[] {
  const out: SourceRange[] = [];
  if (def.kind === 'context') {
    for (const ref of model.index.references) {
      if (ref.kind === 'context' && ref.name.value === def.name) out.push(ref.name.range);
      else if (ref.context?.value === def.name) out.push(ref.context.range);
    }
    return out;
  }
  for (const ref of model.index.referencesTo(def)) out.push(ref.name.range);
  return out;
}

export function qualifiedName(def: AnyDefinition): string {
  return def.kind === 'context' ? def.name : `${def.context}.${def.name}`;
}

export { KIND_LABEL };

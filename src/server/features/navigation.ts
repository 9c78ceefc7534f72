import type { DefinitionParams, Location, LocationLink, ReferenceParams, DocumentHighlight, DocumentHighlightParams } from 'vscode-languageserver';
import { DocumentHighlightKind } from 'vscode-languageserver';
import { toRange } from './convert';
import { definitionAt, offsetAt, referenceRanges } from './locate';
import { modelDocument, type Services } from '../services';
import type { SourceRange } from '../../core';

/** Go to definition: from any reference part to the definition (or the event version it pins). */
export function definition(services: Services, params: DefinitionParams): LocationLink[] | null {
  const doc = modelDocument(services, params.textDocument.uri);
  if (!doc?.file) return null;
  const hit = definitionAt(doc.model, doc.rel, offsetAt(doc.file, params.position));
  if (!hit || hit.target.kind !== 'reference') return hit ? [link(doc, hit.def.nameRange, hit.def.range, hit.target.range)] : null;
  const target = hit.version ?? undefined;
  const range = target ? target.range : hit.def.range;
  const selection = target ? target.numberRange : hit.def.nameRange;
  return [link(doc, selection, range, hit.target.range)];
}

function link(doc: NonNullable<ReturnType<typeof modelDocument>>, selection: SourceRange, full: SourceRange, origin: SourceRange): LocationLink {
  return {
    originSelectionRange: toRange(origin),
    targetUri: doc.folder.uriOf(selection.file),
    targetRange: toRange(full),
    targetSelectionRange: toRange(selection),
  };
}

/** Find all references: every reference part naming the definition, across files. */
export function references(services: Services, params: ReferenceParams): Location[] | null {
  const doc = modelDocument(services, params.textDocument.uri);
  if (!doc?.file) return null;
  const hit = definitionAt(doc.model, doc.rel, offsetAt(doc.file, params.position));
  if (!hit) return null;
  const ranges = referenceRanges(doc.model, hit.def);
  if (params.context.includeDeclaration) ranges.unshift(hit.def.nameRange);
  return ranges.map((r) => ({ uri: doc.folder.uriOf(r.file), range: toRange(r) }));
}

/** Highlights the symbol's occurrences in the current file. */
export function highlights(services: Services, params: DocumentHighlightParams): DocumentHighlight[] | null {
  const doc = modelDocument(services, params.textDocument.uri);
  if (!doc?.file) return null;
  const hit = definitionAt(doc.model, doc.rel, offsetAt(doc.file, params.position));
  if (!hit) return null;
  const out: DocumentHighlight[] = [];
  if (hit.def.nameRange.file === doc.rel) out.push({ range: toRange(hit.def.nameRange), kind: DocumentHighlightKind.Write });
  for (const r of referenceRanges(doc.model, hit.def)) if (r.file === doc.rel) out.push({ range: toRange(r), kind: DocumentHighlightKind.Read });
  return out;
}

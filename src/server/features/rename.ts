import {
  LSPErrorCodes,
  ResponseError,
  type PrepareRenameParams,
  type RenameParams,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { AnyDefinition, Model } from '../../core';
import { toRange } from './convert';
import { definitionAt, definitionsOf, KIND_LABEL, offsetAt, referenceRanges } from './locate';
import type { ModelFolder } from '../workspace/model-folder';
import { modelDocument, type Services } from '../services';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function prepareRename(services: Services, params: PrepareRenameParams): { range: Range; placeholder: string } | null {
  const doc = modelDocument(services, params.textDocument.uri);
  if (!doc?.file) return null;
  const hit = definitionAt(doc.model, doc.rel, offsetAt(doc.file, params.position));
  if (!hit) return null;
  if (hit.target.kind === 'version' || (hit.target.kind === 'reference' && hit.target.part === 'version')) {
    throw new ResponseError(LSPErrorCodes.RequestFailed, 'A version number cannot be renamed; add a new version instead.');
  }
  return { range: toRange(hit.target.range), placeholder: hit.def.name };
}

export function rename(services: Services, params: RenameParams): WorkspaceEdit | null {
  const doc = modelDocument(services, params.textDocument.uri);
  if (!doc?.file) return null;
  const hit = definitionAt(doc.model, doc.rel, offsetAt(doc.file, params.position));
  if (!hit) return null;
  return renameEdit(doc.folder, doc.model, hit.def, params.newName);
}

/** The edit renaming a definition's key and every reference part naming it, across files. */
export function renameEdit(folder: ModelFolder, model: Model, def: AnyDefinition, newName: string): WorkspaceEdit {
  if (!IDENTIFIER.test(newName))
    throw new ResponseError(LSPErrorCodes.RequestFailed, `'${newName}' is not a valid name: use letters, digits and _ (PascalCase by convention).`);
  if (newName === def.name) return { changes: {} };
  const clash = def.kind === 'context' ? model.index.context(newName) : conflict(model, def, newName);
  if (clash)
    throw new ResponseError(
      LSPErrorCodes.RequestFailed,
      `${capital(KIND_LABEL[clash.kind])} '${newName}' already exists${def.kind === 'context' ? '' : ` in context ${def.context}`}.`,
    );
  const changes: Record<string, TextEdit[]> = {};
  for (const r of [def.nameRange, ...referenceRanges(model, def)]) {
    const uri = folder.uriOf(r.file);
    (changes[uri] ??= []).push({ range: toRange(r), newText: newName });
  }
  return { changes };
}

function conflict(model: Model, def: Exclude<AnyDefinition, { kind: 'context' }>, name: string): AnyDefinition | undefined {
  const ctx = model.index.context(def.context);
  return ctx ? definitionsOf(ctx).find((d) => d.name === name) : undefined;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams, type WorkspaceSymbol, type WorkspaceSymbolParams } from 'vscode-languageserver';
import type { AnyDefinition, ContextDef } from '../../core';
import { toRange } from './convert';
import { modelDocument, type Services } from '../services';

const KIND: Record<AnyDefinition['kind'], SymbolKind> = {
  context: SymbolKind.Namespace,
  aggregate: SymbolKind.Class,
  command: SymbolKind.Method,
  event: SymbolKind.Event,
  policy: SymbolKind.Function,
  readModel: SymbolKind.Struct,
  actor: SymbolKind.Interface,
  externalSystem: SymbolKind.Module,
};

const GROUPS: [keyof Pick<ContextDef, 'aggregates' | 'commands' | 'events' | 'policies' | 'readModels' | 'actors' | 'externalSystems'>, string][] = [
  ['aggregates', 'aggregates'],
  ['commands', 'commands'],
  ['events', 'events'],
  ['policies', 'policies'],
  ['readModels', 'readModels'],
  ['actors', 'actors'],
  ['externalSystems', 'externalSystems'],
];

/** Outline: the context, then one group per section, each definition with its versions. */
export function documentSymbols(services: Services, params: DocumentSymbolParams): DocumentSymbol[] | null {
  const doc = modelDocument(services, params.textDocument.uri);
  if (!doc?.file) return null;
  const out: DocumentSymbol[] = [];
  for (const ctx of doc.model.contexts) {
    if (ctx.file !== doc.rel) continue;
    const children: DocumentSymbol[] = [];
    for (const [key] of GROUPS) {
      for (const def of ctx[key] as AnyDefinition[]) children.push(symbolOf(def));
    }
    out.push({
      name: ctx.name,
      detail: ctx.description ?? 'bounded context',
      kind: SymbolKind.Namespace,
      range: toRange(ctx.range),
      selectionRange: toRange(ctx.nameRange),
      children,
    });
  }
  return out;
}

function symbolOf(def: AnyDefinition): DocumentSymbol {
  const sym: DocumentSymbol = {
    name: def.name,
    detail: detailOf(def),
    kind: KIND[def.kind],
    range: toRange(def.range),
    selectionRange: toRange(def.nameRange),
  };
  if (def.kind === 'event' && def.versions.length > 1) {
    sym.children = def.versions.map((v) => ({
      name: `v${v.number}`,
      detail: v.upcast ? 'upcast' : v.deprecated ? 'deprecated' : '',
      kind: SymbolKind.EnumMember,
      range: toRange(v.range),
      selectionRange: toRange(v.numberRange),
    }));
  }
  return sym;
}

function detailOf(def: AnyDefinition): string {
  switch (def.kind) {
    case 'event':
      return `event${def.versions.length ? ` v${def.versions[def.versions.length - 1].number}` : ''}`;
    case 'command':
      return def.emits.length ? `command → ${def.emits.map((e) => e.text).join(', ')}` : 'command';
    case 'policy':
      return `policy ${def.when.map((w) => w.text).join(', ')} → ${def.issue?.text ?? '?'}`;
    case 'readModel':
      return 'read model';
    default:
      return def.kind;
  }
}

/** Workspace symbols: every definition of every model whose name contains the query's letters in order. */
export function workspaceSymbols(services: Services, params: WorkspaceSymbolParams): WorkspaceSymbol[] {
  const query = params.query.toLowerCase();
  const out: WorkspaceSymbol[] = [];
  for (const folder of services.workspaces.all()) {
    for (const def of folder.model.index.allDefinitions()) {
      if (!fuzzy(def.name.toLowerCase(), query)) continue;
      out.push({
        name: def.name,
        kind: KIND[def.kind],
        containerName: def.kind === 'context' ? undefined : def.context,
        location: { uri: folder.uriOf(def.nameRange.file), range: toRange(def.nameRange) },
      });
      if (out.length >= 1000) return out;
    }
  }
  return out;
}

function fuzzy(name: string, query: string): boolean {
  let i = 0;
  for (const c of name) if (c === query[i]) i++;
  return i === query.length;
}

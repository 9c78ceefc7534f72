import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
  type Range,
} from 'vscode-languageserver';
import {
  ALL_RULES,
  COMPATIBILITY_MODES,
  COMPATIBILITY_POLICIES,
  MANIFEST_FILE,
  RELATIONSHIP_PATTERNS,
  VERSIONING_STRATEGIES,
  type ContextDef,
  type Model,
} from '../../core';
import { modelDocument, type Services } from '../services';
import { specCompletion } from './spec-assist';
import { yamlPositionAt } from '../yaml/position';

const ENUMS: Record<string, readonly string[]> = {
  compatibility: COMPATIBILITY_MODES,
  compatibilityPolicy: COMPATIBILITY_POLICIES,
  versioning: VERSIONING_STRATEGIES,
  mode: ['push', 'poll'],
  backoff: ['fixed', 'linear', 'exponential'],
  patterns: RELATIONSHIP_PATTERNS,
  upcast: ['true', 'false'],
  deprecated: ['true', 'false'],
};
const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

/**
 * Completion of references (events with versions, commands, aggregates, contexts), enumerations
 * (compatibility modes and policies, patterns, delivery modes), rule ids in the manifest, and
 * inside specs names, versions and payload properties (see spec-assist).
 */
export function completion(services: Services, params: CompletionParams): CompletionList | null {
  const doc = modelDocument(services, params.textDocument.uri);
  if (!doc) return null;
  const text = services.documents.get(params.textDocument.uri)?.getText() ?? doc.file?.text;
  if (text === undefined) return null;
  const { line, character } = params.position;
  const where = yamlPositionAt(text, line, character);
  if (!where) return null;
  const lineText = text.split(/\r\n|\r|\n/)[line] ?? '';
  const rest = /^[\w.@-]*/.exec(lineText.slice(character))![0];
  const range: Range = { start: { line, character: where.wordStart }, end: { line, character: character + rest.length } };
  const key = where.path[where.path.length - 1];
  const items: CompletionItem[] = [];
  const model = doc.model;

  if (doc.rel === MANIFEST_FILE) {
    if (where.slot === 'key' && where.path.length === 1 && where.path[0] === 'rules') {
      for (const rule of ALL_RULES) {
        items.push({
          label: rule.id,
          kind: CompletionItemKind.Property,
          detail: `rule · default ${rule.defaultSeverity}`,
          documentation: rule.doc,
          textEdit: { range, newText: `${rule.id}: ` },
          command: { title: 'Suggest', command: 'editor.action.triggerSuggest' },
        });
      }
    } else if (where.slot === 'value' && where.path.length === 2 && where.path[0] === 'rules') {
      items.push(...SEVERITIES.map((s) => enumItem(s, range, 'severity')));
    } else if (where.slot === 'value' && key && ENUMS[key]) {
      items.push(...ENUMS[key].map((v) => enumItem(v, range, key)));
    }
    return { isIncomplete: false, items };
  }

  // Inside a Given/When/Then spec (a context file's `specs:` or a spec file).
  const inSpec = specCompletion(model, doc.rel, text, where, offsetOf(text, line, character), range);
  if (inSpec) return { isIncomplete: false, items: inSpec };

  if (where.slot !== 'value' || !key) return null;
  const ctx = model.contexts.find((c) => c.file === doc.rel);
  const section = where.path[0];
  switch (key) {
    case 'when':
    case 'from':
      if (section === 'policies' || section === 'readModels') {
        const big = eventItemCount(model) > LARGE_LIST;
        items.push(...eventItems(model, ctx, range, true, true, big ? where.word : undefined));
        if (big) return { isIncomplete: true, items };
      }
      break;
    case 'emits':
      items.push(...eventItems(model, ctx, range, false, false));
      break;
    case 'issue':
      items.push(...definitionItems(model, ctx, range, 'commands', CompletionItemKind.Method, 'command'));
      break;
    case 'aggregate':
      items.push(...definitionItems(model, ctx, range, 'aggregates', CompletionItemKind.Class, 'aggregate', true));
      break;
    case 'upstream':
    case 'downstream':
    case 'partner':
      for (const c of model.contexts) {
        if (c === ctx) continue;
        items.push({
          label: c.name,
          kind: CompletionItemKind.Module,
          detail: 'bounded context',
          documentation: c.description,
          textEdit: { range, newText: c.name },
        });
      }
      break;
    default:
      if (ENUMS[key]) items.push(...ENUMS[key].map((v) => enumItem(v, range, key)));
  }
  return { isIncomplete: false, items };
}

function offsetOf(text: string, line: number, character: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const nl = text.slice(offset).search(/\r\n|\r|\n/);
    if (nl < 0) return text.length;
    offset += nl + (text.startsWith('\r\n', offset + nl) ? 2 : 1);
  }
  return offset + character;
}

function enumItem(value: string, range: Range, what: string): CompletionItem {
  return { label: value, kind: CompletionItemKind.EnumMember, detail: what, textEdit: { range, newText: value } };
}

/** Above this many event items, other contexts' events are offered step by step (`Context.` first). */
const LARGE_LIST = 2000;

function eventItemCount(model: Model): number {
  let n = 0;
  for (const c of model.contexts) for (const e of c.events) n += e.versions.length + 1;
  return n;
}

/**
 * Events: plain names in the own context, `Context.Name` elsewhere, and `@N` for each version.
 * With `narrowTo` (large models), other contexts' events are listed only once the typed word names
 * their context (`Billing.`) or starts their name; `Context.` items lead there.
 */
function eventItems(model: Model, ctx: ContextDef | undefined, range: Range, foreign: boolean, versions: boolean, narrowTo?: string): CompletionItem[] {
  const out: CompletionItem[] = [];
  const qualifier = narrowTo?.includes('.') ? narrowTo.slice(0, narrowTo.indexOf('.')) : undefined;
  const prefix = narrowTo !== undefined && !qualifier ? narrowTo.toLowerCase() : undefined;
  for (const c of model.contexts) {
    const own = c === ctx;
    if (!own && !foreign && ctx) continue;
    if (!own && narrowTo !== undefined && !qualifier) {
      out.push({
        label: `${c.name}.`,
        kind: CompletionItemKind.Module,
        detail: `${c.events.length} event(s) · bounded context`,
        sortText: `2-${c.name}`,
        textEdit: { range, newText: `${c.name}.` },
        command: { title: 'Suggest', command: 'editor.action.triggerSuggest' },
      });
    }
    if (!own && narrowTo !== undefined) {
      if (qualifier !== undefined ? qualifier !== c.name : !prefix) continue;
    }
    for (const e of c.events) {
      if (!own && narrowTo !== undefined && qualifier === undefined && !e.name.toLowerCase().startsWith(prefix!)) continue;
      const name = own ? e.name : `${c.name}.${e.name}`;
      const latest = e.versions[e.versions.length - 1]?.number;
      const doc = {
        kind: MarkupKind.Markdown,
        value: [e.description ?? '', `Versions: ${e.versions.map((v) => `v${v.number}${v.upcast ? ' (upcast)' : ''}`).join(', ') || '—'}`]
          .filter(Boolean)
          .join('\n\n'),
      };
      out.push({
        label: name,
        kind: CompletionItemKind.Event,
        detail: `event · ${c.name}${latest ? ` · latest v${latest}` : ''}`,
        documentation: doc,
        sortText: `${own ? 0 : 1}-${name}`,
        textEdit: { range, newText: name },
      });
      if (!versions) continue;
      for (const v of [...e.versions].reverse()) {
        out.push({
          label: `${name}@${v.number}`,
          kind: CompletionItemKind.Event,
          detail: `event · ${c.name} · version ${v.number}${v.upcast ? ' (upcast)' : ''}${v.deprecated ? ' (deprecated)' : ''}`,
          documentation: v.description ?? doc,
          sortText: `${own ? 0 : 1}-${name}@${String(1000 - v.number).padStart(4, '0')}`,
          textEdit: { range, newText: `${name}@${v.number}` },
          insertTextFormat: InsertTextFormat.PlainText,
        });
      }
    }
  }
  return out;
}

function definitionItems(
  model: Model,
  ctx: ContextDef | undefined,
  range: Range,
  key: 'commands' | 'aggregates',
  kind: CompletionItemKind,
  label: string,
  ownOnly = false,
): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const c of model.contexts) {
    const own = c === ctx;
    if (!own && ownOnly && ctx) continue;
    for (const d of c[key]) {
      const name = own ? d.name : `${c.name}.${d.name}`;
      out.push({
        label: name,
        kind,
        detail: `${label} · ${c.name}`,
        documentation: d.description,
        sortText: `${own ? 0 : 1}-${name}`,
        textEdit: { range, newText: name },
      });
    }
  }
  return out;
}

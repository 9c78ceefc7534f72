import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic as LspDiagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { CommandDef, ContextDef, EventDef, EventVersion, LoadedFile, Model, Reference } from '../../core';
import { SOURCE } from './convert';
import { definitionAt, definitionsOf, enclosingDefinition, offsetAt } from './locate';
import type { ModelFolder } from '../workspace/model-folder';
import { renameEdit } from './rename';
import { modelDocument, type Services } from '../services';
import { insertEntry, nodeAt, replaceEntry, setScalar } from '../yaml/edit';
import { addSpecAction } from './spec-skeleton';

type Data = Record<string, unknown> & { rule?: string };

/**
 * Quick fixes for our diagnostics (create a missing event/command/aggregate, did-you-mean, add a
 * dead letter, add a policy for an unconsumed event, mark a breaking version `upcast: true`, rename
 * to PascalCase) and the refactoring "add the next version" on any event.
 */
export function codeActions(services: Services, params: CodeActionParams): CodeAction[] | null {
  const doc = modelDocument(services, params.textDocument.uri);
  if (!doc?.file) return null;
  const { folder, model, file } = doc;
  const out: CodeAction[] = [];
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));

  if (wants(CodeActionKind.QuickFix)) {
    for (const d of params.context.diagnostics) {
      if (d.source !== SOURCE) continue;
      const data = (d.data ?? {}) as Data;
      const rule = data.rule ?? String(d.code ?? '');
      try {
        out.push(...fixesFor(rule, data, d, folder, model, file));
      } catch (err) {
        services.log(`Code action for ${rule} failed: ${(err as Error)?.stack ?? err}`);
      }
    }
  }
  if (wants(CodeActionKind.Refactor)) {
    const offset = offsetAt(file, params.range.start);
    const def = enclosingDefinition(model, doc.rel, offset);
    if (def?.kind === 'event' && !out.some((a) => a.title.startsWith('Add version'))) {
      const a = nextVersionAction(folder, model, def, CodeActionKind.RefactorRewrite);
      if (a) out.push(a);
    }
    // "Add a spec from this command" (policy, read model), on its definition or its specs in a spec file.
    const owner = def?.kind === 'command' || def?.kind === 'policy' || def?.kind === 'readModel' ? def : specOwnerAt(model, doc.rel, offset);
    if (owner && !out.some((a) => a.title.startsWith('Add a spec'))) {
      const a = addSpecAction(folder, model, owner);
      if (a) out.push(a);
    }
  }
  return out;
}

function fixesFor(rule: string, data: Data, d: LspDiagnostic, folder: ModelFolder, model: Model, file: LoadedFile): CodeAction[] {
  const out: CodeAction[] = [];
  const fix = (title: string, edit: WorkspaceEdit, preferred = false): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit,
    isPreferred: preferred,
  });
  const offset = offsetAt(file, d.range.start);
  switch (rule) {
    case 'unresolved-reference': {
      const ref = referenceAt(model, file.path, offset);
      if (!ref) break;
      if (typeof data.suggestion === 'string') {
        out.push(fix(`Change to '${data.suggestion}'`, single(folder, file.path, { range: rangeOf(file, ref.name.range), newText: data.suggestion }), true));
      }
      const ctx = model.index.context(String(data.context ?? ref.context?.value ?? ref.fromContext));
      if (!ctx || data.reason === 'wrong-kind' || data.reason === 'unknown-context') break;
      const stub = stubFor(model, ref, ctx);
      const target = model.files.get(ctx.file);
      if (stub && target) {
        const edit = insertEntry(target, [stub.section], ref.name.value, stub.value);
        if (edit) out.push(fix(`Create ${stub.label} '${ref.name.value}' in ${ctx.name}`, single(folder, ctx.file, edit), typeof data.suggestion !== 'string'));
      }
      break;
    }
    case 'unknown-version': {
      const ref = referenceAt(model, file.path, offset);
      const r = ref ? model.index.resolve(ref) : undefined;
      const event = r && !r.ok && r.target?.kind === 'event' ? r.target : undefined;
      const last = event?.versions[event.versions.length - 1];
      if (event && ref?.version && last && ref.version.value === last.number + 1) {
        const a = nextVersionAction(folder, model, event, CodeActionKind.QuickFix);
        if (a) out.push({ ...a, diagnostics: [d], isPreferred: true });
      }
      break;
    }
    case 'spec-unresolved': {
      const ref = referenceAt(model, file.path, offset);
      if (ref && typeof data.suggestion === 'string') {
        out.push(fix(`Change to '${data.suggestion}'`, single(folder, file.path, { range: rangeOf(file, ref.name.range), newText: data.suggestion }), true));
      }
      break;
    }
    case 'spec-missing': {
      const kind = data.kind === 'command' || data.kind === 'policy' || data.kind === 'readModel' ? data.kind : undefined;
      const owner = kind && model.index.find(kind, String(data.context), String(data.name));
      const a = owner && addSpecAction(folder, model, owner, d);
      if (a) out.push(a);
      break;
    }
    case 'missing-dead-letter': {
      const ctx = model.index.context(String(data.context));
      const policy = ctx?.policies.find((p) => p.name === data.policy);
      const target = ctx && model.files.get(ctx.file);
      if (!ctx || !policy || !target || typeof data.suggestedChannel !== 'string') break;
      const edit = insertEntry(target, ['policies', policy.name, 'delivery'], 'deadLetter', data.suggestedChannel);
      if (edit) out.push(fix(`Add dead letter channel '${data.suggestedChannel}'`, single(folder, ctx.file, edit), true));
      break;
    }
    case 'unconsumed-event': {
      const ctx = model.index.context(String(data.context));
      const event = ctx?.events.find((e) => e.name === data.event);
      const target = ctx && model.files.get(ctx.file);
      if (!ctx || !event || !target) break;
      // A new policy issuing a new command stub: reusing an existing command could close a cycle.
      const name = uniqueName(ctx, `On${event.name}`);
      const command = uniqueName(ctx, `Handle${event.name}`, [name]);
      const policy = insertEntry(target, ['policies'], name, {
        description: `TODO: what ${ctx.name} does when ${event.name} happens.`,
        when: event.name,
        issue: command,
      });
      const cmd = insertEntry(target, ['commands'], command, {
        description: `TODO: the intent issued when ${event.name} happens.`,
        ...(event.aggregate ? { aggregate: event.aggregate.text } : {}),
        emits: [],
      });
      if (!policy || !cmd) break;
      const ws: WorkspaceEdit = { changes: { [folder.uriOf(ctx.file)]: overlaps(cmd, policy) ? [policy] : [cmd, policy] } };
      out.push(fix(`Add a policy reacting to ${event.name}`, ws));
      break;
    }
    case 'incompatible-change': {
      const hit = versionOf(model, data, d, file.path);
      if (!hit) break;
      const target = model.files.get(hit.ctx.file);
      if (!target) break;
      const section = hit.event.kind === 'event' ? 'events' : 'commands';
      // An upcaster serves new readers (backward breaks), a downcaster old ones (forward breaks).
      const directions = Array.isArray(data.directions) ? (data.directions as string[]) : ['backward'];
      if (directions.includes('backward') && !hit.version.upcast) {
        const edit = setScalar(target, [section, hit.event.name, 'versions', hit.version.number, 'upcast'], true);
        if (edit)
          out.push(
            fix(
              `Mark ${hit.event.name} v${hit.version.number} \`upcast: true\` (generate an upcaster from v${hit.version.number - 1})`,
              single(folder, hit.ctx.file, edit),
              true,
            ),
          );
      }
      if (directions.includes('forward') && !hit.version.downcast) {
        const edit = setScalar(target, [section, hit.event.name, 'versions', hit.version.number, 'downcast'], true);
        if (edit)
          out.push(
            fix(
              `Mark ${hit.event.name} v${hit.version.number} \`downcast: true\` (generate a downcaster to v${hit.version.number - 1})`,
              single(folder, hit.ctx.file, edit),
              !directions.includes('backward'),
            ),
          );
      }
      if (hit.event.kind === 'event') {
        const next = nextVersionAction(folder, model, hit.event, CodeActionKind.QuickFix);
        if (next && hit.version === hit.event.versions[hit.event.versions.length - 1]) out.push({ ...next, diagnostics: [d] });
      }
      break;
    }
    case 'pinned-version-undeliverable': {
      // `event` is `Context.Name`; the version to mark is the one just above the reader that cannot read on.
      if (typeof data.event !== 'string' || typeof data.reader !== 'number') break;
      const [ctxName, name] = data.event.split('.', 2);
      const ctx = model.contexts.find((c) => c.name === ctxName);
      const event = ctx?.events.find((e) => e.name === name);
      const version = event?.versions.find((v) => v.number === (data.reader as number) + 1);
      const target = ctx && model.files.get(ctx.file);
      if (!ctx || !event || !version || !target) break;
      const edit = setScalar(target, ['events', event.name, 'versions', version.number, 'downcast'], true);
      if (edit)
        out.push(
          fix(
            `Mark ${event.name} v${version.number} \`downcast: true\` (generate a downcaster to v${version.number - 1})`,
            single(folder, ctx.file, edit),
            true,
          ),
        );
      break;
    }
    case 'naming': {
      if (typeof data.suggestion !== 'string' || !data.suggestion) break;
      const hit = definitionAt(model, file.path, offset);
      if (!hit || hit.target.kind !== 'definition' || hit.def.name === data.suggestion) break;
      try {
        out.push(fix(`Rename to '${data.suggestion}' everywhere`, renameEdit(folder, model, hit.def, data.suggestion), true));
      } catch {
        /* the new name clashes: no fix */
      }
      break;
    }
  }
  return out;
}

/** "Add version N+1 of X (copy of vN's schema)". */
function nextVersionAction(folder: ModelFolder, model: Model, event: EventDef, kind: string): CodeAction | undefined {
  const file = model.files.get(event.nameRange.file);
  const last = event.versions[event.versions.length - 1];
  if (!file) return undefined;
  const n = (last?.number ?? 0) + 1;
  const schema = last?.schema?.value ?? { type: 'object', properties: {} };
  const entry = { description: `TODO: what changed in version ${n}.`, schema };
  let edit: TextEdit | undefined;
  if (nodeAt(file, ['events', event.name, 'versions']) !== undefined) {
    edit = insertEntry(file, ['events', event.name, 'versions'], n, entry);
  } else if (last && nodeAt(file, ['events', event.name, 'schema']) !== undefined) {
    // `schema:` shorthand (version 1): rewrite as `versions:` with both.
    edit = replaceEntry(
      file,
      ['events', event.name, 'schema'],
      'versions',
      new Map<number, unknown>([
        [1, { schema }],
        [n, entry],
      ]),
    );
  } else {
    edit = insertEntry(file, ['events', event.name], 'versions', new Map<number, unknown>([[n, entry]]));
  }
  if (!edit) return undefined;
  return {
    title: `Add version ${n} of ${event.name}${last ? ` (copy of v${last.number}'s schema)` : ''}`,
    kind,
    edit: single(folder, file.path, edit),
  };
}

function stubFor(model: Model, ref: Reference, ctx: ContextDef): { section: string; label: string; value: unknown } | undefined {
  const owner = ref.role === 'emits' ? model.index.owner(ref, 'command') : undefined;
  const aggregate = owner?.aggregate?.text ?? ctx.aggregates[0]?.name;
  switch (ref.kind) {
    case 'event':
      return {
        section: 'events',
        label: 'event',
        value: { description: 'TODO: what happened.', ...(aggregate ? { aggregate } : {}), schema: { type: 'object', properties: {} } },
      };
    case 'command':
      return {
        section: 'commands',
        label: 'command',
        value: {
          description: 'TODO: the intent.',
          ...(ctx.aggregates[0] ? { aggregate: ctx.aggregates[0].name } : {}),
          emits: [],
          schema: { type: 'object', properties: {} },
        },
      };
    case 'aggregate':
      return { section: 'aggregates', label: 'aggregate', value: { description: 'TODO: the consistency boundary.' } };
    default:
      return undefined;
  }
}

/**
 * The event version a compatibility finding is about: its data names the event (plain or
 * qualified) and the version; the place it points at (the version's range, or the external schema
 * file its `$ref` reaches) picks the right context when several have that event name.
 */
function versionOf(
  model: Model,
  data: Data,
  d: LspDiagnostic,
  file: string,
): { ctx: ContextDef; event: EventDef | CommandDef; version: EventVersion } | undefined {
  const loaded = model.files.get(file);
  const offset = loaded ? offsetAt(loaded, d.range.start) : -1;
  const [qualifier, plain] =
    typeof data.event === 'string' ? (data.event.includes('.') ? data.event.split('.', 2) : [undefined, data.event]) : [undefined, undefined];
  const num = typeof data.version === 'number' ? data.version : undefined;
  const candidates: { ctx: ContextDef; event: EventDef | CommandDef; version: EventVersion; score: number }[] = [];
  for (const ctx of model.contexts) {
    if (qualifier && ctx.name !== qualifier) continue;
    if (typeof data.context === 'string' && ctx.name !== data.context) continue;
    for (const event of [...ctx.events, ...ctx.commands]) {
      if (plain && event.name !== plain) continue;
      for (const version of event.versions) {
        if (num !== undefined && version.number !== num) continue;
        const inside = version.range.file === file && version.range.startOffset <= offset && offset <= version.range.endOffset;
        const ref = (version.schema?.value as { $ref?: unknown } | undefined)?.$ref;
        const viaRef = typeof ref === 'string' && version.schema !== undefined && resolvesTo(version.schema.file, ref, file);
        const score = inside ? 3 : viaRef ? 2 : plain && num !== undefined ? 1 : 0;
        if (score > 0) candidates.push({ ctx, event, version, score });
      }
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  return candidates[0];
}

function resolvesTo(from: string, ref: string, file: string): boolean {
  const p = ref.split('#')[0];
  if (!p) return false;
  const parts = from.split('/').slice(0, -1);
  for (const seg of p.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg) parts.push(seg);
  }
  return parts.join('/') === file;
}

/** In a spec file: the owner whose key, or one of whose specs, is at the offset. */
function specOwnerAt(model: Model, file: string, offset: number) {
  const specFile = model.index.specFiles.find((f) => f.file === file);
  if (!specFile) return undefined;
  const inside = (r: { startOffset: number; endOffset: number }) => r.startOffset <= offset && offset <= r.endOffset;
  const key = specFile.owners.find((o) => inside(o.range));
  const spec = specFile.specs.find((sp) => inside(sp.range));
  if (spec) return model.index.ownerOf(spec);
  const r = key && model.index.resolve(key);
  return r?.ok && (r.target.kind === 'command' || r.target.kind === 'policy' || r.target.kind === 'readModel') ? r.target : undefined;
}

function referenceAt(model: Model, file: string, offset: number): Reference | undefined {
  return model.index.references.find((r) => r.range.file === file && r.range.startOffset <= offset && offset <= r.range.endOffset);
}

function uniqueName(ctx: ContextDef, base: string, alsoTaken: string[] = []): string {
  const taken = new Set([...definitionsOf(ctx).map((d) => d.name), ...alsoTaken]);
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  return name;
}

function single(folder: ModelFolder, rel: string, edit: TextEdit): WorkspaceEdit {
  return { changes: { [folder.uriOf(rel)]: [edit] } };
}

function rangeOf(file: LoadedFile, r: { start: { line: number; character: number }; end: { line: number; character: number } }) {
  void file;
  return { start: r.start, end: r.end };
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) =>
    p.line < q.line || (p.line === q.line && p.character <= q.character);
  return !(before(a.range.end, b.range.start) || before(b.range.end, a.range.start));
}

import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { effectiveSettings, type AnyDefinition, type EventVersion, type Model } from '../../core';
import { rangeOf } from '../../core/model/source';
import { toRange } from './convert';
import { definitionAt, KIND_LABEL, offsetAt, qualifiedName, referenceRanges } from './locate';
import { payloadSummary } from './schema-summary';
import { specHover } from './spec-assist';
import { modelDocument, type Services } from '../services';

/** Hover of a definition name or a reference: description, versions, who emits / consumes, payload. */
export function hover(services: Services, params: HoverParams): Hover | null {
  const doc = modelDocument(services, params.textDocument.uri);
  if (!doc?.file) return null;
  const offset = offsetAt(doc.file, params.position);
  const hit = definitionAt(doc.model, doc.rel, offset);
  if (!hit) {
    // A property of a payload written in a spec.
    const property = specHover(doc.model, doc.file, offset);
    if (!property) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: property.markdown },
      range: toRange(rangeOf(doc.file, property.range.start, property.range.end)),
    };
  }
  return {
    contents: { kind: MarkupKind.Markdown, value: describe(doc.model, hit.def, hit.version).join('\n\n') },
    range: toRange(hit.target.range),
  };
}

export function describe(model: Model, def: AnyDefinition, pinned?: EventVersion): string[] {
  const parts: string[] = [`**${KIND_LABEL[def.kind]}** \`${qualifiedName(def)}${pinned ? `@${pinned.number}` : ''}\``];
  if (def.description) parts.push(def.description);
  const list = (items: string[]) => (items.length ? items.join(', ') : '—');
  switch (def.kind) {
    case 'context': {
      if (def.owner) parts.push(`Owner: ${def.owner}`);
      parts.push(
        `${def.aggregates.length} aggregate(s), ${def.commands.length} command(s), ${def.events.length} event(s), ${def.policies.length} polic(ies), ${def.readModels.length} read model(s)`,
      );
      const rels = def.relationships
        .filter((r) => r.other)
        .map((r) => `${r.direction} ${r.other!.name.value}${r.patterns.length ? ` (${r.patterns.map((p) => p.value).join(', ')})` : ''}`);
      if (rels.length) parts.push(`Relationships: ${rels.join('; ')}`);
      parts.push(`Referenced ${referenceRanges(model, def).length} time(s).`);
      break;
    }
    case 'event': {
      const settings = effectiveSettings(model, def);
      const versions = def.versions.map((v) => `v${v.number}${v.upcast ? ' (upcast)' : ''}${v.deprecated ? ' (deprecated)' : ''}`);
      parts.push(
        `Versions: ${list(versions)} · ${settings.compatibility} / ${settings.compatibilityPolicy} · versioning ${settings.versioning}${def.channel ? ` · channel \`${def.channel}\`` : ''}`,
      );
      parts.push(`Emitted by: ${list(model.index.emittersOf(def).map((c) => `${c.context}.${c.name}`))}`);
      parts.push(`Consumed by: ${list(model.index.consumersOf(def).map((c) => `${c.context}.${c.name} (${KIND_LABEL[c.kind]})`))}`);
      const version = pinned ?? def.versions[def.versions.length - 1];
      if (version) {
        if (pinned?.description) parts.push(pinned.description);
        parts.push(`Payload v${version.number}:\n${payloadSummary(model, version.schema).join('\n')}`);
      }
      break;
    }
    case 'command': {
      if (def.aggregate) parts.push(`Aggregate: ${def.aggregate.text}`);
      parts.push(`Emits: ${list(def.emits.map((e) => e.text))}`);
      const issuers = model.index
        .referencesTo(def)
        .filter((r) => r.role === 'issue')
        .map((r) => model.index.owner(r, 'policy'))
        .filter(Boolean);
      parts.push(`Issued by: ${list(issuers.map((p) => `${p!.context}.${p!.name}`))}`);
      parts.push(`Payload:\n${payloadSummary(model, def.schema).join('\n')}`);
      break;
    }
    case 'aggregate': {
      const ctx = model.index.context(def.context);
      const handles = ctx?.commands.filter((c) => c.aggregate?.name.value === def.name).map((c) => c.name) ?? [];
      const raises = ctx?.events.filter((e) => e.aggregate?.name.value === def.name).map((e) => e.name) ?? [];
      parts.push(`Handles: ${list(handles)}`, `Raises: ${list(raises)}`);
      if (def.state) parts.push(`State:\n${payloadSummary(model, def.state).join('\n')}`);
      break;
    }
    case 'policy': {
      parts.push(`When ${list(def.when.map((w) => `\`${w.text}\``))} → issue \`${def.issue?.text ?? '?'}\``);
      const d = def.delivery;
      if (d) {
        const mode = d.mode?.value ?? model.manifest?.defaults.delivery.mode ?? 'push';
        const retry = d.retry ? `, retry ${d.retry.maxAttempts ?? '?'}× ${d.retry.backoff ?? ''}` : '';
        parts.push(`Delivery: ${mode}${retry}${d.deadLetter ? `, dead letter \`${d.deadLetter.value}\`` : ''}`);
      }
      break;
    }
    case 'readModel': {
      parts.push(`Projects: ${list(def.from.map((f) => `\`${f.text}\``))}`);
      if (def.schema) parts.push(`Schema:\n${payloadSummary(model, def.schema).join('\n')}`);
      break;
    }
  }
  if (def.kind === 'command' || def.kind === 'policy' || def.kind === 'readModel') {
    const specs = model.index.specsOf(def);
    if (specs.length)
      parts.push(
        `Specs (${specs.length}): ${specs
          .slice(0, 8)
          .map((s) => `“${s.name}”`)
          .join(', ')}${specs.length > 8 ? ', …' : ''}`,
      );
  }
  return parts;
}

import { type DowncastRoute, downcastRoutes } from '../evolution/downcast';
import { eventHistory, historySides, versionedSchemas } from '../evolution/history';
import { effectiveSettings, type Model } from '../model/model';
import type { MessageDef } from '../model/types';
import type { Rule } from './rule';

export const pinnedVersionUndeliverable: Rule = {
  id: 'pinned-version-undeliverable',
  defaultSeverity: 'warning',
  doc: 'A policy or read model pins an event version (`Event@N`) that a newer version cannot be downcast to (old readers cannot read it and it has no `downcast: true`), so those events would never reach it.',
  scope: 'model',
  category: 'compatibility',
  checkInModel(_file, ctx, model, report) {
    if (!ctx) return;
    const known = new Map<MessageDef, Map<number, DowncastRoute[] | undefined>>();
    for (const ref of model.index.referencesIn(ctx)) {
      // Readers only: policies (`when`) and read models (`from`); a pinned `emits` is a producer.
      if (!ref.version || (ref.role !== 'when' && ref.role !== 'from')) continue;
      const r = model.index.resolve(ref);
      if (!r.ok || r.target.kind !== 'event') continue;
      const routes = routesTo(model, r.target, ref.version.value, known);
      if (!routes) continue;
      const blocked = routes.filter((route) => !route.ok);
      if (blocked.length === 0) continue;
      const first = blocked[0];
      if (first.ok) continue;
      const { reader, written, change } = first.blocked;
      const target = `${r.target.context}.${r.target.name}`;
      const versions = blocked.map((b) => `v${b.version}`).join(', ');
      const needs = written === first.version ? `v${first.version}` : `v${written} (reached from v${first.version} through its downcasters)`;
      report({
        message:
          `${ref.ownerName ?? 'This consumer'} reads ${target}@${ref.version.value}, but ${versions} events cannot be delivered to it: ` +
          `readers of v${reader} cannot read ${needs} (${change.detail}). ` +
          `Add \`downcast: true\` to v${reader + 1} (a downcaster to v${reader} that you implement), or read @${routes[routes.length - 1].version}.`,
        location: ref.version.range,
        related: [{ location: r.target.nameRange, message: `${target} is defined here` }],
        data: { event: target, pinned: ref.version.value, undeliverable: blocked.map((b) => b.version), reader, written, type: change.type },
      });
    }
  },
};

/**
 * How each version newer than `pinned` reaches a consumer pinned to it (undefined when there is
 * none): `pinnedRoutes` without its per-event cache (the workspace reuses this rule's findings
 * while the event's context and the files its schemas refer to are unchanged).
 */
function routesTo(
  model: Model,
  event: MessageDef,
  pinned: number,
  known: Map<MessageDef, Map<number, DowncastRoute[] | undefined>>,
): DowncastRoute[] | undefined {
  let byPin = known.get(event);
  if (!byPin) known.set(event, (byPin = new Map()));
  if (byPin.has(pinned)) return byPin.get(pinned);
  const versions = versionedSchemas(event);
  const index = versions.findIndex((v) => v.number === pinned);
  let routes: DowncastRoute[] | undefined;
  if (index >= 0 && index < versions.length - 1) {
    const settings = effectiveSettings(model, event);
    const h = eventHistory(model, event, versions, settings);
    routes = downcastRoutes(h.entries, historySides(h), index, settings.compatibilityPolicy);
  }
  byPin.set(pinned, routes);
  return routes;
}

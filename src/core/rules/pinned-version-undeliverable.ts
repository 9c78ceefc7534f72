import { pinnedRoutes } from '../evolution/model-compatibility';
import type { Rule } from './rule';

export const pinnedVersionUndeliverable: Rule = {
  id: 'pinned-version-undeliverable',
  defaultSeverity: 'warning',
  doc: 'A policy or read model pins an event version (`Event@N`) that a newer version cannot be downcast to (old readers cannot read it and it has no `downcast: true`), so those events would never reach it.',
  scope: 'model',
  category: 'compatibility',
  checkModel(model, report) {
    for (const ref of model.index.references) {
      // Readers only: policies (`when`) and read models (`from`); a pinned `emits` is a producer.
      if (!ref.version || (ref.role !== 'when' && ref.role !== 'from')) continue;
      const r = model.index.resolve(ref);
      if (!r.ok || r.target.kind !== 'event') continue;
      const routes = pinnedRoutes(model, r.target, ref.version.value);
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

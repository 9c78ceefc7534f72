import * as fs from 'node:fs';
import * as path from 'node:path';
import catalogUtils from '@eventcatalog/sdk';
import type { Model } from '../core';
import { planEventCatalog, type CatalogPlan } from '../core/export/eventcatalog';
import { ExportFolder } from './export-target';

/**
 * Writes the planned catalog with `@eventcatalog/sdk` into an export folder: teams and users,
 * domains, one service per context inside its domain, events/commands/queries inside their service
 * (each version in turn, so the SDK moves earlier ones to `versioned/`), schemas, channels.
 */

export interface EventCatalogReport {
  root: string;
  files: string[];
  notes: string[];
  counts: Record<'domains' | 'services' | 'events' | 'commands' | 'queries' | 'channels' | 'teams' | 'users', number>;
}

export async function writeEventCatalog(model: Model, folder: string, options: { force: boolean }): Promise<EventCatalogReport> {
  const plan = planEventCatalog(model);
  const target = ExportFolder.open(folder, options.force);
  await writePlan(plan, target.root);
  const files = target.finish();
  // The SDK locks files while writing; no lock may be left behind.
  for (const f of files) if (f.endsWith('.lock')) fs.rmSync(path.join(target.root, f), { recursive: true, force: true });
  const versions = (kind: string) => plan.messages.filter((m) => m.kind === kind).reduce((n, m) => n + m.versions.length, 0);
  return {
    root: target.root,
    files: files.filter((f) => !f.endsWith('.lock')),
    notes: plan.notes,
    counts: {
      domains: plan.domains.length,
      services: plan.services.length,
      events: versions('event'),
      commands: versions('command'),
      queries: versions('query'),
      channels: plan.channels.length,
      teams: plan.teams.length,
      users: plan.users.length,
    },
  };
}

async function writePlan(plan: CatalogPlan, root: string): Promise<void> {
  const sdk = catalogUtils(root);
  const write = { override: true } as const;
  for (const t of plan.teams) await sdk.writeTeam(t, write);
  for (const u of plan.users) await sdk.writeUser(u, write);
  for (const d of plan.domains) await sdk.writeDomain(d, { ...write, path: d.id });
  for (const { domain, service } of plan.services) await sdk.writeServiceToDomain(service, { id: domain }, write);
  for (const c of plan.channels) await sdk.writeChannel(c, { ...write, path: c.id });
  for (const m of plan.messages) {
    for (const [i, v] of m.versions.entries()) {
      const resource = {
        id: m.id,
        name: m.name,
        version: v.version,
        summary: v.summary,
        markdown: v.markdown,
        owners: v.owners,
        schemaPath: 'schema.json',
        ...(v.channels.length ? { channels: v.channels } : {}),
        ...(v.deprecated ? { deprecated: true } : {}),
        ...(v.badges ? { badges: v.badges } : {}),
        ...v.extensions,
      };
      // Writing a newer version moves the current one to versioned/<version>/, as EventCatalog lays them out.
      const options = { versionExistingContent: i > 0 };
      if (m.kind === 'event') await sdk.writeEventToService(resource, { id: m.service }, options as never);
      else if (m.kind === 'command') await sdk.writeCommandToService(resource, { id: m.service }, options as never);
      else await sdk.writeQueryToService(resource, { id: m.service }, options as never);
      const schema = { schema: JSON.stringify(v.schema, null, 2) + '\n', fileName: 'schema.json' };
      if (m.kind === 'event') await sdk.addSchemaToEvent(m.id, schema, v.version);
      else if (m.kind === 'command') await sdk.addSchemaToCommand(m.id, schema, v.version);
      else await sdk.addSchemaToQuery(m.id, schema, v.version);
    }
  }
}

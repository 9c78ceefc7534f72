import type { Model } from '../core';
export interface EventCatalogReport {
  root: string;
  files: string[];
  notes: string[];
  counts: Record<'domains' | 'services' | 'events' | 'commands' | 'channels' | 'teams' | 'users', number>;
}
export async function writeEventCatalog(_model: Model, _folder: string, _opts: { force: boolean }): Promise<EventCatalogReport> {
  throw new Error('not yet');
}

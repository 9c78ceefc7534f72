import type { Model } from '../model/model';
import type { EventDef, EventVersion, Reference } from '../model/types';

/** The event a spec names and the version it means: the pinned one, else the latest. */
export function specEvent(model: Model, ref: Reference): { event: EventDef; version?: EventVersion; pinned: boolean } | undefined {
  const r = model.index.resolve(ref);
  if (!r.ok || r.target.kind !== 'event') return undefined;
  const event = r.target;
  return { event, version: r.version ?? event.versions[event.versions.length - 1], pinned: r.version !== undefined };
}

export const qualified = (def: { context: string; name: string }) => `${def.context}.${def.name}`;

/** The version a reader pinned (`Event@N`) for an event, or undefined when it reads the latest (or does not read it). */
export function readerPin(model: Model, refs: readonly Reference[], event: EventDef): { read: boolean; pin?: number } {
  let read = false;
  let pin: number | undefined;
  for (const ref of refs) {
    const r = model.index.resolve(ref);
    if (!r.ok || r.target !== event) continue;
    read = true;
    if (!r.version) return { read };
    pin = Math.max(pin ?? 0, r.version.number);
  }
  return { read, pin };
}

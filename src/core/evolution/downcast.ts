/**
 * Delivering newer versions to consumers pinned to an older one (`when: Ordering.OrderPlaced@3`
 * while v4 exists): data goes down one step at a time, through the downcaster of a version that
 * has `downcast: true`, else as it is, which needs the older reader to read it (FORWARD). A
 * version with no such path cannot reach the pinned consumer: the `pinned-version-undeliverable`
 * rule says so at the pin, and generated code dead-letters such events instead of dropping them.
 */
import { compareSides, type VersionSide } from '../compat';
import type { Policy } from '../compat/changes';
import type { SchemaChange } from '../compat/diff';
import type { HistoryEntry } from './history';

export interface DowncastStep {
  /** Version number the data is in before the step (the version of the schema it was written with, when `via` is 'as-is'). */
  from: number;
  /** Version number of the reader after the step. */
  to: number;
  via: 'as-is' | 'downcaster';
}

export type DowncastRoute =
  | { version: number; ok: true; steps: DowncastStep[] }
  | { version: number; ok: false; steps: DowncastStep[]; blocked: { reader: number; written: number; change: SchemaChange } };

/**
 * For every version after the pinned one (`entries[pinned]`), how its data reaches a reader of the
 * pinned version. `sides` are the versions' schemas as the compatibility engine reads them.
 */
export function downcastRoutes(entries: readonly HistoryEntry[], sides: readonly VersionSide[], pinned: number, policy: Policy): DowncastRoute[] {
  const forwardBreak = new Map<string, SchemaChange | null>();
  const firstForwardBreak = (reader: number, written: number): SchemaChange | null => {
    const key = `${reader}:${written}`;
    let known = forwardBreak.get(key);
    if (known === undefined) {
      known = compareSides(sides[reader], sides[written], policy).changes.find((c) => !c.forward) ?? null;
      forwardBreak.set(key, known);
    }
    return known;
  };
  const routes: DowncastRoute[] = [];
  for (let k = pinned + 1; k < entries.length; k++) {
    const steps: DowncastStep[] = [];
    // Invariant: the data can be read by a reader of version m. `written` is the version whose schema
    // it was written with (or the output of the last downcaster); it changes only through a downcaster.
    let written = k;
    let blocked: { reader: number; written: number; change: SchemaChange } | undefined;
    for (let m = k; m > pinned; m--) {
      const reader = m - 1;
      if (entries[m].downcast) {
        steps.push({ from: entries[m].number, to: entries[reader].number, via: 'downcaster' });
        written = reader;
        continue;
      }
      const change = firstForwardBreak(reader, written);
      if (change) {
        blocked = { reader: entries[reader].number, written: entries[written].number, change };
        break;
      }
      steps.push({ from: entries[written].number, to: entries[reader].number, via: 'as-is' });
    }
    routes.push(blocked ? { version: entries[k].number, ok: false, steps, blocked } : { version: entries[k].number, ok: true, steps });
  }
  return routes;
}

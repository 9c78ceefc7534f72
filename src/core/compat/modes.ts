/**
 * Compatibility modes (Schema Registry's names) and the verdict of a set of changes under them.
 *
 * BACKWARD: a reader using the new schema reads data written with the old one.
 * FORWARD:  a reader using the old schema reads data written with the new one.
 * FULL:     both. NONE: no check. *_TRANSITIVE: against every earlier version, not only the last.
 */
import { COMPATIBILITY_MODES, COMPATIBILITY_POLICIES } from '../model/types';
import type { SchemaChange } from './diff';

/** The modes as the model format spells them (one list for the format and the engine). */
export const MODES = COMPATIBILITY_MODES;
export type Mode = (typeof MODES)[number];

export const POLICIES = COMPATIBILITY_POLICIES;

export function isMode(value: string): value is Mode {
  return (MODES as readonly string[]).includes(value);
}

export function isTransitive(mode: Mode): boolean {
  return mode.endsWith('_TRANSITIVE');
}

/** Which directions a mode checks. */
export function directions(mode: Mode): { backward: boolean; forward: boolean } {
  const d = DIRECTIONS.get(mode);
  if (d) return { backward: d.backward, forward: d.forward };
  const base = mode.replace('_TRANSITIVE', '');
  return {
    backward: base === 'BACKWARD' || base === 'FULL',
    forward: base === 'FORWARD' || base === 'FULL',
  };
}

const DIRECTIONS = new Map<string, { backward: boolean; forward: boolean }>(
  MODES.map((m) => {
    const base = m.replace('_TRANSITIVE', '');
    return [m, { backward: base === 'BACKWARD' || base === 'FULL', forward: base === 'FORWARD' || base === 'FULL' }];
  }),
);

/** Whether one change is acceptable under a mode. */
export function isCompatibleUnder(change: Pick<SchemaChange, 'backward' | 'forward'>, mode: Mode): boolean {
  const d = directions(mode);
  return (!d.backward || change.backward) && (!d.forward || change.forward);
}

/** Which readers a change breaks, in words (for messages). */
export function brokenReaders(change: Pick<SchemaChange, 'backward' | 'forward'>, mode: Mode): string | undefined {
  const d = directions(mode);
  const b = d.backward && !change.backward;
  const f = d.forward && !change.forward;
  if (b && f) return 'readers on either version reject data written with the other';
  if (b) return 'consumers using the new schema cannot read events written with the older one';
  if (f) return 'consumers still on the older schema cannot read events written with the new one';
  return undefined;
}

/**
 * The indices of the earlier versions a new version (the last of `count`) is checked against.
 */
export function comparedVersions(count: number, mode: Mode): number[] {
  if (mode === 'NONE' || count < 2) return [];
  if (!isTransitive(mode)) return [count - 2];
  const out: number[] = [];
  for (let i = 0; i < count - 1; i++) out.push(i);
  return out;
}

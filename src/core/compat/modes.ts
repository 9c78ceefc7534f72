/**
 * Compatibility modes (Schema Registry's names) and the verdict of a set of changes under them.
 *
 * BACKWARD: a reader using the new schema reads data written with the old one.
 * FORWARD:  a reader using the old schema reads data written with the new one.
 * FULL:     both. NONE: no check. *_TRANSITIVE: against every earlier version, not only the last.
 */
import type { SchemaChange } from './diff';

/** The modes, as Schema Registry and the model format spell them (the model re-exports this list). */
export const COMPATIBILITY_MODES = ['NONE', 'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE'] as const;
export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];

/** Schema Registry's `COMPATIBLE_CHANGES_STRICT` and `COMPATIBLE_CHANGES_LENIENT` (see `changes.ts`). */
export const COMPATIBILITY_POLICIES = ['strict', 'lenient'] as const;
export type CompatibilityPolicy = (typeof COMPATIBILITY_POLICIES)[number];

export const MODES = COMPATIBILITY_MODES;
export type Mode = CompatibilityMode;

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

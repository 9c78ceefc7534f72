/** What a comparison produces: changes with both directions' verdicts, and their messages. */
import type { ChangeType } from '../changes';
import type { SchemaLocation } from '../resolve';

export interface SchemaChange {
  type: ChangeType;
  /** Logical JSON pointer in the old schema ('' is the root); the nearest existing parent when the change exists only in the new one. */
  oldPath: string;
  /** Logical JSON pointer in the new schema. */
  newPath: string;
  /** A reader using the new schema reads data written with the old one. */
  backward: boolean;
  /** A reader using the old schema reads data written with the new one. */
  forward: boolean;
  /** What changed and, when breaking, which readers break and why. */
  message: string;
  /** What changed, alone (for callers composing their own message). */
  detail: string;
  /** Where `oldPath` is physically written (following `$ref`s into other documents). */
  oldLocation: SchemaLocation;
  /** Where `newPath` is physically written. */
  newLocation: SchemaLocation;
}

/** The changes between one pair of nodes (paths relative to the pair) and their overall verdicts. */
export interface Result {
  changes: SchemaChange[];
  b: boolean;
  f: boolean;
}

export const EMPTY_OK: Result = { changes: [], b: true, f: true };

export interface AddOptions {
  /** Forward verdict given directly (contextual types). */
  f?: boolean;
  /** Backward verdict given directly (overrides the catalogue). */
  b?: boolean;
  /** The type the swapped comparison would report; forward = its backward verdict. */
  mirror?: ChangeType;
}

/** A value in a message: JSON, cut at 60 characters. */
export function fmt(value: unknown): string {
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 60 ? s.slice(0, 57) + '...' : s;
}

/** The first five of a list, then how many more. */
export function listSome(values: string[]): string {
  const shown = values.slice(0, 5).join(', ');
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
}

/** A change's message: what changed, then (when breaking) which readers break and why. */
export function describe(what: string, b: boolean, f: boolean, why: string): string {
  if (b && f) return what;
  const reason = why ? ` (${why})` : '';
  if (!b && !f) return `${what}: breaks readers in both directions${reason}`;
  if (!b) return `${what}: readers using the new schema may reject data written with the old one${reason}`;
  return `${what}: readers using the old schema may reject data written with the new one${reason}`;
}

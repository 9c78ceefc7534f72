import type { SourceRange } from '../diagnostic';
import type { Located, Reference } from './types';

/** What a spec is about: a command (decider), a policy (reaction) or a read model (projection). */
export type SpecOwnerKind = 'command' | 'policy' | 'readModel';

/** Roles of the references written in specs (kept apart from the model's own references by rules). */
export const SPEC_ROLES = ['specGiven', 'specWhen', 'specThen', 'specOwner', 'specContext'] as const;
export type SpecRole = (typeof SPEC_ROLES)[number];

export function isSpecReference(ref: Reference): boolean {
  return (SPEC_ROLES as readonly string[]).includes(ref.role);
}

/** Error kinds a spec may expect by name (`then: { error: { kind } }`); any other class name is allowed too. */
export const SPEC_ERROR_KINDS = [
  'ValidationError',
  'IllegalStateError',
  'NotFoundError',
  'ConcurrencyError',
  'MessageValidationError',
  'NotImplementedError',
] as const;

/** A JSON value written in a spec (`data:`, a command spec's `when`, a read model spec's `view`), with where it is written. */
export interface SpecPayload {
  value: unknown;
  file: string;
  /** JSON pointer of the value in `file`'s document. */
  pointer: string;
  range: SourceRange;
}

/** `{ event: Name@N, data }` (given, a policy's when, expected events) or `{ command: Name, data }` (a policy's outcome). */
export interface SpecMessage {
  ref: Reference;
  data?: SpecPayload;
  /** The whole entry. */
  range: SourceRange;
  pointer: string;
}

/** What a spec expects. */
export type SpecOutcome =
  /** The events the command decides, in order (`[]`: none). */
  | { kind: 'events'; events: SpecMessage[]; range: SourceRange; pointer: string }
  /** The command (or the reaction) throws: a message substring and/or an error class name. */
  | { kind: 'error'; message?: Located<string>; errorKind?: Located<string>; range: SourceRange; pointer: string }
  /** The command a policy issues; `command` undefined for `command: none` (the policy issues nothing). */
  | { kind: 'command'; command?: SpecMessage; range: SourceRange; pointer: string }
  /** The view a read model holds after the given events (for `key`, when it is keyed). */
  | { kind: 'view'; key?: Located<string | number | boolean>; view?: SpecPayload; range: SourceRange; pointer: string };

/** One Given/When/Then specification by example. */
export interface SpecDef {
  name: string;
  nameRange: SourceRange;
  /** The whole spec entry. */
  range: SourceRange;
  file: string;
  pointer: string;
  /** The context of the owner: the scope of plain names inside the spec. */
  context: string;
  ownerKind: SpecOwnerKind;
  ownerName: string;
  /** Events that happened before (`[]` or absent: none). */
  given: SpecMessage[];
  givenRange?: SourceRange;
  /** A command spec's command payload. */
  when?: SpecPayload;
  /** A policy spec's triggering event. */
  whenEvent?: SpecMessage;
  whenRange?: SourceRange;
  then?: SpecOutcome;
}

/** A file named by the manifest's `specs:` globs: `specsFor: <Context>` and specs by owner. */
export interface SpecFileDef {
  file: string;
  /** `specsFor: Context`, a reference to the context (rename follows it). */
  context?: Reference;
  /** The keys naming owners (`commands: { PlaceOrder: [...] }`), as references. */
  owners: Reference[];
  specs: SpecDef[];
}

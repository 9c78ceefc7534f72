import { aggregateIdentity } from './aggregate-identity';
import { crossContextCommand } from './cross-context-command';
import { duplicateName } from './duplicate-name';
import { emitsForeignEvent } from './emits-foreign-event';
import { eventNeverEmitted } from './event-never-emitted';
import { includeEmpty } from './include-empty';
import { incompatibleChange } from './incompatible-change';
import { invalidPayloadSchema } from './invalid-payload-schema';
import { missingDeadLetter } from './missing-dead-letter';
import { naming } from './naming';
import { pinnedVersionUndeliverable } from './pinned-version-undeliverable';
import { policyCycle } from './policy-cycle';
import { readModelKey } from './read-model-key';
import { relationshipPatternConflict } from './relationship-pattern-conflict';
import { relationshipSelf } from './relationship-self';
import { relationshipUnknownContext } from './relationship-unknown-context';
import type { SeveritySetting } from '../diagnostic';
import { BASELINE_RULES } from '../evolution/baseline';
import type { Rule, RuleCategory } from './rule';
import { schema } from './schema';
import { specForeignGiven } from './spec-foreign-given';
import { specInvalidPayload } from './spec-invalid-payload';
import { specMissing } from './spec-missing';
import { specUnexpectedEvent } from './spec-unexpected-event';
import { specUnresolved } from './spec-unresolved';
import { unconsumedEvent } from './unconsumed-event';
import { unknownVersion } from './unknown-version';
import { unreadableFile } from './unreadable-file';
import { unresolvedReference } from './unresolved-reference';
import { unresolvedSchemaRef } from './unresolved-schema-ref';
import { versionSequence } from './version-sequence';
import { yamlSyntax } from './yaml-syntax';

/** Every built-in rule, in the order their findings are computed. Add a rule: one file + one line here + a doc row + tests. */
export const ALL_RULES: readonly Rule[] = [
  unreadableFile,
  yamlSyntax,
  schema,
  invalidPayloadSchema,
  unresolvedSchemaRef,
  includeEmpty,
  duplicateName,
  unresolvedReference,
  unknownVersion,
  versionSequence,
  emitsForeignEvent,
  crossContextCommand,
  relationshipUnknownContext,
  relationshipSelf,
  relationshipPatternConflict,
  missingDeadLetter,
  eventNeverEmitted,
  unconsumedEvent,
  policyCycle,
  aggregateIdentity,
  readModelKey,
  naming,
  incompatibleChange,
  pinnedVersionUndeliverable,
  specUnresolved,
  specInvalidPayload,
  specUnexpectedEvent,
  specForeignGiven,
  specMissing,
];

/** One entry of the catalogue: what `eventmodel rules` prints and the docs list. */
export interface RuleInfo {
  id: string;
  category: RuleCategory;
  defaultSeverity: SeveritySetting;
  doc: string;
}

/** Every rule id users may configure: the model rules, then the findings only a baseline comparison produces. */
export const RULE_CATALOGUE: readonly RuleInfo[] = [
  ...ALL_RULES.map((r) => ({ id: r.id, category: r.category ?? 'validation', defaultSeverity: r.defaultSeverity, doc: r.doc })),
  ...BASELINE_RULES.map((r) => ({ ...r, category: 'compatibility' as const })),
];

export const RULE_IDS: readonly string[] = RULE_CATALOGUE.map((r) => r.id);

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}

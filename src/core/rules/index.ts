import { crossContextCommand } from './cross-context-command';
import { duplicateName } from './duplicate-name';
import { emitsForeignEvent } from './emits-foreign-event';
import { eventNeverEmitted } from './event-never-emitted';
import { includeEmpty } from './include-empty';
import { incompatibleChange } from './incompatible-change';
import { invalidPayloadSchema } from './invalid-payload-schema';
import { missingDeadLetter } from './missing-dead-letter';
import { naming } from './naming';
import { policyCycle } from './policy-cycle';
import { relationshipPatternConflict } from './relationship-pattern-conflict';
import { relationshipSelf } from './relationship-self';
import { relationshipUnknownContext } from './relationship-unknown-context';
import type { Rule } from './rule';
import { knownRuleIds, schema } from './schema';
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
  naming,
  incompatibleChange,
];

/** Ids of findings produced outside the rule list (e.g. by the compatibility checker) that users may configure. */
export const EXTRA_RULE_IDS: string[] = ['published-version-modified', 'published-version-removed'];

export function registerRuleIds(): void {
  for (const r of ALL_RULES) knownRuleIds.add(r.id);
  for (const id of EXTRA_RULE_IDS) knownRuleIds.add(id);
}
registerRuleIds();

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}

import { KIND_LABEL } from '../model/labels';
import { capitalise } from '../text';
import type { AnyDefinition } from '../model/types';
import type { Rule } from './rule';

const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;

/** Irregular past participles that commonly end event names (OrderPaid, EmailSent, ...). */
const IRREGULAR_PAST = new Set(
  'built bought brought caught chosen done drawn driven eaten fallen felt forgotten forgiven found frozen given gone grown held hidden hit hung kept known laid lain led left lent let lost made meant met paid put quit read rebuilt redone reset resent rewritten ridden risen run said seen sent set shed shown shut sold spent split spread stood stolen struck sworn swept taken taught told thought thrown understood undone upheld withdrawn won written begun bound broken cast cost cut dealt dug fed fit forbidden got gotten heard hurt overridden overtaken overthrown partaken proven rung shaken slid spun stuck stung sung sunk torn woken worn wound'.split(' '),
);

/** Words that make a state-describing outcome (StockNotAvailable, NoDriverFound, PaymentOverdue). */
const OUTCOME_WORDS = new Set(['not', 'no', 'overdue', 'expired', 'available', 'unavailable', 'invalid', 'valid', 'due', 'ready', 'complete', 'empty', 'full', 'late', 'open', 'closed', 'active', 'inactive']);

export function words(name: string): string[] {
  return name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? [name];
}

export function looksPastTense(name: string): boolean {
  return words(name).some((w) => {
    const lower = w.toLowerCase();
    return (lower.length > 3 && lower.endsWith('ed')) || IRREGULAR_PAST.has(lower) || OUTCOME_WORDS.has(lower);
  });
}


export function toPascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

export const naming: Rule = {
  id: 'naming',
  defaultSeverity: 'warning',
  doc: 'Names are PascalCase; event names state a fact in the past tense (a hint).',
  scope: 'file',
  checkFile(_file, ctx, _model, report) {
    if (!ctx) return;
    for (const def of [ctx, ...ctx.aggregates, ...ctx.commands, ...ctx.events, ...ctx.policies, ...ctx.readModels] as AnyDefinition[]) {
      if (!PASCAL_CASE.test(def.name)) {
        const suggestion = toPascalCase(def.name);
        report({
          message: `${capitalise(KIND_LABEL[def.kind])} name '${def.name}' should be PascalCase${suggestion && suggestion !== def.name ? ` ('${suggestion}')` : ''}.`,
          location: def.nameRange,
          data: { suggestion },
        });
      } else if (def.kind === 'event' && !looksPastTense(def.name)) {
        report({
          message: `Event '${def.name}' does not read as a past-tense fact; events record what happened (e.g. '${def.name}ed' or 'OrderPlaced').`,
          location: def.nameRange,
          severity: 'hint',
        });
      }
    }
  },
};

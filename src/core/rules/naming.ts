import { KIND_LABEL } from '../model/labels';
import { capitalise } from '../text';
import { definitionsIn } from '../model/model-index';
import type { AnyDefinition } from '../model/types';
import type { Rule } from './rule';

const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;

/** Irregular past participles that commonly end event names (OrderPaid, EmailSent, ...). */
const IRREGULAR_PAST = new Set(
  'built bought brought caught chosen done drawn driven eaten fallen felt forgotten forgiven found frozen given gone grown held hidden hit hung kept known laid lain led left lent let lost made meant met paid put quit read rebuilt redone reset resent rewritten ridden risen run said seen sent set shed shown shut sold spent split spread stood stolen struck sworn swept taken taught told thought thrown understood undone upheld withdrawn won written begun bound broken cast cost cut dealt dug fed fit forbidden got gotten heard hurt overridden overtaken overthrown partaken proven rung shaken slid spun stuck stung sung sunk torn woken worn wound'.split(
    ' ',
  ),
);

/** Words that make a state-describing outcome (StockNotAvailable, NoDriverFound, PaymentOverdue). */
const OUTCOME_WORDS = new Set([
  'not',
  'no',
  'overdue',
  'expired',
  'available',
  'unavailable',
  'invalid',
  'valid',
  'due',
  'ready',
  'complete',
  'empty',
  'full',
  'late',
  'open',
  'closed',
  'active',
  'inactive',
]);

export function words(name: string): string[] {
  return name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? [name];
}

/** Nouns that end in -ed without being past tense (NewsFeed, SpeedLimit). */
const NOT_PAST = new Set(['feed', 'need', 'seed', 'speed', 'breed', 'greed', 'weed', 'deed', 'creed', 'steed', 'tweed', 'bed', 'red', 'bled']);

export function looksPastTense(name: string): boolean {
  return words(name).some((w) => {
    const lower = w.toLowerCase();
    return (lower.length > 3 && lower.endsWith('ed') && !NOT_PAST.has(lower)) || IRREGULAR_PAST.has(lower) || OUTCOME_WORDS.has(lower);
  });
}

/** Verbs that open imperative names (CreateOrder): the past-tense suggestion moves them to the end (OrderCreated). */
const VERBS = new Set(
  (
    'accept activate add adjust allocate apply approve archive assign authorize block book buy calculate cancel capture change charge check ' +
    'choose close collect complete confirm create credit deactivate debit decline delete deliver deposit disable dispatch enable end enroll ' +
    'expire fail finish freeze fulfil fulfill generate grant hold import invite issue join leave lock log make mark merge move notify open ' +
    'order pack pay pick place post process publish purchase receive record refund register reject release remove rename renew reopen ' +
    'replace request reserve reset resolve restore resume return revoke run schedule select sell send set ship sign start stop submit ' +
    'suspend switch take transfer unblock unlock update upgrade upload validate verify void withdraw write'
  ).split(' '),
);

const IRREGULAR_VERBS: Record<string, string> = {
  buy: 'Bought',
  choose: 'Chosen',
  freeze: 'Frozen',
  hold: 'Held',
  leave: 'Left',
  make: 'Made',
  pay: 'Paid',
  run: 'Run',
  sell: 'Sold',
  send: 'Sent',
  set: 'Set',
  take: 'Taken',
  write: 'Written',
  withdraw: 'Withdrawn',
  reset: 'Reset',
};

/** English past participle of a regular or common irregular verb, capitalised (Place → Placed, Ship → Shipped, Apply → Applied). */
export function pastParticiple(verb: string): string {
  const lower = verb.toLowerCase();
  const irregular = IRREGULAR_VERBS[lower];
  if (irregular) return irregular;
  const cap = lower.charAt(0).toUpperCase() + lower.slice(1);
  if (lower.endsWith('e')) return `${cap}d`;
  if (/[^aeiou]y$/.test(lower)) return `${cap.slice(0, -1)}ied`;
  // One syllable ending consonant-vowel-consonant doubles the consonant (Ship → Shipped, Stop → Stopped).
  if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(lower)) return `${cap}${lower.slice(-1)}ed`;
  return `${cap}ed`;
}

/** A past-tense name for an event named like a command (`CreateOrder` → `OrderCreated`), when its first word is a known verb. */
export function pastTenseSuggestion(name: string): string | undefined {
  const parts = words(name);
  if (parts.length < 2 || !VERBS.has(parts[0].toLowerCase())) return undefined;
  return parts.slice(1).join('') + pastParticiple(parts[0]);
}

export function toPascalCase(name: string): string {
  const parts = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  // SCREAMING_SNAKE words are words, not acronyms: ORDER_PLACED → OrderPlaced.
  const screaming = parts.length > 1 && parts.every((w) => w === w.toUpperCase());
  return parts.map((w) => w.charAt(0).toUpperCase() + (screaming ? w.slice(1).toLowerCase() : w.slice(1))).join('');
}

export const naming: Rule = {
  id: 'naming',
  defaultSeverity: 'warning',
  doc: 'Names are PascalCase; event names state a fact in the past tense (a hint).',
  scope: 'file',
  checkFile(_file, ctx, _model, report) {
    if (!ctx) return;
    for (const def of [ctx, ...definitionsIn(ctx)] as AnyDefinition[]) {
      if (!PASCAL_CASE.test(def.name)) {
        const suggestion = toPascalCase(def.name);
        report({
          message: `${capitalise(KIND_LABEL[def.kind])} name '${def.name}' should be PascalCase${suggestion && suggestion !== def.name ? ` ('${suggestion}')` : ''}.`,
          location: def.nameRange,
          data: { suggestion },
        });
      } else if (def.kind === 'event' && !looksPastTense(def.name)) {
        const suggestion = pastTenseSuggestion(def.name);
        report({
          message: `Event '${def.name}' does not read as a past-tense fact; events record what happened (e.g. '${suggestion ?? 'OrderPlaced'}').`,
          location: def.nameRange,
          severity: 'hint',
          data: suggestion ? { suggestion } : undefined,
        });
      }
    }
  },
};

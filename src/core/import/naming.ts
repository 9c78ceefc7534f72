import { words } from '../text';

/** Names from AsyncAPI documents made into model identifiers, and the event-or-command guess. */

export type MessageKind = 'event' | 'command';

const IRREGULAR_PAST = new Set(
  'arisen awoken been begun bent bound bitten blown broken brought built bought caught chosen come dealt done drawn driven eaten fallen fed felt fought found flown forgotten forgiven frozen gotten given gone grown hung had heard hidden held hurt kept known laid led left lent let lain lit lost made meant met paid put quit read ridden risen run said seen sought sold sent set shaken shone shot shown shut sung sunk sat slept slid spoken spent split spread stood stolen struck sworn swept swum taken taught torn told thought thrown understood woken worn won withdrawn written'.split(
    ' ',
  ),
);
/** -ed words that are not past participles (nouns, adjectives). */
const NOT_PAST = new Set([
  'need',
  'speed',
  'feed',
  'seed',
  'bed',
  'embed',
  'breed',
  'shed',
  'red',
  'bleed',
  'hundred',
  'weed',
  'greed',
  'deed',
  'reed',
  'shred',
  'bred',
  'fled',
  'wed',
  'sled',
]);
const IMPERATIVE = new Set(
  'accept activate add approve archive assign authorize book calculate cancel change charge check close complete confirm create deactivate decline delete deliver dim disable dispatch do enable end execute fetch finish generate get grant increase decrease issue join leave list lock mark notify open order pause pay perform place post process publish put query refund register reject release reload remove rename request reserve reset resume retry revoke run save schedule send set ship start stop submit subscribe suspend switch sync terminate toggle track transfer trigger turn unlock unsubscribe update upload validate verify withdraw'.split(
    ' ',
  ),
);

export function isPastTense(word: string): boolean {
  const w = word.toLowerCase();
  if (IRREGULAR_PAST.has(w)) return true;
  return w.length > 3 && w.endsWith('ed') && !NOT_PAST.has(w);
}

/** The kind a message's name suggests, with the reason (shown in the import report). */
export function guessKind(name: string): { kind: MessageKind; reason: string } | undefined {
  const parts = words(name);
  if (parts.length === 0) return undefined;
  const last = parts[parts.length - 1];
  const first = parts[0];
  const shown = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  if (isPastTense(last)) return { kind: 'event', reason: `'${shown(last)}' is past tense` };
  if (IMPERATIVE.has(first.toLowerCase())) return { kind: 'command', reason: `starts with the verb '${shown(first)}'` };
  if (parts.length > 1 && isPastTense(first)) return { kind: 'event', reason: `'${shown(first)}' is past tense` };
  return undefined;
}

/** A PascalCase identifier (`light measured` → LightMeasured; a leading digit gets a prefix). */
export function identifier(text: string, fallback: string): string {
  const name = words(text.replace(/[^A-Za-z0-9]+/g, ' '))
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
  if (!name) return fallback;
  return /^[0-9]/.test(name) ? `${fallback}${name}` : name;
}

/** The first name not in TAKEN (case-insensitive): Name, Name2, Name3… */
export function unique(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${name}${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

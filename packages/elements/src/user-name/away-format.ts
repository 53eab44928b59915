import type { AwayStatus } from '@baylink/sdk';
import type { TranslationKey, TranslationParams } from '../internal/localize.ts';

// The away status as people read it, shared by `<bay-user-name>` and `<bay-away-banner>`:
// whether a status is in effect now, and its return date in the viewer's locale and time zone.

const DAY = 86_400_000;

/**
 * Whether the status is in effect now: on, and its "away until" not passed yet. A status reads
 * as off from its `until` instant, whether or not the server's event has arrived.
 */
export function isAway(status: AwayStatus | null | undefined, now = Date.now()): boolean {
  if (!status?.away) return false;
  return !status.until || Date.parse(status.until.at) > now;
}

/**
 * The locale for `Intl`: the element's language, with the browser's region when the browser
 * speaks the same language (`fr` and a `fr-CA` browser give `fr-CA`: « 8 h 00 »).
 */
export function intlLocale(lang: string): string {
  const primary = lang.split('-')[0]?.toLowerCase() ?? lang;
  if (lang.includes('-')) return lang;
  const browser =
    typeof navigator === 'undefined'
      ? []
      : [...(navigator.languages ?? []), navigator.language].filter(Boolean);
  return browser.find((tag) => tag.toLowerCase().split('-')[0] === primary) ?? lang;
}

/**
 * A return moment in the viewer's locale and time zone: the weekday and the time within six
 * days ("Tue 8:00 AM", « mar. 08:00 »), else with the date ("Fri, Mar 20, 8:00 AM"), and the
 * year when it is not this year's.
 */
export function formatReturn(lang: string, iso: string, now = Date.now()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  const soon = time - now < 6 * DAY;
  const sameYear = new Date(time).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(
    intlLocale(lang),
    soon
      ? { weekday: 'short', hour: 'numeric', minute: '2-digit' }
      : {
          weekday: 'short',
          month: 'short',
          day: 'numeric',
          ...(sameYear ? {} : { year: 'numeric' }),
          hour: 'numeric',
          minute: '2-digit',
        },
  ).format(time);
}

type Term = <K extends TranslationKey>(key: K, ...params: TranslationParams<K>) => string;

/**
 * What the away badge's bubble says: "Covered by Service Team until Tue 8:00 AM", "Away until
 * Tue 8:00 AM", "Covered by Sam Okafor" or "Away".
 */
export function awayDetails(
  term: Term,
  lang: string,
  status: AwayStatus,
  now = Date.now(),
): string {
  const until = status.until ? formatReturn(lang, status.until.at, now) : undefined;
  const cover = status.assignee?.name;
  if (cover && until) return term('userName.coveredUntil', { cover, until });
  if (cover) return term('userName.covered', { cover });
  if (until) return term('userName.awayUntil', { until });
  return term('userName.away');
}

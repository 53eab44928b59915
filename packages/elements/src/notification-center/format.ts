// Dates of the feed, in the element's language, with `Intl`: relative times ("2 min ago",
// "il y a 2 min") and day groups ("Today", "Yesterday", "Monday", "March 3").

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function relativeFormat(lang: string): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(lang);
  if (!format) {
    format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'short' });
    relativeFormats.set(lang, format);
  }
  return format;
}

/** The start of the local day of `time`, in milliseconds. */
export function startOfDay(time: number): number {
  const date = new Date(time);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** Whole local days between the day of `time` and the day of `now` (0 today, 1 yesterday). */
export function daysAgo(time: number, now: number): number {
  return Math.round((startOfDay(now) - startOfDay(time)) / DAY);
}

/**
 * A short relative time: "now", "2 min ago", "3 hr ago", "yesterday", "2 days ago" within a
 * week (French: « maintenant », « il y a 2 min », « hier »), then a date ("Mar 3").
 */
export function formatRelativeTime(lang: string, iso: string, now: number): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  const diff = time - now;
  const abs = Math.abs(diff);
  const format = relativeFormat(lang);
  if (abs < 45_000) return format.format(0, 'second');
  if (abs < 45 * MINUTE) return format.format(Math.round(diff / MINUTE) || -1, 'minute');
  if (abs < 22 * HOUR) return format.format(Math.round(diff / HOUR) || -1, 'hour');
  const days = daysAgo(time, now);
  if (days >= 1 && days < 7) return format.format(-days, 'day');
  const sameYear = new Date(time).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(lang, {
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(time);
}

/** The full date and time, for a tooltip. */
export function formatFullDate(lang: string, iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'short' }).format(time);
}

function capitalize(lang: string, text: string): string {
  const first = text.charAt(0);
  return first.toLocaleUpperCase(lang) + text.slice(1);
}

/**
 * The day group a time belongs to: `today` and `yesterday` (the caller translates them), else a
 * weekday within the week ("Monday", « Lundi »), else a date ("March 3", « 3 mars 2025 »).
 */
export function dayGroup(
  lang: string,
  iso: string,
  now: number,
): { key: string; label: 'today' | 'yesterday' | string } {
  const time = Date.parse(iso);
  const key = String(startOfDay(Number.isNaN(time) ? now : time));
  const days = Number.isNaN(time) ? 0 : daysAgo(time, now);
  if (days <= 0) return { key, label: 'today' };
  if (days === 1) return { key, label: 'yesterday' };
  if (days < 7) {
    return {
      key,
      label: capitalize(lang, new Intl.DateTimeFormat(lang, { weekday: 'long' }).format(time)),
    };
  }
  const sameYear = new Date(time).getFullYear() === new Date(now).getFullYear();
  return {
    key,
    label: capitalize(
      lang,
      new Intl.DateTimeFormat(lang, {
        weekday: 'long',
        month: 'long',
        day: 'numeric',
        ...(sameYear ? {} : { year: 'numeric' }),
      }).format(time),
    ),
  };
}

/** Up to two letters from the first and last words of a name. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0];
  if (!first) return '';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letter = (word: string | undefined) => (word ? (Array.from(word)[0] ?? '') : '');
  return (letter(first) + letter(last)).toLocaleUpperCase();
}

/** The badge's text: the count, capped at "99+". */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : String(count);
}

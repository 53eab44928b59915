// Times of the devices list in the element's language, with `Intl`: "2 days ago", "yesterday",
// « il y a 2 jours », « hier ».

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formats = new Map<string, Intl.RelativeTimeFormat>();

function relativeFormat(lang: string): Intl.RelativeTimeFormat {
  let format = formats.get(lang);
  if (!format) {
    format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'long' });
    formats.set(lang, format);
  }
  return format;
}

/**
 * How long ago `iso` was, in words: `undefined` under a minute (the caller says "just now"),
 * then minutes, hours, days (yesterday), weeks, months and years.
 */
export function timeAgo(lang: string, iso: string, now: number): string | undefined {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  const elapsed = Math.max(0, now - time);
  if (elapsed < MINUTE) return undefined;
  const format = relativeFormat(lang);
  if (elapsed < HOUR) return format.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return format.format(-Math.floor(elapsed / HOUR), 'hour');
  const days = Math.floor(elapsed / DAY);
  if (days < 7) return format.format(-days, 'day');
  if (days < 30) return format.format(-Math.floor(days / 7), 'week');
  if (days < 365) return format.format(-Math.floor(days / 30), 'month');
  return format.format(-Math.floor(days / 365), 'year');
}

/** A date as people read it in `lang`: "March 3, 2026", « 3 mars 2026 ». */
export function formatDate(lang: string, iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(time);
}

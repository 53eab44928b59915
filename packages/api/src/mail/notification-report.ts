import type { Language } from '@baylink/sdk/contract';
import { COMMON_STRINGS } from './notification-templates.ts';

/** One line of a report's table, ready to show. */
export interface ReportRow {
  label: string;
  value: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
/** `1_period`, `02-total`: the number orders the rows and is not shown. */
const ORDER_PREFIX = /^(\d{1,4})[_-](?=\S)/;

/**
 * A data key as a label: `totalDeposits`, `total_deposits` and `total-deposits` read
 * "Total deposits", `ROCount` "RO count". A key already in words (it has a space or a letter
 * outside ASCII, such as "Dépôts traités") is shown as sent.
 */
export function humanizeKey(key: string): string {
  const bare = key.replace(ORDER_PREFIX, '').trim();
  if (/\s/.test(bare) || /[^\x20-\x7e]/.test(bare)) return bare;
  const words = bare
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map((word) => (/^[A-Z0-9]{2,}$/.test(word) ? word : word.toLowerCase()));
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** A value in the recipient's language: numbers and ISO dates localized, booleans as words. */
export function formatValue(value: unknown, language: Language, timeZone: string): string {
  const s = COMMON_STRINGS[language];
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? s.yes : s.no;
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? new Intl.NumberFormat(s.locale, { maximumFractionDigits: 2 }).format(value)
      : String(value);
  }
  if (typeof value !== 'string') return JSON.stringify(value);
  if (DATE_ONLY.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(date.getTime())) {
      return new Intl.DateTimeFormat(s.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
    }
  }
  if (DATE_TIME.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) {
      return new Intl.DateTimeFormat(s.locale, {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone,
      }).format(date);
    }
  }
  return value;
}

/**
 * The rows of a report from the flat record the host sent. The database does not keep the
 * order keys were sent in, so rows follow a number prefix when keys have one (`1_period`,
 * `2_total`), then their labels in alphabetical order.
 */
export function reportRows(
  data: Record<string, unknown>,
  language: Language,
  timeZone: string,
): ReportRow[] {
  const locale = COMMON_STRINGS[language].locale;
  return Object.entries(data)
    .map(([key, value]) => {
      const order = ORDER_PREFIX.exec(key);
      return {
        order: order ? Number(order[1]) : Number.POSITIVE_INFINITY,
        label: humanizeKey(key),
        value: formatValue(value, language, timeZone),
      };
    })
    .filter((row) => row.label !== '')
    .sort((a, b) => a.order - b.order || a.label.localeCompare(b.label, locale))
    .map(({ label, value }) => ({ label, value }));
}

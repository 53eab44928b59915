import {
  en,
  type PlainTranslationKey,
  type Translation,
  type TranslationKey,
  type TranslationParams,
} from '../translations/en.ts';
import { fr } from '../translations/fr.ts';

export type { PlainTranslationKey, Translation, TranslationKey, TranslationParams };

/** Some strings of one language, replacing the built-in ones. */
export type TranslationOverrides = Partial<Translation>;

/**
 * Per-element overrides, by language code: `{ fr: { 'profile.save': 'Enregistrer' } }`.
 * The key `'*'` applies to every language.
 */
export type StringsByLanguage = Partial<Record<string, TranslationOverrides>>;

const builtIn = new Map<string, Translation>([
  ['en', en],
  ['fr', fr],
]);
const registered = new Map<string, TranslationOverrides>();
const listeners = new Set<() => void>();

/**
 * Replaces single strings of a language for every Baylink element on the page, or adds a
 * language (give every key for a complete one; missing keys fall back to English).
 *
 * ```ts
 * registerTranslation('fr', { 'profile.save': 'Enregistrer' });
 * ```
 */
export function registerTranslation(lang: string, strings: TranslationOverrides): void {
  const code = lang.toLowerCase();
  registered.set(code, { ...registered.get(code), ...strings });
  for (const listener of [...listeners]) listener();
}

/** Calls `listener` whenever `registerTranslation` changes a string; returns the unsubscribe. */
export function onTranslationsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The languages the elements can render in: the built-in ones and any registered since. */
export function supportedLanguages(): string[] {
  return [...new Set([...builtIn.keys(), ...registered.keys()])];
}

/**
 * Maps a language tag to one the elements can render (`fr-CA` → `fr`), or `undefined` when
 * neither the tag nor its primary subtag is supported.
 */
export function matchLanguage(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  const code = tag.trim().toLowerCase();
  if (code === '') return undefined;
  if (builtIn.has(code) || registered.has(code)) return code;
  const primary = code.split('-')[0] ?? '';
  if (builtIn.has(primary) || registered.has(primary)) return primary;
  return undefined;
}

function lookup(lang: string, key: TranslationKey, local: StringsByLanguage | undefined): string {
  const primary = lang.split('-')[0] ?? lang;
  const candidates = [
    local?.[lang]?.[key],
    local?.[primary]?.[key],
    local?.['*']?.[key],
    registered.get(lang)?.[key],
    registered.get(primary)?.[key],
    builtIn.get(lang)?.[key],
    builtIn.get(primary)?.[key],
  ];
  return candidates.find((value) => typeof value === 'string') ?? en[key];
}

/** The string for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function translate<K extends TranslationKey>(
  lang: string,
  key: K,
  local: StringsByLanguage | undefined,
  ...params: TranslationParams<K>
): string {
  const text = lookup(lang, key, local);
  const values = params[0] as Record<string, string | number> | undefined;
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}

/**
 * Formats a byte count with `Intl` units: `5 MB` in English, `5 Mo` in French, with a no-break
 * space so the number never wraps away from its unit.
 */
export function formatBytes(lang: string, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let index = 0;
  while (value >= 1024 && index < units.length - 1) {
    value /= 1024;
    index += 1;
  }
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: units[index],
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 && index > 0 ? 1 : 0,
  })
    .format(value)
    .replace(/ /g, '\u00a0');
}

/** Formats a ratio between 0 and 1 as a whole percentage (`42 %` in French). */
export function formatPercent(lang: string, ratio: number): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(
    Math.min(1, Math.max(0, ratio)),
  );
}

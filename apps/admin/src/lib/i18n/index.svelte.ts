/**
 * Compiled, typed dictionaries: `ja` is the source, `en` must have exactly the same keys
 * (TypeScript checks it). The language lives in a cookie; Japanese is the default.
 */
import { ja, type MessageKey } from './ja';
import { en } from './en';
import { interpolate } from './interpolate';

export const langs = ['ja', 'en'] as const;
export type Lang = (typeof langs)[number];
export type { MessageKey };

const dictionaries = { ja, en } satisfies Record<Lang, Record<MessageKey, string>>;
const cookieName = 'lang';

function readCookie(): Lang {
  if (typeof document === 'undefined') return 'ja';
  const match = /(?:^|;\s*)lang=(ja|en)/.exec(document.cookie);
  return match?.[1] === 'en' ? 'en' : 'ja';
}

const state = $state<{ lang: Lang }>({ lang: readCookie() });
// app.html says `ja`; a reload in English must say so to screen readers and the browser too.
if (typeof document !== 'undefined') document.documentElement.lang = state.lang;

/** The current language (reactive). */
export function lang(): Lang {
  return state.lang;
}

/** Switches the language, remembers it for a year and updates `<html lang>`. */
export function setLang(next: Lang): void {
  state.lang = next;
  if (typeof document !== 'undefined') {
    document.cookie = `${cookieName}=${next}; path=/; max-age=31536000; samesite=lax`;
    document.documentElement.lang = next;
  }
}

/**
 * Translates a key, filling `{name}` placeholders.
 * @example t('preview.enteredCount', { n: 3 })
 */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return interpolate(dictionaries[state.lang][key], params);
}

/** Picks the current language from a `{ ja, en }` label (falls back to Japanese). */
export function loc(label: { ja: string; en?: string | undefined } | undefined): string {
  if (!label) return '';
  return state.lang === 'en' && label.en ? label.en : label.ja;
}

/** Formats a number with the current locale. */
export function num(value: number, digits = 0): string {
  return value.toLocaleString(state.lang === 'ja' ? 'ja-JP' : 'en-GB', {
    maximumFractionDigits: digits,
  });
}

/** Formats an ISO date-time for display. */
export function dateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(state.lang === 'ja' ? 'ja-JP' : 'en-GB');
}

/** Translates a key built at run time (e.g. from an API code), or returns `fallback`. */
export function tOr(
  key: string,
  fallback: string,
  params?: Record<string, string | number>,
): string {
  const dictionary: Record<string, string> = dictionaries[state.lang];
  const message = dictionary[key];
  return message === undefined ? fallback : interpolate(message, params);
}

/** A parenthetical in the language's punctuation: `（3件）` in Japanese, ` (3 items)` in English. */
export function paren(text: string | number): string {
  return state.lang === 'ja' ? `（${text}）` : ` (${text})`;
}

/** A list in the language's punctuation: `A、B` in Japanese, `A, B` in English. */
export function list(items: readonly (string | number)[]): string {
  return items.join(state.lang === 'ja' ? '、' : ', ');
}

/**
 * A fact's unit in the current language: the catalogue writes units in Japanese (`回`), the
 * dictionaries carry their English words (`unit.回`); an unknown unit is shown as written.
 * @example unitWord('回') // 'times' in English
 */
export function unitWord(unit: string): string {
  return tOr(`unit.${unit}`, unit);
}

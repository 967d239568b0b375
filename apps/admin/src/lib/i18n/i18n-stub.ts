/**
 * The i18n module's functions over the plain dictionaries, for unit tests: the runes module
 * (`index.svelte.ts`) needs the Svelte compiler, which the tests run without.
 * @example
 * vi.mock('../i18n/index.svelte', async () => (await import('../i18n/i18n-stub')).i18nStub);
 * setStubLang('en');
 */
import { en } from './en';
import { ja } from './ja';
import { interpolate } from './interpolate';

type Lang = 'ja' | 'en';
const state: { lang: Lang } = { lang: 'ja' };
const dictionary = (): Record<string, string> => (state.lang === 'ja' ? ja : en);

/** Switches the stub's language (tests reset it in `afterEach`). */
export function setStubLang(lang: Lang): void {
  state.lang = lang;
}

export const i18nStub = {
  lang: (): Lang => state.lang,
  t: (key: string, params?: Record<string, string | number>) =>
    interpolate(dictionary()[key] ?? key, params),
  tOr: (key: string, fallback: string, params?: Record<string, string | number>) => {
    const message = dictionary()[key];
    return message === undefined ? fallback : interpolate(message, params);
  },
  loc: (label: { ja: string; en?: string | undefined } | undefined) =>
    !label ? '' : state.lang === 'en' && label.en ? label.en : label.ja,
  unitWord: (unit: string) => dictionary()[`unit.${unit}`] ?? unit,
};

/** What the UI says about a failed call: Japanese (or English) text, never the API's detail for refusals. */
import { ApiError } from './api-client';
import { t, tOr } from './i18n/index.svelte';

/**
 * A message for the current language. Refusals (401/403) and network failures have fixed
 * messages; other problems use a translation of their code, else a general message. Neither
 * the API's English detail nor a JavaScript error's message reaches the user: anything that
 * is not an API problem is logged to the console instead.
 * @example error = errorText(cause)
 */
export function errorText(cause: unknown): string {
  if (!(cause instanceof ApiError)) {
    console.error(cause);
    return t('error.unexpected');
  }
  if (cause.status === 403) return t('error.forbidden');
  if (cause.status === 401) return t('error.signedOut');
  if (cause.status === 0) return t('error.network');
  return tOr(`error.code.${cause.code}`, t('error.unexpected'));
}

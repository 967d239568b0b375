import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';

/** The languages the API writes words in (the admin's languages). */
export type Language = 'ja' | 'en';

/** `?lang=ja|en` on routes whose responses carry words (readable diffs, preview reasons). */
export const languageQuerySchema = z.object({
  lang: z
    .enum(['ja', 'en'])
    .optional()
    .openapi({ description: "Language of the words; default: the admin's `lang` cookie, else ja" }),
});

/**
 * The language a response's words are written in: `?lang=` when given, else the admin's `lang`
 * cookie (the browser sends it with every same-origin call), else Japanese.
 * @example const lang = requestLanguage(c, c.req.valid('query').lang);
 */
export function requestLanguage(c: Context, asked: Language | undefined): Language {
  if (asked !== undefined) return asked;
  return getCookie(c, 'lang') === 'en' ? 'en' : 'ja';
}

import { z } from 'zod';
import { IdentityError } from './identity-error';

/** How a 外字 showed up in the text. */
export const gaijiKinds = ['private-use', 'placeholder', 'code-text'] as const;
export type GaijiKind = (typeof gaijiKinds)[number];

/**
 * One 外字 occurrence. `index`/`length` are UTF-16 offsets into the text (as `String#slice`
 * takes them); `code` is `U+XXXX` (upper-case hex, at least 4 digits) or the placeholder itself.
 */
export type GaijiHit = { code: string; index: number; length: number; kind: GaijiKind };

export type FindGaijiOptions = {
  /** The field is a name: a `?`/`？` there is a lost character, not punctuation. */
  name?: boolean;
};

/**
 * A mappable code: `U+` and 4–6 upper-case hex digits. Placeholders (`〓`, `?`) cannot be mapped:
 * each stands for a different lost character, so the source must be corrected instead.
 */
export const gaijiCodeSchema = z.string().regex(/^U\+[0-9A-F]{4,6}$/);

/** One row of a municipality's 外字 table: staff map a code to standard text. */
export const gaijiEntrySchema = z.object({
  code: gaijiCodeSchema,
  standard: z
    .string()
    .min(1)
    .max(16)
    .refine((s) => !hasPrivateUse(s), 'standard text must not contain private-use characters'),
  note: z.string().max(500).optional(),
});
export type GaijiEntry = z.infer<typeof gaijiEntrySchema>;

function isPrivateUse(cp: number): boolean {
  return (cp >= 0xe000 && cp <= 0xf8ff) || (cp >= 0xf0000 && cp <= 0x10fffd);
}

function hasPrivateUse(text: string): boolean {
  for (const char of text) if (isPrivateUse(char.codePointAt(0) ?? 0)) return true;
  return false;
}

/** Formats a code point as `U+XXXX`. */
export function codePointCode(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

const codeText = /[Uu]\+([0-9A-Fa-f]{4,6})|&#[xX]([0-9A-Fa-f]{1,6});|&#(\d{1,7});/g;
const maybeGaiji = /[\uE000-\uF8FF\u{F0000}-\u{10FFFD}〓?？]|[Uu]\+|&#/u;
const placeholders = new Set(['〓']);
const namePlaceholders = new Set(['〓', '?', '？']);

/**
 * Finds 外字 in raw text: private-use code points (U+E000–F8FF, planes 15–16), placeholders
 * (`〓`; `?`/`？` too when `options.name`), and code text (`U+2363A`, `&#x2363A;`, `&#144954;`).
 * @example findGaiji('山\uE001太郎') // [{ code: 'U+E001', index: 1, length: 1, kind: 'private-use' }]
 */
export function findGaiji(text: string, options: FindGaijiOptions = {}): GaijiHit[] {
  if (!maybeGaiji.test(text)) return [];
  const hits: GaijiHit[] = [];
  const marks = options.name === true ? namePlaceholders : placeholders;
  for (const match of text.matchAll(codeText)) {
    const hex = match[1] ?? match[2];
    const cp = hex === undefined ? Number(match[3]) : Number.parseInt(hex, 16);
    if (cp > 0x10ffff) continue;
    hits.push({
      code: codePointCode(cp),
      index: match.index,
      length: match[0].length,
      kind: 'code-text',
    });
  }
  let index = 0;
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    const inCodeText = hits.some((h) => index >= h.index && index < h.index + h.length);
    if (!inCodeText && isPrivateUse(cp)) {
      hits.push({ code: codePointCode(cp), index, length: char.length, kind: 'private-use' });
    } else if (!inCodeText && marks.has(char)) {
      hits.push({ code: char, index, length: char.length, kind: 'placeholder' });
    }
    index += char.length;
  }
  return hits.sort((a, b) => a.index - b.index);
}

/**
 * Replaces every mapped 外字 by its standard text; lists the unmapped ones (never guesses).
 * Indexes in `unmapped` refer to the input text.
 * @example applyGaijiTable('山\uE001', new Map([['U+E001', '﨑']])) // { text: '山﨑', unmapped: [] }
 */
export function applyGaijiTable(
  text: string,
  table: ReadonlyMap<string, string>,
  options: FindGaijiOptions = {},
): { text: string; unmapped: { code: string; index: number }[] } {
  const hits = findGaiji(text, options);
  if (hits.length === 0) return { text, unmapped: [] };
  const unmapped: { code: string; index: number }[] = [];
  let out = '';
  let at = 0;
  for (const hit of hits) {
    const standard = table.get(hit.code);
    if (standard === undefined) {
      unmapped.push({ code: hit.code, index: hit.index });
      continue;
    }
    out += text.slice(at, hit.index) + standard;
    at = hit.index + hit.length;
  }
  return { text: out + text.slice(at), unmapped };
}

/**
 * Builds the lookup map for {@link applyGaijiTable} from stored entries (parsed at the boundary).
 * Throws `duplicate_gaiji_code` when one code is mapped twice: the table must be unambiguous.
 */
export function createGaijiTable(entries: readonly GaijiEntry[]): ReadonlyMap<string, string> {
  const table = new Map<string, string>();
  for (const entry of entries) {
    if (table.has(entry.code)) {
      throw new IdentityError('duplicate_gaiji_code', `gaiji code ${entry.code} is mapped twice`);
    }
    table.set(entry.code, entry.standard);
  }
  return table;
}

import { ConnectorKitError } from './connector-kit-error';

/** The eras a child data export can contain, newest first. `base` + era year = western year. */
const eras = [
  { kanji: '令和', letter: 'R', base: 2018, start: '2019-05-01', end: '9999-12-31' },
  { kanji: '平成', letter: 'H', base: 1988, start: '1989-01-08', end: '2019-04-30' },
  { kanji: '昭和', letter: 'S', base: 1925, start: '1926-12-25', end: '1989-01-07' },
  { kanji: '大正', letter: 'T', base: 1911, start: '1912-07-30', end: '1926-12-24' },
] as const;
type Era = (typeof eras)[number];

/** Result of parsing a date cell: the ISO date, or what was expected (never the input). */
export type DateParseResult =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly expected: string };

/** Styles `formatWareki` can write, as municipal systems export them. */
export type WarekiStyle = 'kanji' | 'short' | 'slash';

const EXPECTED = 'expected a date such as 令和7年4月1日, R7.4.1, H30/04/02 or 2018-04-02';
const ERA_DATE =
  /^(令和|平成|昭和|大正|[RHST])(元|\d{1,2})(?:年(\d{1,2})月(\d{1,2})日?|([./-])(\d{1,2})\5(\d{1,2}))$/;
const WESTERN_DATE =
  /^(\d{4})(?:年(\d{1,2})月(\d{1,2})日?|([./-])(\d{1,2})\4(\d{1,2})|(\d{2})(\d{2}))$/;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

function cleanDateText(text: string): string {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7e) {
      ascii = false;
      break;
    }
  }
  // NFKC folds full-width letters/digits/slashes and the ㍻/㋿ ligatures.
  const folded = ascii ? text : text.normalize('NFKC');
  return folded.replace(/\s+/g, '').toUpperCase();
}

function findEra(name: string): Era | undefined {
  return eras.find((era) => era.kanji === name || era.letter === name);
}

/**
 * Parses a 和暦 or western date to ISO `YYYY-MM-DD`, checking the calendar and era ranges.
 * Accepts 令和/平成/昭和/大正, R/H/S/T (any case or width), 元年, and `2018-04-02`, `2018/4/2`, `20180402`.
 *
 * @example
 * parseWarekiDate('平成30年4月2日'); // { ok: true, value: '2018-04-02' }
 * parseWarekiDate('R元.5.1'); // { ok: true, value: '2019-05-01' }
 * parseWarekiDate('H31.5.1'); // { ok: false, expected: 'expected a date within 平成 (…)' }
 */
export function parseWarekiDate(text: string): DateParseResult {
  const cleaned = cleanDateText(text);
  const era = ERA_DATE.exec(cleaned);
  if (era) {
    const found = findEra(era[1] ?? '');
    const eraYear = era[2] === '元' ? 1 : Number(era[2]);
    const month = Number(era[3] ?? era[6]);
    const day = Number(era[4] ?? era[7]);
    if (!found || eraYear < 1) return { ok: false, expected: EXPECTED };
    return checked(found.base + eraYear, month, day, found);
  }
  const western = WESTERN_DATE.exec(cleaned);
  if (western) {
    const year = Number(western[1]);
    const month = Number(western[2] ?? western[5] ?? western[7]);
    const day = Number(western[3] ?? western[6] ?? western[8]);
    if (year < 1868 || year > 2999) return { ok: false, expected: EXPECTED };
    return checked(year, month, day, undefined);
  }
  return { ok: false, expected: EXPECTED };
}

function checked(year: number, month: number, day: number, era: Era | undefined): DateParseResult {
  if (!isRealDate(year, month, day)) {
    return {
      ok: false,
      expected: 'expected a real calendar date (month 1-12, day within the month)',
    };
  }
  const iso = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (era && (iso < era.start || iso > era.end)) {
    const end = era.end.startsWith('9999') ? 'today' : era.end;
    return { ok: false, expected: `expected a date within ${era.kanji} (${era.start} to ${end})` };
  }
  return { ok: true, value: iso };
}

/**
 * Writes an ISO date in 和暦, as the demo generator's exports do: `kanji` 平成30年4月2日
 * (元年 for the first year), `short` H30.4.2, `slash` H30/04/02.
 *
 * @example formatWareki('2019-05-01', 'kanji') // '令和元年5月1日'
 */
export function formatWareki(isoDate: string, style: WarekiStyle): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  const era = eras.find((e) => isoDate >= e.start && isoDate <= e.end);
  if (!match || !isRealDate(year, month, day) || !era) {
    throw new ConnectorKitError(
      'invalid_argument',
      'formatWareki expected an ISO date YYYY-MM-DD from 1912-07-30 on',
    );
  }
  const eraYear = year - era.base;
  switch (style) {
    case 'kanji':
      return `${era.kanji}${eraYear === 1 ? '元' : eraYear}年${month}月${day}日`;
    case 'short':
      return `${era.letter}${eraYear}.${month}.${day}`;
    case 'slash':
      return `${era.letter}${pad(eraYear, 2)}/${pad(month, 2)}/${pad(day, 2)}`;
  }
}

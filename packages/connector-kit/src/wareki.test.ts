import { describe, expect, it } from 'vitest';
import { ConnectorKitError } from './connector-kit-error';
import { formatWareki, parseWarekiDate } from './wareki';

const ok = (value: string) => ({ ok: true, value });

describe('parseWarekiDate', () => {
  it.each([
    ['令和7年4月1日', '2025-04-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['平成30年4月2日', '2018-04-02'],
    ['平成元年1月8日', '1989-01-08'],
    ['昭和64年1月7日', '1989-01-07'],
    ['昭和元年12月25日', '1926-12-25'],
    ['大正15年12月24日', '1926-12-24'],
    ['R7.4.1', '2025-04-01'],
    ['R07.04.01', '2025-04-01'],
    ['r7.4.1', '2025-04-01'],
    ['Ｒ７．４．１', '2025-04-01'],
    ['H30/04/02', '2018-04-02'],
    ['h30-4-2', '2018-04-02'],
    ['S50.1.15', '1975-01-15'],
    ['R元.5.1', '2019-05-01'],
    ['令和７年４月１日', '2025-04-01'],
    [' 平成 30年 4月 2日 ', '2018-04-02'],
    ['㍻30年4月2日', '2018-04-02'],
    ['2018-04-02', '2018-04-02'],
    ['2018/4/2', '2018-04-02'],
    ['20180402', '2018-04-02'],
    ['２０１８／４／２', '2018-04-02'],
    ['2024年2月29日', '2024-02-29'],
    ['H12.2.29', '2000-02-29'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseWarekiDate(text)).toEqual(ok(iso));
  });

  it.each([
    ['平成31年5月1日', '平成'],
    ['H1.1.7', '平成'],
    ['R1.4.30', '令和'],
    ['令和元年4月30日', '令和'],
    ['S64.1.8', '昭和'],
    ['昭和元年12月24日', '昭和'],
  ])('rejects %s outside the era %s', (text, era) => {
    const result = parseWarekiDate(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.expected).toContain(`within ${era}`);
  });

  it.each([
    '',
    'unknown',
    'R0.1.1',
    'R7.2.30',
    'H30.13.1',
    '2023-02-29',
    '1900-02-29',
    '2018-4/2',
    'X7.4.1',
    '令和8年4月',
    '2018040',
    '1700-01-01',
  ])('rejects %j without echoing it', (text) => {
    const result = parseWarekiDate(text);
    expect(result.ok).toBe(false);
    if (!result.ok && text !== '') expect(result.expected).not.toContain(text);
  });
});

describe('formatWareki', () => {
  it.each([
    ['2018-04-02', 'kanji', '平成30年4月2日'],
    ['2018-04-02', 'short', 'H30.4.2'],
    ['2018-04-02', 'slash', 'H30/04/02'],
    ['2019-05-01', 'kanji', '令和元年5月1日'],
    ['2019-05-01', 'short', 'R1.5.1'],
    ['2019-04-30', 'kanji', '平成31年4月30日'],
    ['1989-01-07', 'slash', 'S64/01/07'],
    ['1989-01-08', 'kanji', '平成元年1月8日'],
    ['2025-04-01', 'kanji', '令和7年4月1日'],
  ] as const)('writes %s in %s style as %s', (iso, style, text) => {
    expect(formatWareki(iso, style)).toBe(text);
  });

  it('round-trips every day of 1989 and 2019 through each style', () => {
    for (const year of [1989, 2019]) {
      for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year;) {
        const iso = d.toISOString().slice(0, 10);
        for (const style of ['kanji', 'short', 'slash'] as const) {
          expect(parseWarekiDate(formatWareki(iso, style))).toEqual(ok(iso));
        }
        d = new Date(d.getTime() + 86_400_000);
      }
    }
  });

  it('throws ConnectorKitError on a non-date or a date before 大正', () => {
    expect(() => formatWareki('2018-02-30', 'kanji')).toThrow(ConnectorKitError);
    expect(() => formatWareki('1900-01-01', 'kanji')).toThrow(ConnectorKitError);
  });
});

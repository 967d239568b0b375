import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from './decode-utf8';

const reference = new TextDecoder('utf-8');

describe('decodeUtf8', () => {
  it('decodes any text as TextDecoder does, at any offset', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.nat(8), (text, pad) => {
        const bytes = Buffer.concat([Buffer.alloc(pad, 0x41), Buffer.from(text), Buffer.alloc(3)]);
        const end = bytes.length - 3;
        expect(decodeUtf8(bytes, pad, end)).toBe(reference.decode(bytes.subarray(pad, end)));
      }),
      { numRuns: 2000 },
    );
  });

  it('replaces invalid, overlong, surrogate and truncated sequences as TextDecoder does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (raw) => {
        const bytes = Buffer.from(raw);
        expect(decodeUtf8(bytes, 0, bytes.length)).toBe(reference.decode(bytes));
      }),
      { numRuns: 3000 },
    );
    const cases = [
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe6, 0x9d],
    ];
    for (const sequence of cases) {
      const bytes = Buffer.from([0x61, ...sequence, 0x62]);
      expect(decodeUtf8(bytes, 0, bytes.length)).toBe(reference.decode(bytes));
    }
    const long = Buffer.from('髙'.repeat(200));
    expect(decodeUtf8(long, 0, long.length)).toBe('髙'.repeat(200));
  });
});

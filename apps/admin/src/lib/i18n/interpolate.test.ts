import { describe, expect, it } from 'vitest';
import { interpolate } from './interpolate';
import { ja } from './ja';
import { en } from './en';

describe('interpolate', () => {
  it('fills named placeholders and keeps unknown ones', () => {
    expect(interpolate('{n}人が{level}に入ります', { n: 3, level: '見守り' })).toBe(
      '3人が見守りに入ります',
    );
    expect(interpolate('{x} stays', {})).toBe('{x} stays');
  });
});

describe('dictionaries', () => {
  it('have the same keys and no empty message', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
    for (const [key, value] of [...Object.entries(ja), ...Object.entries(en)]) {
      expect(value.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(ja) as (keyof typeof ja)[]) {
      expect(names(en[key]), key).toEqual(names(ja[key]));
    }
  });
});

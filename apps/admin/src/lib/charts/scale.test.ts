import { describe, expect, it } from 'vitest';
import { linear, ticks } from './scale';

describe('chart scales', () => {
  it('maps a domain onto a range, also reversed', () => {
    const y = linear([0, 10], [100, 0]);
    expect(y(0)).toBe(100);
    expect(y(5)).toBe(50);
  });

  it('picks round ticks', () => {
    expect(ticks(10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(ticks(47)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(ticks(0)).toEqual([0]);
    expect(ticks(2, 8)).toEqual([0, 1, 2]);
  });
});

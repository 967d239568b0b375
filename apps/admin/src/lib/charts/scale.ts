/** Tiny linear scales and tick picking for the hand-made SVG charts. */

export type Scale = (value: number) => number;

export function linear(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/** About `count` round tick values covering [0, max] (whole numbers only: counts and points). */
export function ticks(max: number, count = 5): number[] {
  if (max <= 0) return [0];
  const raw = Math.max(1, max / count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const result: number[] = [];
  for (let v = 0; v <= max + step / 2; v += step) result.push(Math.round(v * 1e9) / 1e9);
  return result;
}

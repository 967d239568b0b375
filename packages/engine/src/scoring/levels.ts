import type { DifficultyType } from '../schema/rule-set-schema';

/** Per difficulty type, per level id: a replacement `minPoints` (what-if previews). */
export type LevelOverrides = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** A type's levels as parallel arrays sorted by minPoints (ascending). */
export interface LevelTable {
  readonly ids: readonly string[];
  readonly minPoints: Float64Array;
}

/** Builds level tables, applying overrides and re-sorting by minPoints. */
export function levelTables(
  types: readonly DifficultyType[],
  overrides: LevelOverrides = {},
): LevelTable[] {
  return types.map((type) => {
    const moved = overrides[type.id] ?? {};
    const levels = type.levels
      .map((l) => ({ id: l.id, min: moved[l.id] ?? l.minPoints }))
      .sort((a, b) => a.min - b.min);
    return { ids: levels.map((l) => l.id), minPoints: Float64Array.from(levels.map((l) => l.min)) };
  });
}

/** Index of the highest level reached (minPoints ≤ points), or -1 for none (なし). */
export function levelIndex(table: LevelTable, points: number): number {
  const { minPoints } = table;
  for (let i = minPoints.length - 1; i >= 0; i -= 1)
    if (points >= (minPoints[i] as number)) return i;
  return -1;
}

import { levelIndex, type LevelTable } from './levels';

/** What scoring needs per enabled rule and per difficulty type. */
export interface PointsPlan {
  readonly typeCount: number;
  readonly wordsPerChild: number;
  /** Per rule: its type index, points, and 1 when it reads only data held outside the school. */
  readonly typeOf: Int32Array;
  readonly pointsOf: Float64Array;
  readonly outsideOf: Uint8Array;
}

/** The arrays of a score table that an accumulator fills (zero-filled on entry). */
export interface PointsOut {
  /** Index `child * typeCount + type`. */
  readonly points: Float64Array;
  readonly outsideSchoolPoints: Float64Array;
  readonly levels: Int8Array;
  /** Index `child * wordsPerChild + (rule >>> 5)`, bit `rule & 31`. */
  readonly fired: Uint32Array;
}

/** Adds rules' masks block by block; `blockDone` writes the block's points and levels. */
export interface Accumulator {
  addRule(rule: number, start: number, end: number, mask: Int32Array): void;
  blockDone(start: number, end: number): void;
}

/**
 * Creates an accumulator: points are summed per type in small block-local arrays (in rule order,
 * so every path gives bit-identical sums) and written out once per block with the levels.
 *
 * @example
 * const acc = createAccumulator(plan, table, levelTables(types), 2048);
 * evaluateTable(facts, acc.addRule, acc.blockDone);
 */
export function createAccumulator(
  plan: PointsPlan,
  out: PointsOut,
  tables: readonly LevelTable[],
  blockSize: number,
): Accumulator {
  const { typeCount, wordsPerChild, typeOf, pointsOf, outsideOf } = plan;
  const { points, outsideSchoolPoints: outside, levels, fired } = out;
  const blockPoints = new Float64Array(typeCount * blockSize);
  const blockOutside = new Float64Array(typeCount * blockSize);
  const atZero = Int8Array.from(tables, (table) => levelIndex(table, 0));
  let outsideUsed = false;

  function addRule(r: number, start: number, end: number, mask: Int32Array): void {
    const base = (typeOf[r] as number) * blockSize;
    const p = pointsOf[r] as number;
    const isOutside = outsideOf[r] === 1;
    outsideUsed ||= isOutside;
    const word = r >>> 5;
    const bit = 1 << (r & 31);
    const words = (end - start + 31) >>> 5;
    for (let w = 0; w < words; w += 1) {
      let bits = mask[w] as number;
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const j = (w << 5) + 31 - Math.clz32(low);
        blockPoints[base + j] = (blockPoints[base + j] as number) + p;
        if (isOutside) blockOutside[base + j] = (blockOutside[base + j] as number) + p;
        const f = (start + j) * wordsPerChild + word;
        fired[f] = (fired[f] as number) | bit;
      }
    }
  }

  function blockDone(start: number, end: number): void {
    const n = end - start;
    for (let t = 0; t < typeCount; t += 1) {
      const base = t * blockSize;
      const table = tables[t] as LevelTable;
      const zero = atZero[t] as number;
      for (let j = 0, slot = start * typeCount + t; j < n; j += 1, slot += typeCount) {
        const sum = blockPoints[base + j] as number;
        if (sum === 0) {
          levels[slot] = zero;
          continue;
        }
        points[slot] = sum;
        levels[slot] = levelIndex(table, sum);
      }
      if (!outsideUsed) continue;
      for (let j = 0, slot = start * typeCount + t; j < n; j += 1, slot += typeCount) {
        const sum = blockOutside[base + j] as number;
        if (sum !== 0) outside[slot] = sum;
      }
    }
    blockPoints.fill(0);
    if (outsideUsed) blockOutside.fill(0);
    outsideUsed = false;
  }

  return { addRule, blockDone };
}

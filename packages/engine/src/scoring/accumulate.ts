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
  readonly addRule: (rule: number, start: number, end: number, mask: Int32Array) => void;
  readonly blockDone: (start: number, end: number) => void;
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
  /** Rows of the current block where some rule fired (the only rows `blockDone` visits). */
  const touched = new Int32Array((blockSize + 31) >>> 5);
  let outsideUsed = false;
  // Every child starts at the level zero points reach (usually none); fired rows overwrite it.
  if (atZero.every((level) => level === atZero[0])) levels.fill(atZero[0] ?? -1);
  else
    for (let slot = 0; slot < levels.length; slot += 1)
      levels[slot] = atZero[slot % typeCount] as number;

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
      touched[w] = (touched[w] as number) | bits;
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
    const words = (end - start + 31) >>> 5;
    for (let t = 0; t < typeCount; t += 1) {
      const base = t * blockSize;
      const { minPoints } = tables[t] as LevelTable;
      const top = minPoints.length - 1;
      for (let w = 0; w < words; w += 1) {
        let bits = touched[w] as number;
        while (bits !== 0) {
          const low = bits & -bits;
          bits ^= low;
          const j = (w << 5) + 31 - Math.clz32(low);
          const slot = (start + j) * typeCount + t;
          const sum = blockPoints[base + j] as number;
          if (sum !== 0) {
            blockPoints[base + j] = 0;
            points[slot] = sum;
            // As levelIndex: the highest level whose minPoints the sum reaches.
            let level = top;
            while (level >= 0 && !(sum >= (minPoints[level] as number))) level -= 1;
            levels[slot] = level;
          }
          if (!outsideUsed) continue;
          const outsideSum = blockOutside[base + j] as number;
          if (outsideSum !== 0) {
            blockOutside[base + j] = 0;
            outside[slot] = outsideSum;
          }
        }
      }
    }
    touched.fill(0, 0, words);
    outsideUsed = false;
  }

  return { addRule, blockDone };
}

import type { Calibration } from '../calibration';
import type { Household } from '../households';
import type { Rng } from '../prng';
import type { SourceName } from '../types';

/** A cell as written: text, a number (XLSX numeric cell) or empty. */
export type Cell = string | number | null;

/** One exported line and the resident it belongs to (for the truth). */
export interface SourceRow {
  readonly residentNumber: string;
  readonly cells: readonly Cell[];
}

/** How one office exports its file. */
export interface SourceSpec {
  readonly connector: SourceName;
  readonly file: string;
  readonly format: 'cp932' | 'utf-8-bom' | 'xlsx';
  /** XLSX sheet name. */
  readonly sheet?: string;
  readonly header: readonly string[];
  /** Rows for one household, drawn from the household's stream in a fixed order. */
  rows(household: Household, rng: Rng, cal: Calibration): SourceRow[];
}

/** Clamps and rounds a number into [min, max]. */
export function clampInt(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** `○` for true, empty for false (how many municipal exports write flags). */
export function mark(flag: boolean): string {
  return flag ? '○' : '';
}

import type { GaijiEntry } from '@mimamori/identity';
import type { Calibration, RiskKind } from './calibration';

/** Options for one village. */
export interface VillageOptions {
  /** Number of children aged 3–15 on `asOf`. */
  readonly children: number;
  readonly seed: number;
  /** Reference date (ISO); default 2026-04-01, the start of the school year. */
  readonly asOf?: string;
  /** Overrides for the calibration knobs. */
  readonly calibration?: Partial<Calibration>;
}

/** Connector names the files are meant for. */
export type SourceName = 'roster' | 'welfare' | 'health' | 'nursery' | 'school';

/** One exported file, as an office would send it. */
export interface VillageFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The connector that reads it. */
  readonly connector: SourceName;
}

/** What the generator planted for one child aged 3–15. */
export interface ChildTruth {
  readonly residentNumber: string;
  readonly householdNumber: string;
  readonly birthDate: string;
  readonly sex: 1 | 2;
  readonly age: number;
  /** 1–9 in school, ≤ 0 preschool, 10 after junior high. */
  readonly grade: number;
  readonly risks: readonly RiskKind[];
  /** Strong, correlated signals across sources (the top level a sensible rule set should reach). */
  readonly severe: boolean;
}

/** The child a non-roster file line belongs to (line is 1-based, the header is line 1). */
export interface TruthLine {
  readonly file: string;
  readonly line: number;
  readonly residentNumber: string;
}

/** Ground truth for tests: every child and every non-roster line's child. */
export interface VillageTruth {
  readonly asOf: string;
  readonly children: readonly ChildTruth[];
  readonly lines: readonly TruthLine[];
}

/** A generated village: its files, its 外字 table and the truth behind them. */
export interface Village {
  readonly files: readonly VillageFile[];
  readonly gaijiTable: readonly GaijiEntry[];
  readonly truth: VillageTruth;
}

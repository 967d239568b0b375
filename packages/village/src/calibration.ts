/**
 * Calibration knobs for the synthetic village: household shapes and latent-risk prevalence.
 * The numbers are ours (no pilot publishes them); they aim at a demo rule set flagging ~7–8 %
 * of children and ~1 % reaching the top level.
 */
export interface Calibration {
  /** Share of households with one parent. */
  readonly singleParent: number;
  /** Share of households with a grandparent living in. */
  readonly grandparent: number;
  /** Household poverty: base rate and rate in one-parent households. */
  readonly poverty: number;
  readonly povertySingleParent: number;
  /** Household neglect: base rate and rate in poor households. */
  readonly neglect: number;
  readonly neglectPoor: number;
  /** Household with a member needing care that a child helps with (young carer). */
  readonly youngCarer: number;
  /** School refusal (不登校) per child: elementary and junior high. */
  readonly schoolRefusalElementary: number;
  readonly schoolRefusalJuniorHigh: number;
  /** Bullying victim per school child. */
  readonly bullying: number;
  /** Chance a child with a latent risk is severe (strong signals in several sources). */
  readonly severeNeglect: number;
  readonly severeOther: number;
  /** Share of households registered with 外字 in the roster (when the surname allows). */
  readonly gaiji: number;
  /** Share of non-roster records writing a variant kanji (髙↔高, 﨑↔崎, 邊↔辺). */
  readonly variantKanji: number;
  /** Share of roster / school readings exported in half-width kana. */
  readonly halfWidthKana: number;
  /** DV support measure (住基 支援措置) per household. */
  readonly dvSupport: number;
}

/** Default calibration: a naive 18-signal rule set flags ~6.5 % and puts ~1.1 % at the top. */
export const defaultCalibration: Calibration = {
  singleParent: 0.12,
  grandparent: 0.1,
  poverty: 0.06,
  povertySingleParent: 0.45,
  neglect: 0.01,
  neglectPoor: 0.07,
  youngCarer: 0.015,
  schoolRefusalElementary: 0.015,
  schoolRefusalJuniorHigh: 0.05,
  bullying: 0.02,
  severeNeglect: 0.35,
  severeOther: 0.08,
  gaiji: 0.01,
  variantKanji: 0.08,
  halfWidthKana: 0.12,
  dvSupport: 0.003,
};

/** Latent difficulties the generator plants; signals in the sources follow from them. */
export const riskKinds = ['neglect', 'poverty', 'schoolRefusal', 'bullying', 'youngCarer'] as const;
export type RiskKind = (typeof riskKinds)[number];

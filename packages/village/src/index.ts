export { generateVillage } from './generate-village';
export { writeVillage, streamVillage, gaijiTableCsv, type VillageSummary } from './write-village';
export { defaultCalibration, riskKinds, type Calibration, type RiskKind } from './calibration';
export { gaijiTable } from './gaiji';
export { VillageError, type VillageErrorCode } from './village-error';
export type {
  ChildTruth,
  SourceName,
  TruthLine,
  Village,
  VillageFile,
  VillageOptions,
  VillageTruth,
} from './types';

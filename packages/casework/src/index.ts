export { CaseworkError, caseworkErrorCodes } from './casework-error';
export type { CaseworkErrorCode } from './casework-error';
export * from './sheet-content';
export { defaultLevelOrder, levelsOfRun, toRuleSetView, ruleSetViewOfRun } from './rule-set-view';
export type { FactInfo, LevelInfo, RuleSetLevels, RuleSetView } from './rule-set-view';
export {
  createSheet,
  updateSheetNotes,
  shareSheet,
  listSheetsForSchool,
  listSheets,
  getSheet,
  requireSheet,
  ensureCase,
  openCaseOf,
} from './sheets';
export type { Actor, Sheet } from './sheets';
export * from './decisions';
export * from './observations';
export * from './overrides';
export * from './funnel';
export * from './kpis';
export * from './scheduler';
export * from './export-format';
export * from './exports';
export * from './disclosure';
export * from './retention';
export * from './flagged';

// What a worker thread may load from this package: helpers with no database driver behind them
// (loading the package's index pulls in kysely, pg and better-sqlite3, about half a second).
export { inKeyOrder, keyOrder, rankOrder } from './key-order';
export { parseRecordFacts, recordFactsText } from './record-facts';
export {
  ValuePacker,
  packValues,
  packedBuffers,
  unpackValues,
  type PackedValues,
} from './packed-values';
export {
  recordTextsPart,
  stagePart,
  stageRows,
  stagedRecordFields,
  stagedRecordTexts,
  type StageMessage,
} from './staged-rows';

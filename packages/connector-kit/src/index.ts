export type * from './connector';
export { ConnectorKitError, connectorKitErrorCodes } from './connector-kit-error';
export type { ConnectorKitErrorCode } from './connector-kit-error';
export { defineConnector, normalizeHeader } from './define-connector';
export { readTable, readTableEach, isZip } from './read-table';
export type {
  FileInput,
  ReadTableOptions,
  TableEachResult,
  TableReadResult,
  TableRow,
  TableVisitor,
} from './read-table';
export type { DetectedEncoding } from './decode-text';
export { parseCsv, parseCsvEach, parseCsvPart, csvCursor } from './parse-csv';
export { nextTurn, rowsPerTurn } from './next-turn';
export type { CsvCursor, CsvParseResult, CsvRow } from './parse-csv';
export { readRows, readRowsEach } from './read-rows';
export type { ConnectorInput, ReadRowsResult } from './read-rows';
export { runConnector } from './run-connector';
export type { ConnectorRunResult } from './run-connector';
export { rowReader } from './row-reader';
export type {
  BoolSpellings,
  FieldOptions,
  NumberOptions,
  RecordDraft,
  RowReader,
} from './row-reader';
export { parseWarekiDate, formatWareki } from './wareki';
export type { DateParseResult, WarekiStyle } from './wareki';
export { toFullWidthKana, toHalfWidthKana } from './kana-width';
export { normalizeDigits } from './normalize-digits';
export { residentNumberIssues } from './resident-number-issues';
export { parseNumber } from './parse-number';
export type { NumberParseResult } from './parse-number';
export { encodeCsv, quoteCsvField } from './encode-csv';
export type { EncodeCsvOptions } from './encode-csv';
export { encodeCp932 } from './encode-cp932';
export { writeXlsx } from './write-xlsx';
export type { XlsxSheet } from './write-xlsx';

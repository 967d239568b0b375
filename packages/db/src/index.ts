export { createDatabase, dialectOf, defaultSqliteFile, dialects } from './database';
export type { Database, DatabaseOptions, Db, Dialect } from './database';
export { DbError, dbErrorCodes, isUniqueViolation } from './db-error';
export type { DbErrorCode } from './db-error';
export { migrateToLatest, appliedMigrations } from './migrate';
export { tableNames } from './schema';
export type { DatabaseSchema, TableName } from './schema';
export { inTransaction } from './transaction';
export { lockLinkage } from './linkage-lock';
export { keyOrder, writeBehind } from './bulk-insert';
export { canonicalJson } from './json-column';
export * from './repositories/ingest';
export * from './repositories/source-records';
export * from './repositories/personal';
export * from './repositories/facts';
export * from './repositories/meta';
export * from './repositories/gaiji';
export * from './repositories/link-decisions';
export * from './repositories/rule-sets';
export * from './repositories/rule-set-approvals';
export * from './repositories/runs';
export * from './repositories/users';
export * from './repositories/sessions';
export * from './repositories/audit';
export * from './repositories/cases';
export * from './repositories/sheets';
export * from './repositories/schedules';
export * from './repositories/table-counts';
export * from './repositories/relink-queries';
export * from './repositories/casework-queries';
export * from './repositories/api-queries';
export * from './repositories/mapped-sources';
export * from './repositories/import-attempts';
export { openSqliteWriter, writerStaging, type WriterStaging } from './sqlite-writer';
export { stageRows, stagedRecordFields, type StageMessage } from './staged-rows';
export {
  ValuePacker,
  packValues,
  packedBuffers,
  unpackValues,
  type PackedValues,
} from './packed-values';

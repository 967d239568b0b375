import type {
  ChildrenTable,
  PersonsTable,
  ImportBatchesTable,
  SourceRecordsTable,
  RecordIdentitiesTable,
  ChildFactsTable,
  CountersTable,
  MetaTable,
  GaijiEntriesTable,
  GaijiHistoryTable,
  LinkDecisionsTable,
} from './schema-data';
import type {
  RuleSetsTable,
  RuleSetVersionsTable,
  RuleSetApprovalsTable,
  JudgementRunsTable,
  JudgementResultsTable,
  UsersTable,
  SessionsTable,
  LoginAttemptsTable,
  AuditLogTable,
  AuditHeadTable,
  CasesTable,
  CaseEventsTable,
  ChildSheetsTable,
  OverridesTable,
  SchedulesTable,
  ScheduleLocksTable,
  MappedSourcesTable,
  ImportAttemptsTable,
} from './schema-operations';

/**
 * Kysely table types. Portable on SQLite and PostgreSQL: text ids, integers, doubles,
 * JSON stored as text (`*_json`), timestamps as ISO-8601 text, booleans as 0/1 integers.
 */

export type * from './schema-data';
export type * from './schema-operations';

/** The whole database, as kysely sees it. */
export interface DatabaseSchema {
  children: ChildrenTable;
  persons: PersonsTable;
  import_batches: ImportBatchesTable;
  source_records: SourceRecordsTable;
  record_identities: RecordIdentitiesTable;
  child_facts: ChildFactsTable;
  counters: CountersTable;
  meta: MetaTable;
  gaiji_entries: GaijiEntriesTable;
  gaiji_history: GaijiHistoryTable;
  link_decisions: LinkDecisionsTable;
  rule_sets: RuleSetsTable;
  rule_set_versions: RuleSetVersionsTable;
  rule_set_approvals: RuleSetApprovalsTable;
  judgement_runs: JudgementRunsTable;
  judgement_results: JudgementResultsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  child_sheets: ChildSheetsTable;
  overrides: OverridesTable;
  schedules: SchedulesTable;
  schedule_locks: ScheduleLocksTable;
  mapped_sources: MappedSourcesTable;
  import_attempts: ImportAttemptsTable;
}

/** Every table, in an order where parents come before children (FK-safe for inserts). */
export const tableNames = [
  'children',
  'persons',
  'import_batches',
  'source_records',
  'record_identities',
  'child_facts',
  'counters',
  'meta',
  'gaiji_entries',
  'gaiji_history',
  'link_decisions',
  'rule_sets',
  'rule_set_versions',
  'rule_set_approvals',
  'judgement_runs',
  'judgement_results',
  'users',
  'sessions',
  'login_attempts',
  'audit_log',
  'audit_head',
  'cases',
  'case_events',
  'child_sheets',
  'overrides',
  'schedules',
  'schedule_locks',
  'mapped_sources',
  'import_attempts',
] as const satisfies readonly (keyof DatabaseSchema)[];

/** Name of one table. */
export type TableName = (typeof tableNames)[number];

// Tables of the operations side: rules, runs, accounts, audit, cases, schedules.

/** A rule set; `current_version_id` points at its published version. */
export interface RuleSetsTable {
  id: string;
  title_json: string;
  current_version_id: string | null;
  created_at: string;
  /** 1 when publishing needs a second person's approval (0/1 integer). */
  approval_required: number;
}

/** One version of a rule set: drafts are editable, published/archived are immutable. */
export interface RuleSetVersionsTable {
  id: string;
  rule_set_id: string;
  version: number;
  status: string;
  document_json: string;
  note: string | null;
  created_by: string;
  created_at: string;
  published_by: string | null;
  published_at: string | null;
  approved_by: string | null;
}

/** A request to publish a draft, approved or rejected by a second person. */
export interface RuleSetApprovalsTable {
  id: string;
  rule_set_id: string;
  version_id: string;
  /** `publish` (a draft) or `rollback` (a copy of `from_version`). */
  kind: string;
  from_version: number | null;
  /** `pending`, `approved`, `rejected` or `cancelled`. */
  status: string;
  note: string;
  /** SHA-256 of the draft's canonical JSON when requested: a later edit invalidates it. */
  document_hash: string;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  /** Why it was rejected. */
  reason: string | null;
}

/** One judgement run over all children. */
export interface JudgementRunsTable {
  id: string;
  rule_set_version_id: string;
  data_version: number;
  as_of: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  started_by: string | null;
  schedule_id: string | null;
  counts_json: string | null;
  error: string | null;
}

/** Score of one child for one difficulty type in one run. */
export interface JudgementResultsTable {
  run_id: string;
  child_id: string;
  type: string;
  points: number;
  level: string | null;
  outside_school_points: number;
  rank_school: number | null;
  rank_grade: number | null;
  explanation_json: string | null;
}

/** Staff accounts. */
export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  school: string | null;
  display_name: string;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  disabled: number;
}

/** Sessions; `id` is the hex SHA-256 of the token, never the token. */
export interface SessionsTable {
  id: string;
  user_id: string;
  expires_at: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

/** Login attempts per key (address or account) for rate limiting. */
export interface LoginAttemptsTable {
  key: string;
  at: string;
}

/** Append-only, hash-chained audit log. */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details_json: string;
  prev_hash: string;
  hash: string;
}

/** The audit chain's head (one row): serialises appends and pins the last entry. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** A child's support case. */
export interface CasesTable {
  id: string;
  child_id: string;
  status: string;
  opened_at: string;
  closed_at: string | null;
  run_id: string | null;
}

/** Everything that happened in a case. */
export interface CaseEventsTable {
  id: string;
  case_id: string;
  kind: string;
  data_json: string;
  actor_id: string | null;
  at: string;
}

/** こども情報管理シート: one per flagged child per run. */
export interface ChildSheetsTable {
  id: string;
  run_id: string;
  child_id: string;
  content_json: string;
  shared_school: string | null;
  created_by: string | null;
  updated_at: string;
}

/** A human override of a child's level. */
export interface OverridesTable {
  id: string;
  run_id: string;
  child_id: string;
  type: string;
  from_level: string | null;
  to_level: string | null;
  reason_code: string;
  note: string | null;
  created_by: string;
  created_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
}

/** Recurring judgement runs. */
export interface SchedulesTable {
  id: string;
  cron: string;
  enabled: number;
  last_fired_at: string | null;
  next_due_at: string | null;
}

/** One row per fired slot: the primary key makes firing at-most-once across instances. */
export interface ScheduleLocksTable {
  schedule_id: string;
  slot: string;
  acquired_by: string | null;
  acquired_at: string;
}

/** One saved version of a mapping document (a data source configured without code). */
export interface MappedSourcesTable {
  name: string;
  version: number;
  mapping_json: string;
  /** `active` (imports use the newest active version) or `retired`. */
  status: string;
  created_by: string | null;
  created_at: string;
}

/** A rejected import attempt and its row issues (no data was stored). */
export interface ImportAttemptsTable {
  id: string;
  connector: string;
  file_name: string;
  file_hash: string;
  row_count: number;
  issue_count: number;
  issues_json: string;
  created_by: string | null;
  created_at: string;
}

// Tables of the data side: children, personal data, imports, facts, 外字, link decisions.

/** Pseudonymous child with non-identifying context only (the scoring side reads this). */
export interface ChildrenTable {
  id: string;
  sex: number;
  age: number;
  school: string | null;
  grade: number | null;
  nursery: string | null;
  /** 1 while the latest roster lists the child (0: moved away or past the judged ages). */
  on_roster: number;
  /** The roster batch that last listed the child. */
  roster_batch: string | null;
  created_at: string;
  updated_at: string;
}

/** Personal data of a roster child; read only through the personal repository. */
export interface PersonsTable {
  child_id: string;
  resident_number: string;
  household_number: string | null;
  name: string;
  name_key: string;
  kana: string | null;
  kana_key: string | null;
  birth_date: string;
  sex: number;
  relation: string | null;
  address: string | null;
  dv_support: number;
}

/** One committed import of one file. */
export interface ImportBatchesTable {
  id: string;
  connector: string;
  connector_version: string;
  file_name: string;
  file_hash: string;
  encoding: string;
  status: string;
  row_count: number;
  record_count: number;
  linked_count: number;
  ambiguous_count: number;
  unmatched_count: number;
  summary_json: string;
  created_by: string | null;
  created_at: string;
  /** The names a record's facts stored as values refer to (record-facts.ts); null: none. */
  fact_names_json: string | null;
}

/** One record a connector emitted, with provenance and its link to a child. */
export interface SourceRecordsTable {
  /** Assigned per batch from the `source_record` counter; shown to users as a decimal string. */
  id: number;
  batch_id: string;
  /** Position in the batch in file order (ids follow child order). */
  seq: number;
  line: number;
  kind: string;
  child_id: string | null;
  link_status: string;
  link_method: string | null;
  link_confidence: number | null;
  facts_json: string;
  context_json: string;
}

/** Identity fields of a source record (personal data, for the review queue). */
export interface RecordIdentitiesTable {
  record_id: number;
  identity_json: string;
  identity_key: string;
}

/** Merged facts per child (derived). */
export interface ChildFactsTable {
  child_id: string;
  /** Connector name (or `manual`) the facts came from. */
  source: string;
  /** The merged facts; null when they are the facts of the one record `record_id` names. */
  facts_json: string | null;
  /**
   * A child's only record from the source's latest batch: its facts are the child's (most
   * children have one record per file, and their facts are then stored once, on the record).
   */
  record_id: number | null;
  data_version: number;
  updated_at: string;
}

/** Monotonic counters (e.g. the data version). */
export interface CountersTable {
  name: string;
  value: number;
}

/** Settings and other small key/value state. */
export interface MetaTable {
  key: string;
  value_json: string;
  updated_at: string;
}

/** Staff-maintained 外字 table: code → standard text. */
export interface GaijiEntriesTable {
  code: string;
  standard: string;
  note: string | null;
  version: number;
  updated_by: string | null;
  updated_at: string;
}

/** Every version a 外字 entry ever had (append-only). */
export interface GaijiHistoryTable {
  code: string;
  version: number;
  standard: string;
  note: string | null;
  updated_by: string | null;
  updated_at: string;
}

/** A staff decision on a record identity, reused on the next import. */
export interface LinkDecisionsTable {
  identity_key: string;
  child_id: string | null;
  rejected: number;
  /** `match`, `exclude` or `new` (see migration 0011). */
  kind: string;
  decided_by: string;
  decided_at: string;
  note: string | null;
}

import type { FactDeclaration, RowIssue, SourceKind, SourceRecord } from '@mimamori/records';

/** File formats a connector can read. */
export type FileFormat = 'csv' | 'xlsx';
/** Text encodings for CSV; `auto` detects BOM / UTF-8 validity, else CP932. */
export type TextEncoding = 'auto' | 'cp932' | 'utf-8';

/** How a column is used. `identity` and `personal` columns never reach the scoring side. */
export type ColumnRole = 'identity' | 'fact' | 'context' | 'personal' | 'ignore';

/** One column the connector reads, matched by header text. */
export interface ColumnSpec {
  /** Header as exported (compared after NFKC and trimming). */
  readonly header: string;
  /** Key under which `normalize` receives the cell. */
  readonly key: string;
  readonly role: ColumnRole;
  /** A missing header is a `missing_column` issue; an empty cell is `missing_value`. */
  readonly required: boolean;
  /** True when the column holds personal data (names, dates of birth, addresses, ids). */
  readonly personal: boolean;
}

/** What `rowReader` needs to know about a column: its header (for messages) and if it is required. */
export interface RowField {
  readonly header: string;
  readonly required: boolean;
}

/** One data row as handed to `normalize`: cells by column key, with their 1-based positions. */
export interface RawRow {
  readonly file: string;
  /** 1-based physical line (CSV) or sheet row (XLSX). */
  readonly line: number;
  /** Cell text by column key; absent columns (optional, not in the file) are undefined. */
  readonly values: Readonly<Record<string, string | undefined>>;
  /** 1-based column number by column key (for issues). */
  readonly columns: Readonly<Record<string, number>>;
  /** Column specs by key, set by `readRows` so `rowReader` knows headers and required columns. */
  readonly fields?: Readonly<Record<string, RowField>>;
}

/** Result of normalising one row: records, or the issues that make the row invalid. */
export interface NormalizeResult {
  readonly records: readonly SourceRecord[];
  readonly issues: readonly RowIssue[];
}

/** A connector: reads one source's export layout and emits canonical records. */
export interface Connector {
  /** Package-unique name, e.g. `roster`. Used on the CLI: `mimamori import roster file.csv`. */
  readonly name: string;
  /** Mapping version, stored with every record's provenance. */
  readonly version: string;
  readonly title: { readonly ja: string; readonly en: string };
  readonly source: SourceKind;
  /** True for the resident roster (its `person` records define the children). */
  readonly roster: boolean;
  readonly file: {
    readonly formats: readonly FileFormat[];
    readonly encoding: TextEncoding;
    /** XLSX sheet name; the first sheet when absent. */
    readonly sheet?: string;
  };
  readonly columns: readonly ColumnSpec[];
  /**
   * Keys of the columns holding names or kana, where `?`/`？` stands for a lost 外字; the keys
   * `name` and `kana` when absent.
   */
  readonly nameColumns?: readonly string[];
  readonly facts: readonly FactDeclaration[];
  /**
   * URL of the module that exports this connector (`import.meta.url` in its package): a worker
   * thread loads it there to read and link files in parallel (importFiles). Without it, files
   * are read on the importing thread.
   */
  readonly module?: string;
  /** Pure: the same row always gives the same result; no I/O. */
  normalize(row: RawRow): NormalizeResult;
}

import type { MessagePort } from 'node:worker_threads';
import { packValues, packedBuffers, type PackedValues } from './packed-values';

// Rows handed straight to a SQLite writer thread (openSqliteWriter) by the thread that built them,
// then inserted by statements that only name them: the thread running the transaction never
// holds the rows' values. Database-free (a worker thread loads it through `@mimamori/db/pure`).

/**
 * One column of a staged insert's rows: the staged row's value at `column`, a number counting up
 * from `seq` (row k gets `seq + k`: ids reserved by the transaction), or one `value` for every row.
 */
export type StagedColumn = { column: number } | { seq: number } | { value: string | number | null };

/**
 * The one parameter of a statement inserting rows `from`…`to - 1` of a stage: the writer thread
 * builds the statement's parameters from the staged values and `columns`.
 */
export class StagedRows {
  constructor(
    readonly stage: string,
    readonly from: number,
    readonly to: number,
    readonly columns: readonly StagedColumn[],
  ) {}
}

/** What a staging port carries: `values` rows of `perRow` values each, packed. */
export interface StageMessage {
  stage: string;
  perRow: number;
  packed: PackedValues;
}

/**
 * Hands rows (`perRow` values each, back to back; or already packed) to the writer thread behind
 * `port` (a writer's
 * `stagingPort()`), under a key the importing thread chose. The writer holds them until released.
 * @example stageRows(port, 'file-3', 11, values);
 */
export function stageRows(
  port: Pick<MessagePort, 'postMessage'>,
  stage: string,
  perRow: number,
  values: readonly unknown[] | PackedValues,
): void {
  const packed = Array.isArray(values) ? packValues(values) : (values as PackedValues);
  port.postMessage({ stage, perRow, packed } satisfies StageMessage, packedBuffers(packed));
}

/** The source_records columns a staged import record carries, in its order (ids come apart). */
export const stagedSourceRecordFields = [
  'seq',
  'line',
  'kind',
  'child_id',
  'link_status',
  'link_method',
  'link_confidence',
  'facts_json',
  'context_json',
] as const;

/**
 * The values of a staged import record, in this order (what the prepare thread stages and
 * insertBatch inserts from): its source_records columns, then its identity.
 */
export const stagedRecordFields = [
  ...stagedSourceRecordFields,
  'identity_json',
  'identity_key',
] as const;

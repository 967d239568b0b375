import type { MessagePort } from 'node:worker_threads';
import { packValues, packedBuffers, type PackedValues } from './packed-values';

// Rows handed straight to a SQLite writer thread (openSqliteWriter) by the thread that built them,
// then inserted by statements that only name them: the thread running the transaction never
// holds the rows' values. Database-free (a worker thread loads it through `@mimamori/db/pure`).

/**
 * One column of a staged insert's rows: the staged row's value at `column`; with `part`, the value
 * at `column` of a row of the stage's part `part` (staged apart as `{stage}:{part}`), the row whose
 * index is the staged row's number at `at`; a number counting up from `seq` (row k gets `seq + k`:
 * ids reserved by the transaction); or one `value` for every row.
 */
export type StagedColumn =
  | { column: number; part?: undefined }
  | { column: number; part: string; at: number }
  | { seq: number }
  | { value: string | number | null };

/** The name a stage's part is staged under (released with the stage). */
export function stagePart(stage: string, part: string): string {
  return `${stage}:${part}`;
}

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

/**
 * The values of a staged import record, in this order (what the prepare thread stages and
 * insertBatch inserts from): its source_records columns but its texts, then its identity key.
 * Records are staged in child order; `seq` is the record's position in its file.
 */
export const stagedRecordFields = [
  'seq',
  'line',
  'kind',
  'child_id',
  'link_status',
  'link_method',
  'link_confidence',
  'identity_key',
] as const;

/** The staged fields that are source_records columns ({@link stagedRecordFields} but the key). */
export const stagedSourceRecordFields = stagedRecordFields.slice(0, -1) as readonly Exclude<
  (typeof stagedRecordFields)[number],
  'identity_key'
>[];

/**
 * A staged import record's texts, staged apart as the part {@link recordTextsPart} in file order
 * (the row of record `seq`): they are ready as soon as the file is read, before it is linked.
 */
export const stagedRecordTexts = ['facts_json', 'context_json', 'identity_json'] as const;

/** The part holding the records' texts ({@link stagedRecordTexts}). */
export const recordTextsPart = 'texts';

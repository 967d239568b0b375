import { rowIssueSchema, type RowIssue } from '@mimamori/records';
import { z } from 'zod';
import type { Db } from '../database';
import { fromJson, toJson } from '../json-column';
import { newId } from '../new-id';
import { nowIso } from '../now-iso';
import type { ImportAttemptsTable } from '../schema';

/** A rejected import attempt: where it failed and why (no cell values, no data stored). */
export interface ImportAttempt {
  id: string;
  connector: string;
  fileName: string;
  fileHash: string;
  rowCount: number;
  issueCount: number;
  issues: RowIssue[];
  createdBy: string | null;
  createdAt: string;
}

/** At most this many issues are kept per attempt (the count says how many there were). */
export const maxStoredIssues = 1_000;

const issuesSchema = z.array(rowIssueSchema);

function toAttempt(row: ImportAttemptsTable): ImportAttempt {
  return {
    id: row.id,
    connector: row.connector,
    fileName: row.file_name,
    fileHash: row.file_hash,
    rowCount: row.row_count,
    issueCount: row.issue_count,
    issues: fromJson(issuesSchema, row.issues_json, 'import_attempts.issues_json'),
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/**
 * Records a rejected import with its row issues, for the batch history.
 * @example await recordRejectedImport(db, { connector, fileName, fileHash, rowCount, issues, createdBy });
 */
export async function recordRejectedImport(
  db: Db,
  input: Omit<ImportAttempt, 'id' | 'issueCount' | 'createdAt'>,
): Promise<ImportAttempt> {
  const row: ImportAttemptsTable = {
    id: `r${newId()}`,
    connector: input.connector,
    file_name: input.fileName,
    file_hash: input.fileHash,
    row_count: input.rowCount,
    issue_count: input.issues.length,
    issues_json: toJson(input.issues.slice(0, maxStoredIssues)),
    created_by: input.createdBy,
    created_at: nowIso(),
  };
  await db.insertInto('import_attempts').values(row).execute();
  return toAttempt(row);
}

/** Rejected attempts, newest first. */
export async function listImportAttempts(
  db: Db,
  options: { limit?: number } = {},
): Promise<ImportAttempt[]> {
  const rows = await db
    .selectFrom('import_attempts')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(options.limit ?? 100)
    .execute();
  return rows.map(toAttempt);
}

/** One rejected attempt with its issues. */
export async function getImportAttempt(db: Db, id: string): Promise<ImportAttempt | undefined> {
  const row = await db
    .selectFrom('import_attempts')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toAttempt(row);
}

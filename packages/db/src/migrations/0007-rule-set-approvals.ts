import { sql, type Kysely } from 'kysely';

/**
 * Second-person approval of rule-set publishing: a per-rule-set switch (off by default, so
 * existing sets keep publishing directly) and every approval request with its outcome. A
 * request pins the draft's document by hash; at most one request per draft is pending.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('rule_sets')
    .addColumn('approval_required', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('rule_set_approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule_set_id', 'text', (c) => c.notNull().references('rule_sets.id'))
    .addColumn('version_id', 'text', (c) => c.notNull().references('rule_set_versions.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_version', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('document_hash', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('rule_set_approvals_version_idx')
    .on('rule_set_approvals')
    .columns(['version_id', 'requested_at'])
    .execute();
  // A second pending request for the same draft is refused by the database, not only by code.
  await db.schema
    .createIndex('rule_set_approvals_pending_uq')
    .on('rule_set_approvals')
    .column('version_id')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
}

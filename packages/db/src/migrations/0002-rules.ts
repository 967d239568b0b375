import type { Kysely } from 'kysely';

/** Rule sets and their versions, judgement runs and results. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rule_sets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title_json', 'text', (c) => c.notNull())
    // No FK: rule_set_versions references rule_sets; the pointer is kept by the repository.
    .addColumn('current_version_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('rule_set_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule_set_id', 'text', (c) => c.notNull().references('rule_sets.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('document_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'text')
    .addColumn('approved_by', 'text')
    .addUniqueConstraint('rule_set_versions_uq', ['rule_set_id', 'version'])
    .execute();

  await db.schema
    .createTable('judgement_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule_set_version_id', 'text', (c) => c.notNull().references('rule_set_versions.id'))
    .addColumn('data_version', 'integer', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('started_by', 'text')
    .addColumn('schedule_id', 'text')
    .addColumn('counts_json', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createTable('judgement_results')
    .addColumn('run_id', 'text', (c) => c.notNull().references('judgement_runs.id'))
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('points', 'double precision', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('outside_school_points', 'double precision', (c) => c.notNull())
    .addColumn('rank_school', 'integer')
    .addColumn('rank_grade', 'integer')
    .addColumn('explanation_json', 'text')
    .addPrimaryKeyConstraint('judgement_results_pk', ['run_id', 'child_id', 'type'])
    .execute();
  await db.schema
    .createIndex('judgement_results_level_idx')
    .on('judgement_results')
    .columns(['run_id', 'level'])
    .execute();
}

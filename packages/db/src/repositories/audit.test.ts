import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createDatabase } from '../database';
import { migrateToLatest } from '../migrate';
import { describeEachDatabase } from '../testing';
import { appendAudit, listAudit, verifyAuditChain } from './audit';

const entry = (i: number) => ({
  actorId: `u${i % 3}`,
  actorRole: 'family_center',
  action: i % 2 === 0 ? 'person.read' : 'run.start',
  targetType: 'child',
  targetId: `c${i}`,
  ip: '127.0.0.1',
  details: { b: i, a: [1, { z: 1, y: 2 }] },
});

describeEachDatabase('audit', (getDb) => {
  it('appends a verifiable chain, also under concurrency', async () => {
    // On PostgreSQL the pool runs these on several connections at once; on SQLite the one
    // connection serialises them (two in-process SQLite connections would block each other).
    const { db } = getDb();
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 0 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => appendAudit(db, entry(i))));
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 20 });
    const page = await listAudit(db, { limit: 5 });
    expect(page.map((e) => e.seq)).toEqual([20, 19, 18, 17, 16]);
    expect(page[0]?.prevHash).toBe(page[1]?.hash);
    expect((await listAudit(db, { action: 'person.read' })).length).toBe(10);
    expect(page[0]?.details).toEqual({ a: [1, { y: 2, z: 1 }], b: expect.any(Number) });
  });

  it('fails verification after an UPDATE of one row', async () => {
    const { db } = getDb();
    await sql`update audit_log set target_id = 'other' where seq = 7`.execute(db);
    expect(await verifyAuditChain(db)).toEqual({ ok: false, firstBadSeq: 7, reason: 'hash' });
  });

  it('fails verification after a DELETE (middle or tail)', async () => {
    const { db } = getDb();
    await sql`delete from audit_log`.execute(db);
    await sql`update audit_head set seq = 0, hash = ${'0'.repeat(64)}`.execute(db);
    for (let i = 0; i < 5; i++) await appendAudit(db, entry(i));
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 5 });
    await sql`delete from audit_log where seq = 5`.execute(db);
    expect(await verifyAuditChain(db)).toEqual({ ok: false, firstBadSeq: 5, reason: 'head' });
    await sql`delete from audit_log where seq = 3`.execute(db);
    expect(await verifyAuditChain(db)).toEqual({ ok: false, firstBadSeq: 3, reason: 'gap' });
  });

  it('detects a rewritten row whose hash was recomputed without the chain', async () => {
    const { db } = getDb();
    await sql`delete from audit_log`.execute(db);
    await sql`update audit_head set seq = 0, hash = ${'0'.repeat(64)}`.execute(db);
    for (let i = 0; i < 3; i++) await appendAudit(db, entry(i));
    await sql`update audit_log set prev_hash = ${'f'.repeat(64)} where seq = 2`.execute(db);
    expect(await verifyAuditChain(db)).toEqual({ ok: false, firstBadSeq: 2, reason: 'prev_hash' });
  });
});

it('serialises appends from several processes on one SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mimamori-audit-'));
  const file = join(dir, 'audit.db');
  const setup = createDatabase({ file });
  await migrateToLatest(setup.db);
  await setup.close();
  const fixture = join(import.meta.dirname, 'audit-append.fixture.ts');
  const run = promisify(execFile);
  await Promise.all(
    ['a', 'b', 'c'].map((label) =>
      run(process.execPath, ['--import', 'tsx', fixture, file, '150', label]),
    ),
  );
  const check = createDatabase({ file });
  expect(await verifyAuditChain(check.db)).toEqual({ ok: true, count: 450 });
  await check.close();
  rmSync(dir, { recursive: true, force: true });
});

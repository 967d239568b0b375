import { expect, it } from 'vitest';
import { DbError } from '../db-error';
import { makeBatch } from '../test-batch';
import { describeEachDatabase } from '../testing';
import { findBatchByHash, getBatch, insertBatch, listBatches } from './ingest';
import { getPerson, getRecordIdentity, listPersonKeys, listReviewQueue } from './personal';
import { countLinkStatuses, listSourceRecords, updateRecordLinks } from './source-records';
import { tableCounts } from './table-counts';

describeEachDatabase('ingest', (getDb) => {
  it('stores a batch with children, persons, records and identities', async () => {
    const { db } = getDb();
    const input = makeBatch({ id: 'b1', children: 30, recordsPerChild: 3 });
    const { recordIds, ...batch } = await insertBatch(db, input);
    expect(batch).toMatchObject({
      recordCount: 90,
      linkedCount: 89,
      unmatchedCount: 1,
      status: 'committed',
    });
    // The records were given one contiguous id range.
    expect(recordIds.last - recordIds.first + 1).toBe(90);
    expect(await getBatch(db, 'b1')).toEqual(batch);
    expect(await findBatchByHash(db, 'school', input.batch.fileHash)).toEqual(batch);
    expect(await findBatchByHash(db, 'nursery', input.batch.fileHash)).toBeUndefined();
    expect((await listBatches(db)).map((b) => b.id)).toContain('b1');

    const person = await getPerson(db, 'b1-c0000000');
    expect(person).toEqual(input.persons[0]);
    expect((await listPersonKeys(db)).length).toBe(30);

    const records = await listSourceRecords(db, { childId: 'b1-c0000001' });
    expect(records).toHaveLength(3);
    expect(records.map((r) => r.line)).toEqual([5, 6, 7]);
    const firstId = Number(records[0]?.id);
    expect(records.map((r) => Number(r.id))).toEqual([firstId, firstId + 1, firstId + 2]);
    expect(records[0]).toMatchObject({
      batchId: 'b1',
      connector: 'school',
      connectorVersion: '1.0.0',
      file: 'b1.csv',
      line: 5,
      linkStatus: 'linked',
      facts: { 'school.absenceDays': 7, 'school.lateCount': 0, 'welfare.status': 'なし' },
    });
    const queue = await listReviewQueue(db);
    expect(queue).toHaveLength(1);
    expect(queue[0]?.identity).toEqual({ name: '試験 花子0', birthDate: '2016-01-01' });
    expect(await getRecordIdentity(db, queue[0]!.recordId)).toEqual(queue[0]?.identity);
    expect(await getRecordIdentity(db, 'b1:0')).toBeUndefined();
    expect(await countLinkStatuses(db, 'b1')).toEqual({
      linked: 89,
      ambiguous: 0,
      unmatched: 1,
      rejected: 0,
    });

    await updateRecordLinks(db, [
      {
        recordId: queue[0]!.recordId,
        childId: 'b1-c0000000',
        linkStatus: 'linked',
        linkMethod: 'manual',
        linkConfidence: 1,
      },
    ]);
    expect((await countLinkStatuses(db, 'b1')).linked).toBe(90);
  });

  it('detects a re-import of the same file and stores nothing', async () => {
    const { db } = getDb();
    const before = await tableCounts(db);
    const again = makeBatch({
      id: 'b1-again',
      children: 2,
      recordsPerChild: 1,
      fileHash: 'b1'.padEnd(64, '0'),
    });
    await expect(insertBatch(db, again)).rejects.toMatchObject({
      name: 'DbError',
      code: 'duplicate',
    });
    expect(await tableCounts(db)).toEqual(before);
  });

  it('rolls everything back when a write fails midway', async () => {
    const { db } = getDb();
    const before = await tableCounts(db);
    const input = makeBatch({ id: 'b2', children: 2_500, recordsPerChild: 2 });
    // The last record points at a child that does not exist: the FK fails after thousands of
    // children, persons and records were already written in the same transaction.
    const last = input.records[input.records.length - 1]!;
    last.childId = 'no-such-child';
    last.linkStatus = 'linked';
    await expect(insertBatch(db, input)).rejects.toThrow();
    expect(await tableCounts(db)).toEqual(before);
  });

  it('upserts roster children on a later roster import', async () => {
    const { db } = getDb();
    const first = makeBatch({ id: 'r1', children: 3, recordsPerChild: 0, childPrefix: 'kid' });
    await insertBatch(db, first);
    const second = makeBatch({ id: 'r2', children: 3, recordsPerChild: 0, childPrefix: 'kid' });
    second.children[0]!.age = 12;
    second.persons[0]!.address = '別の住所';
    await insertBatch(db, second);
    expect((await getPerson(db, 'kid-c0000000'))?.address).toBe('別の住所');
  });

  it('is a DbError with a literal code', () => {
    expect(new DbError('duplicate', 'x').code).toBe('duplicate');
  });

  it('hands out record ids in child order, keeps file order in seq, continues across batches', async () => {
    const { db } = getDb();
    const first = makeBatch({ id: 'o1', children: 4, recordsPerChild: 2 });
    // Reverse the file so file order and child order disagree.
    const reversed = { ...first, records: [...first.records].reverse() };
    await insertBatch(db, reversed);
    const stored = await listSourceRecords(db, { batchId: 'o1' });
    // Listed in file order (seq) ...
    expect(stored.map((r) => r.line)).toEqual(reversed.records.map((r) => r.line));
    // ... while ids run by child: unlinked records first, then children in id order.
    const byId = [...stored].sort((a, b) => Number(a.id) - Number(b.id));
    const base = Number(byId[0]?.id);
    expect(byId.map((r) => Number(r.id))).toEqual(stored.map((_, i) => base + i));
    const children = byId.map((r) => r.childId ?? '');
    expect(children).toEqual([...children].sort());
    const second = makeBatch({ id: 'o2', children: 2, recordsPerChild: 1, childPrefix: 'o1' });
    await insertBatch(db, { ...second, batch: { ...second.batch, fileHash: 'other' } });
    const next = await listSourceRecords(db, { batchId: 'o2' });
    expect(next.map((r) => Number(r.id)).sort((a, b) => a - b)).toEqual([base + 8, base + 9]);
  });
});

import { describe, expect, it } from 'vitest';
import { makeBatch } from '../test-batch';
import { describeEachDatabase } from '../testing';
import { insertBatch } from './ingest';
import { getRecordIdentity, listReviewQueue } from './personal';
import { listSourceRecords, recordKey, updateRecordLinks } from './source-records';

describe('recordKey', () => {
  it('accepts the ids the integer column can hold, and nothing else', () => {
    expect(recordKey('1')).toBe(1);
    expect(recordKey('2147483647')).toBe(2 ** 31 - 1);
    for (const id of ['2147483648', '9999999999', '99999999999', '0', '01', '-1', '1e3', ' 1', ''])
      expect(recordKey(id), id).toBeNull();
  });
});

describeEachDatabase('source record ids', (getDb) => {
  it('finds nothing (never throws) for an id beyond the column range', async () => {
    const { db } = getDb();
    await insertBatch(db, makeBatch({ id: 'b1', children: 2, recordsPerChild: 1 }));
    const [item] = await listReviewQueue(db);
    expect(await getRecordIdentity(db, item!.recordId)).toEqual(item?.identity);
    for (const id of ['2147483647', '2147483648', '99999999999']) {
      expect(await getRecordIdentity(db, id)).toBeUndefined();
      await updateRecordLinks(db, [
        {
          recordId: id,
          childId: null,
          linkStatus: 'rejected',
          linkMethod: 'manual',
          linkConfidence: null,
        },
      ]);
    }
    expect((await listSourceRecords(db, { linkStatus: 'rejected' })).length).toBe(0);
  });
});

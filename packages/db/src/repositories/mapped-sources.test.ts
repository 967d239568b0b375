import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing';
import {
  getMappedSource,
  listCurrentMappedSources,
  listMappedSources,
  saveMappedSource,
  setMappedSourceStatus,
} from './mapped-sources';

describeEachDatabase('mapped sources', (getDb) => {
  it('saves every mapping as a new version and keeps the earlier ones', async () => {
    const { db } = getDb();
    const first = await saveMappedSource(db, {
      name: 'childrens-hall',
      mapping: { name: 'childrens-hall', version: '9', columns: [1] },
      createdBy: 'u1',
    });
    const second = await saveMappedSource(db, {
      name: 'childrens-hall',
      mapping: { name: 'childrens-hall', version: '1', columns: [1, 2] },
      createdBy: 'u2',
    });
    await saveMappedSource(db, { name: 'library', mapping: { columns: [] }, createdBy: null });
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(second.mapping).toEqual({ name: 'childrens-hall', version: '2', columns: [1, 2] });
    expect((await listMappedSources(db)).map((s) => [s.name, s.version, s.createdBy])).toEqual([
      ['childrens-hall', 1, 'u1'],
      ['childrens-hall', 2, 'u2'],
      ['library', 1, null],
    ]);
    expect((await getMappedSource(db, 'childrens-hall'))?.version).toBe(2);
    expect((await getMappedSource(db, 'childrens-hall', 1))?.mapping['columns']).toEqual([1]);
    expect(await getMappedSource(db, 'nothing')).toBeUndefined();
  });

  it('lists the newest active version per source and lets a version be retired', async () => {
    const { db } = getDb();
    expect(
      await setMappedSourceStatus(db, { name: 'childrens-hall', version: 2, status: 'retired' }),
    ).toBe(true);
    expect((await listCurrentMappedSources(db)).map((s) => [s.name, s.version, s.status])).toEqual([
      ['childrens-hall', 1, 'active'],
      ['library', 1, 'active'],
    ]);
    expect(
      await setMappedSourceStatus(db, { name: 'nothing', version: 1, status: 'retired' }),
    ).toBe(false);
  });

  it('gives concurrent saves of one source distinct versions', async () => {
    const { db } = getDb();
    const saved = await Promise.all(
      Array.from({ length: 4 }, () =>
        saveMappedSource(db, { name: 'race', mapping: {}, createdBy: null }),
      ),
    );
    expect(saved.map((s) => s.version).sort()).toEqual([1, 2, 3, 4]);
  });
});

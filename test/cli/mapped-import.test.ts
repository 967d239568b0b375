import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeChildrensHallSample } from '@mimamori/mapping';
import { generateVillage, writeVillage } from '@mimamori/village';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli';
import { testKey } from '../support/village';

const dir = mkdtempSync(join(tmpdir(), 'mimamori-mapped-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = {
  MIMAMORI_DB_FILE: join(dir, 'db.sqlite'),
  MIMAMORI_PSEUDONYM_KEY: testKey,
  MIMAMORI_AS_OF: '2026-04-01',
};

describe('a new source without code: connector infer + import --mapping', () => {
  it('infers a mapping from a CP932 sample, refuses it until purposes are declared, then imports the full file', async () => {
    const village = generateVillage({ children: 300, seed: 9 });
    await writeVillage(join(dir, 'v'), village);
    writeFileSync(join(dir, 'hall-sample.csv'), makeChildrensHallSample(village, { rows: 30 }));
    writeFileSync(join(dir, 'hall.csv'), makeChildrensHallSample(village));
    expect((await cli(['gaiji', 'import', 'v/gaiji-table.csv'], { cwd: dir, env })).code).toBe(0);
    expect((await cli(['import', 'roster', 'v/juki.csv'], { cwd: dir, env })).code).toBe(0);

    const inferred = await cli(
      ['connector', 'infer', 'hall-sample.csv', '--name', 'childrens-hall'],
      { cwd: dir, env },
    );
    expect(inferred.code).toBe(0);
    const mapping = JSON.parse(inferred.stdout);
    expect(mapping.file.encoding).toBe('cp932');
    const byHeader = new Map(mapping.columns.map((c: { header: string }) => [c.header, c]));
    expect(byHeader.get('氏名')).toMatchObject({ role: 'identity', identityField: 'name' });
    expect(byHeader.get('生年月日')).toMatchObject({
      role: 'identity',
      identityField: 'birthDate',
    });
    expect(byHeader.get('来館日数')).toMatchObject({ role: 'fact' });
    expect(inferred.stderr).toContain('to complete:');

    writeFileSync(join(dir, 'mapping.json'), inferred.stdout);
    const refused = await cli(['import', '--mapping', 'mapping.json', 'hall.csv'], {
      cwd: dir,
      env,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/mapping\.json:\/columns\/\d+\/fact\/purpose /);

    for (const c of mapping.columns) {
      if (!c.fact) continue;
      c.fact.purpose = '子どもの見守りが必要かを判定するため';
      c.fact.legalBasis = '個人情報保護法第61条第1項';
      c.fact.retention = '判定後5年';
    }
    writeFileSync(join(dir, 'mapping.json'), JSON.stringify(mapping));
    const imported = await cli(['import', '--mapping', 'mapping.json', 'hall.csv'], {
      cwd: dir,
      env,
    });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^unmatched\t0$/m);
    expect(readFileSync(join(dir, 'hall.csv')).length).toBeGreaterThan(0);
  });
});

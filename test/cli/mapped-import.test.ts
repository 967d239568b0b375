import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeCsv, parseCsv } from '@mimamori/connector-kit';
import { createDatabase, saveMappedSource } from '@mimamori/db';
import { childrensHallMapping, makeChildrensHallSample } from '@mimamori/mapping';
import { generateVillage, writeVillage } from '@mimamori/village';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli';
import { testKey, villageFile } from '../support/village';

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

  it('refuses mappings that would overwrite other sources: a connector name, school context', async () => {
    const village = generateVillage({ children: 300, seed: 9 });
    const school = villageFile(village, 'school');
    expect((await cli(['import', 'school', `v/${school.name}`], { cwd: dir, env })).code).toBe(0);
    const withSchool = async () => {
      const database = createDatabase({ file: env.MIMAMORI_DB_FILE });
      try {
        const rows = await database.db
          .selectFrom('children')
          .select(['school'])
          .where('school', 'is not', null)
          .execute();
        const facts = await database.db
          .selectFrom('child_facts')
          .select(['child_id'])
          .where('source', '=', 'school')
          .execute();
        return { schools: rows.length, schoolFacts: facts.length };
      } finally {
        await database.close();
      }
    };
    const before = await withSchool();
    expect(before.schools).toBeGreaterThan(50);

    // A sample named like a built-in connector is proposed under another name.
    writeFileSync(join(dir, 'school.csv'), makeChildrensHallSample(village, { rows: 30 }));
    const inferred = await cli(['connector', 'infer', 'school.csv'], { cwd: dir, env });
    expect(JSON.parse(inferred.stdout).name).toBe('school-mapped');

    const named = childrensHallMapping();
    named.name = 'school';
    for (const c of named.columns)
      if (c.fact) c.fact.id = c.fact.id.replace('childrensHall', 'school');
    writeFileSync(join(dir, 'named.json'), JSON.stringify(named));
    const taken = await cli(['import', '--mapping', 'named.json', 'hall.csv'], { cwd: dir, env });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('named.json:/name reserved_name');

    // Twenty children with a 学校 column: it would have cleared every other child's school.
    const rows = parseCsv(
      new TextDecoder('shift_jis').decode(makeChildrensHallSample(village, { rows: 20 })),
    ).rows.map((r, i) => [...r.cells, i === 0 ? '学校' : 'E01']);
    writeFileSync(join(dir, 'hall-school.csv'), encodeCsv(rows, { encoding: 'cp932' }));
    const context = childrensHallMapping();
    context.columns.push({
      header: '学校',
      role: 'context',
      contextField: 'school',
      required: false,
      personal: false,
    });
    writeFileSync(join(dir, 'context.json'), JSON.stringify(context));
    const refused = await cli(['import', '--mapping', 'context.json', 'hall-school.csv'], {
      cwd: dir,
      env,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('context.json:/columns/7/role context_not_allowed');

    // A version saved before the rule existed is refused by name, with the reason.
    const database = createDatabase({ file: env.MIMAMORI_DB_FILE });
    await saveMappedSource(database.db, {
      name: 'childrens-hall',
      mapping: context,
      createdBy: null,
    });
    await database.close();
    const stored = await cli(['import', 'childrens-hall', 'hall-school.csv'], { cwd: dir, env });
    expect(stored.code).toBe(1);
    expect(stored.stderr).toContain('no longer validates');
    expect(stored.stderr).toContain('/columns/7/role context_not_allowed');
    expect(await withSchool()).toEqual(before);
  });

  it('reports `?` placeholders for lost 外字 in mapped names at line and column', async () => {
    const rows = parseCsv(new TextDecoder('shift_jis').decode(readFileSync(join(dir, 'hall.csv'))))
      .rows.slice(0, 10)
      .map((r) => [...r.cells]);
    const name = rows[3]![0]!;
    rows[3]![0] = `${name.slice(0, 1)}?${name.slice(2)}`;
    writeFileSync(join(dir, 'q.csv'), encodeCsv(rows, { encoding: 'cp932' }));
    writeFileSync(join(dir, 'hall.json'), JSON.stringify(childrensHallMapping()));
    const run = await cli(['import', '--mapping', 'hall.json', 'q.csv', '--dry-run'], {
      cwd: dir,
      env,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^q\.csv:4:1 gaiji_unmapped /m);
  });
});

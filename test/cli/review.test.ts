import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeCsv, readTable } from '@mimamori/connector-kit';
import { createPseudonymizer } from '@mimamori/identity';
import { generateVillage, writeVillage } from '@mimamori/village';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli';
import { testKey } from '../support/village';

const dir = mkdtempSync(join(tmpdir(), 'mimamori-review-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = {
  MIMAMORI_DB_FILE: join(dir, 'db.sqlite'),
  MIMAMORI_PSEUDONYM_KEY: testKey,
  MIMAMORI_AS_OF: '2026-04-01',
};

describe('mimamori review (the linkage review queue on the command line)', () => {
  it('lists an unmatched record, links it by hand, and reuses the decision on the next import', async () => {
    const village = generateVillage({ children: 200, seed: 4 });
    await writeVillage(join(dir, 'v'), village);
    expect((await cli(['gaiji', 'import', 'v/gaiji-table.csv'], { cwd: dir, env })).code).toBe(0);
    expect((await cli(['import', 'roster', 'v/juki.csv'], { cwd: dir, env })).code).toBe(0);

    // The school typed another name for the child on line 2 (a name no roster child has).
    const school = await readTable({
      file: 'gakko.csv',
      bytes: new Uint8Array(readFileSync(join(dir, 'v/gakko.csv'))),
    });
    const nameColumn = school.header.indexOf('氏名');
    const kanaColumn = school.header.indexOf('フリガナ');
    const rows = [school.header, ...school.rows.map((r) => [...r.cells])];
    rows[1]![nameColumn] = '試験 未登録';
    rows[1]![kanaColumn] = 'シケン ミトウロク';
    writeFileSync(
      join(dir, 'gakko-1.csv'),
      encodeCsv(rows, { encoding: 'cp932', newline: '\r\n' }),
    );
    const imported = await cli(['import', 'school', 'gakko-1.csv'], { cwd: dir, env });
    expect(imported.stdout).toMatch(/^unmatched\t1$/m);

    const listed = await cli(['review', 'list'], { cwd: dir, env });
    expect(listed.code).toBe(0);
    const [recordLine] = listed.stdout.split('\n');
    const [recordId, connector, where] = recordLine!.split('\t');
    expect(connector).toBe('school');
    expect(where).toBe('gakko-1.csv:2');
    expect(listed.stdout).not.toContain('試験');

    const truth = village.truth.lines.find((l) => l.file === 'gakko.csv' && l.line === 2)!;
    const childId = createPseudonymizer(testKey)(truth.residentNumber);
    expect(
      (
        await cli(['review', 'decide', recordId!, '--reject', '--child', childId], {
          cwd: dir,
          env,
        })
      ).code,
    ).toBe(2);
    const decided = await cli(['review', 'decide', recordId!, '--child', childId], {
      cwd: dir,
      env,
    });
    expect(decided.code).toBe(0);
    expect(decided.stdout).toMatch(/^linked\tmanual\t1$/m);
    expect(decided.stdout).toMatch(/^unmatched\t0$/m);

    // Next term's export carries the same typo: the staff decision links it again.
    rows[1]![school.header.indexOf('欠席日数')] = '1';
    writeFileSync(
      join(dir, 'gakko-2.csv'),
      encodeCsv(rows, { encoding: 'cp932', newline: '\r\n' }),
    );
    const next = await cli(['import', 'school', 'gakko-2.csv'], { cwd: dir, env });
    expect(next.stdout).toMatch(/^linked\tmanual\t1$/m);
    expect(next.stdout).toMatch(/^unmatched\t0$/m);
    expect((await cli(['review', 'list'], { cwd: dir, env })).stdout).toBe('');

    const audit = await cli(['audit', 'verify'], { cwd: dir, env });
    expect(audit.stdout).toMatch(/^ok \d+ entries/);
  });
});

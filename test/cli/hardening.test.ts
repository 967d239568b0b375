import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encodeCsv, readTable } from '@mimamori/connector-kit';
import { createDatabase } from '@mimamori/db';
import { generateVillage, writeVillage } from '@mimamori/village';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli';
import { testKey } from '../support/village';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'mimamori-hardening-'));
const file = join(dir, 'db.sqlite');
const env = { MIMAMORI_DB_FILE: file, MIMAMORI_PSEUDONYM_KEY: testKey };
const asOf = '2026-04-01';
const village = generateVillage({ children: 150, seed: 12 });

beforeAll(async () => {
  await writeVillage(join(dir, 'v'), village);
  const withDate = { ...env, MIMAMORI_AS_OF: asOf };
  expect((await cli(['gaiji', 'import', 'v/gaiji-table.csv'], { cwd: dir, env })).code).toBe(0);
  expect((await cli(['import', 'roster', 'v/juki.csv'], { cwd: dir, env: withDate })).code).toBe(0);
  const published = await cli(['rules', 'publish', 'rules/demo.rules.json', '--note', 'test'], {
    cwd: root,
    env: withDate,
  });
  expect(published.code, published.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reads a count/rows from the CLI's database file. */
async function query<T>(text: string): Promise<T[]> {
  const database = createDatabase({ file });
  try {
    return (await sql.raw<T>(text).execute(database.db)).rows;
  } finally {
    await database.close();
  }
}

describe('connector infer on a file without a header row', () => {
  it('refuses it without printing or writing the first row (personal data)', async () => {
    const bytes = readFileSync(join(dir, 'v/juki.csv'));
    const lines = bytes.toString('latin1').split('\r\n');
    // `tail -n +2`: the first resident's row becomes the "header".
    writeFileSync(join(dir, 'no-header.csv'), Buffer.from(lines.slice(1).join('\r\n'), 'latin1'));
    const table = await readTable({ file: 'juki.csv', bytes: new Uint8Array(bytes) });
    const firstRow = table.rows[0]!.cells.map((c) => c.trim());

    const r = await cli(['connector', 'infer', 'no-header.csv', '--out', 'm.json'], {
      cwd: dir,
      env,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the header row \(line 1\) looks like data .*add a header row/);
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'm.json'))).toBe(false);
    // Short codes (sex 1/2, relation codes) also occur as column numbers; every longer cell must not.
    const values = firstRow.filter((v) => v.length >= 3 || /[^\x20-\x7e]/.test(v));
    expect(values.length).toBeGreaterThanOrEqual(4);
    for (const value of values) expect(r.stderr).not.toContain(value);
    // With its header row the same file still infers (the roster's own header).
    expect((await cli(['connector', 'infer', 'v/juki.csv'], { cwd: dir, env })).code).toBe(0);
  });
});

describe('as-of dates', () => {
  it('refuses impossible dates from --as-of and MIMAMORI_AS_OF before touching the database', async () => {
    const runs = async () =>
      (await query<{ n: number }>('select count(*) as n from judgement_runs'))[0]!.n;
    const before = await runs();
    for (const bad of ['2025-02-30', '9999-99-99', '0000-00-00', 'garbage', '2025-2-3']) {
      const flag = await cli(['judge', '--as-of', bad], { cwd: dir, env });
      expect(flag.code).toBe(2);
      expect(flag.stderr).toContain('--as-of expects a real calendar date YYYY-MM-DD');
      const fromEnv = await cli(['judge'], { cwd: dir, env: { ...env, MIMAMORI_AS_OF: bad } });
      expect(fromEnv.code).toBe(2);
      expect(fromEnv.stderr).toContain('MIMAMORI_AS_OF expects a real calendar date');
      const imported = await cli(['import', 'school', 'v/gakko.csv', '--as-of', bad], {
        cwd: dir,
        env,
      });
      expect(imported.code).toBe(2);
    }
    expect(await runs()).toBe(before);
  });

  it("records the roster import's as-of, defaults judge to it and refuses another date", async () => {
    const other = await cli(['judge', '--as-of', '2025-04-01'], { cwd: dir, env });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(`roster import's as-of date ${asOf}`);
    expect(other.stderr).toContain('re-import the roster');
    const leap = await cli(['judge'], { cwd: dir, env: { ...env, MIMAMORI_AS_OF: '2024-02-29' } });
    expect(leap.code).toBe(2);

    const judged = await cli(['judge'], { cwd: dir, env });
    expect(judged.code, judged.stderr).toBe(0);
    const runId = /^run\t(\S+)$/m.exec(judged.stdout)![1]!;
    const same = await cli(['judge', '--as-of', asOf], { cwd: dir, env });
    expect(same.code).toBe(0);
    const stored = await query<{ as_of: string }>(
      `select as_of from judgement_runs where id = '${runId}'`,
    );
    expect(stored).toEqual([{ as_of: asOf }]);
  });
});

describe('review decide is atomic', () => {
  it('leaves no decision and no audit entry when the audit write fails, then succeeds', async () => {
    const school = await readTable({
      file: 'gakko.csv',
      bytes: new Uint8Array(readFileSync(join(dir, 'v/gakko.csv'))),
    });
    const rows = [school.header, ...school.rows.map((r) => [...r.cells])];
    rows[1]![school.header.indexOf('氏名')] = '試験 未登録';
    rows[1]![school.header.indexOf('フリガナ')] = 'シケン ミトウロク';
    writeFileSync(
      join(dir, 'gakko-1.csv'),
      encodeCsv(rows, { encoding: 'cp932', newline: '\r\n' }),
    );
    expect((await cli(['import', 'school', 'gakko-1.csv'], { cwd: dir, env })).code).toBe(0);
    const listed = await cli(['review', 'list'], { cwd: dir, env });
    const recordId = listed.stdout.split('\t')[0]!;
    expect(recordId).not.toBe('');

    await query(`create trigger fail_decide before insert on audit_log
      when new.action = 'linkage.decide' begin select raise(abort, 'audit unavailable'); end`);
    await expect(
      cli(['review', 'decide', recordId, '--reject'], { cwd: dir, env }),
    ).rejects.toThrow('audit unavailable');
    expect(await query('select * from link_decisions')).toEqual([]);
    expect((await cli(['review', 'list'], { cwd: dir, env })).stdout).toContain(recordId);

    await query('drop trigger fail_decide');
    expect((await cli(['review', 'decide', recordId, '--reject'], { cwd: dir, env })).code).toBe(0);
    expect(await query('select * from link_decisions')).toHaveLength(1);
    const audit = await query<{ action: string }>(
      "select action from audit_log where action like 'linkage.%' order by seq",
    );
    expect(audit.map((a) => a.action)).toEqual(['linkage.relink', 'linkage.decide']);
    expect((await cli(['audit', 'verify'], { cwd: dir, env })).stdout).toMatch(/^ok \d+ entries/);
  });
});

describe('bad options and missing files', () => {
  it('refuses an out-of-range --limit and names a missing gaiji file', async () => {
    const limit = await cli(['review', 'list', '--limit', '99999999999999999999'], {
      cwd: dir,
      env,
    });
    expect(limit.code).toBe(2);
    expect(limit.stderr).toContain('--limit expects a whole number from 0 to 1000000');
    const missing = await cli(['gaiji', 'import', 'nofile'], { cwd: dir, env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('mimamori gaiji import: cannot read nofile: ENOENT\n');
  });
});

describe('a reader that closes stdout early', () => {
  it('ends the command quietly with status 0, no EPIPE stack trace', async () => {
    const names = Array.from({ length: 200_000 }, (_, i) => `山田 太郎${i}`).join('\n');
    const result = await new Promise<{ code: number | null; stderr: string }>((done, fail) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(root, 'apps/cli/src/main.ts'), 'names', 'key'],
        { cwd: root, env: { ...process.env, ...env } },
      );
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
      // Like `| head -1`: read one chunk, then close the pipe.
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('error', fail);
      child.on('close', (code) => done({ code, stderr }));
      child.stdin.on('error', () => undefined);
      child.stdin.end(names);
    });
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.stderr).not.toContain('Error');
    expect(result.code).toBe(0);
  }, 30_000);
});

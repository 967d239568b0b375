import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { createDatabase } from '@mimamori/db';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../main';

const dir = mkdtempSync(join(tmpdir(), 'mimamori-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'db.sqlite');
const env = {
  MIMAMORI_DB_FILE: file,
  MIMAMORI_PSEUDONYM_KEY: 'cli-test-pseudonym-key-0123456789abcdef',
};

async function cli(argv: string[], stdin = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const code = await runCli(argv, { stdin: Readable.from([stdin]), stdout, stderr, env, cwd: dir });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('mimamori user add and audit verify', () => {
  it('creates accounts with the password from stdin and enforces the policy', async () => {
    const ok = await cli(
      ['user', 'add', '--username', 'center7', '--role', 'family_center'],
      'a-long-enough-passphrase\n',
    );
    expect(ok).toMatchObject({ code: 0, stdout: 'created user center7 (family_center)\n' });
    const teacher = await cli(
      ['user', 'add', '--username', 'teacher7', '--role', 'teacher', '--school', 'E01'],
      'another-long-passphrase\n',
    );
    expect(teacher.code).toBe(0);
    expect((await cli(['user', 'add', '--username', 'x7', '--role', 'it'], 'short\n')).code).toBe(
      2,
    );
    const weak = await cli(['user', 'add', '--username', 'it7', '--role', 'it'], 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('too_short');
    expect(weak.stderr).not.toContain('short\n\n');
    const noSchool = await cli(['user', 'add', '--username', 'teacher8', '--role', 'teacher']);
    expect(noSchool.code).toBe(2);
    const again = await cli(
      ['user', 'add', '--username', 'center7', '--role', 'family_center'],
      'a-long-enough-passphrase\n',
    );
    expect(again.code).toBe(1);
  });

  it('passes on a clean log and names the first bad entry after an edit', async () => {
    const clean = await cli(['audit', 'verify']);
    expect(clean).toMatchObject({ code: 0, stdout: 'ok 2 entries\n' });
    const database = createDatabase({ file });
    try {
      // A direct UPDATE, as someone with database access could run.
      await database.db
        .updateTable('audit_log')
        .set({ action: 'user.delete' })
        .where('seq', '=', 2)
        .execute();
    } finally {
      await database.close();
    }
    const broken = await cli(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('bad seq 2 (hash)\n');
  });
});

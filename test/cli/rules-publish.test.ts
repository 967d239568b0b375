import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDatabase, listVersions, setApprovalRequired } from '@mimamori/db';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli';
import { testKey } from '../support/village';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'mimamori-cli-publish-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'db.sqlite');
const env = {
  MIMAMORI_DB_FILE: file,
  MIMAMORI_PSEUDONYM_KEY: testKey,
  MIMAMORI_AS_OF: '2026-04-01',
};
const publish = () =>
  cli(['rules', 'publish', 'rules/demo.rules.json', '--note', 'cli'], { cwd: root, env });

describe('mimamori rules publish', () => {
  it('publishes, and refuses a rule set that requires a second person’s approval', async () => {
    const first = await publish();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^published\tdemo\tv1$/m);

    const database = createDatabase({ file });
    try {
      await setApprovalRequired(database.db, { ruleSetId: 'demo', required: true });
      const refused = await publish();
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("requires a second person's approval");
      // Refused before anything was written: no stray draft.
      expect((await listVersions(database.db, 'demo')).map((v) => v.status)).toEqual(['published']);
    } finally {
      await database.close();
    }
  });
});

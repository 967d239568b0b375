import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli';
import { testKey } from '../support/village';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'mimamori-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = {
  MIMAMORI_DB_FILE: join(dir, 'db.sqlite'),
  MIMAMORI_PSEUDONYM_KEY: testKey,
  MIMAMORI_AS_OF: '2026-04-01',
};

describe('mimamori demo', () => {
  it('writes byte-identical files for the same seed; the roster is CP932, not UTF-8', async () => {
    for (const out of ['a', 'b'])
      expect(
        (await cli(['demo', '--seed', '7', '--children', '150', '--out', out], { cwd: dir })).code,
      ).toBe(0);
    const files = readdirSync(join(dir, 'a')).sort();
    expect(files).toEqual(readdirSync(join(dir, 'b')).sort());
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const f of files)
      expect(readFileSync(join(dir, 'a', f)).equals(readFileSync(join(dir, 'b', f)))).toBe(true);
    const roster = readFileSync(join(dir, 'a', 'juki.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(roster)).toThrow();
    expect(new TextDecoder('shift_jis', { fatal: true }).decode(roster)).toContain('宛名番号');
  });

  it('refuses a non-numeric --children', async () => {
    const r = await cli(['demo', '--children', 'many'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--children');
  });
});

describe('mimamori import', () => {
  it('imports the village all-or-nothing and prints problems as file:line:column code message', async () => {
    expect(
      (await cli(['demo', '--seed', '3', '--children', '200', '--out', 'v'], { cwd: dir })).code,
    ).toBe(0);
    const noRoster = await cli(['import', 'school', 'v/gakko.csv'], { cwd: dir, env });
    expect(noRoster.code).toBe(1);
    expect(noRoster.stdout).toBe(
      'v/gakko.csv:0:0 no_roster import the resident roster first: there are no children to link records to\n',
    );

    const unmapped = await cli(['import', 'roster', 'v/juki.csv'], { cwd: dir, env });
    expect(unmapped.code).toBe(1);
    for (const line of unmapped.stdout.trim().split('\n'))
      expect(line).toMatch(/^v\/juki\.csv:\d+:\d+ gaiji_unmapped 外字 U\+E[0-9A-F]{3} /);

    expect((await cli(['gaiji', 'import', 'v/gaiji-table.csv'], { cwd: dir, env })).code).toBe(0);
    const dry = await cli(['import', 'roster', 'v/juki.csv', '--dry-run'], { cwd: dir, env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^dry run: nothing stored/);
    const ok = await cli(['import', 'roster', 'v/juki.csv'], { cwd: dir, env });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^rows\t\d+$/m);
    expect(ok.stdout).toMatch(/^field\troster\.householdSize\t\d+$/m);
    const again = await cli(['import', 'roster', 'v/juki.csv'], { cwd: dir, env });
    expect(again.stdout).toContain('duplicate_file');

    const school = await cli(['import', 'school', 'v/gakko.csv'], { cwd: dir, env });
    expect(school.code).toBe(0);
    expect(school.stdout).toMatch(/^linked\tname-birth(-kana)?\t\d+$/m);
    expect(school.stdout).toMatch(/^unmatched\t0$/m);

    const bad = readFileSync(join(dir, 'v/hoiku.csv')).toString('latin1').split('\r\n');
    bad[2] = bad[2]!.replace(/,[^,]*$/, ',x');
    writeFileSync(join(dir, 'bad.csv'), Buffer.from(bad.join('\r\n'), 'latin1'));
    const rejected = await cli(['import', 'nursery', 'bad.csv'], { cwd: dir, env });
    expect(rejected.code).toBe(1);
    expect(rejected.stdout).toMatch(/^bad\.csv:3:\d+ bad_number /m);

    const linked = await cli(['link', '--report'], { cwd: dir, env });
    expect(linked.stdout).toMatch(/^ambiguous\t0$/m);
  });
});

describe('mimamori names key', () => {
  it('prints the folded key of each name, same order, via pnpm with a clean stdout', () => {
    const out = execFileSync('pnpm', ['mimamori', 'names', 'key'], {
      cwd: root,
      input: '髙橋 一郎\n山﨑　花子\n渡邉太郎\n齋藤\n齊藤\n',
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    expect(out).toBe('高橋一郎\n山崎花子\n渡辺太郎\n斎藤\n斉藤\n');
  });
});

describe('mimamori eval and rules', () => {
  it('evaluates NDJSON against a bare json-rules-engine rule array', async () => {
    const rules = [
      {
        conditions: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 18 }] },
        event: { type: 'adult' },
      },
    ];
    writeFileSync(join(dir, 'rules.json'), JSON.stringify(rules));
    const r = await cli(['eval', '--rules', 'rules.json'], {
      cwd: dir,
      stdin: '{"age":20}\n{"age":3}\n',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"events":[{"type":"adult"}]}\n{"events":[]}\n');
  });

  it('checks and tests the demo rule set, and points at JSON paths in a broken one', async () => {
    const check = await cli(['rules', 'check', 'rules/demo.rules.json'], { cwd: root });
    expect(check.code).toBe(0);
    const test = await cli(['rules', 'test', 'rules/demo.rules.json'], { cwd: root });
    expect(test.code).toBe(0);
    expect(test.stdout).toMatch(/^\d+ passed, 0 failed$/m);
    const doc = JSON.parse(readFileSync(join(root, 'rules/demo.rules.json'), 'utf8'));
    doc.rules[0].conditions = { all: [{ fact: 'no.suchFact', operator: 'equal', value: 1 }] };
    writeFileSync(join(dir, 'broken.rules.json'), JSON.stringify(doc));
    const broken = await cli(['rules', 'check', 'broken.rules.json'], { cwd: dir });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^broken\.rules\.json:\/rules\/0\/conditions\/all\/0\/fact /m);
  });
});

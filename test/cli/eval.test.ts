import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'mimamori-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const inRules = [
  {
    conditions: { all: [{ fact: 'a', operator: 'in', value: { fact: 'b' } }] },
    event: { type: 'member' },
  },
];

describe('mimamori eval', () => {
  it('reports a record that fails (line, no values), goes on, and exits 1', async () => {
    writeFileSync(join(dir, 'in.json'), JSON.stringify(inRules));
    const r = await cli(['eval', '--rules', 'in.json'], {
      cwd: dir,
      stdin: '{"a":1,"b":[1]}\n{"a":1,"b":98765}\n{"":1}\n{"a":2,"b":[1]}\n',
    });
    expect(r.code).toBe(1);
    const out = r.stdout.trim().split('\n');
    expect(out[0]).toBe('{"events":[{"type":"member"}]}');
    expect(JSON.parse(out[1] ?? '')).toMatchObject({
      error: { line: 2, code: 'operator_failed' },
    });
    expect(JSON.parse(out[2] ?? '')).toMatchObject({ error: { line: 3, code: 'invalid_input' } });
    expect(out[3]).toBe('{"events":[]}');
    expect(r.stderr).toMatch(/^stdin:2: operator_failed: /m);
    expect(r.stderr).toMatch(/^stdin:3: invalid_input: /m);
    expect(r.stdout + r.stderr).not.toContain('98765');
  });

  it('names the line and column of invalid JSON in --rules, without quoting it', async () => {
    writeFileSync(join(dir, 'bad.json'), '[\n  {"conditions": tru}\n]\n');
    const r = await cli(['eval', '--rules', 'bad.json'], { cwd: dir, stdin: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.json: not valid JSON at line 2, column 18');
    expect(r.stderr).not.toContain('position');
    expect(r.stderr).not.toContain('tru}');
  });

  it('refuses a rule set whose fact-to-fact path cannot be compiled', async () => {
    const doc = JSON.parse(readFileSync(join(root, 'rules/demo.rules.json'), 'utf8'));
    doc.rules[0].conditions = {
      all: [
        {
          fact: 'school.absenceDays',
          operator: 'greaterThan',
          value: { fact: 'school.lateCount', path: '$..x' },
        },
      ],
    };
    writeFileSync(join(dir, 'path.rules.json'), JSON.stringify(doc));
    const r = await cli(['eval', '--rules', 'path.rules.json'], { cwd: dir, stdin: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/rules/0/conditions/all/0/value/path');
  });
});

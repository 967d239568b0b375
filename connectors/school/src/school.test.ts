import { readFileSync } from 'node:fs';
import { runConnector } from '@mimamori/connector-kit';
import { testConnector } from '@mimamori/connector-kit/testing';
import { generateVillage } from '@mimamori/village';
import { describe, expect, it } from 'vitest';
import school from './index';

const fixture = 'gakko.csv';
testConnector(school, {
  fixtures: [
    {
      file: fixture,
      bytes: new Uint8Array(readFileSync(new URL(`../fixtures/${fixture}`, import.meta.url))),
    },
  ],
});

describe('school connector on a generated village', () => {
  const village = generateVillage({ children: 400, seed: 11 });
  const file = village.files.find((f) => f.connector === 'school')!;
  const children = new Map(village.truth.children.map((c) => [c.residentNumber, c]));
  const owners = new Map(
    village.truth.lines.filter((l) => l.file === file.name).map((l) => [l.line, l.residentNumber]),
  );

  it('imports every line with 0 issues and identities that match the planted child', async () => {
    const run = await runConnector(school, { file: file.name, bytes: file.bytes });
    expect(run.issues).toEqual([]);
    expect(run.encoding).toBe('cp932');
    expect(run.records).toHaveLength(owners.size);
    for (const record of run.records) {
      const child = children.get(owners.get(record.line) ?? '');
      expect(record.identity.birthDate, `line ${record.line}`).toBe(child?.birthDate);
      expect(record.identity.sex, `line ${record.line}`).toBe(child?.sex);
      expect(record.identity.residentNumber).toBeUndefined();
      expect(record.identity.name).not.toMatch(/[\uE000-\uF8FF]/);
    }
  });
});

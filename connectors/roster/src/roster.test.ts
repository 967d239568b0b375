import { readFileSync } from 'node:fs';
import { runConnector } from '@mimamori/connector-kit';
import { testConnector } from '@mimamori/connector-kit/testing';
import { generateVillage } from '@mimamori/village';
import { describe, expect, it } from 'vitest';
import roster from './index';

const fixture = 'juki.csv';
testConnector(roster, {
  fixtures: [
    {
      file: fixture,
      bytes: new Uint8Array(readFileSync(new URL(`../fixtures/${fixture}`, import.meta.url))),
    },
  ],
  minRecords: 40,
});

describe('roster connector on a generated village', () => {
  const village = generateVillage({ children: 400, seed: 11, calibration: { gaiji: 0.2 } });
  const file = village.files.find((f) => f.connector === 'roster')!;

  it('imports every resident with 0 issues, 外字 passing through as private-use characters', async () => {
    const run = await runConnector(roster, { file: file.name, bytes: file.bytes });
    expect(run.issues).toEqual([]);
    expect(run.encoding).toBe('cp932');
    const byNumber = new Map(run.records.map((r) => [r.identity.residentNumber, r]));
    for (const child of village.truth.children) {
      const record = byNumber.get(child.residentNumber);
      expect(record?.identity.birthDate).toBe(child.birthDate);
      expect(record?.identity.sex).toBe(child.sex);
    }
    const names = run.records.map((r) => r.identity.name ?? '');
    expect(names.some((n) => /[\uE000-\uF8FF]/.test(n))).toBe(true);
    expect(run.records.every((r) => /^[ァ-ヶー\u3000 ]+$/.test(r.identity.kana ?? ''))).toBe(true);
  });

  it('rejects a resident number with a wrong check digit', async () => {
    const text = new TextDecoder('shift_jis').decode(file.bytes);
    const lines = text.split('\r\n');
    const [first = ''] = (lines[1] ?? '').split(',');
    const wrong = `${first.slice(0, 9)}${(Number(first[9]) + 1) % 10}`;
    lines[1] = (lines[1] ?? '').replace(first, wrong);
    const bytes = new TextEncoder().encode(lines.join('\r\n'));
    const run = await runConnector(roster, { file: 'bad.csv', bytes });
    expect(run.records).toEqual([]);
    expect(run.issues).toContainEqual(
      expect.objectContaining({ line: 2, column: 1, code: 'bad_check_digit' }),
    );
  });
});

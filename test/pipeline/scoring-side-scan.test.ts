import { readFileSync } from 'node:fs';
import { getPersons, tableNames, type Db } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { judge, publishRuleSetDocument } from '@mimamori/pipeline';
import { generateVillage } from '@mimamori/village';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { importVillage, testContext } from '../support/village';

/** Tables holding personal data by design; everything else must be free of it. */
const personalTables = new Set(['persons', 'record_identities']);
/** Tables the scoring side reads (facts, runs, previews, exports for analysis). */
const scoringTables = [
  'children',
  'child_facts',
  'judgement_runs',
  'judgement_results',
  'source_records',
];
/** Column names that would mean personal data moved to the scoring side. */
const personalColumn = /(^|_)(name|kana|furigana|birth|address|resident|household)(_|$)/i;

const village = generateVillage({ children: 300, seed: 13 });

async function rows(db: Db, table: string): Promise<Record<string, unknown>[]> {
  const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
  return result.rows;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describeEachDatabase('the scoring side holds no personal data', (getDb) => {
  it('finds no name, kana, birth date, address or resident number in any table the scoring side reads', async () => {
    const { db } = getDb();
    const ctx = testContext(db);
    await importVillage(ctx, village);
    const doc = JSON.parse(
      readFileSync(new URL('../../rules/demo.rules.json', import.meta.url), 'utf8'),
    );
    await publishRuleSetDocument(ctx, doc, 'scan');
    await judge(ctx);

    const ids = (await rows(db, 'children')).map((r) => String(r['id']));
    const persons = await getPersons(db, ids);
    expect(persons.length).toBe(ids.length);
    const words = new Set<string>();
    const tokens = new Set<string>();
    for (const p of persons) {
      // Whole names, readings and addresses; and each kanji part of a name (surname, given name).
      for (const w of [p.name, p.nameKey, p.kana, p.kanaKey, p.address]) {
        if (w) words.add(w).add(w.replace(/[\s\u3000]+/g, ''));
      }
      for (const part of p.name.split(/[\s\u3000]+/)) {
        if (part.length >= 2 && /\p{Script=Han}/u.test(part)) words.add(part);
      }
      tokens.add(p.birthDate).add(p.residentNumber);
      if (p.householdNumber) tokens.add(p.householdNumber);
    }
    const wordPattern = new RegExp([...words].map(escape).join('|'));
    const tokenPattern = /\d{4}-\d{2}-\d{2}|\d{8,}/g;
    const generatedId = /^[0-9a-f]{28}$/;

    for (const table of scoringTables) {
      expect(tableNames).toContain(table);
      expect(personalTables.has(table)).toBe(false);
      const all = await rows(db, table);
      expect(all.length, `${table} has rows to scan`).toBeGreaterThan(0);
      for (const column of Object.keys(all[0]!))
        expect(column, `${table}.${column}`).not.toMatch(personalColumn);
      for (const row of all) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value !== 'string') continue;
          // A generated id (time, counter and random hex) may hold a run of digits that equals
          // a short household number by chance; it cannot carry personal data.
          if (generatedId.test(value)) continue;
          const where = `${table}.${column}`;
          const word = wordPattern.exec(value);
          expect(word?.[0], `${where} holds a name, kana or address`).toBeUndefined();
          for (const token of value.match(tokenPattern) ?? []) {
            expect(tokens.has(token), `${where} holds a birth date or resident number`).toBe(false);
          }
        }
      }
    }
  });
});

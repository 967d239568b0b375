import { describeEachDatabase } from '@mimamori/db/testing';
import { upsertGaiji } from '@mimamori/db';
import { rowsPerTurn } from '@mimamori/connector-kit';
import { importFile } from '@mimamori/pipeline';
import { generateVillage } from '@mimamori/village';
import { expect, it } from 'vitest';
import { connectors, testContext, villageFile } from '../support/village';

// Big enough that the roster and the school file each span several parts of rowsPerTurn rows.
const village = generateVillage({ children: 6_000, seed: 5 });

/**
 * Counts the event loop's turns: a callback that queues itself again on every turn. An import
 * that never lets the loop turn (every await settled at once) leaves the count where it was.
 */
function turnCounter(): { turns: () => number; stop: () => void } {
  let turns = 0;
  let running = true;
  const tick = (): void => {
    turns++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return { turns: () => turns, stop: () => (running = false) };
}

describeEachDatabase('imports and the event loop', (getDb) => {
  it('let the event loop turn while they read, link and store (a server goes on answering)', async () => {
    const { db } = getDb();
    for (const e of village.gaijiTable) {
      await upsertGaiji(db, { code: e.code, standard: e.standard, note: null, updatedBy: null });
    }
    for (const connector of ['roster', 'school']) {
      const file = villageFile(village, connector);
      const counter = turnCounter();
      // The loop's turn count when each phase starts.
      const at = new Map<string, number>();
      const outcome = await importFile(testContext(db), {
        connector: connectors.get(connector)!,
        file: file.name,
        bytes: file.bytes,
        onProgress: (phase, fraction) => {
          at.set(`${phase} ${fraction}`, counter.turns());
        },
      }).finally(counter.stop);
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      expect(outcome.summary.rows).toBeGreaterThan(2 * rowsPerTurn);
      const turnsBetween = (from: string, to: string): number =>
        (at.get(to) as number) - (at.get(from) as number);
      expect(turnsBetween('read 0', 'validate 0.2'), `${connector}: reading`).toBeGreaterThan(0);
      expect(turnsBetween('link 0.5', 'store 0.7'), `${connector}: linking`).toBeGreaterThan(0);
      expect(turnsBetween('store 0.7', 'done 1'), `${connector}: storing`).toBeGreaterThan(0);
    }
  });
});

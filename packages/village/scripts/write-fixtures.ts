/**
 * Regenerates the connectors' test fixtures from a small village (40 children, seed 1):
 * `pnpm tsx packages/village/scripts/write-fixtures.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateVillage } from '../src/index';

const root = join(import.meta.dirname, '..', '..', '..');
// Edge cases (外字, variant kanji, half-width kana) are denser than in a real village on purpose.
const village = generateVillage({
  children: 40,
  seed: 1,
  calibration: { gaiji: 0.5, variantKanji: 0.3, halfWidthKana: 0.3 },
});
for (const file of village.files) {
  const dir = join(root, 'connectors', file.connector, 'fixtures');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file.name), file.bytes);
  console.log(`connectors/${file.connector}/fixtures/${file.name}`);
}

// scratch: dump village children facts built through the pipeline on SQLite
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createDatabase, migrateToLatest } from '@mimamori/db';
import { loadChildren } from '@mimamori/pipeline';
import { generateVillage } from '@mimamori/village';
import { importVillage, testContext } from '../test/support/village';

const children = Number(process.argv[2] ?? 5000);
const seed = Number(process.argv[3] ?? 1);
const t0 = performance.now();
const dir = mkdtempSync(join(tmpdir(), 'calib-'));
const database = createDatabase({ file: join(dir, 'v.db') });
await migrateToLatest(database.db);
const village = generateVillage({ children, seed, asOf: '2026-04-01' });
const t1 = performance.now();
await importVillage(testContext(database.db), village);
const t2 = performance.now();
const loaded = [...(await loadChildren(database.db)).values()];
writeFileSync(`/tmp/eng/village/v-${children}-${seed}.json`, JSON.stringify(loaded));
console.log('children', loaded.length, 'gen', (t1 - t0).toFixed(0), 'import', (t2 - t1).toFixed(0), 'load', (performance.now() - t2).toFixed(0));
await database.close();

import { gaijiTable } from './gaiji';
import type { ChildTruth, TruthLine, Village } from './types';
import type { VillageOptions } from './types';
import { createSink, forEachHousehold, villageSources } from './village';
import { concatBytes } from './writers/file-sink';

/**
 * Generates a synthetic village in memory: the five offices' export files, the 外字 table and
 * the truth (every child's latent risks, every non-roster line's child). Deterministic per seed.
 * @example
 * const village = generateVillage({ children: 600, seed: 7 });
 * village.files.map((f) => f.name); // ['juki.csv', 'fukushi.csv', …]
 */
export function generateVillage(options: VillageOptions): Village {
  const sinks = villageSources.map((source) => createSink(source));
  const chunks = villageSources.map((): Uint8Array[] => []);
  const lineNumbers = villageSources.map(() => 1);
  const children: ChildTruth[] = [];
  const lines: TruthLine[] = [];
  const resolved = forEachHousehold(options, (household, rows) => {
    rows.forEach((sourceRows, i) => {
      const sink = sinks[i];
      const file = villageSources[i]?.file ?? '';
      for (const row of sourceRows) {
        sink?.add(row.cells);
        const line = (lineNumbers[i] ?? 0) + 1;
        lineNumbers[i] = line;
        if (i > 0) lines.push({ file, line, residentNumber: row.residentNumber });
      }
      chunks[i]?.push(...(sink?.drain() ?? []));
    });
    for (const child of household.children) {
      children.push({
        residentNumber: child.residentNumber,
        householdNumber: household.number,
        birthDate: child.birthDate,
        sex: child.sex,
        age: child.age,
        grade: child.grade,
        risks: child.risks,
        severe: child.severe,
      });
    }
  });
  const files = villageSources.map((source, i) => ({
    name: source.file,
    connector: source.connector,
    bytes: concatBytes([...(chunks[i] ?? []), ...(sinks[i]?.finish() ?? [])]),
  }));
  return { files, gaijiTable, truth: { asOf: resolved.asOf, children, lines } };
}

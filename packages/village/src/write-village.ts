import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GaijiEntry } from '@mimamori/identity';
import { gaijiTable } from './gaiji';
import type { SourceName, Village, VillageOptions } from './types';
import { createSink, forEachHousehold, villageSources } from './village';
import { VillageError } from './village-error';

/** The 外字 table as staff keep it: UTF-8 CSV `code,standard`. */
export function gaijiTableCsv(table: readonly GaijiEntry[]): Uint8Array {
  return Buffer.from(
    `code,standard\r\n${table.map((e) => `${e.code},${e.standard}\r\n`).join('')}`,
    'utf8',
  );
}

/**
 * Writes a generated village's files and `gaiji-table.csv` into `outDir` (created if missing).
 * @example
 * await writeVillage('demo', generateVillage({ children: 600, seed: 7 }));
 */
export async function writeVillage(outDir: string, village: Village): Promise<string[]> {
  try {
    await mkdir(outDir, { recursive: true });
    const written: string[] = [];
    for (const file of village.files) {
      await writeFile(join(outDir, file.name), file.bytes);
      written.push(file.name);
    }
    await writeFile(join(outDir, 'gaiji-table.csv'), gaijiTableCsv(village.gaijiTable));
    return [...written, 'gaiji-table.csv'];
  } catch (cause) {
    throw new VillageError('write_failed', 'could not write the village files', { cause });
  }
}

/** What `streamVillage` wrote. */
export interface VillageSummary {
  readonly children: number;
  readonly households: number;
  readonly files: readonly { name: string; connector: SourceName; rows: number }[];
}

/**
 * Generates and writes a village chunk by chunk (memory stays flat for `children: 1_000_000`);
 * the bytes equal `writeVillage(outDir, generateVillage(options))`, without the in-memory truth.
 * @example
 * streamVillage('demo', { children: 1_000_000, seed: 7 });
 */
export function streamVillage(outDir: string, options: VillageOptions): VillageSummary {
  const fds: number[] = [];
  try {
    mkdirSync(outDir, { recursive: true });
    for (const source of villageSources) fds.push(openSync(join(outDir, source.file), 'w'));
    const sinks = villageSources.map((source) => createSink(source));
    const rowCounts = villageSources.map(() => 0);
    let households = 0;
    let children = 0;
    const flush = (i: number, chunks: readonly Uint8Array[]): void => {
      for (const chunk of chunks) writeSync(fds[i] ?? -1, chunk);
    };
    forEachHousehold(options, (household, rows) => {
      households++;
      children += household.children.length;
      rows.forEach((sourceRows, i) => {
        for (const row of sourceRows) sinks[i]?.add(row.cells);
        rowCounts[i] = (rowCounts[i] ?? 0) + sourceRows.length;
        flush(i, sinks[i]?.drain() ?? []);
      });
    });
    sinks.forEach((sink, i) => flush(i, sink.finish()));
    writeSync(openAndKeep(fds, join(outDir, 'gaiji-table.csv')), gaijiTableCsv(gaijiTable));
    return {
      children,
      households,
      files: villageSources.map((s, i) => ({
        name: s.file,
        connector: s.connector,
        rows: rowCounts[i] ?? 0,
      })),
    };
  } catch (cause) {
    if (cause instanceof VillageError) throw cause;
    throw new VillageError('write_failed', 'could not write the village files', { cause });
  } finally {
    for (const fd of fds) closeSync(fd);
  }
}

function openAndKeep(fds: number[], path: string): number {
  const fd = openSync(path, 'w');
  fds.push(fd);
  return fd;
}

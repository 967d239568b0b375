import { createHousehold, type Household, type VillageState } from './households';
import { resolveOptions, type ResolvedOptions } from './options';
import { createRng } from './prng';
import { healthSource } from './sources/health';
import { nurserySource } from './sources/nursery';
import { rosterSource } from './sources/roster';
import { schoolSource } from './sources/school';
import type { SourceRow, SourceSpec } from './sources/source';
import { welfareSource } from './sources/welfare';
import type { VillageOptions } from './types';
import { createCsvSink } from './writers/csv-sink';
import type { FileSink } from './writers/file-sink';
import { createXlsxSink } from './writers/xlsx-sink';

/** The five offices' exports, in the order they are generated. */
export const villageSources: readonly SourceSpec[] = [
  rosterSource,
  welfareSource,
  healthSource,
  nurserySource,
  schoolSource,
];

/** Creates the sink that encodes one source's file. */
export function createSink(source: SourceSpec): FileSink {
  return source.format === 'xlsx'
    ? createXlsxSink({ sheet: source.sheet ?? 'Sheet1', header: source.header })
    : createCsvSink({ encoding: source.format, header: source.header });
}

/** Called once per household with its rows per source (same order as `villageSources`). */
export type HouseholdVisitor = (household: Household, rows: readonly SourceRow[][]) => void;

/**
 * Generates households until `children` children aged 3–15 exist, each from its own PRNG
 * stream, and hands every household's rows to `visit`. Returns the validated options.
 */
export function forEachHousehold(
  options: VillageOptions,
  visit: HouseholdVisitor,
): ResolvedOptions {
  const resolved = resolveOptions(options);
  const state: VillageState = {
    asOf: resolved.asOf,
    calibration: resolved.calibration,
    nextSerial: 100_001,
    childKeys: new Set(),
  };
  let made = 0;
  for (let index = 0; made < resolved.children; index++) {
    const rng = createRng(resolved.seed, index);
    const household = createHousehold(rng, state, index, resolved.children - made);
    if (household.children.length === 0) continue;
    made += household.children.length;
    visit(
      household,
      villageSources.map((source) => source.rows(household, rng, resolved.calibration)),
    );
  }
  return resolved;
}

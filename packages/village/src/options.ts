import { z } from 'zod';
import { defaultCalibration, type Calibration } from './calibration';
import { VillageError } from './village-error';

const share = z.number().min(0).max(1);

/** Schema of the generator's options (parsed at the boundary: CLI flags end up here). */
export const villageOptionsSchema = z.object({
  children: z.number().int().min(0).max(10_000_000),
  seed: z.number().int(),
  asOf: z.iso.date().default('2026-04-01'),
  calibration: z.record(z.string(), share).optional(),
});

/** Options after validation, with the calibration resolved. */
export interface ResolvedOptions {
  readonly children: number;
  readonly seed: number;
  readonly asOf: string;
  readonly calibration: Calibration;
}

/** Validates options; throws `VillageError('invalid_options')` naming the bad field. */
export function resolveOptions(input: unknown): ResolvedOptions {
  const parsed = villageOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? 'options';
    throw new VillageError('invalid_options', `invalid village option: ${field}`, {
      cause: parsed.error,
    });
  }
  const unknown = Object.keys(parsed.data.calibration ?? {}).filter(
    (k) => !(k in defaultCalibration),
  );
  if (unknown.length > 0) {
    throw new VillageError('invalid_options', `unknown calibration knob: ${unknown.join(', ')}`);
  }
  return {
    children: parsed.data.children,
    seed: parsed.data.seed,
    asOf: parsed.data.asOf,
    calibration: { ...defaultCalibration, ...parsed.data.calibration },
  };
}

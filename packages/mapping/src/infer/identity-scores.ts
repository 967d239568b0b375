import type { ContextField, IdentityField } from '../mapping-schema';
import type { ColumnShape } from './classify-column';
import { COUNT_HINT, contextHints, identityHints } from './header-hints';
import { isAddressLike, isKana, isKanjiName, isResidentNumber, sexCode } from './value-shapes';

/** A proposed identity field for a column, with a confidence from 0 to 1. */
export interface IdentityCandidate {
  readonly field: IdentityField;
  readonly confidence: number;
}

function share(values: readonly string[], test: (v: string) => boolean): number {
  return values.length === 0 ? 0 : values.filter(test).length / values.length;
}

const round = (n: number): number => Math.round(n * 100) / 100;

/** Earliest plausible birth date and the latest (no one is born in the future). */
function plausibleBirth(shape: ColumnShape, today: string): boolean {
  return shape.earliest !== undefined && shape.earliest >= '1900-01-01' && shape.earliest <= today;
}

/**
 * Scores every identity field for one column. Values decide (a header word alone never gives
 * more than 0.3, except for fields only a header can reveal: 続柄, 支援措置); a matching header
 * word raises a value-backed score.
 */
export function identityCandidates(
  header: string,
  cells: readonly string[],
  shape: ColumnShape,
  today: string,
): IdentityCandidate[] {
  const values = cells.map((c) => c.trim()).filter((c) => c !== '');
  const hint = (field: IdentityField) => identityHints[field].test(header);
  const scored: IdentityCandidate[] = [];
  const add = (field: IdentityField, byValues: number) => {
    const confidence =
      byValues > 0 ? Math.min(1, byValues + (hint(field) ? 0.25 : 0)) : hint(field) ? 0.3 : 0;
    if (confidence > 0) scored.push({ field, confidence: round(confidence) });
  };
  const unique = shape.filled === 0 ? 0 : shape.distinct / shape.filled;

  add('residentNumber', share(values, isResidentNumber) >= 0.9 ? 0.75 : 0);
  add(
    'householdNumber',
    shape.type === 'identifier' && unique < 1 && hint('householdNumber') ? 0.7 : 0,
  );
  const names = share(values, isKanjiName);
  const addresses = share(values, isAddressLike);
  add('name', names >= 0.9 && addresses < 0.5 && unique >= 0.5 ? 0.7 : 0);
  add('kana', shape.type === 'kana' && share(values, isKana) >= 0.9 && unique >= 0.5 ? 0.7 : 0);
  if (shape.type === 'date' && plausibleBirth(shape, today)) {
    add('birthDate', (shape.spanDays ?? 0) >= 365 * 2 ? 0.6 : 0.3);
  } else add('birthDate', 0);
  const sexes = share(values, (v) => sexCode(v) !== undefined);
  const words = values.some((v) => sexCode(v) !== undefined && !/\d/.test(v));
  add('sex', sexes === 1 && shape.distinct <= 4 ? (words ? 0.8 : 0.5) : 0);
  add('address', addresses >= 0.9 ? 0.6 : 0);
  const shortCodes = shape.type === 'code' || shape.type === 'empty';
  add('relation', shortCodes && hint('relation') ? 0.65 : 0);
  const flag = shape.type === 'boolean' || shape.type === 'empty';
  add('dvSupport', flag && hint('dvSupport') ? 0.65 : 0);
  return scored.sort((a, b) => b.confidence - a.confidence);
}

/** The context field a column fills, when its header names one and its values fit. */
export function contextField(header: string, shape: ColumnShape): ContextField | undefined {
  if (COUNT_HINT.test(header)) return undefined;
  if (contextHints.grade.test(header) && shape.type === 'integer') {
    return (shape.min ?? 0) >= 1 && (shape.max ?? 99) <= 9 ? 'grade' : undefined;
  }
  const codeLike = shape.type === 'code' || shape.type === 'identifier';
  if (!codeLike) return undefined;
  if (contextHints.school.test(header)) return 'school';
  if (contextHints.nursery.test(header)) return 'nursery';
  return undefined;
}

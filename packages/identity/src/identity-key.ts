import { hash } from 'node:crypto';
import type { Identity } from '@mimamori/records';
import { foldKana } from './fold-kana';
import { foldName } from './fold-name';
import { normalizeResidentNumber } from './resident-number';

/** The folds a key is made of; a linker passes its memoised ones. */
export interface KeyFolds {
  name: (text: string) => string;
  kana: (text: string) => string;
}

const plainFolds: KeyFolds = { name: foldName, kana: foldKana };

/**
 * A stable key for a source identity, used to store and reuse staff linkage decisions: SHA-256
 * of the folded fields (resident and household number, name, kana, birth date, sex), so spacing,
 * width and variant-kanji differences between imports do not lose a decision. Derived from
 * personal data: store it with the personal tables, not on the scoring side.
 * @example identityKey({ name: '髙橋 太郎', birthDate: '2015-05-01' }) === identityKey({ name: '高橋太郎', birthDate: '2015-05-01' }) // true
 */
export function identityKey(identity: Identity, folds: KeyFolds = plainFolds): string {
  // The JSON text of the folded fields is the hashed input: stored decisions depend on it.
  const fields = [
    normalizeResidentNumber(identity.residentNumber ?? ''),
    normalizeResidentNumber(identity.householdNumber ?? ''),
    folds.name(identity.name ?? ''),
    folds.kana(identity.kana ?? ''),
    identity.birthDate ?? '',
    identity.sex ?? '',
  ];
  return `k_${hash('sha256', JSON.stringify(fields), 'hex').slice(0, 32)}`;
}

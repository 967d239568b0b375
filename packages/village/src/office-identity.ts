import type { Calibration } from './calibration';
import { formatWareki, toHalfWidthKana, type WarekiStyle } from './export-format';
import { fromGaijiForm } from './gaiji';
import type { Person } from './households';
import { swapVariants } from './names';
import type { Rng } from './prng';

/** How an office writes a name: separator between surname and given name. */
const separators = [
  ['\u3000', 60],
  [' ', 25],
  ['', 15],
] as const;

/** Name as the roster holds it: surname, ideographic space, given name (外字 kept). */
export function rosterName(person: Person): string {
  return `${person.surname}\u3000${person.given}`;
}

/** Reading as the roster holds it (full-width katakana, ideographic space). */
export function rosterKana(person: Person): string {
  return `${person.surnameKana}\u3000${person.givenKana}`;
}

/**
 * Name as another office writes it: never 外字 (their systems use the standard character),
 * sometimes a variant kanji swapped (髙↔高 …) and any kind of spacing; always linkable.
 */
export function officeName(rng: Rng, person: Person, cal: Calibration): string {
  const standard = fromGaijiForm(person.surname);
  const surname = rng.chance(cal.variantKanji) ? swapVariants(standard) : standard;
  return `${surname}${rng.weighted(separators)}${person.given}`;
}

/** Reading as another office writes it: full-width, or half-width with probability `halfWidth`. */
export function officeKana(rng: Rng, person: Person, halfWidth: number): string {
  const kana = `${person.surnameKana}${rng.weighted(separators)}${person.givenKana}`;
  return rng.chance(halfWidth) ? toHalfWidthKana(kana) : kana;
}

/** A 和暦 birth date in one of the styles municipal systems mix. */
export function mixedWareki(rng: Rng, iso: string): string {
  const style = rng.weighted<WarekiStyle>([
    ['kanji', 50],
    ['short', 25],
    ['slash', 25],
  ]);
  return formatWareki(iso, style);
}

/** Katakana → hiragana (nursery staff often write readings in ひらがな). */
export function toHiragana(text: string): string {
  return text.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

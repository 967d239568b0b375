import { isIgnoredNameChar } from './fold-name';

const small = 'ァアィイゥウェエォオッツャヤュユョヨヮワヵカヶケ';
const smallExt = 'ㇰクㇱシㇲスㇳトㇴヌㇵハㇶヒㇷフㇸヘㇹホㇺムㇻラㇼリㇽルㇾレㇿロ';
/** Sounds that records spell either way: ヴ→ブ, ヂ→ジ, ヅ→ズ, old kana ヰヱヲ → イエオ. */
const merged = 'ヴブヷバヸビヹベヺボヂジヅズヰイヱエヲオ';

function pairMap(...pairs: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const chars of pairs.map((p) => [...p])) {
    for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i] ?? '', chars[i + 1] ?? '');
  }
  return map;
}
const smallToNormal = pairMap(small, smallExt);
const mergedSounds = pairMap(merged);

const vowelRows: readonly [string, string][] = [
  ['ア', 'アカガサザタダナハバパマヤラワ'],
  ['イ', 'イキギシジチニヒビピミリ'],
  ['ウ', 'ウクグスズツヌフブプムユル'],
  ['エ', 'エケゲセゼテデネヘベペメレ'],
  ['オ', 'オコゴソゾトドノホボポモヨロ'],
];
const vowelOf = new Map<string, string>(
  vowelRows.flatMap(([vowel, row]) => [...row].map((c): [string, string] => [c, vowel])),
);
/** Long-vowel marks: ー and the dashes that stand in for it in typed readings. */
const longVowels = new Set('ー-\u2010\u2011\u2012\u2013\u2014\u2015\u2212');

/** ヴァ/ヴィ/ヴェ/ヴォ are written バ/ビ/ベ/ボ as often as not. */
const vuSyllable = /[ヴゔ]([ァィェォぁぃぇぉ])/gu;
const vuToB = pairMap('ァバィビェベォボぁバぃビぇベぉボ');

function toKatakana(char: string): string {
  const cp = char.codePointAt(0) ?? 0;
  const hiragana = (cp >= 0x3041 && cp <= 0x3096) || cp === 0x309d || cp === 0x309e;
  const katakana = hiragana ? String.fromCodePoint(cp + 0x60) : char;
  return smallToNormal.get(katakana) ?? katakana;
}

/**
 * The reading key: NFKC (half-width → full-width), spaces dropped, hiragana → katakana, small
 * kana → normal (ッ→ツ, ャ→ヤ), ヴァ/ヴィ/ヴェ/ヴォ → バ/ビ/ベ/ボ, ヴ→ブ, ヂ→ジ, ヅ→ズ, ヰヱヲ→イエオ,
 * the long-vowel mark replaced by the vowel of the kana before it (オーノ→オオノ; dropped after
 * ン or a non-kana), a voicing mark that attaches to nothing dropped. Idempotent; ignores script
 * (hiragana/katakana) and width.
 * @example foldKana('ｻﾄｳ ﾀﾛｳ') === foldKana('さとうたろう') // true: 'サトウタロウ'
 */
export function foldKana(text: string): string {
  let composed = '';
  let nfkc = text.normalize('NFKC');
  if (nfkc.includes('ヴ') || nfkc.includes('ゔ')) {
    nfkc = nfkc.replace(vuSyllable, (_, v: string) => vuToB.get(v) ?? v);
  }
  for (const char of nfkc) {
    if (!isIgnoredNameChar(char)) composed += toKatakana(char);
  }
  const out: string[] = [];
  for (const char of composed.normalize('NFKC')) {
    if (char === '\u3099' || char === '\u309A') continue;
    if (longVowels.has(char)) {
      const vowel = vowelOf.get(out[out.length - 1] ?? '');
      if (vowel !== undefined) out.push(vowel);
      continue;
    }
    out.push(mergedSounds.get(char) ?? char);
  }
  return out.join('');
}

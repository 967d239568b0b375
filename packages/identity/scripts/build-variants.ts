/**
 * Generates `src/variants.generated.ts` from Unicode's Unihan database (Debian package
 * `unicode-data`): the 常用漢字 list (kJoyoKanji) and variant pairs that fold a non-常用 kanji
 * to its one 常用 form. Deterministic: same input files, same output bytes.
 *
 * Usage: `pnpm tsx packages/identity/scripts/build-variants.ts [unihan-dir]`
 * (default `/usr/share/unicode`; `.txt` or `.txt.bz2` files; bz2 is read with `bzcat`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Variant evidence we trust for Japanese names: kZVariant (same abstract character, another
 * glyph) always; kSemanticVariant only when attested by a Japanese or comprehensive dictionary
 * (Morohashi 大漢和辞典, 漢語大字典). Left out on purpose: Cantonese/English-dictionary semantic
 * variants (只→子, 琉→瑠, 耀→曜 are wrong in Japanese), kSimplifiedVariant (Chinese simplification
 * differs from 新字体: 據→据, 裡→里), kSpoofingVariant (look-alikes are different characters) and
 * kSpecializedSemanticVariant (partial overlap, e.g. 齊/齋).
 */
function trusted(field: string, token: string): boolean {
  if (field === 'kZVariant') return true;
  return field === 'kSemanticVariant' && /<.*\b(kMorohashi|kHanYu)\b/.test(token);
}

const pairsPerLine = 20;
const charsPerLine = 40;

function readUnihan(dir: string, name: string): { text: string; file: string } {
  const plain = join(dir, `${name}.txt`);
  if (existsSync(plain)) return { text: readFileSync(plain, 'utf8'), file: `${name}.txt` };
  const bz = `${plain}.bz2`;
  if (existsSync(bz)) {
    return {
      text: execFileSync('bzcat', [bz], { encoding: 'utf8', maxBuffer: 1 << 28 }),
      file: `${name}.txt`,
    };
  }
  throw new Error(`${name}.txt not found in ${dir} (apt-get install -y unicode-data)`);
}

function codePointChar(token: string): string {
  const hex = /^U\+([0-9A-F]{4,6})/.exec(token)?.[1];
  if (hex === undefined) throw new Error(`bad code point token ${token}`);
  return String.fromCodePoint(Number.parseInt(hex, 16));
}

function* records(text: string): Generator<[string, string, string]> {
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [cp, field, value] = line.split('\t');
    if (cp === undefined || field === undefined || value === undefined) continue;
    yield [codePointChar(cp), field, value];
  }
}

function unicodeVersion(text: string): string {
  return /^# Unicode version: (\S+)/m.exec(text)?.[1] ?? 'unknown';
}

function byCodePoint(a: string, b: string): number {
  return (a.codePointAt(0) ?? 0) - (b.codePointAt(0) ?? 0);
}

function addLink(links: Map<string, Set<string>>, from: string, to: string): void {
  let set = links.get(from);
  if (set === undefined) links.set(from, (set = new Set()));
  set.add(to);
}

/** Renders `variants.generated.ts` from the Unihan files in `dir` (pure apart from reading). */
export function buildVariantsModule(dir: string): { source: string; stats: string } {
  const other = readUnihan(dir, 'Unihan_OtherMappings');
  const variants = readUnihan(dir, 'Unihan_Variants');
  const joyo = new Set<string>();
  const joyoAlternates: [string, string][] = [];
  const jinmeiyo: [string, string][] = [];
  for (const [char, field, value] of records(other.text)) {
    if (field === 'kJoyoKanji') {
      if (value.startsWith('U+')) joyoAlternates.push([char, codePointChar(value)]);
      else joyo.add(char);
    } else if (field === 'kJinmeiyoKanji') {
      const target = /:(U\+[0-9A-F]+)/.exec(value)?.[1];
      if (target !== undefined) jinmeiyo.push([char, codePointChar(target)]);
    }
  }
  const links = new Map<string, Set<string>>();
  for (const [char, field, value] of records(variants.text)) {
    const targets = value.split(' ').map(codePointChar);
    value.split(' ').forEach((token, i) => {
      const target = targets[i];
      if (target === undefined || !trusted(field, token)) return;
      addLink(links, char, target);
      addLink(links, target, char);
    });
  }
  const pairs = new Map<string, string>();
  const provenance = { joyoAlternate: 0, jinmeiyo: 0, unihanVariant: 0, ambiguous: 0 };
  const usable = (source: string, target: string): boolean =>
    !joyo.has(source) && joyo.has(target) && source.normalize('NFKC') === source;
  for (const [source, target] of [...joyoAlternates, ...jinmeiyo]) {
    if (!usable(source, target) || pairs.has(source)) continue;
    pairs.set(source, target);
    if (joyoAlternates.some(([s]) => s === source)) provenance.joyoAlternate++;
    else provenance.jinmeiyo++;
  }
  for (const source of [...links.keys()].sort(byCodePoint)) {
    if (pairs.has(source) || joyo.has(source)) continue;
    const targets = [...(links.get(source) ?? [])].filter((t) => usable(source, t));
    if (targets.length === 1 && targets[0] !== undefined) {
      pairs.set(source, targets[0]);
      provenance.unihanVariant++;
    } else if (targets.length > 1) provenance.ambiguous++;
  }
  const sortedPairs = [...pairs].sort(([a], [b]) => byCodePoint(a, b)).map(([s, t]) => s + t);
  const joyoChars = [...joyo].sort(byCodePoint);
  const chunk = (items: string[], size: number): string[] => {
    const out: string[] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size).join(''));
    return out;
  };
  const list = (lines: string[]): string => lines.map((l) => `  '${l}',\n`).join('');
  const version = unicodeVersion(variants.text);
  const source = `// Generated by packages/identity/scripts/build-variants.ts: do not edit by hand.
// Source: Unicode ${version} Unihan (${other.file}: kJoyoKanji, kJinmeiyoKanji; ${variants.file}:
// kZVariant; kSemanticVariant attested by kMorohashi/kHanYu). Unicode DFS licence, see data/README.md.

/** The 2,136 常用漢字 (平成22年内閣告示第2号) in code point order, as lines of ${charsPerLine}. */
export const joyoKanjiLines: readonly string[] = [
${list(chunk(joyoChars, charsPerLine))}];

/**
 * Variant → 常用 pairs (${sortedPairs.length}): each pair is two code points, non-常用 source then
 * 常用 target, in source code point order, ${pairsPerLine} pairs a line.
 */
export const variantPairLines: readonly string[] = [
${list(chunk(sortedPairs, pairsPerLine))}];
`;
  const stats =
    `Unicode ${version}: ${joyo.size} 常用, ${sortedPairs.length} pairs ` +
    `(joyo alternates ${provenance.joyoAlternate}, jinmeiyo ${provenance.jinmeiyo}, ` +
    `unihan ${provenance.unihanVariant}; skipped ambiguous ${provenance.ambiguous})`;
  return { source, stats };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'variants.generated.ts');
  const { source, stats } = buildVariantsModule(process.argv[2] ?? '/usr/share/unicode');
  writeFileSync(out, source);
  console.log(`wrote ${out}: ${stats}`);
}

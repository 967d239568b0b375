import type { DataInventory, InventoryItem, InventorySource } from './data-inventory';

const TYPE_JA: Readonly<Record<InventoryItem['type'], string>> = {
  number: '数値',
  boolean: '有無',
  code: '区分',
  text: '文字',
  date: '日付',
};

const INTRO =
  'この一覧は、こどもデータ連携（見守り）で利用するデータの項目ごとに、利用目的・法的根拠・保存期間と、' +
  'その項目を使う判定ルールを示すものです。各情報源の宣言から自動的に作成しており、手作業では編集していません。' +
  '氏名・生年月日などの個人情報は、各課のデータを同じこどもに結び付ける（名寄せ）ためにのみ使い、判定には使いません。' +
  'データは判断を補助するだけであり、支援の要否は職員が本人・保護者と話をして判断します。';

function itemType(item: InventoryItem): string {
  return item.unit === undefined ? TYPE_JA[item.type] : `${TYPE_JA[item.type]}（${item.unit}）`;
}

function usedBy(item: InventoryItem): string {
  return item.usedBy.length === 0 ? '（判定に未使用）' : item.usedBy.map((u) => u.label).join('、');
}

/** Cells of one item row, in column order. */
function cells(item: InventoryItem): string[] {
  return [
    item.label.ja,
    itemType(item),
    item.purpose,
    item.legalBasis,
    item.retention,
    usedBy(item),
  ];
}

const HEADERS = ['項目', '種類', '利用目的', '法的根拠', '保存期間', '使用する判定ルール'];

function md(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
}

function sourceMarkdown(source: InventorySource): string {
  const lines = [`## ${md(source.title.ja)}`, ''];
  if (source.personalColumns.length > 0) {
    lines.push(`名寄せのために読み取る個人情報: ${source.personalColumns.map(md).join('、')}`, '');
  }
  if (source.items.length === 0) return [...lines, '判定に使う項目はありません。', ''].join('\n');
  lines.push(`| ${HEADERS.join(' | ')} |`, `|${HEADERS.map(() => ' --- ').join('|')}|`);
  for (const item of source.items) lines.push(`| ${cells(item).map(md).join(' | ')} |`);
  return [...lines, ''].join('\n');
}

/**
 * The inventory as a Japanese Markdown document a municipality can publish: per source, each
 * item with its purpose, 法的根拠, 保存期間 and the rules that use it. Only `ja` is written so far.
 *
 * @example writeFileSync('data-inventory.md', renderInventoryMarkdown(buildDataInventory(input), 'ja'));
 */
export function renderInventoryMarkdown(inventory: DataInventory, _lang: 'ja' = 'ja'): string {
  const parts = ['# こどもデータ連携で利用するデータの一覧', '', INTRO, ''];
  for (const source of inventory.sources) parts.push(sourceMarkdown(source));
  return `${parts.join('\n').trimEnd()}\n`;
}

function html(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function sourceHtml(source: InventorySource): string {
  const personal =
    source.personalColumns.length === 0
      ? ''
      : `<p>名寄せのために読み取る個人情報: ${source.personalColumns.map(html).join('、')}</p>`;
  const rows = source.items
    .map(
      (item) =>
        `<tr>${cells(item)
          .map((c) => `<td>${html(c)}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  const table =
    source.items.length === 0
      ? '<p>判定に使う項目はありません。</p>'
      : `<table>\n<thead><tr>${HEADERS.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
  return `<section>\n<h2>${html(source.title.ja)}</h2>\n${personal}\n${table}\n</section>`;
}

const STYLE = `body{font-family:"Noto Sans JP","Hiragino Sans","Yu Gothic",sans-serif;margin:2rem;line-height:1.6;color:#111}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #777;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#eee}section{break-inside:avoid-page}@media print{body{margin:0;font-size:10pt}h2{break-after:avoid}}`;

/**
 * The inventory as a standalone, printable Japanese HTML page (A4-friendly print styles).
 *
 * @example res.type('html').send(renderInventoryHtml(inventory));
 */
export function renderInventoryHtml(inventory: DataInventory): string {
  const body = inventory.sources.map(sourceHtml).join('\n');
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>こどもデータ連携で利用するデータの一覧</title>
<style>${STYLE}</style>
</head>
<body>
<h1>こどもデータ連携で利用するデータの一覧</h1>
<p>${html(INTRO)}</p>
${body}
</body>
</html>
`;
}

/**
 * Hand-curated variant data, applied on top of `variants.generated.ts`. Rules (checked by
 * `variant-table.test.ts`): an identity pair maps a non-常用 character to a 常用 one, never
 * between two 常用; anything looser is a weak pair. Provenance: data/README.md.
 */

/**
 * 旧字体 → 新字体 pairs printed in brackets in the 常用漢字表 (平成22年内閣告示第2号; an official
 * notice, not subject to copyright under 著作権法第13条) that Unihan does not link. Two code
 * points a pair, old form first.
 */
export const kyujitaiPairLines: readonly string[] = [
  '壓圧圍囲醫医壹壱隱隠營営驛駅鹽塩艷艶歐欧毆殴穩穏假仮畫画會会繪絵擴拡殼殻覺覚學学',
  '嶽岳罐缶勸勧關関歡歓觀観歸帰龜亀犧犠舊旧據拠擧挙峽峡挾挟區区驅駆徑径莖茎溪渓經経',
  '螢蛍輕軽繼継缺欠儉倹險険權権獻献效効鑛鉱濟済齋斎劑剤參参棧桟蠶蚕慘惨贊賛殘残絲糸',
  '齒歯辭辞寫写釋釈澁渋肅粛處処證証條条乘乗繩縄壤壌觸触囑嘱圖図醉酔隨随髓髄樞枢數数',
  '聲声竊窃淺浅錢銭潛潜雙双總総增増續続墮堕對対體体臺台擇択澤沢擔担膽胆斷断遲遅癡痴',
  '蟲虫鎭鎮傳伝當当黨党鬭闘獨独讀読屆届貳弐惱悩腦脳霸覇廢廃麥麦蠻蛮濱浜甁瓶竝並餠餅',
  '邊辺辨弁瓣弁辯弁寶宝豐豊襃褒滿満麪麺譯訳豫予餘余譽誉來来亂乱兩両獵猟靈霊齡齢戀恋',
  '爐炉勞労樓楼灣湾發発鐵鉄顏顔册冊',
];

/** Name-specific identity pairs that neither Unihan nor the 常用漢字表 records as such. */
export const curatedNameVariants: readonly { from: string; to: string; note: string }[] = [
  {
    from: '髙',
    to: '高',
    note: 'はしごだか; Unihan links it to 高 only via an English dictionary',
  },
  {
    from: '﨑',
    to: '崎',
    note: 'たつさき (U+FA11); Unihan also relates 埼, which is another 常用',
  },
  { from: '𠮷', to: '吉', note: 'つちよし (U+20BB7); Unihan calls it a spoofing variant' },
  { from: '邉', to: '辺', note: 'a form of 邊 common in 渡邉' },
  { from: '嶌', to: '島', note: 'a form of 嶋' },
  { from: '濵', to: '浜', note: 'a form of 濱' },
  { from: '栁', to: '柳', note: 'a form of 柳 common in 栁田' },
  { from: '槗', to: '橋', note: 'a form of 橋 seen in 高槗' },
  { from: '篭', to: '籠', note: 'the common 略字 of 籠' },
];

/**
 * Generated pairs we refuse (source characters). Empty today: the generator only trusts
 * Japanese evidence; add a source here with a reason when a wrong pair is found.
 */
export const excludedVariantSources: readonly { from: string; reason: string }[] = [];

/**
 * Weak pairs: different characters that records often confuse in names. A weak match (not
 * identity) needs the reading and birth date to agree and is confidence 0.7 at most.
 */
export const weakVariantPairs: readonly { a: string; b: string; note: string }[] = [
  { a: '斎', b: '斉', note: '齋藤/齊藤/斎藤/斉藤 are mixed up; 斎 and 斉 are different 常用' },
  { a: '館', b: '舘', note: '舘 is a 俗字 of 館 but a surname character of its own' },
  { a: '淵', b: '渕', note: '渕 is a 略字 of 淵; both are used in surnames' },
  { a: '槇', b: '槙', note: 'two forms of まき, both 人名用' },
  { a: '檜', b: '桧', note: '桧 is a 略字 of 檜; both are used in surnames' },
];

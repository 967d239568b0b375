/** Synthetic Japanese names: common surnames (with their registered variant forms) and given names. */

/** A name part: kanji, katakana reading and a relative frequency weight. */
export interface NamePart {
  readonly kanji: string;
  readonly kana: string;
  readonly weight: number;
}

/** Parses `kanji:kana:weight` entries separated by white space (keeps the tables compact). */
function parseParts(table: string): readonly NamePart[] {
  return table
    .trim()
    .split(/\s+/)
    .map((entry) => {
      const [kanji = '', kana = '', weight = '1'] = entry.split(':');
      return { kanji, kana, weight: Number(weight) };
    });
}

/** Surnames, incl. registered variant forms (髙橋, 山﨑, 渡邊, 渡邉, 齋藤, 齊藤) beside the plain ones. */
export const surnames = parseParts(`
  佐藤:サトウ:18 鈴木:スズキ:16 高橋:タカハシ:12 髙橋:タカハシ:3 田中:タナカ:12 伊藤:イトウ:10
  渡辺:ワタナベ:8 渡邊:ワタナベ:2 渡邉:ワタナベ:2 渡部:ワタナベ:2 山本:ヤマモト:10 中村:ナカムラ:10
  小林:コバヤシ:10 加藤:カトウ:9 吉田:ヨシダ:9 山田:ヤマダ:9 佐々木:ササキ:8 山口:ヤマグチ:7
  松本:マツモト:7 井上:イノウエ:7 木村:キムラ:7 林:ハヤシ:6 斎藤:サイトウ:4 齋藤:サイトウ:2
  齊藤:サイトウ:1 斉藤:サイトウ:2 清水:シミズ:6 山崎:ヤマザキ:5 山﨑:ヤマザキ:2 森:モリ:5
  池田:イケダ:5 橋本:ハシモト:5 阿部:アベ:5 石川:イシカワ:5 山下:ヤマシタ:5 中島:ナカジマ:4
  石井:イシイ:4 小川:オガワ:4 前田:マエダ:4 岡田:オカダ:4 長谷川:ハセガワ:4 藤田:フジタ:4
  後藤:ゴトウ:4 近藤:コンドウ:4 村上:ムラカミ:4 遠藤:エンドウ:4 青木:アオキ:4 坂本:サカモト:4
  福田:フクダ:3 太田:オオタ:3 西村:ニシムラ:3 藤井:フジイ:3 金子:カネコ:3 岡本:オカモト:3
  藤原:フジワラ:3 中野:ナカノ:3 三浦:ミウラ:3 原田:ハラダ:3 中川:ナカガワ:3 松田:マツダ:3
  竹内:タケウチ:3 小野:オノ:3 田村:タムラ:3 中山:ナカヤマ:3 和田:ワダ:3 石田:イシダ:3
  森田:モリタ:3 上田:ウエダ:3 原:ハラ:3 柴田:シバタ:3 酒井:サカイ:3 工藤:クドウ:3
  横山:ヨコヤマ:3 宮崎:ミヤザキ:3 宮﨑:ミヤザキ:1 宮本:ミヤモト:3 内田:ウチダ:3 高木:タカギ:3
  髙木:タカギ:1 安藤:アンドウ:3 島田:シマダ:2 嶋田:シマダ:1 谷口:タニグチ:2 大野:オオノ:2
  高田:タカダ:2 丸山:マルヤマ:2 今井:イマイ:2 河野:コウノ:2 藤本:フジモト:2 村田:ムラタ:2
  武田:タケダ:2 上野:ウエノ:2 杉山:スギヤマ:2 増田:マスダ:2 小山:コヤマ:2 大塚:オオツカ:2
  平野:ヒラノ:2 菅原:スガワラ:2 久保:クボ:2 松井:マツイ:2 千葉:チバ:2 岩崎:イワサキ:2
  桜井:サクライ:2 木下:キノシタ:2 野口:ノグチ:2 松尾:マツオ:2 菊地:キクチ:2 野村:ノムラ:2
  新井:アライ:2 沢田:サワダ:2 澤田:サワダ:1 浜田:ハマダ:2 濱田:ハマダ:1 吉川:ヨシカワ:2
  大橋:オオハシ:2
`);

/** Given names of children by sex (1 male, 2 female). */
export const childGivenNames: Readonly<Record<1 | 2, readonly NamePart[]>> = {
  1: parseParts(`
  蓮:レン:3 陽翔:ハルト:3 湊:ミナト:3 蒼:アオイ:2 樹:イツキ:2 大翔:ヒロト:2
  悠真:ユウマ:2 朝陽:アサヒ:2 颯真:ソウマ:2 陽太:ヨウタ:2 翔太:ショウタ:2 大和:ヤマト:2
  悠人:ユウト:2 健太:ケンタ:2 拓海:タクミ:2 翼:ツバサ:2 颯:ハヤテ:1 律:リツ:2
  新:アラタ:1 航:ワタル:1 陸:リク:2 大輝:ダイキ:2 優斗:ユウト:2 直樹:ナオキ:1
  和也:カズヤ:1 太一:タイチ:1 結翔:ユイト:2 陽向:ヒナタ:2 隼人:ハヤト:2 奏太:ソウタ:2
  琉生:ルイ:1 海斗:カイト:2 晴:ハル:1 誠:マコト:1 亮:リョウ:1 駿:シュン:1
  光:ヒカル:1 悠斗:ハルト:2 蒼空:ソラ:2 碧:アオ:1 智也:トモヤ:1 康太:コウタ:1
  俊介:シュンスケ:1 瑛太:エイタ:1 涼:リョウ:1 一翔:カズト:1 壮真:ソウマ:1 遼:リョウ:1
  暖:ダン:1 玲央:レオ:1
`),
  2: parseParts(`
  陽葵:ヒマリ:3 凛:リン:3 詩:ウタ:2 結菜:ユイナ:2 芽依:メイ:2 葵:アオイ:2
  紬:ツムギ:2 結愛:ユア:2 杏:アン:2 莉子:リコ:2 美桜:ミオ:2 結衣:ユイ:2
  咲良:サクラ:2 陽菜:ヒナ:2 澪:ミオ:2 心春:コハル:2 花:ハナ:1 美咲:ミサキ:1
  彩花:アヤカ:1 七海:ナナミ:1 愛:アイ:1 真央:マオ:1 優奈:ユウナ:1 遥:ハルカ:1
  千尋:チヒロ:1 楓:カエデ:2 琴音:コトネ:1 和奏:ワカナ:1 彩乃:アヤノ:1 奈々:ナナ:1
  萌:モエ:1 菜々子:ナナコ:1 由依:ユイ:1 麻衣:マイ:1 日和:ヒヨリ:1 芽生:メイ:1
  結月:ユヅキ:2 優花:ユウカ:1 美月:ミヅキ:1 紗希:サキ:1 ひなた:ヒナタ:1 さくら:サクラ:1
  杏奈:アンナ:1 美羽:ミウ:1 心結:ミユ:1 一華:イチカ:1 柚希:ユズキ:1 穂乃果:ホノカ:1
  茉莉:マリ:1 朱里:アカリ:1
`),
};

/** Given names of parents and grandparents by sex. */
export const adultGivenNames: Readonly<Record<1 | 2, readonly NamePart[]>> = {
  1: parseParts(`
  健一:ケンイチ:1 誠:マコト:1 大輔:ダイスケ:1 直樹:ナオキ:1 浩二:コウジ:1 隆:タカシ:1
  剛:ツヨシ:1 哲也:テツヤ:1 和彦:カズヒコ:1 智之:トモユキ:1 雅人:マサト:1 秀樹:ヒデキ:1
  修:オサム:1 博:ヒロシ:1 拓也:タクヤ:1 勇気:ユウキ:1 健太郎:ケンタロウ:1 翔:ショウ:1
  正雄:マサオ:1 茂:シゲル:1
`),
  2: parseParts(`
  恵子:ケイコ:1 裕子:ユウコ:1 直美:ナオミ:1 美穂:ミホ:1 智子:トモコ:1 真由美:マユミ:1
  久美子:クミコ:1 麻美:アサミ:1 絵美:エミ:1 由美:ユミ:1 香織:カオリ:1 愛:アイ:1
  彩:アヤ:1 舞:マイ:1 恵:メグミ:1 沙織:サオリ:1 明美:アケミ:1 幸子:サチコ:1
  和子:カズコ:1 陽子:ヨウコ:1
`),
};

/** Variant kanji a non-roster office may write in place of the registered one (and back). */
const variantSwaps: Readonly<Record<string, string>> = {
  髙: '高',
  高: '髙',
  﨑: '崎',
  崎: '﨑',
  邊: '辺',
  邉: '辺',
  辺: '邊',
  齋: '斎',
  斎: '齋',
  澤: '沢',
  沢: '澤',
  濱: '浜',
  浜: '濱',
  嶋: '島',
  島: '嶋',
};

/** Swaps every swappable variant kanji (髙↔高, 﨑↔崎, 邊↔辺 …); never touches 齊 (斉 is not the same). */
export function swapVariants(name: string): string {
  return [...name].map((c) => variantSwaps[c] ?? c).join('');
}

/** True when the name has a kanji another office might write in its variant form. */
export function hasVariant(name: string): boolean {
  return [...name].some((c) => c in variantSwaps);
}

import type { ContextField, IdentityField } from '../mapping-schema';

/** Japanese header words that suggest an identity field; values still decide. */
export const identityHints: Readonly<Record<IdentityField, RegExp>> = {
  residentNumber: /宛名番号|宛名コード|個人番号|住民番号|住民コード|宛名no/i,
  householdNumber: /世帯番号|世帯コード|世帯no/i,
  name: /氏名|名前|児童名|姓名|なまえ|お名前/,
  kana: /フリガナ|ふりがな|ﾌﾘｶﾞﾅ|カナ|かな|ｶﾅ|よみ|ヨミ|読み/,
  birthDate: /生年月日|誕生日|生年/,
  sex: /性別|男女/,
  relation: /続柄/,
  address: /住所|所在地|居所/,
  dvSupport: /支援措置|DV/i,
};

/** Header words that suggest a context field. */
export const contextHints: Readonly<Record<ContextField, RegExp>> = {
  school: /学校/,
  grade: /学年/,
  nursery: /園/,
};

/** Header words for counts and measures: whole numbers stay numbers. */
export const COUNT_HINT =
  /数|日数|回数|件数|人員|人数|得点|点|比|率|月数|パーセンタイル|年齢|歳|時間|額|円|身長|体重|週/;
/** Header words for categories: small whole numbers are codes. */
export const CODE_HINT = /区分|種別|種類|結果|コード|状態|判定|支給|援助|手当|等級|分類|ランク/;

/** A unit suggested by the header (日数 → 日), for the fact declaration. */
export function unitFromHeader(header: string): string | undefined {
  const units: [RegExp, string][] = [
    [/月数/, 'か月'],
    [/日数/, '日'],
    [/回数/, '回'],
    [/件数/, '件'],
    [/人員|人数/, '人'],
    [/得点|点数/, '点'],
    [/年齢|歳/, '歳'],
    [/金額|額|円/, '円'],
    [/パーセンタイル/, 'パーセンタイル'],
  ];
  return units.find(([pattern]) => pattern.test(header))?.[1];
}

/** Header words of yes/no flags: an empty sample column with one becomes a proposed flag. */
export const FLAG_HINT = /登録|有無|受給|該当|被害|滞納|措置|利用|参加|対象/;

/**
 * Japanese messages of the personal-data panel (family center only): the button that reads a
 * child's name, birth date, address and resident numbers, the audit notice, and the field names.
 */
export const jaPersonal = {
  'personal.title': '個人情報',
  'personal.show': '個人情報を表示',
  'personal.hide': '非表示にする',
  'personal.loading': '読み込み中…',
  'personal.intro':
    '氏名・住所などの個人情報は、必要なときだけ表示してください。表示するたびに監査ログに記録されます。',
  'personal.audited': 'この表示は監査ログに記録されました。',
  'personal.name': '氏名',
  'personal.kana': 'フリガナ',
  'personal.birthDate': '生年月日',
  'personal.sex': '性別',
  'personal.address': '住所',
  'personal.addressHidden': '住所は支援措置により非表示',
  'personal.residentNumber': '宛名番号',
  'personal.householdNumber': '世帯番号',
} as const;

/**
 * Japanese messages of the rule editor's safeguards and error places: leaving or deleting with
 * unsaved work, where a validation error is (rule and field), test-case differences in words,
 * and the fact catalogue's units (`unit.*`, keyed by the unit as the catalogue writes it).
 */
export const jaEditor = {
  'editor.confirmLeave':
    '保存していない変更があります。このページを離れると、変更は失われます。移動しますか？',
  'editor.confirmRemove':
    'ルール「{rule}」を削除しますか？削除は下書きを保存したときに確定します。',
  'editor.saveAndPreview': '保存して影響をプレビュー',
  'editor.saveAndPreviewHint': '未保存の変更を下書きに保存してから、プレビューを開きます。',
  'editor.nameEnMissing':
    '英語のルール名も入力してください（ルール名は日本語と英語の両方が必要です）。',
  'editor.nameJaMissing':
    '日本語のルール名も入力してください（ルール名は日本語と英語の両方が必要です）。',
  'editor.pointsRequired': '点数を入力してください。空欄のままでは、前の点数（{n}点）のままです。',

  'editor.errorInRuleField': 'ルール「{rule}」の{field}',
  'editor.errorInThreshold': '閾値（{type}・{level}）',
  'editor.errorInType': '困難の種類「{type}」',
  'editor.field.name': 'ルール名',
  'editor.field.nameEn': 'ルール名（英語）',
  'editor.field.id': 'ルールID',
  'editor.field.enabled': '使用の有無',
  'editor.field.priority': '優先度',
  'editor.field.type': '困難の種類',
  'editor.field.points': '加算する点数',
  'editor.field.explanation': '説明文',
  'editor.field.explanationEn': '説明文（英語）',
  'editor.field.rationale': '根拠',
  'editor.field.reference': '参考文献・資料',
  'editor.field.event': '該当したときの設定',
  'editor.field.conditions': '条件',
  'editor.field.condition': '条件{n}',
  'editor.field.conditionPart': '条件{n}の{part}',
  'editor.field.fact': '項目',
  'editor.field.operator': '比較',
  'editor.field.value': '値',

  'publish.diff.ruleNotFired': 'ルール「{rule}」が該当するはずでしたが、該当しませんでした。',
  'publish.diff.ruleFired': 'ルール「{rule}」は該当しないはずでしたが、該当しました。',
  'publish.diff.unknownType': '困難の種類「{type}」はこのルールセットにありません。',
  'publish.diff.level':
    '{type}: 期待した段階は「{expected}」でしたが、結果は「{actual}」（{points}点）でした。',
  'publish.diff.noLevel': 'なし',

  'unit.回': '回',
  'unit.日': '日',
  'unit.日/月': '日/月',
  'unit.件': '件',
  'unit.点': '点',
  'unit.人': '人',
  'unit.か月': 'か月',
  'unit.月': '月',
  'unit.種': '種',
  'unit.項目': '項目',
  'unit.パーセンタイル': 'パーセンタイル',
  'unit.要介護度': '要介護度',
} as const;

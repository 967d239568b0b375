/**
 * Japanese messages of the linkage review page beyond the basic ones in `ja`: the record's and
 * the candidates' identity fields, paging, confirmations, the list of decisions and its undo.
 */
export const jaLinkage = {
  'linkage.personalNotice':
    'この画面には氏名・生年月日などの個人情報が表示されます。表示するたびに監査ログに記録されます。',
  'linkage.fileLine': '{file}　{line}行目',
  'linkage.field': '項目',
  'linkage.thisRecord': 'この記録',
  'linkage.candidate': '候補',
  'linkage.name': '氏名',
  'linkage.kana': 'フリガナ',
  'linkage.birthDate': '生年月日',
  'linkage.sex': '性別',
  'linkage.sex.1': '男',
  'linkage.sex.2': '女',
  'linkage.unknown': '―',
  'linkage.noPerson': '名簿の個人情報がありません',
  'linkage.page': '{from}～{to}件目（全{total}件）',
  'linkage.prev': '前のページ',
  'linkage.next': '次のページ',
  'linkage.confirmNew':
    '{record}を「該当者なし（新規）」とします。住民名簿に載った時点で自動的に名寄せされます。よろしいですか。',
  'linkage.confirmReject':
    '{record}を除外します。以後の取込でも、この人の記録は名寄せされません（下の「最近の判断」から取り消せます）。よろしいですか。',
  'linkage.confirmUndo':
    'この判断を取り消しますか。対象の記録は自動の名寄せに戻り、決まらないものは確認待ちに戻ります。',
  'linkage.decisions.title': '最近の判断',
  'linkage.decisions.intro':
    '職員が行った判断です。誤りがあれば取り消すと、記録は名寄せし直されます。',
  'linkage.decisions.empty': '判断はまだありません。',
  'linkage.decisions.decision': '判断',
  'linkage.decisions.record': '記録',
  'linkage.decisions.when': '日時',
  'linkage.decisions.by': '判断した職員',
  'linkage.decisions.records': '対象{n}件',
  'linkage.decisions.noRecord': '記録は保存されていません',
  'linkage.decision.match': '同一と判断（{child}）',
  'linkage.decision.new': '該当者なし（新規）',
  'linkage.decision.reject': '除外',
  'linkage.undo': '取り消す',
  'linkage.undone': '判断を取り消しました。記録を名寄せし直しました。',
  'linkage.code.new-person': '該当者なし（新規）と判断済み',
  'error.code.on_roster':
    'この人は住民名簿に載っています。候補の子どもと同一とするか、除外してください。',
  'audit.action.linkage.review.read': '名寄せ確認の閲覧',
  'audit.action.linkage.decisions.read': '名寄せの判断一覧の閲覧',
  'audit.action.linkage.undo': '名寄せの判断の取り消し',
} as const;

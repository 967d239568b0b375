/**
 * Japanese messages for codes the API sends: problem codes (`error.code.*`) and linkage
 * statuses, methods and reasons (`linkage.code.*`). Approval codes live in `ja-approval`.
 * Also the few templates whose punctuation differs by language (full-width in Japanese).
 */
export const jaCodes = {
  'error.unexpected': '問題が発生しました。時間をおいて再度お試しください。',
  'error.code.bad_request': 'リクエストの内容に誤りがあります。',
  'error.code.bad_path': 'URLに誤りがあります。',
  'error.code.invalid_json': '送信した内容を読み取れませんでした。',
  'error.code.validation_failed': '入力内容に誤りがあります。確認してください。',
  'error.code.school_required': '学校を選んでください。',
  'error.code.unauthenticated': 'ログインしてください。',
  'error.code.invalid_credentials': 'ユーザー名またはパスワードが違います。',
  'error.code.forbidden': 'この操作を行う権限がありません。',
  'error.code.csrf': '画面の有効期限が切れました。画面を更新してからやり直してください。',
  'error.code.access_undeclared': 'この操作は許可されていません。',
  'error.code.approval_same_person':
    'ご自身が依頼した公開は承認できません。別の職員に承認してもらってください。',
  'error.code.approval_not_pending': '承認待ちの依頼はありません。画面を更新してください。',
  'error.code.approval_stale': '依頼のあとで下書きが変更されました。依頼し直してください。',
  'error.code.not_found': '対象が見つかりません。削除された可能性があります。',
  'error.code.unknown_child': '該当する子どもが見つかりません。',
  'error.code.unknown_connector': 'そのデータ元は登録されていません。',
  'error.code.method_not_allowed': 'この操作はできません。',
  'error.code.duplicate': '同じものがすでに登録されています。',
  'error.code.not_draft': '公開済みの版は変更できません。新しい下書きを作成してください。',
  'error.code.invalid_state': '現在の状態ではこの操作はできません。画面を更新してください。',
  'error.code.no_published_rule_set': '公開中のルールセットがありません。',
  'error.code.self_lockout': 'ご自身を無効にしたり、管理者の権限を外したりすることはできません。',
  'error.code.not_flagged': 'この子どもは、この判定で対象になっていません。',
  'error.code.same_person': '判定の変更は、別の職員が確認します。',
  'error.code.already_reviewed': 'この変更はすでに確認済みです。',
  'error.code.stale_sheet':
    'このシートは、画面を開いたあとに他の職員が更新しました。画面を更新して内容を確認してから、もう一度入力してください。',
  'error.code.stale_case':
    'このケースは、画面を開いたあとに他の職員が決定を記録しました。画面を更新して状況を確認してください。',
  'error.code.purged': '保存期間が過ぎて個人情報を削除したシートのため、記録や共有はできません。',
  'error.code.sheet_not_shared':
    'このシートはまだ学校に共有されていません。共有してから記録してください。',
  'error.code.unknown_school': 'その学校・園のコードは見つかりません。確認してください。',
  'error.code.payload_too_large': 'ファイルが大きすぎます。',
  'error.code.unsupported_media_type': 'この形式のファイルは扱えません。',
  'error.code.invalid_rule_set': 'ルールセットに問題があります。内容を確認してください。',
  'error.code.undeclared_purpose': '利用目的・法的根拠・保存期間が登録されていない項目があります。',
  'error.code.tests_failed': 'テストケースに失敗があるため公開できません。',
  'error.code.not_in_rule_set': 'その種別またはレベルは、このルールセットにありません。',
  'error.code.invalid_cron': '実行日時の指定を読み取れません。',
  'error.code.not_encodable':
    'Shift_JISで表せない文字があります。UTF-8またはExcel形式を選んでください。',
  'error.code.bad_sample': 'サンプルファイルを読み取れませんでした。',
  'error.code.invalid_mapping': '項目の対応づけに問題があります。',
  'error.code.weak_password':
    'パスワードが弱すぎます。より長く、推測されにくいものにしてください。',
  'error.code.rate_limited': '操作が多すぎます。しばらく待ってから再度お試しください。',
  'error.code.login_locked':
    'ログインの失敗が続いたため、一時的にログインできません。しばらく待ってから再度お試しください。',
  'error.code.login_rate_limited':
    'ログインの失敗が続いたため、一時的にログインできません。しばらく待ってから再度お試しください。',
  'error.code.internal': 'サーバーで問題が発生しました。時間をおいて再度お試しください。',

  'linkage.code.linked': '名寄せ済み',
  'linkage.code.ambiguous': '候補が複数',
  'linkage.code.unmatched': '該当者なし',
  'linkage.code.rejected': '除外',
  'linkage.code.resident-number': '住民番号が一致',
  'linkage.code.name-birth': '氏名と生年月日が一致',
  'linkage.code.name-birth-kana': '氏名・生年月日・カナが一致',
  'linkage.code.weak-name-birth': '氏名（表記ゆれあり）と生年月日が一致',
  'linkage.code.kana-birth': 'カナと生年月日が一致',
  'linkage.code.manual': '職員が判断',
  'linkage.code.roster': '住民名簿',
  'linkage.code.no-candidate': '候補が見つからない',
  'linkage.code.bad-resident-number': '住民番号が正しくない',
  'linkage.code.conflict': '住民番号と名簿の内容が食い違う',
  'linkage.separator': '／',

  'linkage.atLine': '（{label} {line}）',
  'sheet.overrideDetail': '（{direction}・{reason}）',
  'app.userRole': '{user}（{role}）',
  'app.userRoleSchool': '{user}（{role}・{school}）',
} as const;

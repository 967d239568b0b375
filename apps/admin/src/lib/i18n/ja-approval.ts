/** Japanese messages of second-person approval of rule-set publishing, merged into `ja`. */
export const jaApproval = {
  'approval.setting': '公開時の承認',
  'approval.toggle': '公開には別の職員の承認を必要とする',
  'approval.required': '承認が必要',
  'approval.notRequired': '承認は不要',
  'approval.savedOn': '「{title}」は、公開に別の職員の承認が必要になりました。',
  'approval.savedOff': '「{title}」は、承認なしで公開できるようになりました。',
  'approval.pendingBadge': '承認待ち',
  'approval.rejectedBadge': '差し戻し',
  'approval.intro':
    'このルールセットは、公開に別の職員の承認が必要です。変更内容のメモを添えて承認を依頼してください。承認されると新しい版として公開されます。',
  'approval.request': '承認を依頼する',
  'approval.requested': '承認を依頼しました。別の職員が承認すると公開されます。',
  'approval.pendingTitle': '承認待ちの依頼',
  'approval.requestedBy': '依頼者',
  'approval.requestedAt': '依頼日時',
  'approval.what': '内容',
  'approval.kind.publish': '下書きの公開',
  'approval.kind.rollback': '第{version}版の内容に戻す',
  'approval.showDiff': '公開中の版との違いを表示',
  'approval.hideDiff': '違いを閉じる',
  'approval.approve': '承認して公開する',
  'approval.approved': '承認し、第{version}版として公開しました。',
  'approval.ownRequest':
    'ご自身が依頼した公開は、承認も差し戻しもできません。別の職員が内容を確認して承認します。',
  'approval.rejectReason': '差し戻しの理由（依頼者に表示されます）',
  'approval.reject': '差し戻す',
  'approval.rejectedDone': '差し戻しました。依頼者に理由が表示されます。',
  'approval.rejected': '{name}さんが{at}に差し戻しました。理由: {reason}',
  'approval.noteRequired': '変更内容のメモを入力してください。',
  'approval.reasonRequired': '差し戻しの理由を入力してください。',
  'approval.status': '承認待ち（{name}さんが{at}に依頼）。下書きを保存すると依頼は取り消されます。',
  'approval.someone': '（不明な利用者）',

  'history.approvedBy': '承認者',
  'history.requestRollback': '戻す承認を依頼する',
  'history.rollbackRequested':
    '第{from}版に戻す承認を依頼しました。別の職員が承認すると新しい版として公開されます。',
  'history.rollbackNeedsApproval':
    'このルールセットは公開に別の職員の承認が必要です。戻す場合も承認を依頼します。',
  'history.openRequest': '確認する',

  'publish.error.approval_required':
    'このルールセットの公開には別の職員の承認が必要です。「承認を依頼する」から依頼してください。',
  'publish.error.approval_same_person':
    'ご自身が依頼した公開は承認できません。別の職員に承認してもらってください。',
  'publish.error.approval_pending': 'この下書きはすでに承認待ちです。',
  'publish.error.approval_not_pending':
    'この下書きに承認待ちの依頼はありません（取り消されたか、すでに処理されています）。画面を更新してください。',
  'publish.error.approval_stale':
    '依頼のあとで下書きが変更されたため承認できません。依頼し直してください。',
  'error.code.approval_required':
    'このルールセットの公開には別の職員の承認が必要です。承認を依頼してください。',
  'error.code.approval_pending': 'すでに承認待ちの依頼があります。',
} as const;

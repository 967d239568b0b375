/** English messages of second-person approval of rule-set publishing (keys of `jaApproval`). */
import type { jaApproval } from './ja-approval';

export const enApproval: Record<keyof typeof jaApproval, string> = {
  'approval.setting': 'Approval to publish',
  'approval.toggle': "Require a second person's approval to publish",
  'approval.required': 'Approval required',
  'approval.notRequired': 'No approval needed',
  'approval.savedOn': '“{title}” now needs a second person’s approval to publish.',
  'approval.savedOff': '“{title}” can now be published without approval.',
  'approval.pendingBadge': 'Awaiting approval',
  'approval.rejectedBadge': 'Returned',
  'approval.intro':
    'Publishing this rule set needs a second person’s approval. Request approval with a change note; once approved, it is published as a new version.',
  'approval.request': 'Request approval',
  'approval.requested': 'Approval requested. It is published once another person approves it.',
  'approval.pendingTitle': 'Awaiting approval',
  'approval.requestedBy': 'Requested by',
  'approval.requestedAt': 'Requested at',
  'approval.what': 'Change',
  'approval.kind.publish': 'Publish the draft',
  'approval.kind.rollback': 'Go back to version {version}',
  'approval.showDiff': 'Show changes from the published version',
  'approval.hideDiff': 'Hide changes',
  'approval.approve': 'Approve and publish',
  'approval.approved': 'Approved and published as version {version}.',
  'approval.ownRequest':
    'You requested this publish, so you can neither approve nor return it. Another person reviews and approves it.',
  'approval.rejectReason': 'Reason for returning it (shown to the requester)',
  'approval.reject': 'Return to the requester',
  'approval.rejectedDone': 'Returned. The requester sees your reason.',
  'approval.rejected': '{name} returned this on {at}. Reason: {reason}',
  'approval.noteRequired': 'Enter a change note.',
  'approval.reasonRequired': 'Enter why you return it.',
  'approval.status':
    'Awaiting approval (requested by {name} on {at}). Saving the draft withdraws the request.',
  'approval.someone': '(unknown user)',

  'history.approvedBy': 'Approved by',
  'history.requestRollback': 'Request approval to go back',
  'history.rollbackRequested':
    'Approval to go back to version {from} requested. It is published as a new version once another person approves it.',
  'history.rollbackNeedsApproval':
    'Publishing this rule set needs a second person’s approval; going back does too.',
  'history.openRequest': 'Review',

  'publish.error.approval_required':
    'Publishing this rule set needs a second person’s approval: use “Request approval”.',
  'publish.error.approval_same_person':
    'You requested this publish, so you cannot approve it. Ask another person to approve it.',
  'publish.error.approval_pending': 'This draft already awaits approval.',
  'publish.error.approval_not_pending':
    'This draft has no pending approval request (it was withdrawn or already decided). Reload the page.',
  'publish.error.approval_stale':
    'The draft changed after approval was requested, so it cannot be approved. Request approval again.',
  'error.code.approval_required':
    'Publishing this rule set needs a second person’s approval: request approval.',
  'error.code.approval_pending': 'An approval request is already pending.',
};

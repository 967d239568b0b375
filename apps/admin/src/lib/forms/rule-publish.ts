/**
 * The publish tab's forms: the change note a version is published (or approval is requested)
 * with, and the reason an approver gives when returning a request.
 */
import { z } from 'zod';
import type { MessageKey } from '../i18n/ja';
import { formMessages } from './fields';

function text(required: MessageKey) {
  return z.string().trim().min(1, required).max(2000, formMessages.tooLong);
}

/** 変更内容のメモ: what changed and why (kept in the version history). */
export const publishNoteSchema = z.object({ note: text('approval.noteRequired') });
export type PublishNoteForm = z.infer<typeof publishNoteSchema>;

/** 差し戻しの理由: the requester reads it beside the draft. */
export const rejectReasonSchema = z.object({ reason: text('approval.reasonRequired') });
export type RejectReasonForm = z.infer<typeof rejectReasonSchema>;

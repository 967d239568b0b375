/**
 * Schemas of the casework forms (decision, case meeting, review notes, sharing, override,
 * teacher's observation) and how a valid form becomes the API body.
 */
import { z } from 'zod';
import {
  agencies,
  caseStatuses,
  overrideReasonCodes,
  type DecisionInput,
  type MeetingInput,
  type ObservationInput,
  type OverrideInput,
  type SheetNotesPatch,
} from '../api-types';
import type { MessageKey } from '../i18n/ja';
import { choice, day, formMessages, optionalDay, optionalText, requiredText } from './fields';

/** 決定: the status it leaves the case in, why, and for a referral the agency. */
export const decisionSchema = z
  .object({
    status: choice(caseStatuses),
    reason: requiredText(2000),
    decidedOn: day,
    agency: choice(agencies),
    agencyNote: optionalText(200),
  })
  .refine(
    function otherAgencyIsNamed(value) {
      return !(value.status === 'referred' && value.agency === 'other' && value.agencyNote === '');
    },
    {
      path: ['agencyNote'],
      message: formMessages.required,
      // Checked even while another field is wrong, so every problem shows on the first submit.
      when: (payload) => typeof payload.value === 'object',
    },
  );
export type DecisionForm = z.infer<typeof decisionSchema>;

/** The agency (and its name) go only with a referral. */
export function decisionInput(form: DecisionForm): DecisionInput {
  const referred = form.status === 'referred';
  return {
    status: form.status,
    reason: form.reason,
    decidedOn: form.decidedOn,
    ...(referred ? { agency: form.agency } : {}),
    ...(referred && form.agency === 'other' ? { agencyNote: form.agencyNote } : {}),
  };
}

/** Attendees are typed in one field, separated by 、 or commas. */
export function attendeeNames(attendees: string): string[] {
  return attendees
    .split(/[、,，]/)
    .map((name) => name.trim())
    .filter(Boolean);
}

/** ケース会議: when, who, what was discussed, what happens next. */
export const meetingSchema = z.object({
  heldOn: day,
  nextReviewOn: optionalDay,
  attendees: z
    .string()
    .refine((value) => attendeeNames(value).length > 0, formMessages.required)
    .refine(
      (value) => attendeeNames(value).length <= 30,
      'meeting.tooManyAttendees' satisfies MessageKey,
    )
    .refine((value) => attendeeNames(value).every((name) => name.length <= 100), {
      message: formMessages.tooLong,
    }),
  summary: requiredText(4000),
  actions: optionalText(4000),
});
export type MeetingForm = z.infer<typeof meetingSchema>;

export function meetingInput(form: MeetingForm): MeetingInput {
  return {
    heldOn: form.heldOn,
    attendees: attendeeNames(form.attendees),
    summary: form.summary,
    actions: form.actions,
    nextReviewOn: form.nextReviewOn || null,
  };
}

const note = optionalText(4000, { trim: false });

/** 検討会議の記録: one free text per reviewing role, a summary and the meeting day. */
export const notesSchema = z.object({
  meetingDate: optionalDay,
  educationBoard: note,
  principal: note,
  schoolNurse: note,
  schoolSocialWorker: note,
  summary: note,
});
export type NotesForm = z.infer<typeof notesSchema>;

export function notesInput(form: NotesForm): SheetNotesPatch {
  return { ...form, meetingDate: form.meetingDate || null };
}

/** Sharing a sheet: the school (empty: the API uses the child's own school). */
export const shareSchema = z.object({ school: optionalText(32) });

/** Levels per difficulty type, lowest first, as the run's rule set defines them. */
export type LevelsByType = Readonly<Record<string, readonly { id: string }[]>>;

/**
 * The levels an override of `type` can set: `''` (takes the child out of every level), then the
 * type's levels in the rule set's order. The API refuses any other level (`not_in_rule_set`).
 * @example overrideLevels({ poverty: [{ id: 'watch' }, { id: 'support' }] }, 'poverty') // ['', 'watch', 'support']
 */
export function overrideLevels(levels: LevelsByType, type: string): string[] {
  const defined = Object.hasOwn(levels, type) ? levels[type] : undefined;
  return ['', ...(defined ?? []).map((level) => level.id)];
}

/** `toLevel` while it is a level of `type`; otherwise the type's lowest level (or `''`). */
export function keptLevel(levels: LevelsByType, type: string, toLevel: string): string {
  const offered = overrideLevels(levels, type);
  return offered.includes(toLevel) ? toLevel : (offered[1] ?? '');
}

/** 段階の変更: which type, to which of the levels the run's rule set defines for it, why. */
export function overrideSchema(levels: LevelsByType) {
  return z
    .object({
      type: requiredText(32),
      toLevel: z.string(),
      reasonCode: choice(overrideReasonCodes),
      note: requiredText(2000),
    })
    .refine(
      function levelOfType(value) {
        return overrideLevels(levels, value.type).includes(value.toLevel);
      },
      {
        path: ['toLevel'],
        message: formMessages.choose,
        // Checked even while another field is wrong, so every problem shows on the first submit.
        when: (payload) => typeof payload.value === 'object',
      },
    );
}
export type OverrideForm = z.infer<ReturnType<typeof overrideSchema>>;

/** The override of the child of `sheet` in the sheet's run. */
export function overrideInput(
  form: OverrideForm,
  sheet: { runId: string; childId: string },
): OverrideInput {
  return {
    runId: sheet.runId,
    childId: sheet.childId,
    type: form.type,
    toLevel: form.toLevel === '' ? null : form.toLevel,
    reasonCode: form.reasonCode,
    note: form.note,
  };
}

/** A teacher's report after 声掛け・見守り. */
export const observationSchema = z.object({
  observedOn: optionalDay,
  text: requiredText(4000),
  supportNeeded: z.boolean(),
});
export type ObservationForm = z.infer<typeof observationSchema>;

export function observationInput(form: ObservationForm): ObservationInput {
  return {
    text: form.text,
    supportNeeded: form.supportNeeded,
    ...(form.observedOn ? { observedOn: form.observedOn } : {}),
  };
}

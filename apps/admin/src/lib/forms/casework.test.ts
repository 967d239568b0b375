import { describe, expect, it } from 'vitest';
import {
  attendeeNames,
  decisionInput,
  decisionSchema,
  keptLevel,
  meetingInput,
  meetingSchema,
  notesInput,
  notesSchema,
  observationInput,
  observationSchema,
  overrideInput,
  overrideLevels,
  overrideSchema,
  shareSchema,
} from './casework';
import { issuesOf } from './test-issues';

const decision = {
  status: 'watch',
  reason: ' 見守りを続ける ',
  decidedOn: '2025-04-10',
  agency: 'child_family_support_center',
  agencyNote: '',
} as const;

describe('decision form', () => {
  it('sends a trimmed reason and no agency unless it is a referral', () => {
    const form = decisionSchema.parse(decision);
    expect(decisionInput(form)).toEqual({
      status: 'watch',
      reason: '見守りを続ける',
      decidedOn: '2025-04-10',
    });
    const referral = decisionSchema.parse({ ...decision, status: 'referred' });
    expect(decisionInput(referral).agency).toBe('child_family_support_center');
    expect(decisionInput(referral)).not.toHaveProperty('agencyNote');
  });

  it('needs a reason, a day, a known status, and the name of an "other" agency', () => {
    expect(
      issuesOf(decisionSchema, {
        ...decision,
        status: 'referred',
        agency: 'other',
        reason: '   ',
        decidedOn: '',
      }),
    ).toEqual({ reason: 'form.required', decidedOn: 'form.date', agencyNote: 'form.required' });
    expect(issuesOf(decisionSchema, { ...decision, status: 'forgotten' })).toEqual({
      status: 'form.choose',
    });
    expect(issuesOf(decisionSchema, { ...decision, reason: 'x'.repeat(2001) })).toEqual({
      reason: 'form.tooLong',
    });
  });

  it('names the other agency only for a referral', () => {
    expect(issuesOf(decisionSchema, { ...decision, agency: 'other' })).toEqual({});
    const named = decisionSchema.parse({
      ...decision,
      status: 'referred',
      agency: 'other',
      agencyNote: ' NPO ',
    });
    expect(decisionInput(named)).toMatchObject({ agency: 'other', agencyNote: 'NPO' });
  });
});

const meeting = {
  heldOn: '2025-05-01',
  nextReviewOn: '',
  attendees: '校長、 養護教諭,SSW，',
  summary: ' 家庭訪問の要否 ',
  actions: '',
};

describe('case meeting form', () => {
  it('splits attendees on 、 and commas', () => {
    expect(attendeeNames('校長、 養護教諭,SSW，, ')).toEqual(['校長', '養護教諭', 'SSW']);
  });

  it('sends the names, the trimmed summary and no next review when none is set', () => {
    expect(meetingInput(meetingSchema.parse(meeting))).toEqual({
      heldOn: '2025-05-01',
      attendees: ['校長', '養護教諭', 'SSW'],
      summary: '家庭訪問の要否',
      actions: '',
      nextReviewOn: null,
    });
    const next = meetingSchema.parse({ ...meeting, nextReviewOn: '2025-06-01' });
    expect(meetingInput(next).nextReviewOn).toBe('2025-06-01');
  });

  it('needs attendees and a summary, and valid days', () => {
    expect(
      issuesOf(meetingSchema, {
        ...meeting,
        attendees: ' 、, ',
        summary: '',
        heldOn: '2025-02-30',
        nextReviewOn: 'soon',
      }),
    ).toEqual({
      attendees: 'form.required',
      summary: 'form.required',
      heldOn: 'form.date',
      nextReviewOn: 'form.date',
    });
  });

  it('keeps to the limits of the API', () => {
    const many = Array.from({ length: 31 }, (_, i) => `出席者${i}`).join('、');
    expect(issuesOf(meetingSchema, { ...meeting, attendees: many })).toEqual({
      attendees: 'meeting.tooManyAttendees',
    });
    expect(issuesOf(meetingSchema, { ...meeting, attendees: 'x'.repeat(101) })).toEqual({
      attendees: 'form.tooLong',
    });
  });
});

describe('review notes and sharing', () => {
  const notes = {
    meetingDate: '',
    educationBoard: ' 就学援助 ',
    principal: '',
    schoolNurse: '',
    schoolSocialWorker: '',
    summary: '',
  };

  it('keeps the notes as written and sends no meeting date as null', () => {
    expect(notesInput(notesSchema.parse(notes))).toEqual({ ...notes, meetingDate: null });
    expect(notesInput(notesSchema.parse({ ...notes, meetingDate: '2025-04-20' })).meetingDate).toBe(
      '2025-04-20',
    );
  });

  it('refuses notes longer than the API keeps and a malformed date', () => {
    expect(
      issuesOf(notesSchema, { ...notes, principal: 'x'.repeat(4001), meetingDate: '20/04/2025' }),
    ).toEqual({ principal: 'form.tooLong', meetingDate: 'form.date' });
  });

  it('shares with a trimmed school name of at most 32 characters, or the default', () => {
    expect(shareSchema.parse({ school: ' 第一小学校 ' })).toEqual({ school: '第一小学校' });
    expect(shareSchema.parse({ school: '' })).toEqual({ school: '' });
    expect(issuesOf(shareSchema, { school: 'x'.repeat(33) })).toEqual({ school: 'form.tooLong' });
  });
});

describe('override form', () => {
  // As the demo rule set defines them: 見守り and 要支援 for each type, lowest first.
  const levels = {
    poverty: [{ id: 'watch' }, { id: 'support' }],
    abuse: [{ id: 'watch' }],
  };
  const schema = overrideSchema(levels);
  const override = {
    type: 'poverty',
    toLevel: '',
    reasonCode: 'family_context',
    note: ' 親族の支援あり ',
  } as const;
  const sheet = { runId: 'run-1', childId: 'C-0001' };

  it('offers "no level", then the levels the rule set defines for the type, in its order', () => {
    expect(overrideLevels(levels, 'poverty')).toEqual(['', 'watch', 'support']);
    expect(overrideLevels(levels, 'abuse')).toEqual(['', 'watch']);
    expect(overrideLevels(levels, 'made_up')).toEqual(['']);
    expect(overrideLevels(levels, 'constructor')).toEqual(['']);
  });

  it('keeps the chosen level while the type has it, else the type’s lowest', () => {
    expect(keptLevel(levels, 'abuse', 'watch')).toBe('watch');
    expect(keptLevel(levels, 'abuse', '')).toBe('');
    expect(keptLevel(levels, 'abuse', 'support')).toBe('watch');
    expect(keptLevel(levels, 'made_up', 'watch')).toBe('');
  });

  it('sends "no level" as null, with the run and child of the sheet', () => {
    expect(overrideInput(schema.parse(override), sheet)).toEqual({
      runId: 'run-1',
      childId: 'C-0001',
      type: 'poverty',
      toLevel: null,
      reasonCode: 'family_context',
      note: '親族の支援あり',
    });
    const raised = schema.parse({ ...override, toLevel: 'support' });
    expect(overrideInput(raised, sheet).toLevel).toBe('support');
  });

  it('refuses a level the rule set does not define for the type', () => {
    expect(issuesOf(schema, { ...override, toLevel: 'priority' })).toEqual({
      toLevel: 'form.choose',
    });
    expect(issuesOf(schema, { ...override, type: 'abuse', toLevel: 'support' })).toEqual({
      toLevel: 'form.choose',
    });
  });

  it('needs a note, a type and known choices', () => {
    expect(
      issuesOf(schema, {
        ...override,
        note: ' ',
        type: '',
        toLevel: 'urgent',
        reasonCode: 'hunch',
      }),
    ).toEqual({
      note: 'form.required',
      type: 'form.required',
      toLevel: 'form.choose',
      reasonCode: 'form.choose',
    });
  });
});

describe('observation form', () => {
  it('sends the trimmed text, and the day only when one is set', () => {
    const form = { observedOn: '2025-06-03', text: ' 給食を残す ', supportNeeded: true };
    expect(observationInput(observationSchema.parse(form))).toEqual({
      observedOn: '2025-06-03',
      text: '給食を残す',
      supportNeeded: true,
    });
    expect(observationInput(observationSchema.parse({ ...form, observedOn: '' }))).toEqual({
      text: '給食を残す',
      supportNeeded: true,
    });
  });

  it('needs some text', () => {
    expect(
      issuesOf(observationSchema, { observedOn: '2025-06-03', text: '\n ', supportNeeded: false }),
    ).toEqual({ text: 'form.required' });
    expect(
      issuesOf(observationSchema, { observedOn: '', text: 'x'.repeat(4001), supportNeeded: false }),
    ).toEqual({ text: 'form.tooLong' });
  });
});

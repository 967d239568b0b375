/**
 * Request and response bodies of the Mimamori API as the admin UI uses them: inferred from the
 * API's route schemas through the typed client, so a changed schema fails `svelte-check` here.
 * Hand-written types remain only where the API declares opaque JSON (see each one's comment).
 */
import type { Problem as ApiProblem } from '@mimamori/api';
import type { InferRequestType } from 'hono/client';
import type { Answer, Api, JsonBody } from './api-client';

type Item<List> = List extends readonly (infer T)[] ? T : never;

type RuleSet = Api['rule-sets'][':id'];
type Draft = RuleSet['drafts'][':draftId'];

export const roles = ['admin', 'rule_editor', 'family_center', 'teacher', 'it'] as const;
export type Role = User['role'];

export type User = Answer<Api['auth']['me']['$get']>['user'];

/** RFC 9457 problem details with our stable `code`. */
export type Problem = ApiProblem;
/** One field-level problem: a JSON Pointer and a message (Japanese when the API has one). */
export type ProblemField = NonNullable<Problem['errors']>[number];

export type RuleSetSummary = Item<Answer<Api['rule-sets']['$get']>>;
export type DraftSummary = RuleSetSummary['drafts'][number];
/** A draft's open approval request: pending, or the last rejection and its reason. */
export type ApprovalRequest = RuleSetSummary['approvals'][number];
export type VersionSummary = Item<Answer<RuleSet['versions']['$get']>>;

export type ValidationResult = Answer<Draft['validate']['$post']>;
export type ValidationError = ValidationResult['errors'][number];
export type TestCaseResult = Answer<Draft['test']['$post']>['cases'][number];

export type RuleSetDiff = Answer<RuleSet['diff']['$get']>;
export type RuleRef = RuleSetDiff['rules']['added'][number];
/** A changed field: `field` in words, `path` exact (for auditors), values in words. */
export type FieldChange = RuleSetDiff['rules']['changed'][number]['changes'][number];

export type PreviewRequest = JsonBody<Api['preview']['$post']>;
export type PreviewResult = Answer<Api['preview']['$post']>;
/** `{ [type]: { [level]: n } }` */
export type LevelCounts = PreviewResult['before']['counts'];
export type LevelOverrides = NonNullable<PreviewRequest['levels']>;
export type ChildMove = PreviewResult['entered'][number];
export type DisparityRow = PreviewResult['disparity']['bySchool'][number];

export type ChildSummary = Item<Answer<Api['children']['$get']>>;

/*
 * The explained condition tree is hand-written: the API declares `conditions` as opaque JSON
 * (`z.unknown()`, described in words) because stored explanations of earlier runs are parsed
 * with the same schema, and a stricter one would reject them.
 */
export type ExplainedLeaf = {
  fact: string;
  label: string;
  value: unknown;
  operator: string;
  expected: unknown;
  result: boolean;
  skipped: boolean;
};
export type ExplainedGroup = {
  /** `condition`: a named condition of the rule set (`name`), its tree as the only child. */
  kind: 'all' | 'any' | 'not' | 'condition';
  name?: string;
  result: boolean;
  skipped?: boolean;
  children: ExplainedNode[];
};
export type ExplainedNode = ExplainedGroup | ExplainedLeaf;

type ChildExplanationJson = Answer<Api['children'][':id']['explanation']['$get']>;
export type ExplainedRule = Omit<ChildExplanationJson['rules'][number], 'conditions'> & {
  conditions: ExplainedNode;
};
export type ChildExplanation = Omit<ChildExplanationJson, 'rules'> & { rules: ExplainedRule[] };

/** POST /rule-sets/{id}/simulate: a draft (default: published), a child and/or typed facts. */
export type SimulationRequest = JsonBody<RuleSet['simulate']['$post']>;
export type FactValue = NonNullable<SimulationRequest['facts']>[string];
export type SimulationResult = Omit<Answer<RuleSet['simulate']['$post']>, 'rules'> & {
  rules: ExplainedRule[];
};

export type ConnectorSummary = Item<Answer<Api['connectors']['$get']>>;
export type ConnectorField = ConnectorSummary['fields'][number];
/** A fact a connector emits (code connectors and mapped sources alike). */
export type ConnectorFact = ConnectorSummary['facts'][number];

export type ImportResult = Answer<Api['imports']['$post']>;
export type ImportIssue = ImportResult['issues'][number];
export type ImportBatch = Item<Answer<Api['imports']['$get']>>;

export type GaijiEntry = Item<Answer<Api['gaiji']['$get']>>;

export type LinkageReviewItem = Item<Answer<Api['linkage']['review']['$get']>>;
export type LinkageCandidate = LinkageReviewItem['candidates'][number];
export type LinkageDecision = JsonBody<Api['linkage']['review'][':id']['$post']>;

export type RunSummary = Item<Answer<Api['runs']['$get']>>;

export type AuditEntry = Item<Answer<Api['audit']['$get']>>;
export type UserDetail = Item<Answer<Api['users']['$get']>>;
export type AuditQuery = InferRequestType<Api['audit']['$get']>['query'];

// Casework (issue 7): sheets, cases, decisions, overrides, notifications, KPIs, schedules.
// The vocabularies below are values the pages iterate over; the API's schemas are their types.

export const caseStatuses = [
  'watch',
  'preventive_support',
  'case_meeting',
  'referred',
  'closed',
] as const;
export type CaseStatus = Case['status'];
export const agencies = [
  'child_family_support_center',
  'public_health_nurse',
  'child_guidance_center',
  'other',
] as const;
export type Agency = NonNullable<DecisionInput['agency']>;
export const overrideReasonCodes = [
  'additional_information',
  'data_error',
  'professional_judgement',
  'family_context',
] as const;
export type OverrideReasonCode = OverrideInput['reasonCode'];
export const reviewRoles = [
  'educationBoard',
  'principal',
  'schoolNurse',
  'schoolSocialWorker',
] as const;
export type ReviewRole = (typeof reviewRoles)[number];

export type Sheet = Item<Answer<Api['sheets']['$get']>>;
export type SheetNotes = Sheet['content']['notes'];
export type SheetNotesPatch = JsonBody<Api['sheets'][':id']['notes']['$put']>;
export type SheetScore = Sheet['content']['scores'][number];
export type SheetItem = Sheet['content']['items'][number];
export type SheetSource = SheetItem['sources'][number];
export type SheetDetail = Answer<Api['sheets'][':id']['$get']>;
/** The levels the sheet's run defines per difficulty type, lowest first (what an override sets). */
export type RuleSetLevels = NonNullable<SheetDetail['levels']>;
export type RuleSetLevel = RuleSetLevels[string][number];
export type CaseEvent = Answer<Api['sheets'][':id']['observations']['$post']>;
export type Case = Item<Answer<Api['cases']['$get']>>;
export type CaseHistory = Answer<Api['cases'][':id']['$get']>;
export type LevelOverride = Item<Answer<Api['overrides']['$get']>>;
export type FlaggedChild = Item<Answer<Api['runs'][':runId']['flagged']['$get']>>;
export type DecisionInput = JsonBody<Api['cases'][':id']['decisions']['$post']>;
export type MeetingInput = JsonBody<Api['cases'][':id']['meetings']['$post']>;
export type OverrideInput = JsonBody<Api['overrides']['$post']>;
export type ObservationInput = JsonBody<Api['sheets'][':id']['observations']['$post']>;
export type CaseNotification = Item<Answer<Api['notifications']['$get']>>;

export type KpiDashboard = Answer<Api['kpi']['dashboard']['$get']>;
export type Funnel = NonNullable<KpiDashboard['funnel']>;
export type FunnelCounts = Omit<Funnel, 'runId' | 'asOf' | 'bySchool' | 'byType'>;
export type Kpis = NonNullable<KpiDashboard['kpis']>;
export type ContactCounts = Kpis['contacts'];
export type RunComparison = NonNullable<KpiDashboard['comparison']>;
export type ScheduleStatus = Item<Answer<Api['schedules']['$get']>>;

export const exportFormats = ['csv-cp932', 'csv-utf8-bom', 'xlsx'] as const;
export type ExportFormat = NonNullable<
  InferRequestType<Api['exports']['sheets']['$get']>['query']['format']
>;

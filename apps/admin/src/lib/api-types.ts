/** Request and response bodies of the Mimamori API as the admin UI uses them. */
import type { RuleSetDocument } from './rule-editor/document';

export const roles = ['admin', 'rule_editor', 'family_center', 'teacher', 'it'] as const;
export type Role = (typeof roles)[number];

export type User = { id: string; username: string; role: Role; school: string | null };

/** RFC 9457 problem details with our stable `code`. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: ProblemField[];
};
/** One field-level problem: a JSON Pointer and a message (Japanese when the API has one). */
export type ProblemField = { path: string; message: string; messageJa?: string; code?: string };

export type DraftSummary = { draftId: string; updatedAt?: string; author?: string; note?: string };
export type VersionSummary = {
  version: number;
  publishedAt: string;
  publishedBy?: string;
  /** Username; null for system actions. */
  publishedByName?: string | null;
  note?: string;
};
export type RuleSetSummary = {
  id: string;
  title: string;
  current: { version: number; publishedAt: string } | null;
  drafts: DraftSummary[];
};

export type ValidationError = { path: string; code: string; message: string; messageJa: string };
export type ValidationResult = { ok: boolean; errors: ValidationError[] };
export type TestCaseResult = { name: string; passed: boolean; diff: unknown };

/** A changed field: `field` in words, `path` exact (for auditors), values in words. */
export type FieldChange = { field: string; path: string; from: string | null; to: string | null };
export type RuleRef = { id: string; name: string | null };
export type RuleSetDiff = {
  rules: {
    added: RuleRef[];
    removed: RuleRef[];
    changed: (RuleRef & { changes: FieldChange[] })[];
  };
  thresholds: {
    type: string;
    level: string;
    typeLabel: string;
    levelLabel: string;
    from: number | null;
    to: number | null;
  }[];
};

/** `{ [type]: { [level]: n } }` */
export type LevelCounts = Record<string, Record<string, number>>;
export type LevelOverrides = Record<string, Record<string, number>>;

export type PreviewRequest = {
  ruleSetId: string;
  draftId?: string;
  document?: RuleSetDocument;
  levels?: LevelOverrides;
};
export type ChildMove = {
  childId: string;
  school: string;
  grade: number | null;
  type: string;
  from: string | null;
  to: string | null;
  reasons: string[];
};
export type DisparityRow = { group: string; total: number; before: number; after: number };
export type PreviewResult = {
  before: { counts: LevelCounts };
  after: { counts: LevelCounts };
  entered: ChildMove[];
  left: ChildMove[];
  ruleHits: { ruleId: string; before: number; after: number }[];
  /** `points[i]` = children whose score for the type is `i` (after the change). */
  distribution: Record<string, { points: number[] }>;
  sweep: Record<string, { minPoints: number; flagged: number }[]>;
  disparity: {
    bySchool: DisparityRow[];
    byGrade: DisparityRow[];
    bySex: DisparityRow[];
    byAge: DisparityRow[];
  };
};

export type ChildSummary = {
  id: string;
  school: string | null;
  grade: number | null;
  age: number;
  sex: 1 | 2 | null;
  levels: Record<string, { points: number; level: string | null }>;
};

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
export type ExplainedRule = {
  ruleId: string;
  name: string;
  type: string;
  points: number;
  fired: boolean;
  explanation: string;
  conditions: ExplainedNode;
};
export type ChildExplanation = { childId: string; rules: ExplainedRule[] };

export type FactValue = number | string | boolean | null;
/** POST /rule-sets/{id}/simulate: a draft (default: published), a child and/or typed facts. */
export type SimulationRequest = {
  document?: RuleSetDocument;
  childId?: string;
  facts?: Record<string, FactValue>;
};
export type SimulationResult = {
  scores: Record<string, { points: number; level: string | null }>;
  rules: ExplainedRule[];
};

export type ConnectorField = { name: string; label: string; type: string; required: boolean };
/** A fact a connector emits; mapped sources may send `{ ja, en }` labels and code tables. */
export type ConnectorFact = {
  id: string;
  label: string | { ja: string; en: string };
  labelEn?: string;
  type: string;
  unit?: string;
  allowedValues?: string[];
  codes?: Record<string, string>;
};
export type ConnectorSummary = {
  id: string;
  label: string;
  source: string;
  version: string;
  fields: ConnectorField[];
  facts?: ConnectorFact[];
  /** Set for connectors that execute a mapping document (sources registered in the wizard). */
  mapped?: boolean;
  kind?: string;
};

export type ImportIssue = {
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
  field?: string;
};
export type ImportResult = {
  ok: boolean;
  issues: ImportIssue[];
  summary: { rows?: number; records?: number; gaiji?: number; batchId?: string } & Record<
    string,
    unknown
  >;
};
export type ImportBatch = {
  id: string;
  connector: string;
  file: string;
  status: string;
  rows: number;
  issues: number;
  createdAt: string;
  createdBy?: string;
};

export type GaijiEntry = { code: string; standard: string; note?: string };

export type LinkageCandidate = { childId: string; score: number; reasons: string[] };
export type LinkageReviewItem = {
  id: string;
  source: string;
  batchId?: string;
  line?: number;
  reasons: string[];
  candidates: LinkageCandidate[];
};
export type LinkageDecision = { decision: 'match' | 'new' | 'reject'; childId?: string };

export type RunSummary = {
  id: string;
  ruleSetId: string;
  version: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  startedAt: string;
  finishedAt?: string | null;
  counts?: LevelCounts;
};

export type AuditEntry = {
  id: string;
  at: string;
  actor: string;
  /** Username; null for system actions. */
  actorName: string | null;
  action: string;
  target?: string;
  address?: string;
  detail?: unknown;
};
export type AuditQuery = { actor?: string; action?: string; from?: string; to?: string };

// Casework (issue 7): sheets, cases, decisions, overrides, notifications, KPIs, schedules.

export const caseStatuses = [
  'watch',
  'preventive_support',
  'case_meeting',
  'referred',
  'closed',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const agencies = [
  'child_family_support_center',
  'public_health_nurse',
  'child_guidance_center',
  'other',
] as const;
export type Agency = (typeof agencies)[number];
export const overrideReasonCodes = [
  'additional_information',
  'data_error',
  'professional_judgement',
  'family_context',
] as const;
export type OverrideReasonCode = (typeof overrideReasonCodes)[number];
export const reviewRoles = [
  'educationBoard',
  'principal',
  'schoolNurse',
  'schoolSocialWorker',
] as const;
export type ReviewRole = (typeof reviewRoles)[number];

export type SheetNotes = Record<ReviewRole | 'summary', string> & { meetingDate: string | null };
export type SheetNotesPatch = Partial<SheetNotes>;
export type SheetSource = { fact: string; label: string; source: string; outsideSchool: boolean };
export type SheetItem = {
  ruleId: string;
  type: string;
  points: number;
  text: string;
  rationale: string;
  sources: SheetSource[];
};
export type SheetScore = {
  type: string;
  typeLabel: string;
  points: number;
  level: string | null;
  outsideSchoolPoints: number;
  rankSchool: number | null;
  rankGrade: number | null;
};
export type Sheet = {
  id: string;
  runId: string;
  childId: string;
  sharedSchool: string | null;
  createdBy: string | null;
  updatedAt: string;
  content: {
    school: string | null;
    grade: number | null;
    asOf: string;
    scores: SheetScore[];
    items: SheetItem[];
    notes: SheetNotes;
    sharedAt: string | null;
    sharedBy: string | null;
    purged: boolean;
  };
};
export type CaseEvent = {
  id: string;
  caseId: string;
  kind: 'decision' | 'note' | 'observation' | 'override' | 'share' | 'meeting';
  data: Record<string, unknown>;
  actorId: string | null;
  at: string;
};
export type Case = {
  id: string;
  childId: string;
  status: CaseStatus;
  openedAt: string;
  closedAt: string | null;
  runId: string | null;
};
export type CaseHistory = Case & { events: CaseEvent[]; sheets: Sheet[] };
export type LevelOverride = {
  id: string;
  runId: string;
  childId: string;
  type: string;
  fromLevel: string | null;
  toLevel: string | null;
  reasonCode: string;
  note: string | null;
  createdBy: string;
  createdAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  direction: 'raise' | 'lower' | 'same';
};
export type SheetDetail = {
  sheet: Sheet;
  overrides: LevelOverride[];
  caseId: string | null;
  observations: CaseEvent[];
};
export type FlaggedChild = {
  childId: string;
  school: string | null;
  grade: number | null;
  types: {
    type: string;
    points: number;
    outsideSchoolPoints: number;
    rankSchool: number | null;
    rankGrade: number | null;
    level: string | null;
    effectiveLevel: string | null;
  }[];
  sheetId: string | null;
  caseId: string | null;
  caseStatus: CaseStatus | null;
};
export type DecisionInput = {
  status: CaseStatus;
  reason: string;
  decidedOn?: string;
  agency?: Agency;
  agencyNote?: string;
};
export type MeetingInput = {
  heldOn: string;
  attendees: string[];
  summary: string;
  actions?: string;
  nextReviewOn?: string | null;
};
export type OverrideInput = {
  runId: string;
  childId: string;
  type: string;
  toLevel: string | null;
  reasonCode: OverrideReasonCode;
  note: string;
};
export type ObservationInput = { text: string; supportNeeded: boolean; observedOn?: string };
export type CaseNotification = {
  eventId: string;
  caseId: string;
  childId: string;
  sheetId: string | null;
  school: string | null;
  observedOn: string | null;
  at: string;
  actorId: string | null;
  read: boolean;
  readBy: string | null;
};

export type FunnelCounts = {
  judged: number;
  flagged: number;
  flaggedByEngine: number;
  watched: number;
  shared: number;
  preventiveSupport: number;
  continuedWatch: number;
  closed: number;
};
export type Funnel = FunnelCounts & {
  runId: string;
  asOf: string;
  bySchool: (FunnelCounts & { school: string })[];
  byType: (FunnelCounts & { type: string })[];
};
export type ContactCounts = {
  observations: number;
  notifications: number;
  shares: number;
  total: number;
};
export type Kpis = {
  runId: string;
  watched: number;
  connectedToSupport: number;
  connectedShare: number;
  referralsByAgency: Record<Agency, number>;
  contacts: ContactCounts;
  contactsBySchool: (ContactCounts & { school: string })[];
  overrides: {
    total: number;
    raised: number;
    lowered: number;
    reviewed: number;
    pendingReview: number;
    byReason: Record<OverrideReasonCode | 'other', number>;
  };
};
export type RunComparison = {
  fromRunId: string | null;
  toRunId: string;
  newlyFlagged: string[];
  continuing: string[];
  resolved: string[];
};
export type KpiDashboard = {
  runId: string | null;
  funnel: Funnel | null;
  kpis: Kpis | null;
  comparison: RunComparison | null;
  series: Funnel[];
};
export type ScheduleStatus = {
  id: string;
  cron: string;
  enabled: boolean;
  lastFiredAt: string | null;
  nextDueAt: string | null;
  lastRun: { id: string; status: string; startedAt: string; finishedAt: string | null } | null;
};
export const exportFormats = ['csv-cp932', 'csv-utf8-bom', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

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
  errors?: { path: string; message: string }[];
};

export type DraftSummary = { draftId: string; updatedAt?: string; author?: string; note?: string };
export type VersionSummary = {
  version: number;
  publishedAt: string;
  publishedBy?: string;
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

export type FieldChange = { path: string; from: unknown; to: unknown };
export type RuleSetDiff = {
  rules: {
    added: string[];
    removed: string[];
    changed: { id: string; changes: FieldChange[] }[];
  };
  thresholds: { type: string; level: string; from: number | null; to: number | null }[];
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
  kind: 'all' | 'any' | 'not';
  result: boolean;
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

export type ConnectorField = { name: string; label: string; type: string; required: boolean };
export type ConnectorSummary = {
  id: string;
  label: string;
  source: string;
  version: string;
  fields: ConnectorField[];
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
  action: string;
  target?: string;
  address?: string;
  detail?: unknown;
};
export type AuditQuery = { actor?: string; action?: string; from?: string; to?: string };

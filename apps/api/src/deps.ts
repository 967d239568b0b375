/**
 * The slice of the other packages the API needs, declared here (as Kysely dialects declare
 * the slice of a driver they use). `@mimamori/db`, `@mimamori/engine` and
 * `@mimamori/pipeline` satisfy these; `createDbDeps` wires what the database already offers.
 */
import type { Role } from './roles';
import type {
  ChildDetail,
  ChildExplanation,
  ChildSummary,
  PersonalRecord,
} from './schemas/children';
import type {
  AuditEntry,
  ConnectorSummary,
  GaijiEntry,
  ImportBatch,
  ImportBatchDetail,
  ImportProgress,
  ImportResult,
  LinkageDecision,
  LinkageDecisionRecord,
  LinkageReviewItem,
} from './schemas/data';
import type { PreviewRequest, PreviewResult } from './schemas/preview';
import type {
  ApprovalRequestJson,
  RuleSetDiff,
  RuleSetDocumentJson,
  RuleSetSummary,
  TestCaseResult,
  ValidationResult,
  VersionSummary,
} from './schemas/rule-sets';
import type { RunResult, RunSummary } from './schemas/runs';
import type { SimulationFacts } from './schemas/simulate';
import type { CaseworkService } from './wiring/casework-service';
import type { InventoryService } from './wiring/inventory-service';
import type { SimulationOutcome } from './wiring/simulate-child';
import type { SourceService } from './wiring/source-service';
import type { Language } from './language';

export type { CaseworkService, InventoryService, SourceService };

/** A page of rows and the total that matched. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** A staff account as stored. */
export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  school: string | null;
  displayName: string;
  disabled: boolean;
  createdAt: string;
}

/** Staff accounts (`users` table). */
export interface UserStore {
  findByUsername(username: string): Promise<UserRecord | undefined>;
  findById(id: string): Promise<UserRecord | undefined>;
  list(): Promise<UserRecord[]>;
  /** Throws an error with `code: 'duplicate'` when the username exists. */
  create(input: Omit<UserRecord, 'id' | 'createdAt' | 'disabled'>): Promise<UserRecord>;
  update(
    id: string,
    patch: Partial<
      Pick<UserRecord, 'role' | 'school' | 'displayName' | 'disabled' | 'passwordHash'>
    >,
  ): Promise<UserRecord | undefined>;
}

/** A session row: `id` is hex(sha256(token)), never the token. */
export interface SessionRecord {
  id: string;
  userId: string;
  expiresAt: Date;
  createdAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** Sessions (`sessions` table). */
export interface SessionStore {
  create(session: SessionRecord): Promise<void>;
  find(id: string): Promise<SessionRecord | undefined>;
  extend(id: string, expiresAt: Date): Promise<void>;
  delete(id: string): Promise<void>;
  /** Logout everywhere; returns how many sessions ended. */
  deleteForUser(userId: string): Promise<number>;
}

/** Failed login attempts by key (`account:<name>` / `address:<ip>`), for rate limiting. */
export interface LoginAttemptStore {
  record(key: string, at: Date): Promise<void>;
  countSince(key: string, since: Date): Promise<number>;
  clear(key: string): Promise<void>;
}

/** What the API appends to the hash-chained audit log. */
export interface AuditInput {
  actorId: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/** The append-only audit log. */
export interface AuditStore {
  append(entry: AuditInput): Promise<void>;
  list(query: {
    actor?: string | undefined;
    action?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    limit: number;
    offset: number;
  }): Promise<Page<AuditEntry>>;
}

/** Filters for the pseudonymous child list (`flaggedOnly` and `school` scope teachers). */
export interface ChildQuery {
  school?: string | undefined;
  grade?: number | undefined;
  level?: string | undefined;
  type?: string | undefined;
  /** Only children flagged in the latest run after staff overrides (as the work list decides). */
  flaggedOnly?: boolean | undefined;
  limit: number;
  offset: number;
}

/** The scoring side: pseudonymous children, facts, latest levels and explanations. */
export interface ChildStore {
  list(query: ChildQuery): Promise<Page<ChildSummary>>;
  get(id: string): Promise<ChildDetail | undefined>;
  /** True when the child is flagged in the latest run after staff overrides. */
  isFlagged(id: string): Promise<boolean>;
  /** Explanation from the latest run (or `runId`). */
  explanation(id: string, runId?: string): Promise<ChildExplanation | undefined>;
}

/** The personal side: read only by the family center, always audited. */
export interface PersonalStore {
  get(childId: string): Promise<PersonalRecord | undefined>;
}

/** An approval request as stored (the routes add usernames). */
export type ApprovalRecord = Omit<ApprovalRequestJson, 'requestedByName' | 'decidedByName'>;

/** Rule sets and their immutable versions. Unknown ids answer `undefined`. */
export interface RuleSetStore {
  list(): Promise<RuleSetSummary[]>;
  versions(id: string): Promise<VersionSummary[] | undefined>;
  version(id: string, version: number): Promise<RuleSetDocumentJson | undefined>;
  draft(id: string, draftId: string): Promise<RuleSetDocumentJson | undefined>;
  createDraft(
    id: string,
    document: RuleSetDocumentJson,
    by: string,
  ): Promise<{ draftId: string } | undefined>;
  /**
   * Throws `code: 'not_draft'` for a published version. Saving cancels the draft's pending
   * approval request (its id is answered, for the audit log).
   */
  updateDraft(
    id: string,
    draftId: string,
    document: RuleSetDocumentJson,
    by: string,
  ): Promise<{ cancelledApproval: string | null } | undefined>;
  publish(
    id: string,
    draftId: string,
    note: string,
    by: string,
  ): Promise<{ version: number } | undefined>;
  /** Rollback: publish an old version's document again as a new version. */
  republish(
    id: string,
    version: number,
    note: string,
    by: string,
  ): Promise<{ version: number } | undefined>;
  /** Whether publishing the set needs a second person's approval. */
  approvalRequired(id: string): Promise<boolean | undefined>;
  setApprovalRequired(
    id: string,
    required: boolean,
  ): Promise<{ approvalRequired: boolean; previous: boolean } | undefined>;
  /** The draft's pending request, if any (`undefined` also for an unknown draft). */
  pendingApproval(id: string, draftId: string): Promise<ApprovalRecord | undefined>;
  /** Throws `approval_pending` when the draft already awaits approval. */
  requestApproval(
    id: string,
    draftId: string,
    note: string,
    by: string,
  ): Promise<ApprovalRecord | undefined>;
  /** Rollback under approval: an old version copied into a new draft, pending approval. */
  requestRollback(
    id: string,
    version: number,
    note: string,
    by: string,
  ): Promise<ApprovalRecord | undefined>;
  /** Publishes the pending draft; throws `approval_same_person` for the requester. */
  approve(
    id: string,
    draftId: string,
    by: string,
  ): Promise<{ version: number; request: ApprovalRecord } | undefined>;
  /** Rejects the pending request with a reason; the draft stays a draft. */
  reject(
    id: string,
    draftId: string,
    reason: string,
    by: string,
  ): Promise<ApprovalRecord | undefined>;
}

/** The engine as the API uses it (pure functions over documents). */
export interface RuleEngine {
  validate(document: unknown): ValidationResult;
  /** Runs the rule set's test cases (`rules/*.cases.json`) against a document. */
  test(ruleSetId: string, document: unknown): Promise<TestCaseResult[]>;
  /** A readable diff, its words in `lang` (Japanese by default). */
  diff(from: unknown, to: unknown, lang?: Language): RuleSetDiff;
  /** Scores and explains one child's facts (an invalid document answers its errors). */
  simulate(document: unknown, facts: SimulationFacts): SimulationOutcome;
}

/** What-if preview over every child. Unknown rule set or draft → `undefined`. */
export interface PreviewService {
  /** Reasons and group labels are written in `lang` (Japanese by default). */
  preview(request: PreviewRequest, lang?: Language): Promise<PreviewResult | undefined>;
}

/** Judgement runs. */
export interface RunService {
  start(
    input: { ruleSetId: string; version?: number | undefined },
    by: string,
  ): Promise<{ id: string } | undefined>;
  /**
   * A scheduled run of the published rule set, awaited to the end; resolves to the run id
   * (throws when there is nothing to judge, which the scheduler records as a failed slot).
   */
  startScheduled(scheduleId: string): Promise<string>;
  list(): Promise<RunSummary[]>;
  get(id: string): Promise<RunSummary | undefined>;
  results(
    id: string,
    query: {
      type?: string | undefined;
      level?: string | undefined;
      school?: string | undefined;
      flagged?: boolean | undefined;
      limit: number;
      offset: number;
    },
  ): Promise<Page<RunResult> | undefined>;
}

/** File import (pipeline): dry run or all-or-nothing commit. */
export interface ImportService {
  /** Code connectors and mapped sources alike. */
  connectors(): Promise<ConnectorSummary[]>;
  /** Unknown connector → `undefined`. */
  run(input: {
    connector: string;
    fileName: string;
    bytes: Uint8Array;
    dryRun: boolean;
    by: string;
    /** Id under which progress events are published (default: a generated one). */
    progressId?: string | undefined;
  }): Promise<ImportResult | undefined>;
  list(): Promise<ImportBatch[]>;
  get(id: string): Promise<ImportBatchDetail | undefined>;
  /** Progress events until the batch finishes; `undefined` for an unknown batch. */
  events(id: string): AsyncIterable<ImportProgress> | undefined;
}

/** Staff 外字 table. */
export interface GaijiStore {
  list(): Promise<GaijiEntry[]>;
  put(entries: GaijiEntry[], by: string): Promise<GaijiEntry[]>;
}

/** Linkage review queue and the staff decisions behind it (personal data: IT only). */
export interface LinkageStore {
  /** One page of the queue: each source's latest batch, newest first. */
  queue(paging: { limit: number; offset: number }): Promise<Page<LinkageReviewItem>>;
  /**
   * `false` when the item is unknown. The decision, re-link and `linkage.decide` audit entry
   * (who, role, client address) commit in one transaction.
   */
  decide(
    id: string,
    decision: LinkageDecision,
    actor: { id: string; role: string; ip: string | null },
  ): Promise<boolean>;
  /** One page of stored decisions, newest first. */
  decisions(paging: { limit: number; offset: number }): Promise<Page<LinkageDecisionRecord>>;
  /**
   * Removes a decision and re-links; `false` when there is none. The removal, re-link and
   * `linkage.undo` audit entry commit in one transaction.
   */
  undo(
    identityKey: string,
    actor: { id: string; role: string; ip: string | null },
  ): Promise<boolean>;
}

/** Everything `createApp` needs. */
export interface ApiDeps {
  users: UserStore;
  sessions: SessionStore;
  loginAttempts: LoginAttemptStore;
  audit: AuditStore;
  children: ChildStore;
  personal: PersonalStore;
  ruleSets: RuleSetStore;
  engine: RuleEngine;
  preview: PreviewService;
  runs: RunService;
  imports: ImportService;
  gaiji: GaijiStore;
  linkage: LinkageStore;
  /** Sheets, cases, overrides, KPIs, schedules, exports and retention (`@mimamori/casework`). */
  casework: CaseworkService;
  /** Mapped sources: infer from a sample, save versions (`@mimamori/mapping`). */
  sources: SourceService;
  /** The data inventory and the publish gate on declared purposes. */
  inventory: InventoryService;
}

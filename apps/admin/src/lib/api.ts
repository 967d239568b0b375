/**
 * Typed functions for every API call the admin UI makes. Pages import only this module, so
 * moving to Hono's `hc<AppType>` client later changes this file alone.
 */
import { apiUrl, request, upload } from './api-client';
import type {
  AuditEntry,
  AuditQuery,
  Case,
  CaseEvent,
  CaseHistory,
  CaseNotification,
  CaseStatus,
  DecisionInput,
  ExportFormat,
  FlaggedChild,
  KpiDashboard,
  LevelOverride,
  MeetingInput,
  ObservationInput,
  OverrideInput,
  ScheduleStatus,
  Sheet,
  SheetDetail,
  SheetNotesPatch,
  ChildExplanation,
  ChildSummary,
  ConnectorSummary,
  GaijiEntry,
  ImportBatch,
  ImportResult,
  LinkageDecision,
  LinkageReviewItem,
  PreviewRequest,
  PreviewResult,
  RuleSetDiff,
  RuleSetSummary,
  RunSummary,
  TestCaseResult,
  User,
  ValidationResult,
  VersionSummary,
  SimulationRequest,
  SimulationResult,
} from './api-types';
import type { RuleSetDocument } from './rule-editor/document';
import type { DataInventory } from './sources/inventory';
import type { InferResult, Mapping, SourceSummary } from './sources/mapping';

export { ApiError } from './api-client';

const enc = encodeURIComponent;

export const auth = {
  login: (body: { username: string; password: string }) =>
    request<{ user: User }>('POST', '/auth/login', { body }),
  logout: () => request<void>('POST', '/auth/logout'),
  me: () => request<{ user: User }>('GET', '/auth/me'),
};

export const ruleSets = {
  list: () => request<RuleSetSummary[]>('GET', '/rule-sets'),
  versions: (id: string) => request<VersionSummary[]>('GET', `/rule-sets/${enc(id)}/versions`),
  version: (id: string, version: number) =>
    request<{ document: RuleSetDocument }>('GET', `/rule-sets/${enc(id)}/versions/${version}`),
  draft: (id: string, draftId: string) =>
    request<{ document: RuleSetDocument }>('GET', `/rule-sets/${enc(id)}/drafts/${enc(draftId)}`),
  createDraft: (id: string, document: RuleSetDocument) =>
    request<{ draftId: string }>('POST', `/rule-sets/${enc(id)}/drafts`, { body: { document } }),
  saveDraft: (id: string, draftId: string, document: RuleSetDocument) =>
    request<void>('PUT', `/rule-sets/${enc(id)}/drafts/${enc(draftId)}`, { body: { document } }),
  validate: (id: string, draftId: string) =>
    request<ValidationResult>('POST', `/rule-sets/${enc(id)}/drafts/${enc(draftId)}/validate`),
  test: (id: string, draftId: string) =>
    request<{ cases: TestCaseResult[] }>(
      'POST',
      `/rule-sets/${enc(id)}/drafts/${enc(draftId)}/test`,
    ),
  publish: (id: string, draftId: string, note: string) =>
    request<{ version: number }>('POST', `/rule-sets/${enc(id)}/drafts/${enc(draftId)}/publish`, {
      body: { note },
    }),
  diff: (id: string, from: number, to: number) =>
    request<RuleSetDiff>('GET', `/rule-sets/${enc(id)}/diff`, { query: { from, to } }),
  rollback: (id: string, version: number, note: string) =>
    request<{ version: number }>('POST', `/rule-sets/${enc(id)}/rollback`, {
      body: { version, note },
    }),
  simulate: (id: string, body: SimulationRequest) =>
    request<SimulationResult>('POST', `/rule-sets/${enc(id)}/simulate`, { body }),
};

export const preview = (body: PreviewRequest, signal?: AbortSignal) =>
  request<PreviewResult>('POST', '/preview', signal ? { body, signal } : { body });

export type ChildFilter = { school?: string; grade?: string; level?: string; type?: string };
export const children = {
  list: (filter: ChildFilter) => request<ChildSummary[]>('GET', '/children', { query: filter }),
  explanation: (id: string) => request<ChildExplanation>('GET', `/children/${enc(id)}/explanation`),
};

export const connectors = {
  list: () => request<ConnectorSummary[]>('GET', '/connectors'),
};

/** Mapped sources (issue 8): infer a mapping from a sample, save it as a new version. */
export const sources = {
  list: () => request<SourceSummary[]>('GET', '/sources'),
  /**
   * Multipart `file` (a sample of the export). With `mapping`, previews that (edited) mapping
   * on the sample instead of inferring one, and answers its problems.
   */
  infer: (
    file: File,
    options: { name?: string | undefined; mapping?: Mapping | undefined },
    onProgress: (ratio: number) => void,
  ) => {
    const form = new FormData();
    form.set('file', file);
    if (options.name) form.set('name', options.name);
    if (options.mapping) form.set('mapping', JSON.stringify(options.mapping));
    return upload<InferResult>('/sources/infer', form, onProgress);
  },
  /** Saves the next version; 422 `invalid_mapping` with `errors[]` at JSON Pointers. */
  save: (mapping: Mapping) =>
    request<{ name: string; version: number }>('POST', '/sources', { body: { mapping } }),
};

export const inventory = {
  get: () => request<DataInventory>('GET', '/inventory'),
  /** The printable document residents can read (Japanese). */
  documentUrl: (format: 'html' | 'md') => apiUrl('/inventory/document', { format }),
};

export const imports = {
  /** Multipart: `file`, `connector`, `dryRun` ("true" | "false"). */
  run: (file: File, connector: string, dryRun: boolean, onProgress: (ratio: number) => void) => {
    const form = new FormData();
    form.set('file', file);
    form.set('connector', connector);
    form.set('dryRun', String(dryRun));
    return upload<ImportResult>('/imports', form, onProgress);
  },
  list: () => request<ImportBatch[]>('GET', '/imports'),
};

export const gaiji = {
  list: () => request<GaijiEntry[]>('GET', '/gaiji'),
  save: (entries: GaijiEntry[]) => request<GaijiEntry[]>('PUT', '/gaiji', { body: entries }),
};

export const linkage = {
  queue: () => request<LinkageReviewItem[]>('GET', '/linkage/review'),
  decide: (id: string, body: LinkageDecision) =>
    request<void>('POST', `/linkage/review/${enc(id)}`, { body }),
};

export const runs = {
  start: (body: { ruleSetId: string; version?: number }) =>
    request<{ id: string }>('POST', '/runs', { body }),
  list: () => request<RunSummary[]>('GET', '/runs'),
  get: (id: string) => request<RunSummary>('GET', `/runs/${enc(id)}`),
};

export const audit = {
  list: (query: AuditQuery) => request<AuditEntry[]>('GET', '/audit', { query }),
};

// Casework (issue 7): contract in packages/casework/API.md.

export const sheets = {
  flagged: (runId: string, school?: string) =>
    request<FlaggedChild[]>('GET', `/runs/${enc(runId)}/flagged`, { query: { school } }),
  list: (query: { runId?: string; childId?: string } = {}) =>
    request<Sheet[]>('GET', '/sheets', { query }),
  create: (runId: string, childId: string) =>
    request<Sheet>('POST', '/sheets', { body: { runId, childId } }),
  get: (id: string) => request<SheetDetail>('GET', `/sheets/${enc(id)}`),
  saveNotes: (id: string, notes: SheetNotesPatch) =>
    request<Sheet>('PUT', `/sheets/${enc(id)}/notes`, { body: notes }),
  share: (id: string, school?: string) =>
    request<Sheet>('POST', `/sheets/${enc(id)}/share`, { body: school ? { school } : {} }),
  observe: (id: string, body: ObservationInput) =>
    request<CaseEvent>('POST', `/sheets/${enc(id)}/observations`, { body }),
};

export const cases = {
  list: (query: { statuses?: readonly CaseStatus[]; runId?: string } = {}) =>
    request<Case[]>('GET', '/cases', {
      query: { status: query.statuses?.join(','), runId: query.runId },
    }),
  get: (id: string) => request<CaseHistory>('GET', `/cases/${enc(id)}`),
  decide: (id: string, body: DecisionInput) =>
    request<{ case: Case; event: CaseEvent }>('POST', `/cases/${enc(id)}/decisions`, { body }),
  meeting: (id: string, body: MeetingInput) =>
    request<CaseEvent>('POST', `/cases/${enc(id)}/meetings`, { body }),
};

export const overrides = {
  list: (query: { runId?: string; childId?: string }) =>
    request<LevelOverride[]>('GET', '/overrides', { query }),
  create: (body: OverrideInput) => request<LevelOverride>('POST', '/overrides', { body }),
  review: (id: string) =>
    request<Omit<LevelOverride, 'direction'>>('POST', `/overrides/${enc(id)}/review`),
};

export const notifications = {
  list: (unreadOnly: boolean) =>
    request<CaseNotification[]>('GET', '/notifications', { query: { unread: unreadOnly } }),
  markRead: (eventId: string) => request<void>('POST', `/notifications/${enc(eventId)}/read`),
};

export const kpi = {
  dashboard: (runId?: string) =>
    request<KpiDashboard>('GET', '/kpi/dashboard', { query: { runId } }),
  schedules: () => request<ScheduleStatus[]>('GET', '/schedules'),
  saveSchedule: (id: string, body: { cron?: string; enabled?: boolean }) =>
    request<ScheduleStatus>('PUT', `/schedules/${enc(id)}`, { body }),
};

/** Download links (plain GETs: the browser saves the file, the cookie rides along). */
export const exportUrls = {
  sheets: (query: { runId?: string; school?: string; format: ExportFormat }) =>
    apiUrl('/exports/sheets', query),
  flagged: (query: { runId: string; school?: string; format: ExportFormat }) =>
    apiUrl('/exports/flagged', query),
  disclosure: (childId: string, format: ExportFormat | 'json') =>
    apiUrl(`/exports/disclosure/${enc(childId)}`, { format }),
};

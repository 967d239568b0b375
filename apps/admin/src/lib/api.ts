/**
 * Typed functions for every API call the admin UI makes. Pages import only this module, so
 * moving to Hono's `hc<AppType>` client later changes this file alone.
 */
import { request, upload } from './api-client';
import type {
  AuditEntry,
  AuditQuery,
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
} from './api-types';
import type { RuleSetDocument } from './rule-editor/document';

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

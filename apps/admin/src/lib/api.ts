/**
 * Typed functions for every API call the admin UI makes, over Hono's typed client
 * (`hc<AppType>`): paths, parameters, bodies and answers are checked against the API's own
 * routes. Pages import only this module (and types from `api-types`).
 */
import type { ClientResponse, InferRequestType } from 'hono/client';
import { createApiClient, formData, send, upload, withSignal, type ApiClient } from './api-client';
import type {
  AuditQuery,
  CaseStatus,
  ChildExplanation,
  DecisionInput,
  ExportFormat,
  GaijiEntry,
  ImportResult,
  LinkageDecision,
  MeetingInput,
  ObservationInput,
  OverrideInput,
  PreviewRequest,
  SheetNotesPatch,
  SimulationRequest,
  SimulationResult,
} from './api-types';
import type { RuleSetDocument } from './rule-editor/document';
import type { InferResult, Mapping } from './sources/mapping';
import type { Lang } from './i18n/index.svelte';

export { ApiError } from './api-client';

/** Path parameters go into the URL as they are: ids are encoded here. */
const enc = encodeURIComponent;

/** A page of a list: how many rows, from which one. */
export type Paging = { limit: number; offset: number };

function pagingQuery(page: Paging) {
  return { limit: String(page.limit), offset: String(page.offset) };
}

/** Awaits a paged list call: its rows and the number of all matches (`x-total-count`). */
async function paged<R extends ClientResponse<unknown[], number, string>>(call: Promise<R>) {
  const items = await send(call);
  const header = (await call).headers.get('x-total-count');
  return { items, total: header === null ? (items as unknown[]).length : Number(header) };
}

/*
 * The API declares rule-set documents, condition trees and mappings as opaque JSON (drafts may be
 * invalid; the engine and the mapping validator report where), so those answers are read with
 * the editor's own types.
 */
type WithDocument = { document: RuleSetDocument };

export type ChildFilter = { school?: string; grade?: string; level?: string; type?: string };

/**
 * Every call the UI makes, over one typed client (tests pass a client over `app.request`).
 * @example
 * const api = createApi(createApiClient({ fetch: (input, init) => app.request(input, init) }));
 * const versions = await api.ruleSets.versions('demo');
 */
export function createApi(client: ApiClient) {
  const { api } = client;
  const ruleSet = api['rule-sets'][':id'];
  const draft = ruleSet.drafts[':draftId'];
  return {
    auth: {
      login: (body: { username: string; password: string }) =>
        send(api.auth.login.$post({ json: body })),
      logout: () => send(api.auth.logout.$post()),
      me: () => send(api.auth.me.$get()),
    },

    ruleSets: {
      list: () => send(api['rule-sets'].$get()),
      versions: (id: string) => send(ruleSet.versions.$get({ param: { id: enc(id) } })),
      version: (id: string, version: number) =>
        send(
          ruleSet.versions[':v'].$get({ param: { id: enc(id), v: String(version) } }),
        ) as Promise<WithDocument>,
      draft: (id: string, draftId: string) =>
        send(
          draft.$get({ param: { id: enc(id), draftId: enc(draftId) } }),
        ) as Promise<WithDocument>,
      createDraft: (id: string, document: RuleSetDocument) =>
        send(ruleSet.drafts.$post({ param: { id: enc(id) }, json: { document } })),
      saveDraft: (id: string, draftId: string, document: RuleSetDocument) =>
        send(draft.$put({ param: { id: enc(id), draftId: enc(draftId) }, json: { document } })),
      validate: (id: string, draftId: string) =>
        send(draft.validate.$post({ param: { id: enc(id), draftId: enc(draftId) } })),
      test: (id: string, draftId: string) =>
        send(draft.test.$post({ param: { id: enc(id), draftId: enc(draftId) } })),
      publish: (id: string, draftId: string, note: string) =>
        send(
          draft.publish.$post({ param: { id: enc(id), draftId: enc(draftId) }, json: { note } }),
        ),
      /** Two versions in words, in `lang` (default: the `lang` cookie the browser sends). */
      diff: (id: string, from: number, to: number, lang?: Lang) =>
        send(
          ruleSet.diff.$get({
            param: { id: enc(id) },
            query: lang === undefined ? { from, to } : { from, to, lang },
          }),
        ),
      rollback: (id: string, version: number, note: string) =>
        send(ruleSet.rollback.$post({ param: { id: enc(id) }, json: { version, note } })),
      // Second-person approval: the admin's switch, then request → approve or reject.
      saveSettings: (id: string, settings: { approvalRequired: boolean }) =>
        send(ruleSet.settings.$put({ param: { id: enc(id) }, json: settings })),
      requestApproval: (id: string, draftId: string, note: string) =>
        send(
          draft['request-approval'].$post({
            param: { id: enc(id), draftId: enc(draftId) },
            json: { note },
          }),
        ),
      approve: (id: string, draftId: string) =>
        send(draft.approve.$post({ param: { id: enc(id), draftId: enc(draftId) } })),
      reject: (id: string, draftId: string, reason: string) =>
        send(
          draft.reject.$post({ param: { id: enc(id), draftId: enc(draftId) }, json: { reason } }),
        ),
      requestRollback: (id: string, version: number, note: string) =>
        send(
          ruleSet.rollback['request-approval'].$post({
            param: { id: enc(id) },
            json: { version, note },
          }),
        ),
      /** What an approver reviews: the published version → the draft, in words. */
      draftDiff: (id: string, draftId: string, lang?: Lang) =>
        send(
          draft.diff.$get({
            param: { id: enc(id), draftId: enc(draftId) },
            query: lang === undefined ? {} : { lang },
          }),
        ),
      simulate: (id: string, body: SimulationRequest) =>
        send(
          ruleSet.simulate.$post({ param: { id: enc(id) }, json: body }),
        ) as Promise<SimulationResult>,
    },

    /** Reasons and group labels in `lang` (default: the `lang` cookie the browser sends). */
    preview: (body: PreviewRequest, signal?: AbortSignal, lang?: Lang) =>
      send(
        api.preview.$post(
          { json: body, query: lang === undefined ? {} : { lang } },
          withSignal(signal),
        ),
      ),

    children: {
      list: (filter: ChildFilter) => send(api.children.$get({ query: filter })),
      explanation: (id: string) =>
        send(
          api.children[':id'].explanation.$get({ param: { id: enc(id) }, query: {} }),
        ) as Promise<ChildExplanation>,
      /** Name, birth date, address, resident numbers (family center; every call is audited). */
      personal: (id: string) => send(api.children[':id'].personal.$get({ param: { id: enc(id) } })),
    },

    connectors: {
      list: () => send(api.connectors.$get()),
    },

    /** Mapped sources (issue 8): infer a mapping from a sample, save it as a new version. */
    sources: {
      list: () => send(api.sources.$get()),
      /**
       * Multipart `file` (a sample of the export), with upload progress (XHR). With `mapping`,
       * previews that (edited) mapping on the sample instead of inferring one, and answers its
       * problems.
       */
      infer: (
        file: File,
        options: { name?: string | undefined; mapping?: Mapping | undefined },
        onProgress: (ratio: number) => void,
      ) => {
        const fields = {
          file,
          name: options.name || undefined,
          mapping: options.mapping && JSON.stringify(options.mapping),
        } satisfies InferRequestType<typeof api.sources.infer.$post>['form'];
        return upload<InferResult>(api.sources.infer.$path(), formData(fields), onProgress);
      },
      /** Saves the next version; 422 `invalid_mapping` with `errors[]` at JSON Pointers. */
      save: (mapping: Mapping) => send(api.sources.$post({ json: { mapping } })),
    },

    inventory: {
      get: () => send(api.inventory.$get()),
      /** The printable document residents can read (Japanese). */
      documentUrl: (format: 'html' | 'md') => api.inventory.document.$path({ query: { format } }),
    },

    imports: {
      /** Multipart `file`, `connector`, `dryRun`, with upload progress (XHR). */
      run: (
        file: File,
        connector: string,
        dryRun: boolean,
        onProgress: (ratio: number) => void,
      ) => {
        const fields = {
          file,
          connector,
          dryRun: dryRun ? 'true' : 'false',
        } satisfies InferRequestType<typeof api.imports.$post>['form'];
        return upload<ImportResult>(api.imports.$path(), formData(fields), onProgress);
      },
      list: () => send(api.imports.$get()),
    },

    gaiji: {
      list: () => send(api.gaiji.$get()),
      save: (entries: GaijiEntry[]) => send(api.gaiji.$put({ json: entries })),
    },

    /** Linkage review: personal data (IT only); every read is audited by the API. */
    linkage: {
      /** One page of the queue, with the number of all records waiting (`x-total-count`). */
      queue: (page: Paging) => paged(api.linkage.review.$get({ query: pagingQuery(page) })),
      decide: (id: string, body: LinkageDecision) =>
        send(api.linkage.review[':id'].$post({ param: { id: enc(id) }, json: body })),
      /** One page of stored decisions, newest first, with the number of all. */
      decisions: (page: Paging) => paged(api.linkage.decisions.$get({ query: pagingQuery(page) })),
      /** Undoes a decision: its records link again automatically, or return to review. */
      undo: (identityKey: string) =>
        send(
          api.linkage.decisions[':identityKey'].$delete({
            param: { identityKey: enc(identityKey) },
          }),
        ),
    },

    runs: {
      start: (body: { ruleSetId: string; version?: number }) =>
        send(api.runs.$post({ json: body })),
      list: () => send(api.runs.$get()),
      get: (id: string) => send(api.runs[':id'].$get({ param: { id: enc(id) } })),
    },

    audit: {
      list: (query: AuditQuery) => send(api.audit.$get({ query })),
    },

    /** Staff accounts (admin only): who an audit entry's actor id is. */
    users: {
      list: () => send(api.users.$get()),
    },

    // Casework (issue 7): contract in packages/casework/API.md.

    sheets: {
      flagged: (runId: string, school?: string) =>
        send(api.runs[':runId'].flagged.$get({ param: { runId: enc(runId) }, query: { school } })),
      list: (query: { runId?: string; childId?: string } = {}) => send(api.sheets.$get({ query })),
      create: (runId: string, childId: string) =>
        send(api.sheets.$post({ json: { runId, childId } })),
      get: (id: string) => send(api.sheets[':id'].$get({ param: { id: enc(id) } })),
      saveNotes: (id: string, notes: SheetNotesPatch) =>
        send(api.sheets[':id'].notes.$put({ param: { id: enc(id) }, json: notes })),
      share: (id: string, school?: string) =>
        send(
          api.sheets[':id'].share.$post({ param: { id: enc(id) }, json: school ? { school } : {} }),
        ),
      observe: (id: string, body: ObservationInput) =>
        send(api.sheets[':id'].observations.$post({ param: { id: enc(id) }, json: body })),
    },

    cases: {
      list: (query: { statuses?: readonly CaseStatus[]; runId?: string } = {}) =>
        send(api.cases.$get({ query: { status: query.statuses?.join(','), runId: query.runId } })),
      get: (id: string) => send(api.cases[':id'].$get({ param: { id: enc(id) } })),
      decide: (id: string, body: DecisionInput) =>
        send(api.cases[':id'].decisions.$post({ param: { id: enc(id) }, json: body })),
      meeting: (id: string, body: MeetingInput) =>
        send(api.cases[':id'].meetings.$post({ param: { id: enc(id) }, json: body })),
    },

    overrides: {
      list: (query: { runId?: string; childId?: string }) => send(api.overrides.$get({ query })),
      create: (body: OverrideInput) => send(api.overrides.$post({ json: body })),
      review: (id: string) => send(api.overrides[':id'].review.$post({ param: { id: enc(id) } })),
    },

    notifications: {
      list: (unreadOnly: boolean) =>
        send(api.notifications.$get({ query: { unread: unreadOnly ? 'true' : 'false' } })),
      markRead: (eventId: string) =>
        send(api.notifications[':eventId'].read.$post({ param: { eventId: enc(eventId) } })),
    },

    kpi: {
      dashboard: (runId?: string) => send(api.kpi.dashboard.$get({ query: { runId } })),
      schedules: () => send(api.schedules.$get()),
      saveSchedule: (id: string, body: { cron?: string; enabled?: boolean }) =>
        send(api.schedules[':id'].$put({ param: { id: enc(id) }, json: body })),
    },

    /** Download links (plain GETs: the browser saves the file, the cookie rides along). */
    exportUrls: {
      sheets: (query: { runId?: string; school?: string; format: ExportFormat }) =>
        api.exports.sheets.$path({ query }),
      flagged: (query: { runId: string; school?: string; format: ExportFormat }) =>
        api.exports.flagged.$path({ query }),
      disclosure: (childId: string, format: ExportFormat | 'json') =>
        api.exports.disclosure[':childId'].$path({
          param: { childId: enc(childId) },
          query: { format },
        }),
    },
  };
}

/** The calls the pages use, over the page's own origin. */
export const {
  auth,
  ruleSets,
  preview,
  children,
  connectors,
  sources,
  inventory,
  imports,
  gaiji,
  linkage,
  runs,
  audit,
  users,
  sheets,
  cases,
  overrides,
  notifications,
  kpi,
  exportUrls,
} = createApi(createApiClient());

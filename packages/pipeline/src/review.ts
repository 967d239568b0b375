import {
  countReviewQueue,
  deleteLinkDecision,
  getChildFacts,
  getLinkDecision,
  getPersons,
  getRecordIdentity,
  inTransaction,
  listLinkDecisions,
  listReviewQueue,
  lockLinkage,
  saveLinkDecision,
  type Db,
  type LinkDecisionKind,
} from '@mimamori/db';
import { identityKey } from '@mimamori/identity';
import type { Identity, SourceRecord } from '@mimamori/records';
import { auditAs, type PipelineContext } from './context';
import { loadLinker, type LinkageReport } from './link-records';
import { relinkAll } from './relink';

/**
 * The fields staff compare to decide a link (personal data: for linkage staff only, never in
 * logs or audit details).
 */
export interface ReviewIdentity {
  name: string | null;
  kana: string | null;
  birthDate: string | null;
  sex: 1 | 2 | null;
}

/** A candidate roster child for a record: pseudonymous id, how it matched, what the roster says. */
export interface ReviewCandidate {
  childId: string;
  score: number;
  reasons: string[];
  /** The roster's fields; `null` when the child has no stored personal data. */
  person: ReviewIdentity | null;
}

/** A record the linker could not place with confidence: where it came from, and who it names. */
export interface LinkageReviewEntry {
  recordId: string;
  connector: string;
  file: string;
  line: number;
  status: string;
  reasons: string[];
  identity: ReviewIdentity;
  candidates: ReviewCandidate[];
}

/** A staff decision on a review item. `new`: a person the roster does not list (yet). */
export interface ReviewDecisionInput {
  recordId: string;
  decision: 'match' | 'new' | 'reject';
  childId?: string | undefined;
  note?: string | undefined;
}

/**
 * Outcome of a decision (expected failures are values). `on_roster`: `new` for a record whose
 * resident number (or name, birth date and kana) the roster lists: match or exclude it instead.
 */
export type ReviewDecisionOutcome =
  | { ok: true; report: LinkageReport }
  | { ok: false; code: 'unknown_record' | 'unknown_child' | 'child_required' | 'on_roster' };

/** The API and CLI word for each stored decision kind. */
const kindOf = {
  match: 'match',
  new: 'new',
  reject: 'exclude',
} as const satisfies Record<ReviewDecisionInput['decision'], LinkDecisionKind>;

function reviewIdentity(identity: Identity): ReviewIdentity {
  return {
    name: identity.name ?? null,
    kana: identity.kana ?? null,
    birthDate: identity.birthDate ?? null,
    sex: identity.sex ?? null,
  };
}

function observation(identity: Identity, line = 1): SourceRecord {
  return { kind: 'observation', identity, context: {}, facts: {}, line };
}

/**
 * One page of the linkage review queue (each connector's latest batch, newest first) with the
 * linker's current candidates for each record: ambiguous records list every roster child they
 * could be, unmatched ones say why. Record and candidates carry their identity fields.
 * @example const queue = await listLinkageReview(db, { limit: 50 });
 */
export async function listLinkageReview(
  db: Db,
  options: { limit?: number; offset?: number } = {},
): Promise<LinkageReviewEntry[]> {
  const items = await listReviewQueue(db, options);
  if (items.length === 0) return [];
  const linker = await loadLinker(db);
  const entries = items.map(function describe(item) {
    const result = linker.link(observation(item.identity, item.line));
    const candidates =
      result.status === 'ambiguous'
        ? result.candidates.map((c) => ({
            childId: c.childId,
            score: c.confidence,
            reasons: [c.method],
          }))
        : result.status === 'linked'
          ? [{ childId: result.childId, score: result.confidence, reasons: [result.method] }]
          : [];
    const reasons =
      result.status === 'unmatched' ? [item.linkStatus, result.reason] : [item.linkStatus];
    return { item, reasons, candidates };
  });
  const childIds = [...new Set(entries.flatMap((e) => e.candidates.map((c) => c.childId)))];
  const persons = new Map((await getPersons(db, childIds)).map((p) => [p.childId, p]));
  return entries.map(({ item, reasons, candidates }) => ({
    recordId: item.recordId,
    connector: item.connector,
    file: item.file,
    line: item.line,
    status: item.linkStatus,
    reasons,
    identity: reviewIdentity(item.identity),
    candidates: candidates.map((c) => {
      const p = persons.get(c.childId);
      const person: ReviewIdentity | null =
        p === undefined
          ? null
          : {
              name: p.name,
              kana: p.kana,
              birthDate: p.birthDate,
              sex: p.sex === 1 || p.sex === 2 ? p.sex : null,
            };
      return { ...c, person };
    }),
  }));
}

/** How many records the review queue holds in all (for paging). */
export function countLinkageReview(db: Db): Promise<number> {
  return countReviewQueue(db);
}

/**
 * Records a staff decision for the record's identity (so every record carrying the same identity
 * follows it, now and in later imports), re-links every record, re-derives the children's facts
 * and appends the `linkage.decide` audit entry (actor from `ctx.actor`), all in ONE transaction:
 * a failure anywhere leaves no decision, no re-link and no audit entry. `reject` keeps the
 * identity unlinked for good; `new` only while the roster does not list the person (once its
 * resident number, or its name, birth date and kana, are on the roster, it links again).
 * @example await decideLinkage(ctx, { recordId, decision: 'match', childId });
 */
export function decideLinkage(
  ctx: PipelineContext,
  input: ReviewDecisionInput,
): Promise<ReviewDecisionOutcome> {
  return inTransaction(ctx.db, async function decide(trx: Db): Promise<ReviewDecisionOutcome> {
    // First: concurrent decisions, imports and re-links each see the others' committed work.
    await lockLinkage(trx);
    const identity = await getRecordIdentity(trx, input.recordId);
    if (identity === undefined) return { ok: false, code: 'unknown_record' };
    if (input.decision === 'match') {
      if (input.childId === undefined) return { ok: false, code: 'child_required' };
      if ((await getChildFacts(trx, input.childId)) === undefined)
        return { ok: false, code: 'unknown_child' };
    }
    // A `new` decision for a person the roster lists would be ignored at once: say so instead.
    if (input.decision === 'new' && (await loadLinker(trx)).listed(observation(identity)))
      return { ok: false, code: 'on_roster' };
    const childId = input.decision === 'match' ? (input.childId ?? null) : null;
    await saveLinkDecision(trx, {
      identityKey: identityKey(identity),
      childId,
      kind: kindOf[input.decision],
      decidedBy: ctx.actor?.id ?? 'system',
      note: input.note ?? null,
    });
    const report = await relinkAll({ ...ctx, db: trx });
    // Ids only: the note is staff free text and may name the person.
    await auditAs(trx, ctx.actor, {
      action: 'linkage.decide',
      targetType: 'source_record',
      targetId: input.recordId,
      details: { decision: input.decision, childId },
    });
    return { ok: true, report };
  });
}

/** A stored decision as staff review it: what was decided, by whom, and the record it covers. */
export interface LinkageDecisionEntry {
  identityKey: string;
  decision: ReviewDecisionInput['decision'];
  childId: string | null;
  decidedBy: string;
  decidedAt: string;
  note: string | null;
  /** Stored records carrying the identity. */
  records: number;
  /** The newest of them (`null` when none is stored any more). */
  latest: {
    recordId: string;
    connector: string;
    file: string;
    line: number;
    identity: ReviewIdentity;
  } | null;
}

const decisionOf = {
  match: 'match',
  new: 'new',
  exclude: 'reject',
} as const satisfies Record<LinkDecisionKind, ReviewDecisionInput['decision']>;

/**
 * One page of staff decisions, newest first, each with the newest record it covers, and the
 * number of all decisions.
 * @example const { items, total } = await listLinkageDecisions(db, { limit: 20 });
 */
export async function listLinkageDecisions(
  db: Db,
  options: { limit?: number; offset?: number } = {},
): Promise<{ items: LinkageDecisionEntry[]; total: number }> {
  const { items, total } = await listLinkDecisions(db, options);
  return {
    total,
    items: items.map((d) => ({
      identityKey: d.identityKey,
      decision: decisionOf[d.kind],
      childId: d.childId,
      decidedBy: d.decidedBy,
      decidedAt: d.decidedAt,
      note: d.note,
      records: d.records,
      latest: d.latest && { ...d.latest, identity: reviewIdentity(d.latest.identity) },
    })),
  };
}

/** Outcome of undoing a decision. */
export type UndoDecisionOutcome =
  { ok: true; report: LinkageReport } | { ok: false; code: 'unknown_decision' };

/**
 * Removes the decision for an identity key, re-links every record (its records link again
 * automatically, or return to the review queue), re-derives facts and appends the `linkage.undo`
 * audit entry (ids only), all in one transaction.
 * @example await undoLinkageDecision(ctx, 'k_0123…');
 */
export function undoLinkageDecision(
  ctx: PipelineContext,
  key: string,
): Promise<UndoDecisionOutcome> {
  return inTransaction(ctx.db, async function undo(trx: Db): Promise<UndoDecisionOutcome> {
    await lockLinkage(trx);
    const decision = await getLinkDecision(trx, key);
    if (decision === undefined || !(await deleteLinkDecision(trx, key)))
      return { ok: false, code: 'unknown_decision' };
    const report = await relinkAll({ ...ctx, db: trx });
    await auditAs(trx, ctx.actor, {
      action: 'linkage.undo',
      targetType: 'link_decision',
      targetId: key,
      details: { decision: decisionOf[decision.kind], childId: decision.childId },
    });
    return { ok: true, report };
  });
}

import {
  getChildFacts,
  getRecordIdentity,
  inTransaction,
  listReviewQueue,
  lockLinkage,
  saveLinkDecision,
  type Db,
} from '@mimamori/db';
import { identityKey } from '@mimamori/identity';
import { auditAs, type PipelineContext } from './context';
import { loadLinker, type LinkageReport } from './link-records';
import { relinkAll } from './relink';

/** A candidate roster child for a record (pseudonymous id, how it matched). */
export interface ReviewCandidate {
  childId: string;
  score: number;
  reasons: string[];
}

/** A record the linker could not place with confidence: where it came from, never who. */
export interface LinkageReviewEntry {
  recordId: string;
  connector: string;
  file: string;
  line: number;
  status: string;
  reasons: string[];
  candidates: ReviewCandidate[];
}

/** A staff decision on a review item. `new`: a person not on the roster (kept unlinked). */
export interface ReviewDecisionInput {
  recordId: string;
  decision: 'match' | 'new' | 'reject';
  childId?: string | undefined;
  note?: string | undefined;
}

/** Outcome of a decision (expected failures are values). */
export type ReviewDecisionOutcome =
  | { ok: true; report: LinkageReport }
  | { ok: false; code: 'unknown_record' | 'unknown_child' | 'child_required' };

/**
 * The linkage review queue with the linker's current candidates for each record (ambiguous
 * records list every roster child they could be; unmatched ones say why).
 * @example const queue = await listLinkageReview(db, { limit: 50 });
 */
export async function listLinkageReview(
  db: Db,
  options: { limit?: number; offset?: number } = {},
): Promise<LinkageReviewEntry[]> {
  const items = await listReviewQueue(db, options);
  if (items.length === 0) return [];
  const linker = await loadLinker(db);
  return items.map(function describe(item) {
    const result = linker.link({
      kind: 'observation',
      identity: item.identity,
      context: {},
      facts: {},
      line: item.line,
    });
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
    return {
      recordId: item.recordId,
      connector: item.connector,
      file: item.file,
      line: item.line,
      status: item.linkStatus,
      reasons,
      candidates,
    };
  });
}

/**
 * Records a staff decision for the record's identity (so every record carrying the same identity
 * follows it, now and in later imports), re-links every record, re-derives the children's facts
 * and appends the `linkage.decide` audit entry (actor from `ctx.actor`), all in ONE transaction:
 * a failure anywhere leaves no decision, no re-link and no audit entry. `new` and `reject` both
 * keep the identity unlinked.
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
    const childId = input.decision === 'match' ? (input.childId ?? null) : null;
    const note =
      input.decision === 'new'
        ? `new person${input.note ? `: ${input.note}` : ''}`
        : (input.note ?? null);
    await saveLinkDecision(trx, {
      identityKey: identityKey(identity),
      childId,
      rejected: input.decision !== 'match',
      decidedBy: ctx.actor?.id ?? 'system',
      note,
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

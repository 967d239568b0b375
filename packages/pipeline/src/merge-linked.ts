import type { ChildFacts, RecordInput } from '@mimamori/db';
import type { RecordContext } from '@mimamori/records';

// Merging a batch's linked records per child: pure, so the prepare thread runs it too (it loads
// no database driver).

/** Context keys a source may own (a school export owns school and grade). */
export const contextKeys = ['school', 'grade', 'nursery'] as const;
type ContextKey = (typeof contextKeys)[number];

type MergeInput = Pick<RecordInput, 'linkStatus' | 'childId' | 'facts' | 'factsJson' | 'context'>;

/** One child's merged facts and context from one source's batch. */
export interface MergedChild {
  id: string;
  facts: ChildFacts;
  /**
   * The facts' text as the child's single record stores it, when that record carried one (values
   * only, against its batch's fact names, or an object: see recordFactsText).
   */
  factsJson: string | undefined;
  /**
   * The child's facts are its only record's, copied from the stored records when the batch's
   * record ids are given (writeSourceSnapshot); defaults to whether `factsJson` is there.
   */
  copied?: boolean;
  context: RecordContext;
}

/**
 * A child's entry from its first record. The facts are read from the record only when asked for:
 * a record that carries its facts' text may parse them lazily (the prepare thread's), and a child
 * with one record is stored from that text. A class: one per child of every file, no closures.
 */
class OnlyRecord implements MergedChild {
  private merged: ChildFacts | undefined = undefined;
  factsJson: string | undefined;
  context: RecordContext;
  constructor(
    readonly id: string,
    private readonly record: MergeInput,
  ) {
    this.factsJson = record.factsJson;
    this.context = record.context;
  }

  get facts(): ChildFacts {
    return this.merged ?? this.record.facts;
  }

  set facts(value: ChildFacts) {
    this.merged = value;
  }
}

/** True when the linked records' child ids never decrease (the import pipeline's order). */
function groupedByChild(records: readonly MergeInput[]): boolean {
  let previous = '';
  for (const r of records) {
    const id = r.childId;
    if (r.linkStatus !== 'linked' || id === null) continue;
    if (id < previous) return false;
    previous = id;
  }
  return true;
}

/**
 * Merges linked records' facts and context per child, later records winning. A child's only
 * record is taken as is (no copy), with its facts' JSON text when it carries one: most children
 * have one record per file, so their child_facts text is the record's, serialised once. The
 * records' own objects are never modified (a second record copies before merging). Records in
 * child order (as imports store them) merge in one pass without a lookup per record.
 */
export function mergeLinked(
  input: Iterable<MergeInput>,
  /** The caller put the records in child order itself: not checked again. */
  inChildOrder?: boolean,
): {
  children: MergedChild[];
  owned: Set<ContextKey>;
} {
  const records = Array.isArray(input) ? (input as readonly MergeInput[]) : [...input];
  const children: MergedChild[] = [];
  const grouped = inChildOrder === true || groupedByChild(records);
  const byId = grouped ? null : new Map<string, MergedChild>();
  const copied = new Set<MergedChild>();
  const owned = new Set<ContextKey>();
  let last: MergedChild | undefined;
  for (const r of records) {
    const id = r.childId;
    if (r.linkStatus !== 'linked' || id === null) continue;
    const found = last !== undefined && last.id === id ? last : byId?.get(id);
    if (found === undefined) {
      last = new OnlyRecord(id, r);
      children.push(last);
      byId?.set(id, last);
    } else if (copied.has(found)) {
      Object.assign(found.facts, r.facts);
      Object.assign(found.context, r.context);
    } else {
      copied.add(found);
      found.factsJson = undefined;
      found.facts = { ...found.facts, ...r.facts };
      found.context = { ...found.context, ...r.context };
    }
    if (owned.size < contextKeys.length) {
      for (const k of contextKeys) if (r.context[k] !== undefined) owned.add(k);
    }
  }
  return { children, owned };
}

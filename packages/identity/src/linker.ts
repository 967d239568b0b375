import type { Identity } from '@mimamori/records';
import { z } from 'zod';
import { foldKana } from './fold-kana';
import { foldName, weakNameKey } from './fold-name';
import { identityKey, type KeyFolds } from './identity-key';
import { isValidResidentNumber, normalizeResidentNumber } from './resident-number';

/** One child on the 住基 roster, as the linker needs it (personal data: stays in memory). */
export const rosterEntrySchema = z.object({
  childId: z.string().min(1),
  residentNumber: z.string().optional(),
  householdNumber: z.string().optional(),
  name: z.string(),
  kana: z.string().optional(),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  sex: z.union([z.literal(1), z.literal(2)]).optional(),
});
export type RosterEntry = z.infer<typeof rosterEntrySchema>;

export const linkMethods = [
  'resident-number',
  'name-birth',
  'name-birth-kana',
  'weak-name-birth',
  'kana-birth',
  'manual',
] as const;
export type LinkMethod = (typeof linkMethods)[number];

/**
 * Why a record was not linked. `conflict`: the resident number contradicts the roster (birth date
 * differs, or every name match carries another number), or a manual decision names a child no
 * longer on the roster. `rejected`: staff excluded the record. `new-person`: staff decided it is
 * a person the roster does not list (yet).
 */
export const unmatchedReasons = [
  'no-candidate',
  'bad-resident-number',
  'conflict',
  'rejected',
  'new-person',
] as const;
export type UnmatchedReason = (typeof unmatchedReasons)[number];

export type LinkCandidate = { childId: string; method: LinkMethod; confidence: number };
export type LinkResult =
  | { status: 'linked'; childId: string; method: LinkMethod; confidence: number }
  | { status: 'ambiguous'; candidates: LinkCandidate[] }
  | { status: 'unmatched'; reason: UnmatchedReason };

/**
 * A staff decision for one source identity, keyed by {@link identityKey}: link to a child,
 * exclude the record (`reject`), or a person the roster does not list (`newPerson`; it gives way
 * once the roster lists them, see {@link Linker.listed}).
 */
export type LinkDecision = { childId: string } | { reject: true } | { newPerson: true };
export type LinkerOptions = { decisions?: ReadonlyMap<string, LinkDecision> };
/**
 * `key` is {@link identityKey} (with the linker's memoised folds); `link` takes it when the caller
 * already has it, so a record's key is computed once.
 */
export type Linker = {
  key(identity: Identity): string;
  link(identity: Identity, key?: string): LinkResult;
  /**
   * True when the roster lists the record's person for sure: its valid resident number, or its
   * exact name + birth date + kana. A `newPerson` decision for such a record no longer holds.
   */
  listed(identity: Identity): boolean;
};

/**
 * Confidence per outcome; a person reviews everything below `linked`. A contradiction (sex, kana
 * or household present on both sides and different) never links: it goes to review at `review`.
 */
export const linkConfidence = {
  residentNumber: 1,
  manual: 1,
  nameBirth: 0.95,
  nameBirthNarrowed: 0.9,
  weakNameBirth: 0.7,
  kanaBirth: 0.6,
  review: 0.5,
} as const;

type Child = {
  childId: string;
  /** {@link foldName} key; `undefined` when the roster holds no name. */
  name: string | undefined;
  resident: string | undefined;
  household: string | undefined;
  kana: string | undefined;
  sex: 1 | 2 | undefined;
  birthDate: string;
};

const sep = '\u0000';

/** The folded fields of the record being linked; `conflict` is set when a number rules one out. */
type Probe = {
  name: string | undefined;
  resident: string | undefined;
  kana: string | undefined;
  household: string | undefined;
  sex: 1 | 2 | undefined;
  conflict: boolean;
};

/** Each check passes when either side lacks the field: only a contradiction rules out. */
function sexAgrees(c: Child, p: Probe): boolean {
  return p.sex === undefined || c.sex === undefined || c.sex === p.sex;
}
function kanaAgrees(c: Child, p: Probe): boolean {
  return p.kana === undefined || c.kana === undefined || c.kana === p.kana;
}
function householdAgrees(c: Child, p: Probe): boolean {
  return p.household === undefined || c.household === undefined || c.household === p.household;
}
/** No field contradicts: what a name + birth date match needs to link. */
function narrows(c: Child, p: Probe): boolean {
  return householdAgrees(c, p) && sexAgrees(c, p) && kanaAgrees(c, p);
}
function confirmsKana(c: Child, p: Probe): boolean {
  return p.kana !== undefined && c.kana === p.kana;
}
function confirmsHousehold(c: Child, p: Probe): boolean {
  return p.household !== undefined && c.household === p.household;
}

/**
 * Candidates whose valid resident number does not differ from the record's; flags a conflict
 * when the number ruled every one out.
 */
function compatible(found: readonly Child[] | undefined, p: Probe): readonly Child[] {
  if (found === undefined) return [];
  if (p.resident === undefined) return found;
  const kept = found.filter(
    (c) => p.resident === undefined || c.resident === undefined || c.resident === p.resident,
  );
  if (kept.length === 0) p.conflict = true;
  return kept;
}

/**
 * Caches a fold by raw text, bounded: records usually spell a name exactly as the roster does, so
 * the keys folded while indexing the roster serve most lookups.
 */
function memoize(fold: (text: string) => string, limit: number): (text: string) => string {
  const cache = new Map<string, string>();
  return function memoized(text: string): string {
    let folded = cache.get(text);
    if (folded === undefined) {
      folded = fold(text);
      if (cache.size < limit) cache.set(text, folded);
    }
    return folded;
  };
}

/**
 * An index entry: the one child under a key, or the children sharing it. Nearly every key has one
 * child, and a roster's index lives as long as its linker: no array per key and child.
 */
type Entry = Child | Child[];

function push(index: Map<string, Entry>, key: string, child: Child): void {
  const found = index.get(key);
  if (found === undefined) index.set(key, child);
  else if (Array.isArray(found)) found.push(child);
  else index.set(key, [found, child]);
}

/** The children under an index key. */
function under(index: ReadonlyMap<string, Entry>, key: string): readonly Child[] | undefined {
  const found = index.get(key);
  return found === undefined || Array.isArray(found) ? found : [found];
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function isIndex(roster: readonly RosterEntry[] | RosterIndex): roster is RosterIndex {
  return !Array.isArray(roster);
}

/** The Map indexes and memoised folds of one roster. */
type Indexed = {
  ids: Set<string>;
  byResident: Map<string, Entry>;
  byName: Map<string, Entry>;
  /**
   * Built on first use (then kept with the index): only a record whose folded name matched no
   * child looks a child up by weak name key or by reading, and most imports have none.
   */
  byWeak: () => ReadonlyMap<string, Entry>;
  byKana: () => ReadonlyMap<string, Entry>;
  nameKey: (text: string) => string;
  weakKey: (text: string) => string;
  kanaKey: (text: string) => string;
};

/**
 * A roster indexed for linking (opaque). Building it is most of a linker's cost, so callers that
 * link several imports against the same roster build it once ({@link indexRoster}) and reuse it.
 * It holds personal data: keep it in memory only.
 */
export interface RosterIndex {
  readonly size: number;
  readonly indexed: Readonly<Indexed>;
}

/**
 * Indexes the roster for {@link createLinker}: by resident number, folded name + birth date, weak
 * name key + birth date, and kana + birth date. With `folded`, names and kana already are
 * {@link foldName} / {@link foldKana} keys (as the persons table stores them) and are not folded
 * again: folding is most of the cost of indexing.
 * @example const index = indexRoster(roster); createLinker(index, { decisions });
 */
export function indexRoster(
  children: readonly RosterEntry[],
  options: { folded?: boolean } = {},
): RosterIndex {
  const folded = options.folded === true;
  const limit = 2 * children.length + 100_000;
  const nameKey = memoize(foldName, limit);
  const weakKey = memoize(weakNameKey, limit);
  const kanaKey = memoize(foldKana, limit);
  const ids = new Set<string>();
  const byResident = new Map<string, Entry>();
  const byName = new Map<string, Entry>();
  // The children with a name and the names as the entries give them (for the weak index).
  const named: Child[] = [];
  const names: string[] = [];
  const all: Child[] = [];
  for (const entry of children) {
    const resident = normalizeResidentNumber(entry.residentNumber ?? '');
    const name = nonEmpty(folded ? entry.name : nameKey(entry.name));
    const child: Child = {
      childId: entry.childId,
      name,
      resident: isValidResidentNumber(resident) ? resident : undefined,
      household: nonEmpty(normalizeResidentNumber(entry.householdNumber ?? '')),
      kana: nonEmpty(folded ? entry.kana : kanaKey(entry.kana ?? '')),
      sex: entry.sex,
      birthDate: entry.birthDate,
    };
    all.push(child);
    ids.add(child.childId);
    if (child.resident !== undefined) push(byResident, child.resident, child);
    // A child without a name is found by number or reading only: an empty key would pair it with
    // every nameless (or blank-named) record born the same day.
    if (name !== undefined) {
      push(byName, name + sep + entry.birthDate, child);
      named.push(child);
      names.push(entry.name);
    }
  }
  let byWeak: Map<string, Entry> | undefined;
  let byKana: Map<string, Entry> | undefined;
  const indexed: Indexed = {
    ids,
    byResident,
    byName,
    byWeak: () => {
      if (byWeak === undefined) {
        byWeak = new Map();
        // Not memoised: every roster name is folded once here (the cache would only grow).
        for (const [i, child] of named.entries()) {
          push(byWeak, weakNameKey(names[i] as string) + sep + child.birthDate, child);
        }
      }
      return byWeak;
    },
    byKana: () => {
      if (byKana === undefined) {
        byKana = new Map();
        for (const child of all) {
          if (child.kana !== undefined) push(byKana, child.kana + sep + child.birthDate, child);
        }
      }
      return byKana;
    },
    nameKey,
    weakKey,
    kanaKey,
  };
  return { size: indexed.ids.size, indexed };
}

/**
 * Builds an in-memory linker over the roster (or a prebuilt {@link RosterIndex}; pure). Order:
 * manual decision (a `newPerson` one only while the roster does not list the person) → resident
 * number (check digit first; never guessed; sent to review when the sex, or both name and kana,
 * contradict) → folded name + birth date (narrowed by sex, kana, household; any of them
 * contradicting the only candidate sends it to review) → weak name key + birth date, linked only
 * when the household number confirms → kana + birth date (always for review: a name mismatch is
 * confirmed by a person).
 * @example
 * const linker = createLinker([{ childId: 'c1', name: '髙橋太郎', birthDate: '2015-05-01' }]);
 * linker.link({ name: '高橋 太郎', birthDate: '2015-05-01' }); // linked c1, name-birth, 0.95
 */
export function createLinker(
  roster: readonly RosterEntry[] | RosterIndex,
  options: LinkerOptions = {},
): Linker {
  const decisions = options.decisions ?? new Map<string, LinkDecision>();
  const { indexed } = isIndex(roster) ? roster : indexRoster(roster);
  const { ids, byResident, byName, byWeak, byKana, nameKey, weakKey, kanaKey } = indexed;
  const folds: KeyFolds = { name: nameKey, kana: kanaKey };

  const linked = (c: Child, method: LinkMethod, confidence: number): LinkResult => ({
    status: 'linked',
    childId: c.childId,
    method,
    confidence,
  });
  const ambiguous = (cs: readonly Child[], method: LinkMethod, confidence: number): LinkResult => ({
    status: 'ambiguous',
    candidates: cs.map((c) => ({ childId: c.childId, method, confidence })),
  });
  const unmatched = (reason: UnmatchedReason): LinkResult => ({ status: 'unmatched', reason });

  /**
   * True when a resident-number match is contradicted by the rest of the record: the sex differs,
   * or both the name and the reading differ (twins whose numbers were swapped in an export). A
   * differing name alone is common (another office's spelling, a new surname) and does not count.
   * Folds lazily: most records agree on sex and name, and never need their kana folded.
   */
  function contradictsNumber(c: Child, identity: Identity): boolean {
    if (identity.sex !== undefined && c.sex !== undefined && identity.sex !== c.sex) return true;
    if (c.name === undefined || c.kana === undefined || !identity.kana) return false;
    const name = nonEmpty(nameKey(identity.name ?? ''));
    if (name === undefined || name === c.name) return false;
    const kana = nonEmpty(kanaKey(identity.kana ?? ''));
    return kana !== undefined && kana !== c.kana;
  }

  function listed(identity: Identity): boolean {
    const resident = normalizeResidentNumber(identity.residentNumber ?? '');
    if (isValidResidentNumber(resident) && byResident.has(resident)) return true;
    const name = nonEmpty(nameKey(identity.name ?? ''));
    const kana = nonEmpty(kanaKey(identity.kana ?? ''));
    if (identity.birthDate === undefined || name === undefined || kana === undefined) return false;
    return under(byName, name + sep + identity.birthDate)?.some((c) => c.kana === kana) ?? false;
  }

  /** The decision's result; `undefined` when a `newPerson` decision gave way to the roster. */
  function decide(decision: LinkDecision, identity: Identity): LinkResult | undefined {
    if ('reject' in decision) return unmatched('rejected');
    // Staff said the roster does not list this person; once it does, link as if undecided.
    if ('newPerson' in decision) return listed(identity) ? undefined : unmatched('new-person');
    if (!ids.has(decision.childId)) return unmatched('conflict');
    return { status: 'linked', childId: decision.childId, method: 'manual', confidence: 1 };
  }

  return {
    key: function key(identity: Identity): string {
      return identityKey(identity, folds);
    },
    listed,
    link: function link(identity: Identity, key?: string): LinkResult {
      if (decisions.size > 0) {
        const decision = decisions.get(key ?? identityKey(identity, folds));
        const decided = decision && decide(decision, identity);
        if (decided !== undefined) return decided;
      }
      const birth = identity.birthDate;
      const rawResident = nonEmpty(normalizeResidentNumber(identity.residentNumber ?? ''));
      if (rawResident !== undefined && !isValidResidentNumber(rawResident)) {
        return unmatched('bad-resident-number');
      }
      if (rawResident !== undefined) {
        const found = under(byResident, rawResident);
        if (found !== undefined) {
          const agreeing = found.filter((c) => birth === undefined || c.birthDate === birth);
          const [only] = agreeing;
          if (only === undefined) return unmatched('conflict');
          return agreeing.length === 1 && !contradictsNumber(only, identity)
            ? linked(only, 'resident-number', linkConfidence.residentNumber)
            : ambiguous(agreeing, 'resident-number', linkConfidence.review);
        }
      }
      if (birth === undefined) return unmatched('no-candidate');

      const p: Probe = {
        name: nonEmpty(nameKey(identity.name ?? '')),
        resident: rawResident,
        kana: nonEmpty(kanaKey(identity.kana ?? '')),
        household: nonEmpty(normalizeResidentNumber(identity.householdNumber ?? '')),
        sex: identity.sex,
        conflict: false,
      };
      const name = p.name;
      if (name !== undefined) {
        const exact = compatible(under(byName, name + sep + birth), p);
        const [first] = exact;
        if (first !== undefined && exact.length === 1) {
          // The only candidate, but the record's sex, reading or household says otherwise: a
          // person decides (two children can share a name and a birthday; one may be missing
          // from the roster).
          if (!narrows(first, p)) return ambiguous(exact, 'name-birth', linkConfidence.review);
          return confirmsKana(first, p)
            ? linked(first, 'name-birth-kana', linkConfidence.nameBirth)
            : linked(first, 'name-birth', linkConfidence.nameBirth);
        }
        if (exact.length > 1) {
          const narrowed = exact.filter((c) => narrows(c, p));
          const [only] = narrowed;
          if (only !== undefined && narrowed.length === 1) {
            const method = confirmsKana(only, p) ? 'name-birth-kana' : 'name-birth';
            return linked(only, method, linkConfidence.nameBirthNarrowed);
          }
          return ambiguous(
            narrowed.length > 0 ? narrowed : exact,
            'name-birth',
            linkConfidence.review,
          );
        }
        // Weak pairs (斎/斉, 舘/館 …) are different 常用漢字 that read alike, so an agreeing kana
        // is expected from another child as much as from this one and confirms nothing. Only an
        // independent field, the household number, links; everything else goes to review (a
        // staff decision is stored by identity key and reused by later imports).
        const weak = compatible(
          under(byWeak(), weakKey(identity.name ?? '') + sep + birth),
          p,
        ).filter((c) => sexAgrees(c, p));
        const [weakOnly] = weak;
        if (
          weakOnly !== undefined &&
          weak.length === 1 &&
          narrows(weakOnly, p) &&
          confirmsHousehold(weakOnly, p)
        ) {
          return linked(weakOnly, 'weak-name-birth', linkConfidence.weakNameBirth);
        }
        if (weak.length > 0) return ambiguous(weak, 'weak-name-birth', linkConfidence.review);
      }
      if (p.kana !== undefined) {
        const byReading = compatible(under(byKana(), p.kana + sep + birth), p).filter((c) =>
          sexAgrees(c, p),
        );
        if (byReading.length > 0) {
          const confidence =
            byReading.length === 1 ? linkConfidence.kanaBirth : linkConfidence.review;
          return ambiguous(byReading, 'kana-birth', confidence);
        }
      }
      return unmatched(p.conflict ? 'conflict' : 'no-candidate');
    },
  };
}

import { foldKana, makeResidentNumber } from '@mimamori/identity';
import { ageOn, dayNumber, gradeOn, isoDate } from './calendar';
import type { Calibration, RiskKind } from './calibration';
import { hasGaijiForm, toGaijiForm } from './gaiji';
import { adultGivenNames, childGivenNames, surnames, type NamePart } from './names';
import type { Rng } from './prng';

/** One registered resident (roster row). */
export interface Person {
  readonly residentNumber: string;
  /** Surname as registered (may hold a private-use 外字). */
  readonly surname: string;
  readonly surnameKana: string;
  readonly given: string;
  readonly givenKana: string;
  readonly sex: 1 | 2;
  readonly birthDate: string;
  /** 続柄 as 住基 writes it. */
  readonly relation: string;
}

/** A resident child aged 3–15 with the latent difficulties planted for it. */
export interface Child extends Person {
  readonly age: number;
  readonly grade: number;
  readonly risks: RiskKind[];
  severe: boolean;
}

/** One household and its latent state (what sources draw their signals from). */
export interface Household {
  readonly index: number;
  readonly number: string;
  readonly address: string;
  readonly members: Person[];
  readonly children: Child[];
  readonly singleParent: boolean;
  readonly dvSupport: boolean;
  readonly moves: number;
  readonly poverty: boolean;
  readonly neglect: boolean;
  readonly youngCarer: boolean;
  readonly publicAssistance: boolean;
}

/** Mutable state shared across households: serials and the keys that must stay unique. */
export interface VillageState {
  readonly asOf: string;
  readonly calibration: Calibration;
  nextSerial: number;
  /** Folded `kana|birthDate` of every child 3–15: no two children may share it (0 ambiguous links). */
  readonly childKeys: Set<string>;
}

const areas = ['北', '南', '東', '西', '中央', '川原', '上野原', '杉ノ木', '本郷', '新田'] as const;

const cumulative = new WeakMap<readonly NamePart[], number[]>();

/** Picks a name part by weight (cumulative weights cached per table: this runs millions of times). */
function pickPart(rng: Rng, parts: readonly NamePart[]): NamePart {
  let sums = cumulative.get(parts);
  if (sums === undefined) {
    let total = 0;
    sums = parts.map((p) => (total += p.weight));
    cumulative.set(parts, sums);
  }
  const x = rng.next() * (sums.at(-1) ?? 0);
  let lo = 0;
  let hi = sums.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sums[mid] ?? 0) > x) hi = mid;
    else lo = mid + 1;
  }
  const part = parts[lo];
  if (part === undefined) throw new RangeError('empty name table');
  return part;
}

function childCount(rng: Rng): number {
  return rng.weighted([
    [1, 45],
    [2, 40],
    [3, 13],
    [4, 2],
  ] as const);
}

/** First and last day number of births aged 3–15 on asOf. */
function childRange(asOf: string): { first: number; last: number } {
  const y = Number(asOf.slice(0, 4));
  const last = dayNumber(`${y - 3}${asOf.slice(4)}`);
  const first = dayNumber(`${y - 16}${asOf.slice(4)}`) + 1;
  return { first, last };
}

/** Draws a child's birth date so that it is 3–15 on asOf (uniform over the 13 cohorts). */
function childBirth(rng: Rng, asOf: string): string {
  const { first, last } = childRange(asOf);
  return isoDate(rng.int(first, last));
}

/** Siblings outside 3–15 (a baby or a high-school student): roster members only. */
function outOfRangeSiblings(rng: Rng, asOf: string, births: readonly string[]): string[] {
  const { first, last } = childRange(asOf);
  const eldest = dayNumber(births[0] ?? asOf);
  const youngest = dayNumber(births.at(-1) ?? asOf);
  const extra: string[] = [];
  const older = Math.min(first - 1, eldest - rng.int(400, 1400));
  if (rng.chance(0.06) && older > first - 3 * 365) extra.push(isoDate(older));
  const baby = Math.max(last + 1, youngest + rng.int(400, 1400));
  if (rng.chance(0.12) && baby < dayNumber(asOf) - 30) extra.push(isoDate(baby));
  return extra;
}

function yearsBefore(rng: Rng, iso: string, minYears: number, maxYears: number): string {
  return isoDate(
    dayNumber(iso) - rng.int(Math.round(minYears * 365.25), Math.round(maxYears * 365.25)),
  );
}

/**
 * Creates one household with up to `maxChildren` children aged 3–15 (plus parents, maybe a
 * grandparent and siblings outside the age range), drawing from the household's own stream.
 */
export function createHousehold(
  rng: Rng,
  state: VillageState,
  index: number,
  maxChildren: number,
): Household {
  const { asOf, calibration: cal } = state;
  const family = pickPart(rng, surnames);
  const surname =
    hasGaijiForm(family.kanji) && rng.chance(cal.gaiji) ? toGaijiForm(family.kanji) : family.kanji;
  const singleParent = rng.chance(cal.singleParent);
  const poverty = rng.chance(singleParent ? cal.povertySingleParent : cal.poverty);
  const neglect = rng.chance(poverty ? cal.neglectPoor : cal.neglect);
  const youngCarer = rng.chance(cal.youngCarer * (poverty ? 2 : 1));
  const grandparent = youngCarer || rng.chance(cal.grandparent);
  const moves = rng.weighted(
    poverty || neglect
      ? ([
          [0, 55],
          [1, 25],
          [2, 12],
          [3, 8],
        ] as const)
      : ([
          [0, 88],
          [1, 9],
          [2, 3],
        ] as const),
  );
  const person = (given: NamePart, sex: 1 | 2, birthDate: string, relation: string): Person => ({
    residentNumber: makeResidentNumber(state.nextSerial++),
    surname,
    surnameKana: family.kana,
    given: given.kanji,
    givenKana: given.kana,
    sex,
    birthDate,
    relation,
  });

  const births: string[] = [];
  const count = Math.min(maxChildren, childCount(rng));
  while (births.length < count) {
    const twin = births.length > 0 && rng.chance(0.01);
    const birth = twin ? (births[0] ?? childBirth(rng, asOf)) : childBirth(rng, asOf);
    const gap = Math.min(...births.map((b) => Math.abs(dayNumber(b) - dayNumber(birth))));
    if (twin || births.length === 0 || gap >= 400) births.push(birth);
  }
  births.sort();
  births.push(...outOfRangeSiblings(rng, asOf, births));
  births.sort();

  const motherBirth = yearsBefore(rng, births[0] ?? asOf, 21, 39);
  const fatherBirth = yearsBefore(rng, motherBirth, -2, 6);
  const members: Person[] = [];
  const singleFather = singleParent && rng.chance(0.15);
  if (!singleParent || singleFather)
    members.push(person(pickPart(rng, adultGivenNames[1]), 1, fatherBirth, '世帯主'));
  if (!singleFather)
    members.push(
      person(pickPart(rng, adultGivenNames[2]), 2, motherBirth, singleParent ? '世帯主' : '妻'),
    );
  if (grandparent) {
    const sex = rng.chance(0.6) ? 2 : 1;
    members.push(
      person(
        pickPart(rng, adultGivenNames[sex]),
        sex,
        yearsBefore(rng, motherBirth, 22, 34),
        sex === 2 ? '母' : '父',
      ),
    );
  }

  const children: Child[] = [];
  for (const birthDate of births) {
    const age = ageOn(birthDate, asOf);
    const inRange = age >= 3 && age <= 15;
    let sex: 1 | 2 = rng.chance(0.512) ? 1 : 2;
    let given = pickPart(rng, childGivenNames[sex]);
    const key = (part: NamePart): string => `${foldKana(family.kana + part.kana)}|${birthDate}`;
    for (let tries = 0; inRange && state.childKeys.has(key(given)); tries++) {
      if (tries > 50) sex = sex === 1 ? 2 : 1;
      given = pickPart(rng, childGivenNames[sex]);
    }
    const member = person(given, sex, birthDate, '子');
    members.push(member);
    if (!inRange) continue;
    state.childKeys.add(key(given));
    children.push({ ...member, age, grade: gradeOn(birthDate, asOf), risks: [], severe: false });
  }

  const household: Household = {
    index,
    number: String(index + 1).padStart(10, '0'),
    address: `見守村大字${rng.pick(areas)}${rng.int(1, 2999)}番地`,
    members,
    children,
    singleParent,
    dvSupport: rng.chance(cal.dvSupport * (neglect ? 10 : 1)),
    moves,
    poverty,
    neglect,
    youngCarer,
    publicAssistance: poverty && rng.chance(0.2),
  };
  plantChildRisks(rng, household, cal);
  return household;
}

function plantChildRisks(rng: Rng, household: Household, cal: Calibration): void {
  for (const child of household.children) {
    if (household.poverty) child.risks.push('poverty');
    if (household.neglect) child.risks.push('neglect');
    if (household.youngCarer && child.age >= 8) child.risks.push('youngCarer');
    if (child.grade >= 1 && child.grade <= 9) {
      const refusal = child.grade >= 7 ? cal.schoolRefusalJuniorHigh : cal.schoolRefusalElementary;
      if (rng.chance(refusal * (household.neglect || household.poverty ? 2 : 1)))
        child.risks.push('schoolRefusal');
      if (rng.chance(cal.bullying)) child.risks.push('bullying');
    }
    const strong = child.risks.filter((r) => r !== 'poverty').length;
    child.severe = household.neglect
      ? rng.chance(cal.severeNeglect)
      : strong >= 1 && rng.chance(cal.severeOther * strong * (household.poverty ? 1.5 : 1));
  }
}

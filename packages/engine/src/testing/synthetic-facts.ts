import { createRandom, type Random } from './random-cases';

/** Skewed count: mostly 0, occasionally up to `max`. */
function count(r: Random, pZero: number, max: number): number {
  return r.chance(pZero) ? 0 : r.int(1, max);
}

/**
 * Deterministic synthetic fact records over the demo rule set's fact ids (for bench and tests;
 * not the village generator). Preschool children carry nursery/health facts, school-age children
 * school facts; everyone carries roster and welfare facts.
 */
export function syntheticFacts(n: number, seed = 42): Record<string, unknown>[] {
  const r = createRandom(seed);
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i += 1) {
    const facts: Record<string, unknown> = {
      'roster.movesLast3Years': count(r, 0.85, 4),
      'roster.singleParent': r.chance(0.12),
      'roster.householdSize': r.int(2, 7),
      'welfare.childSupportAllowance': r.chance(0.88)
        ? 'なし'
        : r.pick(['全部支給', '一部支給', '停止']),
      'welfare.publicAssistance': r.chance(0.02),
      'welfare.singleParentMedical': r.chance(0.08),
      'welfare.disabilityInHousehold': r.chance(0.05),
      'welfare.careNeedInHousehold': count(r, 0.93, 5),
      'welfare.youtaikyoRegistered': r.chance(0.008),
      'welfare.abuseReports': count(r, 0.985, 3),
      'health.checkupsMissed': count(r, 0.9, 3),
      'health.checkupFinding': r.chance(0.85) ? '健康' : r.pick(['要観察', '要精査']),
      'health.weightPercentile': r.int(0, 100),
      'health.hittingShoutingAnswers': count(r, 0.85, 4),
      'health.householdFinanceScore': r.int(1, 5),
      'health.vaccinationsMissed': count(r, 0.9, 5),
    };
    if (r.chance(0.3)) {
      facts['nursery.enrolment'] = r.pick(['保育所', '保育所', '幼稚園', '未就園']);
      facts['nursery.absenceDaysPerMonth'] = r.int(0, 80) / 10;
      facts['nursery.longestAbsence'] = count(r, 0.5, 20);
      facts['nursery.feeArrearsMonths'] = count(r, 0.95, 6);
    } else {
      facts['school.absenceDays'] = r.chance(0.8) ? r.int(0, 10) : r.int(0, 60);
      facts['school.absenceOtherDays'] = count(r, 0.85, 30);
      facts['school.lateCount'] = count(r, 0.7, 30);
      facts['school.earlyLeaveCount'] = count(r, 0.8, 15);
      facts['school.nurseVisits'] = count(r, 0.6, 30);
      facts['school.schoolAid'] = r.chance(0.85)
        ? 'なし'
        : r.pick(['要保護', '準要保護', '準要保護']);
      facts['school.untreatedFindings'] = count(r, 0.85, 3);
      facts['school.bullyingVictimReport'] = r.chance(0.03);
      facts['school.schoolLifeScore'] = r.int(10, 100);
      facts['school.testScore'] = r.int(10, 100);
      facts['school.testScoreChange'] = r.int(-30, 20);
      facts['school.teacherNotes'] = count(r, 0.85, 5);
    }
    out.push(facts);
  }
  return out;
}

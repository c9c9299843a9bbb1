import { agreementAcrossPerspectives, type PairAgreement } from '../../assessments/calibration/agreement.ts';
import { criterionDistributions, type CriterionDistribution } from '../../assessments/calibration/distribution.ts';
import { findDivergences, type Divergence } from '../../assessments/calibration/divergence.ts';
import { scorerLeniency, selfAssessmentLeniency, type ScoredCriterionRecord, type ScorerLeniency, type SystemSelfLeniency } from '../../assessments/calibration/leniency.ts';
import type { Principal } from '../../assessments/access/roles.ts';
import { mayCalibrateAcrossSystems } from '../../assessments/access/policy.ts';
import { ForbiddenError } from '../../assessments/errors.ts';
import { perspectives, type Perspective } from '../../assessments/evidence/perspective-evidence.ts';
import type { Finding } from '../../assessments/scoring/criterion-result.ts';
import { latestByCriterion } from '../persistence/assessment-records.ts';
import type { AssessmentService } from './assessment-service.ts';
import type { CriterionService, ModerationContent } from './criterion-service.ts';
import { toCsv } from './csv.ts';
import { scoreOf } from './final-scores.ts';
import type { PackRegistry } from './pack-registry.ts';
import type { AssessmentSummaries, AssessmentSummary } from './assessment-summaries.ts';

/** Calibration across systems shows every system's scores: refused (403) to a system's own team and a board limited to one system. */
export function refuseUnlessMayCompare(principal: Principal): void {
  if (!mayCalibrateAcrossSystems(principal)) throw new ForbiddenError('Calibration across systems compares every system, so it is for assessors, peer reviewers, administrators and panels');
}

/** Calibration across the systems assessed in one period (¶3.125): who scores high or low, and how scores spread. */
export interface PeriodCalibration {
  period: string;
  assessments: number;
  /** Each assessor's mean of (their score − the moderated score), with the count it rests on. */
  assessors: ScorerLeniency[];
  /** Each system's self-assessment against the moderated scores. */
  selfAssessment: SystemSelfLeniency[];
  /** Final scores (the agreed result's: moderated, else the assessor's, peer review's or self-assessment's) per criterion, overall and by region. */
  distributions: CriterionDistribution[];
}

export const calibrationTables = ['assessors', 'self-assessment', 'distribution'] as const;
export type CalibrationTable = (typeof calibrationTables)[number];

/** Calibration within one assessment: how far its perspectives agree, where they diverge, what the panel agreed. */
export interface AssessmentCalibration {
  agreement: PairAgreement[];
  divergences: Divergence[];
  moderated: Record<string, { outcome: { score: number } | { status: string }; rationale: string; by: string; at: Date }>;
}

/** Builds the cross-system calibration tables from every assessment of a period the asker may see. */
export class CalibrationService {
  constructor(
    private readonly assessments: AssessmentService,
    private readonly criteria: CriterionService,
    private readonly packs: PackRegistry,
    private readonly summaries: AssessmentSummaries,
  ) {}

  /** Agreement (exact, within one, quadratic-weighted kappa) per pair of perspectives, divergences with the findings each side saw, and moderated scores. */
  async forAssessment(id: string, principal: Principal): Promise<AssessmentCalibration> {
    const snapshot = await this.assessments.snapshot(id, principal);
    const { assessment, records } = snapshot;
    const { manifest } = this.packs.get(assessment.pack);
    const scores: Partial<Record<Perspective, Record<string, number | null>>> = {};
    const findings: Partial<Record<Perspective, Record<string, Finding[]>>> = {};
    for (const perspective of perspectives) {
      const result = await this.criteria.scoreSnapshot(snapshot, perspective);
      if (result.rating.scoredCriteriaAssessed === 0 && result.criteria.every((criterion) => criterion.judgement.decision === 'proposed')) continue;
      const scored = result.criteria.filter((criterion) => criterion.kind === 'scored');
      scores[perspective] = Object.fromEntries(scored.map((criterion) => [criterion.criterion, scoreOf(criterion.judgement.outcome)]));
      findings[perspective] = Object.fromEntries(scored.map((criterion) => [criterion.criterion, criterion.findings]));
    }
    const order = manifest.criteria.map((criterion) => criterion.id);
    const moderated = latestByCriterion<ModerationContent>(records, 'moderation', null);
    return {
      agreement: agreementAcrossPerspectives(scores, { minimumPairs: manifest.calibration.kappaMinimumPairs, criteriaOrder: order }),
      divergences: findDivergences(scores, findings, { divergencePoints: manifest.calibration.divergencePoints, criteriaOrder: order }),
      moderated: Object.fromEntries([...moderated].map(([criterion, record]) => [criterion, { outcome: record.content.outcome, rationale: record.content.rationale, by: record.by.name, at: record.at }])),
    };
  }

  async forPeriod(period: string, principal: Principal): Promise<PeriodCalibration> {
    refuseUnlessMayCompare(principal);
    // Summaries kept current on write and checked against each assessment's version: no history is read here.
    const inPeriod = (await this.summaries.inPeriod(period)).sort((a, b) => a.system.localeCompare(b.system) || a.id.localeCompare(b.id));
    // A system has one assessment per period and pack, so after a pack changes it can have two in a
    // period: every one counts towards leniency, but its place in the distributions is its newest one's.
    const newest = new Map<string, AssessmentSummary>();
    for (const summary of inPeriod) {
      const seen = newest.get(summary.system);
      if (seen === undefined || summary.createdAt.getTime() > seen.createdAt.getTime()) newest.set(summary.system, summary);
    }
    const scored: ScoredCriterionRecord[] = inPeriod.flatMap((summary) => summary.scored.map((entry) => ({ assessmentId: summary.id, system: summary.system, ...entry })));
    const finals = [...newest.values()].flatMap((summary) => summary.finals.map((entry) => ({ system: summary.system, region: summary.region, ...entry })));
    return {
      period,
      assessments: inPeriod.length,
      assessors: scorerLeniency(scored),
      selfAssessment: selfAssessmentLeniency(scored),
      distributions: criterionDistributions(finals),
    };
  }

  /** One of the tables as CSV, for a spreadsheet. */
  async csv(period: string, table: CalibrationTable, principal: Principal): Promise<string> {
    const calibration = await this.forPeriod(period, principal);
    const leniencyColumns = ['mean (score − moderated)', 'criteria it rests on', 'criteria not yet moderated', 'assessments', 'direction', 'flagged'];
    const leniencyCells = (entry: ScorerLeniency | SystemSelfLeniency) => [entry.rounded, entry.count, entry.unmoderated, entry.assessments, entry.direction, entry.flagged];
    switch (table) {
      case 'assessors':
        return toCsv(['period', 'assessor', 'assessor id', ...leniencyColumns], calibration.assessors.map((entry) => [period, entry.scorerName, entry.scorerId, ...leniencyCells(entry)]));
      case 'self-assessment':
        return toCsv(['period', 'system', ...leniencyColumns], calibration.selfAssessment.map((entry) => [period, entry.system, ...leniencyCells(entry)]));
      case 'distribution':
        return toCsv(
          ['period', 'criterion', 'system', 'region', 'final score', 'rank', 'of systems', 'percentile'],
          calibration.distributions.flatMap((distribution) => distribution.positions.map((position) => [period, distribution.criterion, position.system, position.region, position.score, position.rank, position.ofSystems, position.percentile])),
        );
    }
  }
}

import { perspectiveOrder } from '../../assessments/calibration/perspective-scores.ts';
import { rate } from '../../assessments/rating/rate.ts';
import type { GateStatus } from '../../assessments/rule-pack/pack-schema.ts';
import type { Outcome } from '../../assessments/scoring/criterion-result.ts';
import type { TrendPoint } from '../../assessments/trends/trend.ts';
import { latestByCriterion } from '../persistence/assessment-records.ts';
import type { AssessmentSnapshot } from './assessment-service.ts';
import type { CriterionService, ModerationContent } from './criterion-service.ts';
import type { PackRegistry } from './pack-registry.ts';

/**
 * An assessment's agreed result as a trend point: each criterion's final outcome is the panel's
 * moderated one, else the assessor's judged one, else the peer review's, else the
 * self-assessment's; the rating is the pinned pack's rating of those. (One function, so that the
 * product's single "agreed result" can replace it.)
 */
export async function trendPointOf(snapshot: AssessmentSnapshot, criteria: CriterionService, packs: PackRegistry): Promise<Omit<TrendPoint, 'differentRules'>> {
  const { assessment, records } = snapshot;
  const pack = packs.get(assessment.pack);
  const moderated = latestByCriterion<ModerationContent>(records, 'moderation', null);
  const judged = new Map<string, Outcome | null>();
  // From the most to the least authoritative perspective: assessor, peer, self.
  for (const perspective of [...perspectiveOrder].reverse()) {
    const result = await criteria.scoreSnapshot(snapshot, perspective);
    for (const criterion of result.criteria) if ((judged.get(criterion.criterion) ?? null) === null) judged.set(criterion.criterion, criterion.judgement.outcome);
  }
  const final = (criterion: string): Outcome | null => moderated.get(criterion)?.content.outcome ?? judged.get(criterion) ?? null;
  const scored = pack.criteria.filter((criterion) => criterion.kind === 'scored');
  const scores = Object.fromEntries(scored.map((criterion) => { const outcome = final(criterion.id); return [criterion.id, outcome !== null && 'score' in outcome ? outcome.score : null]; }));
  const gateCriterion = pack.criteria.find((criterion) => criterion.kind === 'gate');
  const gateOutcome = gateCriterion === undefined ? null : final(gateCriterion.id);
  const gate: GateStatus | 'not-assessed' | null = gateCriterion === undefined ? null : gateOutcome !== null && 'status' in gateOutcome ? gateOutcome.status : 'not-assessed';
  const rating = await rate(pack.manifest, Object.entries(scores).map(([criterion, score]) => ({ criterion, score })), gate);
  return {
    period: assessment.period,
    assessmentId: assessment.id,
    system: assessment.system,
    systemName: assessment.systemName,
    status: assessment.status,
    pack: assessment.pack,
    rating: rating.final,
    percentage: rating.percentage,
    provisional: rating.provisional,
    scores,
    gate: gate === 'not-assessed' ? null : gate,
  };
}

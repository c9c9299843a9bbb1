import type { GateStatus } from '../../assessments/rule-pack/pack-schema.ts';
import type { TrendPoint } from '../../assessments/trends/trend.ts';
import { agreedResult } from './agreed-result.ts';
import type { AssessmentSnapshot } from './assessment-service.ts';
import type { PackRegistry } from './pack-registry.ts';

/** An assessment's agreed result (agreed-result.ts: moderated, else assessor, peer, self) as a trend point. */
export async function trendPointOf(snapshot: AssessmentSnapshot, packs: PackRegistry): Promise<Omit<TrendPoint, 'differentRules'>> {
  const { assessment } = snapshot;
  const agreed = await agreedResult(packs, snapshot);
  const scores = Object.fromEntries(agreed.criteria.filter((criterion) => criterion.kind === 'scored').map((criterion) => [criterion.criterion, criterion.outcome !== null && 'score' in criterion.outcome ? criterion.outcome.score : null]));
  const gateOutcome = agreed.criteria.find((criterion) => criterion.kind === 'gate')?.outcome ?? null;
  const gate: GateStatus | null = gateOutcome !== null && 'status' in gateOutcome ? gateOutcome.status : null;
  const { rating } = agreed;
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
    gate,
  };
}

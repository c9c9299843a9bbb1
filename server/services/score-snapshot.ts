import type { Perspective, PerspectiveEvidence } from '../../assessments/evidence/perspective-evidence.ts';
import type { RulePack } from '../../assessments/rule-pack/rule-pack.ts';
import type { Judgement } from '../../assessments/scoring/judgement.ts';
import { scorePerspective, type PerspectiveResult } from '../../assessments/scoring/score-perspective.ts';
import { latestByCriterion } from '../persistence/assessment-records.ts';
import type { AssessmentSnapshot } from './assessment-service.ts';
import type { EvidenceContent, JudgementContent } from './criterion-service.ts';

/** A perspective's result, and the criteria whose judgement was set aside because the evidence changed after it. */
export type ScoredPerspective = PerspectiveResult & { staleJudgements: string[] };

/**
 * Scores one perspective of an assessment already read, with its pinned pack: the latest evidence
 * of each criterion and the judgements that still apply (a judgement made before the evidence last
 * changed is stale and set aside, so nobody's acceptance silently carries over to a different proposal).
 */
export async function scoreSnapshot(pack: RulePack, { assessment, records }: AssessmentSnapshot, perspective: Perspective): Promise<ScoredPerspective> {
  const evidence = latestByCriterion<EvidenceContent>(records, 'evidence', perspective);
  const judgements = latestByCriterion<JudgementContent>(records, 'judgement', perspective);
  const document: PerspectiveEvidence = { system: assessment.system, period: assessment.period, perspective, criteria: {} };
  for (const [criterion, record] of evidence) document.criteria[criterion] = record.content.evidence;
  const applying: Record<string, Judgement> = {};
  const staleJudgements: string[] = [];
  for (const [criterion, record] of judgements) {
    if (record.content.evidenceVersion === (evidence.get(criterion)?.version ?? 0)) applying[criterion] = record.content.judgement;
    else staleJudgements.push(criterion);
  }
  return { ...(await scorePerspective(pack, document, applying)), staleJudgements };
}

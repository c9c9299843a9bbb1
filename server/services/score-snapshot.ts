import type { Perspective, PerspectiveEvidence } from '../../assessments/evidence/perspective-evidence.ts';
import type { RulePack } from '../../assessments/rule-pack/rule-pack.ts';
import type { Judgement } from '../../assessments/scoring/judgement.ts';
import { scorePerspective, type PerspectiveResult } from '../../assessments/scoring/score-perspective.ts';
import { createHash } from 'node:crypto';
import { latestByCriterion, type AssessmentRecords } from '../persistence/assessment-records.ts';
import type { AssessmentSnapshot } from './assessment-service.ts';
import type { EvidenceContent, JudgementContent } from './criterion-service.ts';

/** A perspective's result, and the criteria whose judgement was set aside because the evidence changed after it. */
export type ScoredPerspective = PerspectiveResult & { staleJudgements: string[] };

/**
 * Scores one perspective of an assessment already read, with its pinned pack (see `score`). The
 * result is kept with the assessment's state under the key of its inputs (the pack's hash and the
 * version of each evidence and judgement record of the perspective), so it is computed once after
 * each change, not on every read, and a result whose inputs changed is never used.
 */
export async function scoreSnapshot(pack: RulePack, snapshot: AssessmentSnapshot, perspective: Perspective, store?: AssessmentRecords): Promise<ScoredPerspective> {
  const name = `score/${perspective}`;
  const key = inputKey(pack, snapshot, perspective);
  const cached = snapshot.current?.state.cache[name];
  if (cached !== undefined && cached.key === key) return cached.value as ScoredPerspective;
  const result = await score(pack, snapshot, perspective);
  // Derived data: if keeping it fails, it is computed again next time.
  if (store !== undefined && snapshot.current !== undefined) await store.cache(snapshot.current, name, { key, value: result }).catch(() => undefined);
  return result;
}

function inputKey(pack: RulePack, { records }: AssessmentSnapshot, perspective: Perspective): string {
  const inputs = records
    .filter((record) => record.perspective === perspective && (record.kind === 'evidence' || record.kind === 'judgement'))
    .map((record) => `${record.kind}/${record.criterion ?? ''}/${record.version}`)
    .sort();
  return createHash('sha256').update(JSON.stringify([pack.hash, perspective, inputs])).digest('hex');
}

/**
 * Scores with the latest evidence of each criterion and the judgements that still apply (a
 * judgement made before the evidence last changed is stale and set aside, so nobody's acceptance
 * silently carries over to a different proposal).
 */
async function score(pack: RulePack, { assessment, records }: AssessmentSnapshot, perspective: Perspective): Promise<ScoredPerspective> {
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

import { agreedResultOf, type AgreedResult } from '../../assessments/rating/agreed-result.ts';
import { perspectives } from '../../assessments/evidence/perspective-evidence.ts';
import type { PerspectiveResult } from '../../assessments/scoring/score-perspective.ts';
import { latestByCriterion } from '../persistence/assessment-records.ts';
import type { AssessmentSnapshot } from './assessment-service.ts';
import type { ModerationContent } from './criterion-service.ts';
import type { PackRegistry } from './pack-registry.ts';
import { scoreSnapshot } from './score-snapshot.ts';

/**
 * The agreed result of a stored assessment already read (and checked for sight): every perspective
 * scored with the pinned pack, the panel's moderated outcomes, and per criterion the final outcome
 * with its basis, rated by the pack (assessments/rating/agreed-result.ts). A caller that has scored
 * every perspective of the snapshot already may pass those results. Throws UnavailableError when
 * the pinned pack is not loaded here.
 */
export async function agreedResult(packs: PackRegistry, snapshot: AssessmentSnapshot, scored?: readonly PerspectiveResult[]): Promise<AgreedResult> {
  const pack = packs.get(snapshot.assessment.pack);
  const results = scored ?? (await Promise.all(perspectives.map((perspective) => scoreSnapshot(pack, snapshot, perspective))));
  const moderation = [...latestByCriterion<ModerationContent>(snapshot.records, 'moderation', null)].map(([criterion, record]) => ({ criterion, outcome: record.content.outcome, rationale: record.content.rationale }));
  return agreedResultOf(pack, results, moderation);
}

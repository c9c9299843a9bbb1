// Benchmark: scoring one complete assessment (ten criteria, rating, trace), warm, against the
// same pack evaluated directly in plain TypeScript (direct-scoring.ts) in the same run.
import { parsePerspectiveEvidence } from '../assessments/evidence/perspective-evidence.ts';
import { defaultPackDirectory } from '../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../assessments/rule-pack/load-pack.ts';
import { scorePerspective } from '../assessments/scoring/score-perspective.ts';
import { documentWithProfile, evidenceByOutcome } from '../test/support/evidence-from-cases.ts';
import { scoreDirectly } from './direct-scoring.ts';
import { summarise, time } from './measure.ts';

const profile = {
  'partner-engagement': 3, 'strategy-and-plans': 4, 'place-and-neighbourhood': 3, 'prevention-shift': 2, 'regional-support': 3,
  'priorities-in-practice': 3, 'mutual-accountability': 4, 'learning-culture': 3, 'hosc-effectiveness': 3, 'financial-management': 'well-managed',
};

export async function benchScoring(runs = 3000) {
  const pack = await loadRulePack(defaultPackDirectory);
  const evidence = parsePerspectiveEvidence(documentWithProfile(await evidenceByOutcome(), profile));

  const product = await scorePerspective(pack, evidence);
  const direct = scoreDirectly(pack, evidence);
  const productOutcomes = Object.fromEntries(product.criteria.map((criterion) => {
    const outcome = criterion.proposed;
    return [criterion.criterion, outcome === null ? 'not-assessed' : 'score' in outcome ? outcome.score : outcome.status];
  }));
  const productFindings = product.criteria.flatMap((criterion) => criterion.findings);
  if (JSON.stringify(productOutcomes) !== JSON.stringify(direct.outcomes) || product.rating.final?.id !== direct.final || JSON.stringify(productFindings) !== JSON.stringify(direct.findings)) {
    throw new Error(`The direct floor disagrees with the engine: ${JSON.stringify({ productOutcomes, direct })}`);
  }

  // Interleave the two in rounds so that machine noise falls on both alike.
  const engine: number[] = [];
  const floor: number[] = [];
  for (let round = 0; round < 10; round += 1) {
    engine.push(...(await time(() => scorePerspective(pack, evidence), runs / 10, round === 0 ? 300 : 20)));
    floor.push(...(await time(() => scoreDirectly(pack, evidence), runs / 10, round === 0 ? 300 : 20)));
  }
  const engineTiming = summarise(engine);
  const floorTiming = summarise(floor);
  return {
    benchmark: 'scoring',
    what: 'scorePerspective on one complete assessment (9 scored criteria + gate, findings, trace, rating), warm, sequential',
    pack: product.pack,
    findingsPerAssessment: direct.findings.length,
    engine: engineTiming,
    directFloor: floorTiming,
    ratioP50: Math.round((engineTiming.p50 / floorTiming.p50) * 10) / 10,
    targets: { p50Ms: 1, ratioToFloor: 3 },
    met: { p50: engineTiming.p50 <= 1, ratio: engineTiming.p50 / floorTiming.p50 <= 3 },
  };
}

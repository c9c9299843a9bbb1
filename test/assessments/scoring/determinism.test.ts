import { expect } from 'chai';
import { parsePerspectiveEvidence, type PerspectiveEvidence } from '../../../assessments/evidence/perspective-evidence.ts';
import { defaultPackDirectory } from '../../../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../../../assessments/rule-pack/load-pack.ts';
import type { RulePack } from '../../../assessments/rule-pack/rule-pack.ts';
import { scorePerspective } from '../../../assessments/scoring/score-perspective.ts';
import { documentWithProfile, evidenceByOutcome } from '../../support/evidence-from-cases.ts';

const scored = ['partner-engagement', 'strategy-and-plans', 'place-and-neighbourhood', 'prevention-shift', 'regional-support', 'priorities-in-practice', 'mutual-accountability', 'learning-culture', 'hosc-effectiveness'];
const gateStatuses = ['well-managed', 'not-well-managed', 'severe', 'not-assessed'];

/** Varied whole assessments from a fixed-seed generator: each criterion 1–4 or not assessed, each gate status. */
function profiles(count: number): Array<Record<string, number | string>> {
  let seed = 20260401;
  const next = (range: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % range;
  };
  return Array.from({ length: count }, () => {
    const profile: Record<string, number | string> = {};
    for (const criterion of scored) {
      const level = next(5);
      profile[criterion] = level === 0 ? 'not-assessed' : level;
    }
    profile['financial-management'] = gateStatuses[next(gateStatuses.length)] as string;
    return profile;
  });
}

describe('scoring is deterministic', () => {
  let pack: RulePack;
  let evidence: PerspectiveEvidence[];
  before(async () => {
    pack = await loadRulePack(defaultPackDirectory);
    const library = await evidenceByOutcome();
    evidence = profiles(200).map((profile) => parsePerspectiveEvidence(documentWithProfile(library, profile)));
  });

  it('gives a byte-identical result for the same evidence and pack', async () => {
    const first = JSON.stringify(await scorePerspective(pack, evidence[7] as PerspectiveEvidence));
    const second = JSON.stringify(await scorePerspective(await loadRulePack(defaultPackDirectory), structuredClone(evidence[7]) as PerspectiveEvidence));
    expect(second).to.equal(first);
  });

  it('proposes the outcomes the cases say for each criterion of a whole assessment', async () => {
    const [profile] = profiles(1);
    const result = await scorePerspective(pack, evidence[0] as PerspectiveEvidence);
    const outcomes = Object.fromEntries(result.criteria.map((criterion) => [criterion.criterion, criterion.proposed === null ? 'not-assessed' : 'score' in criterion.proposed ? criterion.proposed.score : criterion.proposed.status]));
    expect(outcomes).to.deep.equal(profile);
  });

  it('gives exactly the same results for 200 assessments scored concurrently as one by one', async () => {
    const sequential: string[] = [];
    for (const item of evidence) sequential.push(JSON.stringify(await scorePerspective(pack, item)));
    const concurrent = (await Promise.all(evidence.map((item) => scorePerspective(pack, item)))).map((result) => JSON.stringify(result));
    expect(new Set(sequential).size, 'the assessments should differ from each other').to.be.greaterThan(150);
    concurrent.forEach((result, index) => expect(result, `assessment ${index}`).to.equal(sequential[index]));
  });
});

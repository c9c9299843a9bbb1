import type { Perspective } from '../evidence/perspective-evidence.ts';
import { identityOf, type PackIdentity, type RulePack } from '../rule-pack/rule-pack.ts';
import type { Outcome } from '../scoring/criterion-result.ts';
import type { JudgedCriterion, PerspectiveResult } from '../scoring/score-perspective.ts';
import { rate } from './rate.ts';
import type { RatingResult } from './rating-result.ts';

/** Where a criterion's final outcome comes from, in the order it is looked for. */
export type AgreedBasis = 'moderated' | 'assessor' | 'peer' | 'self' | 'not-assessed';

/** The perspectives a final outcome falls back to when the panel has not moderated a criterion: the assessor's, then the peer review's, then the self-assessment. */
export const basisOrder: readonly Perspective[] = ['assessor', 'peer', 'self'];

/** One criterion's final outcome and what it rests on. */
export interface AgreedCriterion {
  criterion: string;
  title: string;
  kind: 'scored' | 'gate';
  /** The final score (scored criteria) or status (the gate); null when nobody assessed it. */
  outcome: Outcome | null;
  basis: AgreedBasis;
  /** How the basis reached it: the rules' proposal not yet judged, accepted, overridden; null when moderated or not assessed. */
  decision: 'proposed' | 'accepted' | 'overridden' | null;
  /** True when no perspective's evidence lets the rules assess it, so the outcome is a person's (or the panel's) judgement alone. */
  judgementAlone: boolean;
  /** The basis in words: "Moderated by the panel", "Assessor's judgement: accepted the rules' score", … */
  basisText: string;
  /** The panel's or the person's rationale, when there is one. */
  rationale: string | null;
  /** The perspective whose evidence and findings stand behind the outcome (for the report's reasons), or null when none has any. */
  evidenceFrom: Perspective | null;
}

/**
 * The agreed result of an assessment: each criterion's final outcome with its basis, and the
 * overall rating the pinned pack's rating step gives those final outcomes. The one place the
 * headline rating of an assessment is decided (dashboard, report, improvement, calibration, API).
 */
export interface AgreedResult {
  pack: PackIdentity;
  criteria: AgreedCriterion[];
  rating: RatingResult;
}

/** A moderated outcome as the agreed result reads it. */
export interface ModeratedOutcome {
  criterion: string;
  outcome: Outcome;
  rationale: string;
}

const possessive: Readonly<Record<Perspective, string>> = { assessor: "Assessor's", peer: "Peer review's", self: "Self-assessment's" };

/**
 * Builds the agreed result from each perspective's scored result (any order; a perspective may be
 * missing) and the panel's moderated outcomes. Per criterion the final outcome is the moderated one,
 * else the assessor's judged outcome, else the peer review's, else the self-assessment's, else not
 * assessed; the rating is `rate` of the pinned pack on those final outcomes (limiters, gate, band,
 * provisional). Pure: the same input gives the same result.
 */
export async function agreedResultOf(pack: RulePack, results: readonly PerspectiveResult[], moderation: readonly ModeratedOutcome[]): Promise<AgreedResult> {
  const moderated = new Map(moderation.map((entry) => [entry.criterion, entry]));
  const judged = (perspective: Perspective, criterion: string): JudgedCriterion | undefined =>
    results.find((result) => result.perspective === perspective)?.criteria.find((entry) => entry.criterion === criterion);

  const criteria = pack.criteria.map((packCriterion): AgreedCriterion => {
    const id = packCriterion.id;
    const assessedBy = basisOrder.find((perspective) => judged(perspective, id)?.assessed === true) ?? null;
    const present = assessedBy ?? basisOrder.find((perspective) => judged(perspective, id) !== undefined) ?? null;
    const common = { criterion: id, title: packCriterion.title, kind: packCriterion.kind, judgementAlone: assessedBy === null, evidenceFrom: present };
    const panel = moderated.get(id);
    if (panel !== undefined) {
      return { ...common, outcome: panel.outcome, basis: 'moderated', decision: null, rationale: panel.rationale, basisText: `Moderated by the panel${assessedBy === null ? ': on judgement alone, no evidence the rules could assess' : ''}` };
    }
    const basis = basisOrder.find((perspective) => judged(perspective, id)?.judgement.outcome != null);
    const source = basis === undefined ? undefined : judged(basis, id);
    if (basis === undefined || source === undefined || source.judgement.outcome === null) {
      return { ...common, outcome: null, basis: 'not-assessed', decision: null, rationale: null, basisText: 'Not assessed: no perspective has the evidence its rules need' };
    }
    const alone = !source.assessed;
    const decision = source.judgement.decision;
    const text = alone
      ? `${possessive[basis]} judgement alone: no evidence the rules could assess`
      : decision === 'overridden'
        ? `${possessive[basis]} judgement: overrode the rules' proposal`
        : decision === 'accepted'
          ? `${possessive[basis]} judgement: accepted the rules' proposal`
          : `${possessive[basis]} evidence as the rules scored it (not yet judged)`;
    return { ...common, judgementAlone: alone, evidenceFrom: alone ? present : basis, outcome: source.judgement.outcome, basis, decision, rationale: source.judgement.rationale, basisText: text };
  });

  const scored = criteria.filter((criterion) => criterion.kind === 'scored');
  const gate = criteria.find((criterion) => criterion.kind === 'gate');
  const rating = await rate(
    pack.manifest,
    scored.map((criterion) => ({ criterion: criterion.criterion, score: criterion.outcome !== null && 'score' in criterion.outcome ? criterion.outcome.score : null })),
    gate === undefined ? null : gate.outcome !== null && 'status' in gate.outcome ? gate.outcome.status : 'not-assessed',
  );
  return { pack: identityOf(pack), criteria, rating };
}

/**
 * A criterion as the report reads it, with its final outcome in place of a perspective's: the
 * findings of the perspective whose evidence stands behind it, and the judgement that gives the
 * final outcome (moderated outcomes count as overridden unless they equal the rules' proposal).
 */
export function finalCriterion(agreed: AgreedCriterion, results: readonly PerspectiveResult[]): JudgedCriterion | null {
  const source = results.find((result) => result.perspective === agreed.evidenceFrom)?.criteria.find((entry) => entry.criterion === agreed.criterion);
  if (source === undefined) return null;
  if (agreed.basis !== 'moderated') return agreed.basis === 'not-assessed' ? { ...source, judgement: { decision: 'proposed', outcome: null, rationale: null } } : agreed.evidenceFrom === agreed.basis ? source : { ...source, judgement: { decision: 'overridden', outcome: agreed.outcome, rationale: agreed.rationale } };
  const same = JSON.stringify(source.proposed) === JSON.stringify(agreed.outcome);
  return { ...source, judgement: { decision: same ? 'accepted' : 'overridden', outcome: agreed.outcome, rationale: agreed.rationale } };
}

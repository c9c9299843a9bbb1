import { agreementAcrossPerspectives, agreementMeanings } from '../calibration/agreement.ts';
import { findDivergences, type PerspectiveFindings } from '../calibration/divergence.ts';
import type { CriterionScores, PerspectiveScores } from '../calibration/perspective-scores.ts';
import type { Perspective } from '../evidence/perspective-evidence.ts';
import type { RulePack } from '../rule-pack/rule-pack.ts';
import type { Finding } from '../scoring/criterion-result.ts';
import type { ModeratedScore, ReportPerspective } from './report-input.ts';
import type { CalibrationSection } from './report-model.ts';
import { scoreChart } from './score-chart.ts';
import { anchorOf, listInWords, outcomeCell, perspectiveNames } from './words.ts';

const seriesColours: Readonly<Record<Perspective | 'moderated', string>> = { self: '#41b6e6', peer: '#768692', assessor: '#005eb8', moderated: '#ffb81c' };

/**
 * The calibration table (¶3.125): each criterion's score in each perspective and its moderated
 * score, divergences of the pack's `divergencePoints` or more (divergence.ts), agreement between
 * each pair of perspectives with a weighted kappa where there are enough pairs (agreement.ts), and
 * the chart of scores by perspective.
 */
export function calibrationOf(perspectives: readonly ReportPerspective[], moderation: readonly ModeratedScore[], pack: RulePack): CalibrationSection {
  const { manifest } = pack;
  const order = pack.criteria.map((criterion) => criterion.id);
  const scored = pack.criteria.filter((criterion) => criterion.kind === 'scored');
  const scores: Partial<Record<Perspective, CriterionScores>> = {};
  const findings: Partial<Record<Perspective, Record<string, readonly Finding[]>>> = {};
  for (const { perspective, result } of perspectives) {
    scores[perspective] = Object.fromEntries(result.criteria.filter((criterion) => criterion.kind === 'scored').map((criterion) => [criterion.criterion, scoreIn(criterion.judgement.outcome)]));
    findings[perspective] = Object.fromEntries(result.criteria.map((criterion) => [criterion.criterion, criterion.findings]));
  }
  const divergencePoints = manifest.calibration.divergencePoints;
  const divergences = findDivergences(scores as PerspectiveScores, findings as PerspectiveFindings, { divergencePoints, criteriaOrder: order });
  const divergent = new Map(divergences.map((divergence) => [divergence.criterion, divergence]));
  const moderated = new Map(moderation.map((entry) => [entry.criterion, entry]));
  const titleOf = (id: string) => pack.criteria.find((criterion) => criterion.id === id)?.title ?? id;

  const rows = pack.criteria.map((criterion) => {
    const divergence = divergent.get(criterion.id);
    const flagged = new Set(divergence?.pairs.flatMap((pair) => [pair.higher, pair.lower]) ?? []);
    return {
      anchor: anchorOf(criterion.id),
      title: criterion.title,
      scores: perspectives.map(({ perspective, result }) => ({
        text: outcomeCell(result.criteria.find((entry) => entry.criterion === criterion.id)?.judgement.outcome ?? null),
        divergent: flagged.has(perspective),
      })),
      moderated: outcomeCell(moderated.get(criterion.id)?.outcome ?? null),
      divergent: divergence !== undefined,
    };
  });

  const series = [
    ...perspectives.map(({ perspective }) => ({ name: perspectiveNames[perspective], colour: seriesColours[perspective], scores: scored.map((criterion) => scoreIn(scoresOf(perspectives, perspective, criterion.id))), missing: 'not assessed' })),
    ...(moderation.some((entry) => 'score' in entry.outcome) ? [{ name: 'Moderated', colour: seriesColours.moderated, scores: scored.map((criterion) => scoreIn(moderated.get(criterion.id)?.outcome ?? null)), missing: null }] : []),
  ];

  const agreement = agreementAcrossPerspectives(scores as PerspectiveScores, { minimumPairs: manifest.calibration.kappaMinimumPairs, criteriaOrder: order })
    .filter((pair) => pair.missingPerspectives.length === 0)
    .map((pair) => ({
      pair: `${perspectiveNames[pair.first]} and ${perspectiveNames[pair.second].toLowerCase()}`,
      pairs: pair.pairs,
      exact: pair.exactAgreement?.display ?? '–',
      withinOne: pair.withinOneAgreement?.display ?? '–',
      kappa: pair.kappa.display,
      ac2: pair.ac2.display,
    }));

  return {
    perspectives: perspectives.map(({ perspective }) => perspectiveNames[perspective]),
    hasModeration: moderation.length > 0,
    rows,
    chart: series.length === 0 ? null : scoreChart('score-chart', scored.map((criterion) => criterion.title), series),
    divergencePoints,
    divergences: divergences.map((divergence) => ({
      anchor: anchorOf(divergence.criterion),
      title: titleOf(divergence.criterion),
      text: `${listInWords(divergence.pairs.map((pair) => `${perspectiveNames[pair.higher]} ${scoreOfSide(divergence.sides, pair.higher)} against ${perspectiveNames[pair.lower].toLowerCase()} ${scoreOfSide(divergence.sides, pair.lower)}`))}: a spread of ${divergence.spread} points.`,
    })),
    agreement,
    agreementNote:
      agreement.length === 0
        ? 'Agreement needs two perspectives with scores; this assessment has fewer.'
        : `Exact agreement: the share of criteria scored the same by both; within one: differing by at most one point. Kappa is quadratic-weighted Cohen's kappa on the 4-point scale, shown when at least ${manifest.calibration.kappaMinimumPairs} criteria are scored by both, beside Gwet's AC2 (quadratic weights). ${agreementMeanings.kappa} ${agreementMeanings.ac2}`,
  };
}

function scoreIn(outcome: { score: number } | { status: string } | null): number | null {
  return outcome !== null && 'score' in outcome ? outcome.score : null;
}

function scoresOf(perspectives: readonly ReportPerspective[], perspective: Perspective, criterion: string) {
  return perspectives.find((entry) => entry.perspective === perspective)?.result.criteria.find((entry) => entry.criterion === criterion)?.judgement.outcome ?? null;
}

function scoreOfSide(sides: ReadonlyArray<{ perspective: Perspective; score: number | null }>, perspective: Perspective): string {
  return String(sides.find((side) => side.perspective === perspective)?.score ?? '–');
}

import { financialYear, preventionChart } from './prevention-chart.ts';
import { preventionLineOf, preventionSharesOf, preventionTrajectory } from '../calibration/prevention-trajectory.ts';
import { formatNumber } from '../calibration/display.ts';
import type { PackCriterion, RulePack } from '../rule-pack/rule-pack.ts';
import { reasonOf } from '../scoring/describe-finding.ts';
import type { JudgedCriterion } from '../scoring/score-perspective.ts';
import { indicatorLines, indicatorValues } from './indicator-lines.ts';
import type { ModeratedScore, ReportPerspective } from './report-input.ts';
import type { CriterionSection } from './report-model.ts';
import { anchorOf, longDate, outcomeText, paragraphsOf, perspectiveNames } from './words.ts';

const decisions = { proposed: 'Proposed by the rules; not yet judged', accepted: 'Proposed by the rules and accepted' } as const;

/**
 * One criterion's section: each perspective's outcome and judgement, the moderated outcome, every
 * rationale given; the findings (indicator values against thresholds, with ¶
 * citations) of the perspective the rating rests on, and where other perspectives saw otherwise;
 * missing indicators; narrative; and, for prevention-shift, the share against the expected line.
 */
export function criterionSectionOf(packCriterion: PackCriterion, perspectives: readonly ReportPerspective[], findingsFrom: ReportPerspective | undefined, moderation: ModeratedScore | undefined, pack: RulePack): CriterionSection {
  const judged = perspectives.flatMap((entry) => {
    const criterion = entry.result.criteria.find((candidate) => candidate.criterion === packCriterion.id);
    return criterion === undefined ? [] : [{ entry, criterion }];
  });
  const basis = judged.find(({ entry, criterion }) => entry === findingsFrom && criterion.assessed) ?? [...judged].reverse().find(({ criterion }) => criterion.assessed);
  const findings = indicatorLines(basis?.criterion.findings ?? []);
  const baseValues = new Map(findings.map((line) => [line.indicator, line.value]));

  return {
    anchor: anchorOf(packCriterion.id),
    title: packCriterion.title,
    kind: packCriterion.kind === 'gate' ? 'Gate: not scored, but can cap the rating' : 'Scored 1–4',
    citations: packCriterion.citations.join(', '),
    summary: packCriterion.summary,
    outcomes: [
      ...judged.map(({ entry, criterion }) => ({
        who: perspectiveNames[entry.perspective],
        outcome: outcomeText(criterion.judgement.outcome, pack.manifest),
        note: criterion.judgement.decision !== 'overridden' ? decisions[criterion.judgement.decision] : criterion.assessed ? `Overridden; the rules proposed ${outcomeText(criterion.proposed, pack.manifest)}` : 'Judgement alone: no evidence the rules could assess',
      })),
      ...(moderation === undefined ? [] : [{ who: 'Moderated', outcome: outcomeText(moderation.outcome, pack.manifest), note: 'Agreed by the panel' }]),
    ],
    reading: basis === undefined ? null : readingOf(basis.entry, basis.criterion, packCriterion),
    rationales: [
      ...judged.flatMap(({ entry, criterion }) =>
        criterion.judgement.rationale === null ? [] : [{ who: `${perspectiveNames[entry.perspective]} (${criterion.judgement.decision})`, text: criterion.judgement.rationale }],
      ),
      ...(moderation === undefined ? [] : [{ who: `Moderation panel (${moderation.by}, ${longDate(moderation.on)})`, text: moderation.rationale }]),
    ],
    findingsBasis: basis === undefined ? 'No perspective has enough evidence to assess this criterion.' : `Findings of the ${perspectiveNames[basis.entry.perspective].toLowerCase()} perspective`,
    findings,
    differences: judged
      .filter(({ entry, criterion }) => entry !== basis?.entry && criterion.assessed)
      .map(({ entry, criterion }) => ({
        perspective: perspectiveNames[entry.perspective].toLowerCase(),
        values: [...indicatorValues(criterion.findings)]
          .filter(([indicator, { value }]) => baseValues.get(indicator) !== value)
          .map(([, { label, value }]) => `${label}: ${value}`)
          .join('; '),
      }))
      .filter((difference) => difference.values !== ''),
    missing: judged
      .filter(({ criterion }) => criterion.missing.length > 0)
      .map(({ entry, criterion }) => ({ perspective: perspectiveNames[entry.perspective].toLowerCase(), indicators: criterion.missing.map((missing) => missing.label) })),
    narratives: perspectives.flatMap((entry) => {
      const narrative = entry.evidence[packCriterion.id]?.narrative;
      return narrative === undefined ? [] : [{ perspective: perspectiveNames[entry.perspective], paragraphs: paragraphsOf(narrative.value), source: narrative.source, asAt: longDate(narrative.asAt) }];
    }),
    trajectory: basis === undefined ? null : trajectoryOf(packCriterion, basis.entry),
  };
}

/** "The rules read the assessor evidence as: … (rule hosc-effectiveness/2, ¶3.29)". */
function readingOf(entry: ReportPerspective, criterion: JudgedCriterion, packCriterion: PackCriterion): string | null {
  const decided = criterion.decidedBy;
  if (decided === null) return null;
  return `The rules read the ${perspectiveNames[entry.perspective].toLowerCase()} evidence as: ${reasonOf(criterion, packCriterion)} (${decided.rule === 'default' ? "the pack's default" : `rule ${decided.rule}`}, ${decided.citation})`;
}

/** The prevention share year by year against the line the pack expects (prevention-trajectory.ts). */
function trajectoryOf(packCriterion: PackCriterion, entry: ReportPerspective): CriterionSection['trajectory'] {
  const parameters = packCriterion.parameterValues;
  if (packCriterion.id !== 'prevention-shift' || typeof parameters.targetRisePoints !== 'number' || typeof parameters.targetYears !== 'number') return null;
  const shares = preventionSharesOf((entry.evidence[packCriterion.id]?.indicators ?? {}) as Parameters<typeof preventionSharesOf>[0]);
  if (shares === null) return null;
  const line = preventionLineOf(parameters);
  const trajectory = preventionTrajectory(shares, line);
  const positions = { ahead: 'Ahead of the line', 'on-line': 'On the line', behind: 'Behind the line' } as const;
  const share = (value: number | null) => (value === null ? '–' : `${formatNumber(value, 2)}%`);
  return {
    caption: `Prevention share of the ICS NHS budget against the expected rise of ${line.targetRisePoints} percentage point${line.targetRisePoints === 1 ? '' : 's'} over ${line.targetYears} years from the ${trajectory.baselineYear} baseline (¶2.20), ${perspectiveNames[entry.perspective].toLowerCase()} evidence`,
    chart: preventionChart('prevention-chart', trajectory),
    rows: trajectory.points.map((point) => ({
      year: financialYear(point.year),
      actual: share(point.actual),
      expected: share(point.expected),
      position: point.position === null ? '–' : positions[point.position],
    })),
  };
}

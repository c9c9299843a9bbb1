import { perspectiveOrder } from '../calibration/perspective-scores.ts';
import { agreedResultOf } from '../rating/agreed-result.ts';
import { appendixOf } from './appendix.ts';
import { calibrationOf } from './calibration-section.ts';
import { coverOf, reportTitle } from './cover.ts';
import { criterionSectionOf } from './criterion-section.ts';
import { improvementSectionOf } from './improvement-section.ts';
import { pathSectionOf } from './path-section.ts';
import type { ReportInput, ReportPerspective } from './report-input.ts';
import type { ReportModel } from './report-model.ts';
import { summaryOf } from './executive-summary.ts';
import { trendSectionOf } from './trend-section.ts';
import { perspectiveNames } from './words.ts';

export const defaultProtectiveMarking = 'OFFICIAL';

/**
 * Builds the calibration report's view-model from an assessment's identity, the result of each
 * perspective with evidence, the moderated scores and the pinned pack. The headline rating is the
 * agreed result's (assessments/rating/agreed-result.ts): per criterion the moderated score, else the
 * assessor's, peer review's or self-assessment's judged score, rated by the pack. Pure: the same input gives the same model (the date is passed in).
 */
export async function buildReportModel(input: ReportInput): Promise<ReportModel> {
  const { assessment, pack } = input;
  for (const entry of input.perspectives) {
    if (entry.result.pack.hash !== pack.hash) throw new RangeError(`The ${entry.perspective} perspective was scored with ${entry.result.pack.id} ${entry.result.pack.version}, not the pack the report is made with`);
    if (entry.result.perspective !== entry.perspective) throw new RangeError(`The result given for the ${entry.perspective} perspective is the ${entry.result.perspective} perspective's`);
  }
  const perspectives: ReportPerspective[] = perspectiveOrder.flatMap((perspective) => input.perspectives.filter((entry) => entry.perspective === perspective));
  const protectiveMarking = input.options.protectiveMarking ?? defaultProtectiveMarking;
  const agreed = await agreedResultOf(pack, perspectives.map((entry) => entry.result), input.moderation);
  const calibrationLabel = agreed.rating.calibrationLabel;
  const moderated = new Map(input.moderation.map((entry) => [entry.criterion, entry]));
  const system = `${assessment.systemName} (${assessment.system})`;

  return {
    document: {
      title: `${reportTitle}: ${assessment.systemName}, ${assessment.period}`,
      lang: 'en-GB',
      protectiveMarking,
      calibrationLabel,
      runningHeader: { system, period: assessment.period, marking: protectiveMarking, label: calibrationLabel ?? '' },
      runningFooter: `${reportTitle} · rule pack ${pack.id} ${pack.version} · ${protectiveMarking}`,
    },
    cover: coverOf(input, { protectiveMarking, calibrationLabel }, perspectives.map((entry) => perspectiveNames[entry.perspective])),
    summary: { ...summaryOf(perspectives, agreed, pack), path: await pathSectionOf(perspectives, agreed, pack) },
    calibration: calibrationOf(perspectives, input.moderation, pack),
    improvement: improvementSectionOf(input.improvement, pack),
    trend: trendSectionOf(input.trend),
    criteria: pack.criteria.map((criterion) => {
      const from = agreed.criteria.find((entry) => entry.criterion === criterion.id)?.evidenceFrom;
      return criterionSectionOf(criterion, perspectives, perspectives.find((entry) => entry.perspective === from), moderated.get(criterion.id), pack);
    }),
    appendix: appendixOf(perspectives, pack, input.dissents),
  };
}

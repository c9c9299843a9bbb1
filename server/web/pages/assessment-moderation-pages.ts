import type { Principal } from '../../../assessments/access/roles.ts';
import { ConflictError, ValidationError, type FieldIssue } from '../../../assessments/errors.ts';
import { indicatorLines } from '../../../assessments/report-model/indicator-lines.ts';
import { anchorOf, gateStatusNames, outcomeText, perspectiveNames } from '../../../assessments/report-model/words.ts';
import type { GateStatus } from '../../../assessments/rule-pack/pack-schema.ts';
import type { Outcome } from '../../../assessments/scoring/criterion-result.ts';
import { moderationIsOpen } from '../../../assessments/workflow/status.ts';
import { assessmentParams, moderationParams } from '../../http/schemas.ts';
import type { Services } from '../../services/services.ts';
import { pageErrors } from '../form-errors.ts';
import type { PageResponse, PageRoute } from '../page.ts';
import { statusNames } from '../words.ts';
import { assessmentContext, assessmentModel, packCriterionOf } from './assessment-context.ts';
import { reviewInWords } from './review-words.ts';
import { versionOf } from './form-version.ts';

const crumb = (id: string) => ({ href: `/assessments/${id}/moderation`, text: 'Moderation' });

/**
 * Moderation (assessors and administrators): the perspectives side by side for every criterion
 * with divergences of the pack's points or more highlighted, and per criterion each perspective's
 * outcome, findings and rationale beside the form that records the panel's moderated score.
 */
export const assessmentModerationPages: PageRoute[] = [
  {
    method: 'get',
    path: '/assessments/:id/moderation',
    access: { kind: 'assessment', action: 'moderate' },
    params: assessmentParams,
    handle: async ({ params, principal, services }) => moderationOverview(services, params.id!, principal!, [], ''),
  },
  {
    method: 'post',
    path: '/assessments/:id/reveal',
    access: { kind: 'assessment', action: 'moderate' },
    params: assessmentParams,
    handle: async ({ params, principal, services, form }) => {
      const reason = typeof form.reason === 'string' ? form.reason : '';
      try {
        await services.review.reveal(params.id!, reason, principal!);
        return { redirect: `/assessments/${params.id}/moderation`, flash: 'The scores are revealed: moderation is open.' };
      } catch (error) {
        if (error instanceof ValidationError) return moderationOverview(services, params.id!, principal!, error.issues, reason, 400);
        throw error;
      }
    },
  },
  {
    method: 'get',
    path: '/assessments/:id/moderation/:criterion',
    access: { kind: 'assessment', action: 'moderate' },
    params: moderationParams,
    handle: async ({ params, principal, services }) => {
      const page = await moderationPage(services, params.id!, params.criterion!, principal!);
      return page.render(page.recorded, [], page.version);
    },
  },
  {
    method: 'post',
    path: '/assessments/:id/moderation/:criterion',
    access: { kind: 'assessment', action: 'moderate' },
    params: moderationParams,
    handle: async ({ params, principal, services, form }) => {
      const page = await moderationPage(services, params.id!, params.criterion!, principal!);
      const basedOn = versionOf(form);
      const typed = { outcome: typeof form.outcome === 'string' ? form.outcome : '', rationale: typeof form.rationale === 'string' ? form.rationale : '' };
      const outcome = page.outcomeOf(typed.outcome);
      if (outcome === null) return page.render(typed, [{ path: 'outcome', message: `Choose the moderated ${page.gate ? 'status' : 'score'}` }], basedOn, 400);
      try {
        const saved = await services.criteria.saveModeration(params.id!, params.criterion!, basedOn, { outcome, rationale: typed.rationale }, principal!);
        return { redirect: `/assessments/${params.id}/moderation`, flash: `Moderated ${page.title}: ${outcomeText(saved.content.outcome, page.manifest)}.` };
      } catch (error) {
        if (error instanceof ValidationError) return page.render(typed, error.issues, basedOn, 400);
        if (error instanceof ConflictError && error.current !== undefined) {
          return page.render(typed, [{ path: 'outcome', message: `Someone else recorded a moderated score since you opened this page (it is now version ${error.current.version}). Check it on the moderation page, then choose again.` }], error.current.version, 409);
        }
        throw error;
      }
    },
  },
  {
    method: 'post',
    path: '/assessments/:id/moderation/:criterion/dissent',
    access: { kind: 'assessment', action: 'moderate' },
    params: moderationParams,
    handle: async ({ params, principal, services, form }) => {
      const rationale = typeof form.dissent === 'string' ? form.dissent : '';
      try {
        await services.criteria.saveDissent(params.id!, params.criterion!, rationale, principal!);
        return { redirect: `/assessments/${params.id}/moderation/${params.criterion}`, flash: 'Your disagreement is recorded with the moderated score.' };
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const page = await moderationPage(services, params.id!, params.criterion!, principal!);
        return page.render(page.recorded, error.issues.map((issue) => ({ ...issue, path: 'dissent' })), page.version, 400, rationale);
      }
    },
  },
];

/** The perspectives side by side, and while the reviews are blind, where they stand and the form to reveal the scores early. */
async function moderationOverview(services: Services, id: string, principal: Principal, issues: readonly FieldIssue[], reason: string, status = 200): Promise<PageResponse> {
  const context = await assessmentContext(services, id, principal);
  const [{ calibration }, review] = await Promise.all([services.reports.model(context.assessment.id, principal), services.review.review(id, principal)]);
  return {
    view: 'assessments/moderation',
    title: `Moderation – ${context.titleName}`,
    status,
    model: {
      ...assessmentModel(context),
      errors: pageErrors(issues.map((issue) => ({ ...issue, path: 'reason' }))),
      open: moderationIsOpen(context.assessment.status) && review.revealed !== null,
      status: statusNames[context.assessment.status].toLowerCase(),
      review: reviewInWords(review),
      reveal: review.blind ? { action: `/assessments/${id}/reveal`, reason } : null,
      perspectives: calibration.perspectives,
      divergencePoints: calibration.divergencePoints,
      rows: calibration.rows.map((row, index) => ({ ...row, href: `/assessments/${context.assessment.id}/moderation/${context.pack.criteria[index]?.id ?? ''}` })),
    },
  };
}

async function moderationPage(services: Services, id: string, criterion: string, principal: Principal) {
  const context = await assessmentContext(services, id, principal);
  const packCriterion = packCriterionOf(context, criterion);
  const [report, calibration, state, review, dissents] = await Promise.all([
    services.reports.model(id, principal),
    services.calibration.forAssessment(id, principal),
    services.criteria.state(id, 'assessor', criterion, principal),
    services.review.review(id, principal),
    services.criteria.dissents(id, principal),
  ]);
  const anchor = anchorOf(criterion);
  const section = report.criteria.find((entry) => entry.anchor === anchor);
  const divergence = calibration.divergences.find((entry) => entry.criterion === criterion);
  const gate = packCriterion.kind === 'gate';
  const { manifest } = context.pack;
  const options = gate ? Object.entries(gateStatusNames).map(([value, text]) => ({ value, text })) : [1, 2, 3, 4].map((score) => ({ value: String(score), text: outcomeText({ score }, manifest) }));
  const recorded = state.moderation?.content;

  const render = (typed: { outcome: string; rationale: string }, issues: readonly FieldIssue[], basedOn: number, status = 200, dissent = ''): PageResponse => ({
    view: 'assessments/moderate',
    title: `Moderate ${packCriterion.title} – ${context.titleName}`,
    status,
    model: {
      ...assessmentModel(context, [crumb(id)]),
      errors: pageErrors(issues),
      criterion: { title: packCriterion.title, summary: packCriterion.summary, citations: packCriterion.citations.join(', ') },
      section: section ?? null,
      divergence: divergence === undefined ? null : {
        text: report.calibration.divergences.find((entry) => entry.anchor === anchor)?.text ?? '',
        sides: divergence.sides.map((side) => ({ caption: `${perspectiveNames[side.perspective]}: ${side.score === null ? 'not assessed' : `scored ${side.score}`}`, findings: indicatorLines(side.findings) })),
      },
      open: moderationIsOpen(context.assessment.status) && review.revealed !== null,
      status: statusNames[context.assessment.status].toLowerCase(),
      review: reviewInWords(review),
      action: `/assessments/${id}/moderation/${criterion}`,
      basedOnVersion: basedOn,
      outcome: { legend: `The moderated ${gate ? 'status' : 'score'}`, options, value: typed.outcome },
      rationale: typed.rationale,
      dissents: dissents.filter((record) => record.criterion === criterion).map((record) => ({ by: record.by.name, on: record.at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }), rationale: record.content.rationale })),
      dissent: state.moderation === null ? null : { action: `/assessments/${id}/moderation/${criterion}/dissent`, value: dissent },
    },
  });
  return {
    title: packCriterion.title,
    gate,
    manifest,
    version: state.moderation?.version ?? 0,
    recorded: { outcome: recorded === undefined ? '' : 'score' in recorded.outcome ? String(recorded.outcome.score) : recorded.outcome.status, rationale: recorded?.rationale ?? '' },
    /** The outcome a choice names, or null when none (or one that is not an option) was chosen. */
    outcomeOf(choice: string): Outcome | null {
      if (!options.some((option) => option.value === choice)) return null;
      return gate ? { status: choice as GateStatus } : { score: Number(choice) };
    },
    render,
  };
}

import type { Principal } from '../../../assessments/access/roles.ts';
import { ConflictError, ValidationError, type FieldIssue } from '../../../assessments/errors.ts';
import { outcomeCell, perspectiveNames } from '../../../assessments/report-model/words.ts';
import type { Outcome } from '../../../assessments/scoring/criterion-result.ts';
import { assessmentParams } from '../../http/schemas.ts';
import type { Change, RatingSummary } from '../../services/pack-move-service.ts';
import type { Services } from '../../services/services.ts';
import { pageErrors } from '../form-errors.ts';
import type { PageResponse, PageRoute } from '../page.ts';
import { assessmentContext, assessmentModel } from './assessment-context.ts';
import { versionOf } from './form-version.ts';

/**
 * Moving an assessment to a newer version of its rule pack (assessors and administrators): what
 * would change per criterion (each perspective's result and the agreed result) and overall, then a
 * confirmation form. Nothing moves until the assessor confirms; the move is in the audit trail.
 */
export const assessmentPackPages: PageRoute[] = [
  {
    method: 'get',
    path: '/assessments/:id/pack',
    access: { kind: 'assessment', action: 'move-pack' },
    params: assessmentParams,
    handle: async ({ params, principal, services }) => packPage(services, params.id!, principal!, []),
  },
  {
    method: 'post',
    path: '/assessments/:id/pack',
    access: { kind: 'assessment', action: 'move-pack' },
    params: assessmentParams,
    handle: async ({ params, principal, services, form }) => {
      const to = typeof form.to === 'string' ? form.to : '';
      try {
        const moved = await services.packMoves.move(params.id!, { to, version: versionOf(form) }, principal!);
        return { redirect: `/assessments/${params.id}/history`, flash: `Moved to rule pack ${moved.pack.id} ${moved.pack.version}.` };
      } catch (error) {
        if (error instanceof ValidationError) return packPage(services, params.id!, principal!, error.issues, 400);
        if (error instanceof ConflictError) return packPage(services, params.id!, principal!, [{ path: 'to', message: `${error.message}. The page now shows where the assessment stands.` }], 409);
        throw error;
      }
    },
  },
];

async function packPage(services: Services, id: string, principal: Principal, issues: readonly FieldIssue[], status = 200): Promise<PageResponse> {
  const context = await assessmentContext(services, id, principal);
  const choice = await services.packMoves.choice(id, undefined, principal);
  const { preview } = choice;
  const change = (outcomes: Change<Outcome | null>) => ({ from: outcomeCell(outcomes.from), to: outcomeCell(outcomes.to), changed: JSON.stringify(outcomes.from) !== JSON.stringify(outcomes.to) });
  const rating = (summary: RatingSummary) => (summary.label === null ? 'Not rated' : `${summary.label}${summary.percentage === null ? '' : ` (${summary.percentage}%)`}${summary.provisional ? ', provisional' : ''}`);
  const ratingChange = (ratings: Change<RatingSummary>) => ({ from: rating(ratings.from), to: rating(ratings.to), changed: rating(ratings.from) !== rating(ratings.to) });
  return {
    view: 'assessments/pack',
    title: `Rule pack – ${context.titleName}`,
    status,
    model: {
      ...assessmentModel(context),
      errors: pageErrors(issues),
      pinned: choice.pinned,
      published: context.assessment.status === 'published',
      basedOnVersion: choice.version,
      action: `/assessments/${id}/pack`,
      preview:
        preview === null
          ? null
          : {
              to: preview.to,
              perspectives: preview.ratings.map((entry) => perspectiveNames[entry.perspective]),
              agreedBasis: preview.indicativePerspective === null ? 'no perspective has evidence yet' : `the moderated score, else the ${perspectiveNames[preview.indicativePerspective].toLowerCase()}’s result`,
              criteria: preview.criteria.map((criterion) => ({
                title: criterion.title,
                changed: criterion.changed,
                cells: criterion.perspectives.map((entry) => ({ ...change(entry.result), rescored: entry.rescored, judgementSetAside: entry.judgementSetAside })),
                agreed: change(criterion.agreed),
              })),
              ratings: preview.ratings.map((entry) => ratingChange(entry.rating)),
              agreedRating: ratingChange(preview.agreedRating),
              unchanged: preview.criteria.every((criterion) => !criterion.changed),
            },
    },
  };
}

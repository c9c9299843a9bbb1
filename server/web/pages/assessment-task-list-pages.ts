import { mayDo } from '../../../assessments/access/policy.ts';
import type { Perspective } from '../../../assessments/evidence/perspective-evidence.ts';
import { isBlindPerspective } from '../../../assessments/workflow/blind-review.ts';
import { perspectiveIsOpen } from '../../../assessments/workflow/status.ts';
import type { Principal } from '../../../assessments/access/roles.ts';
import { perspectiveParams } from '../../http/schemas.ts';
import type { Services } from '../../services/services.ts';
import type { PageError } from '../form-errors.ts';
import type { PageResponse, PageRoute } from '../page.ts';
import { assessmentContext, assessmentModel, perspectiveName, perspectivePath } from './assessment-context.ts';
import { perspectiveTasks } from './perspective-tasks.ts';
import { reviewInWords } from './review-words.ts';

export type PerspectiveParams = { id: string; perspective: Perspective };

/**
 * One perspective's criteria as a task list (the NHS.UK task list pattern), and its check-your-
 * answers page, from which the ICS team submits its self-assessment (the status moves on, kept
 * with who and when).
 */
export const assessmentTaskListPages: PageRoute[] = [
  {
    method: 'get',
    path: '/assessments/:id/:perspective/check',
    access: { kind: 'assessment', action: 'read' },
    params: perspectiveParams,
    handle: async ({ params, principal, services }) => checkPage(services, params as PerspectiveParams, principal!),
  },
  {
    method: 'post',
    path: '/assessments/:id/:perspective/submission',
    access: { kind: 'assessment', action: 'write-perspective' },
    params: perspectiveParams,
    handle: async ({ params, principal, services }) => {
      const { id, perspective } = params as PerspectiveParams;
      const review = await services.review.submit(id, perspective, principal!);
      return { redirect: `${perspectivePath(id, perspective)}/check`, flash: review.revealed === null ? 'Your review is submitted. The scores are revealed when the other review is submitted.' : 'Your review is submitted, and the scores are revealed.' };
    },
  },
  {
    method: 'get',
    path: '/assessments/:id/:perspective',
    access: { kind: 'assessment', action: 'read' },
    params: perspectiveParams,
    handle: async ({ params, principal, services }) => {
      const { id, perspective } = params as PerspectiveParams;
      const { context, name, tasks, rating } = await perspectiveState(services, params as PerspectiveParams, principal!);
      return {
        view: 'assessments/task-list',
        title: `${name} – ${context.titleName}`,
        model: {
          ...assessmentModel(context),
          perspectiveName: name,
          tasks,
          rating,
          completed: tasks.filter((task) => task.status.text === 'Completed').length,
          open: perspectiveIsOpen(context.assessment.status, perspective),
          checkPath: `${perspectivePath(id, perspective)}/check`,
        },
      };
    },
  },
];

/** The check-your-answers page of a perspective, with a refused submission's errors when there are. */
export async function checkPage(services: Services, params: PerspectiveParams, principal: Principal, errors: PageError[] = []): Promise<PageResponse> {
  const { id, perspective } = params;
  const { context, name, tasks, rating } = await perspectiveState(services, params, principal);
  const { assessment } = context;
  const maySubmit = perspective === 'self' && assessment.status === 'draft' && mayDo(principal, { kind: 'advance', to: 'submitted' });
  const review = await services.review.review(id, principal);
  const maySubmitReview = isBlindPerspective(perspective) && review.blind && !review.submitted.some((entry) => entry.perspective === perspective) && mayDo(principal, { kind: 'write-perspective', perspective });
  return {
    view: 'assessments/check',
    ...(errors.length > 0 ? { status: 400 } : {}),
    title: `Check the ${name.toLowerCase()} – ${context.titleName}`,
    model: {
      ...assessmentModel(context, [{ href: perspectivePath(id, perspective), text: name }]),
      errors,
      perspectiveName: name,
      tasks,
      rating,
      canChange: mayDo(principal, { kind: 'write-perspective', perspective }) && perspectiveIsOpen(assessment.status, perspective),
      review: isBlindPerspective(perspective) ? reviewInWords(review) : null,
      submitReview: maySubmitReview ? { action: `${perspectivePath(id, perspective)}/submission` } : null,
      submit: maySubmit ? await submitModel(services, id, assessment.version, tasks, principal) : null,
    },
  };
}

/** What both pages show of a perspective: the assessment, the perspective's name, its tasks and its rating. */
async function perspectiveState(services: Services, { id, perspective }: PerspectiveParams, principal: Principal) {
  const context = await assessmentContext(services, id, principal);
  const { tasks, rating } = await perspectiveTasks(services, id, perspective, context.pack, principal);
  return { context, name: perspectiveName(perspective), tasks, rating };
}

/** The submit form of the check page, with what stops it and the criteria it would leave without evidence. */
async function submitModel(services: Services, id: string, version: number, tasks: ReadonlyArray<{ criterion: string; title: string; status: { text: string } }>, principal: Principal) {
  const check = services.assessments.stepCheck(await services.assessments.snapshot(id, principal), 'submitted');
  return {
    action: `/assessments/${id}/status`,
    to: 'submitted',
    version,
    incomplete: tasks.filter((task) => task.status.text !== 'Completed').length,
    empty: check.emptyCriteria.map((criterion) => tasks.find((task) => task.criterion === criterion)?.title ?? criterion),
    blocking: check.blocking,
  };
}

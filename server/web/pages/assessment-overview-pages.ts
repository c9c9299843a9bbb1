import { mayDo } from '../../../assessments/access/policy.ts';
import { perspectives } from '../../../assessments/evidence/perspective-evidence.ts';
import { nextStatus, perspectiveIsOpen, type AssessmentStatus } from '../../../assessments/workflow/status.ts';
import { assessmentParams } from '../../http/schemas.ts';
import { latestByCriterion } from '../../persistence/assessment-records.ts';
import { ValidationError } from '../../../assessments/errors.ts';
import type { Principal } from '../../../assessments/access/roles.ts';
import type { Services } from '../../services/services.ts';
import { pageErrors, type PageError } from '../form-errors.ts';
import type { PageResponse, PageRoute } from '../page.ts';
import { checkPage } from './assessment-task-list-pages.ts';
import type { StepCheck } from '../../services/assessment-service.ts';
import { statusNames } from '../words.ts';
import { assessmentModel, contextOf, perspectiveName, perspectivePath } from './assessment-context.ts';
import { versionOf } from './form-version.ts';

/**
 * An assessment's overview: the system, period and pinned pack, the status with who moved it and
 * when, each perspective with its progress, the next status for whoever may move it there, and the
 * report, calibration, improvement, moderation and history. Moving the status is a POST here.
 */
export const assessmentOverviewPages: PageRoute[] = [
  {
    method: 'get',
    path: '/assessments/:id',
    access: { kind: 'assessment', action: 'read' },
    params: assessmentParams,
    handle: async ({ params, principal, services }) => overviewPage(services, params.id!, principal!),
  },
  {
    method: 'post',
    path: '/assessments/:id/status',
    access: { kind: 'assessment', action: 'advance' },
    params: assessmentParams,
    handle: async ({ params, principal, services, form }) => {
      const to = String(form.to) as AssessmentStatus;
      const given = typeof form.leftUnmoderated === 'object' && form.leftUnmoderated !== null ? Object.entries(form.leftUnmoderated as Record<string, unknown>) : [];
      const reasons = Object.fromEntries(given.filter(([, reason]) => typeof reason === 'string').map(([criterion, reason]) => [criterion, String(reason).slice(0, 5000)]));
      const leftUnmoderated = Object.entries(reasons).filter(([, reason]) => reason.trim() !== '').map(([criterion, reason]) => ({ criterion, reason }));
      try {
        const moved = await services.assessments.advance(params.id!, { to, version: versionOf(form, 'version'), acknowledgeEmptyCriteria: form.acknowledgeEmptyCriteria === 'yes', leftUnmoderated }, principal!);
        return { redirect: `/assessments/${moved.id}`, flash: `The assessment is now ${statusNames[moved.status].toLowerCase()}.` };
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        if (to === 'submitted') return checkPage(services, { id: params.id!, perspective: 'self' }, principal!, pageErrors(error.issues, { to: 'next-step' }));
        // An issue on leftUnmoderated[i] is about the i-th criterion given a reason; one on the whole list, about the first without.
        const ids = Object.fromEntries(leftUnmoderated.flatMap((entry, index) => [[`leftUnmoderated[${index}].reason`, reasonId(entry.criterion)], [`leftUnmoderated[${index}].criterion`, reasonId(entry.criterion)]]));
        const firstMissing = services.assessments.stepCheck(await services.assessments.snapshot(params.id!, principal!), to).unmoderated.find((criterion) => !reasons[criterion]?.trim());
        return overviewPage(services, params.id!, principal!, { errors: pageErrors(error.issues, { ...ids, to: 'next-step', leftUnmoderated: firstMissing === undefined ? 'next-step' : reasonId(firstMissing) }), reasons });
      }
    },
  },
];

/**
 * The next status as an action: submitting the self-assessment goes through checking it first; an
 * irreversible step says what stops it, and moving to moderated asks a reason for each criterion
 * left unmoderated.
 */
function nextStep(id: string, next: AssessmentStatus, version: number, check: StepCheck, title: (criterion: string) => string, reasons: Readonly<Record<string, string>>) {
  if (next === 'submitted') return { check: `${perspectivePath(id, 'self')}/check`, form: null };
  const labels: Partial<Record<AssessmentStatus, string>> = { 'in-review': 'Start the review', moderated: 'Mark as moderated', published: 'Publish' };
  const unmoderated = next === 'moderated' ? check.unmoderated.map((criterion) => ({ id: reasonId(criterion), name: `leftUnmoderated[${criterion}]`, label: `Why is ${title(criterion)} left unmoderated?`, value: reasons[criterion] ?? '' })) : [];
  return { check: null, blocking: check.blocking, unmoderated, total: check.total, form: { action: `/assessments/${id}/status`, to: next, version, label: labels[next] ?? `Move to ${statusNames[next].toLowerCase()}` } };
}

/** A status step refused for what it was declared with: the errors, and the reasons typed (by criterion). */
interface Refused {
  errors: PageError[];
  reasons: Record<string, string>;
}

/** The overview page, with a refused step's errors and what was typed when there are. */
async function overviewPage(services: Services, id: string, principal: Principal, refused: Refused | null = null): Promise<PageResponse> {
  const snapshot = await services.assessments.snapshot(id, principal);
  const { assessment, records } = snapshot;
  const context = contextOf(services, assessment);
  const { pack } = context;
  const next = nextStatus(assessment.status);
  return {
    view: 'assessments/overview',
    title: `Assessment of ${context.titleName}`,
    ...(refused === null ? {} : { status: 400 }),
    model: {
      ...assessmentModel(context),
      errors: refused?.errors ?? [],
      breadcrumbs: [{ href: '/', text: 'Assessments' }],
      assessment: {
        systemName: assessment.systemName,
        system: assessment.system,
        region: assessment.region,
        period: assessment.period,
        pack: `${assessment.pack.id} ${assessment.pack.version} (${assessment.pack.hash.slice(0, 19)}…)`,
        status: statusNames[assessment.status],
        demo: assessment.demo,
      },
      history: assessment.statusHistory.map((step) => ({ status: statusNames[step.status], by: step.by.name, at: step.at })),
      perspectives: perspectives.map((perspective) => ({
        name: perspectiveName(perspective),
        href: perspectivePath(id, perspective),
        withEvidence: latestByCriterion(records, 'evidence', perspective).size,
        criteria: pack.criteria.length,
        open: perspectiveIsOpen(assessment.status, perspective),
      })),
      next: next === null || !mayDo(principal, { kind: 'advance', to: next }) ? null : nextStep(id, next, assessment.version, services.assessments.stepCheck(snapshot, next), (criterion) => pack.criteria.find((candidate) => candidate.id === criterion)?.title ?? criterion, refused?.reasons ?? {}),
      links: {
        report: `/assessments/${id}/report`,
        pdf: `/assessments/${id}/report.pdf`,
        calibration: `/assessments/${id}/calibration`,
        improvement: `/assessments/${id}/improvement`,
        moderation: mayDo(principal, { kind: 'moderate' }) ? `/assessments/${id}/moderation` : null,
        history: `/assessments/${id}/history`,
        workbook: `/assessments/${id}/workbook.xlsx`,
        newerPack: mayDo(principal, { kind: 'move-pack' }) && services.packs.newerThan(assessment.pack).length > 0 ? `/assessments/${id}/pack` : null,
        trend: `/systems/${assessment.system}/trend`,
      },
    },
  };
}

/** The id of the reason field for a criterion left unmoderated. */
function reasonId(criterion: string): string {
  return `leftUnmoderated-${criterion}`;
}

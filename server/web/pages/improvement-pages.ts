import { mayDo } from '../../../assessments/access/policy.ts';
import { ambitionsAreOpen } from '../../../assessments/workflow/status.ts';
import type { Principal } from '../../../assessments/access/roles.ts';
import { ConflictError, type FieldIssue } from '../../../assessments/errors.ts';
import { ambitionsDocument, ambitionsForm } from '../../../assessments/forms/ambitions-form.ts';
import { formValuesOf } from '../../../assessments/forms/form-values.ts';
import { formView } from '../../../assessments/forms/form-view.ts';
import { parseForm, type FormProblem } from '../../../assessments/forms/parse-form.ts';
import { rowActionOf, withRowAction } from '../../../assessments/forms/row-actions.ts';
import { anchorOf } from '../../../assessments/report-model/words.ts';
import { assessmentParams } from '../../http/schemas.ts';
import { recordedAmbitions } from '../../services/improvement-service.ts';
import type { Services } from '../../services/services.ts';
import { pageErrors } from '../form-errors.ts';
import type { PageResponse, PageRoute } from '../page.ts';
import { assessmentContext, assessmentModel, contextOf } from './assessment-context.ts';
import { versionOf } from './form-version.ts';

const crumb = (id: string) => ({ href: `/assessments/${id}/improvement`, text: 'Improvement' });

/**
 * Improvement (¶3.121, ¶3.123), in the report's own words: the path to the next rating with the
 * thresholds each criterion would have to meet, good practice from systems that agreed to share,
 * the system's own ambitions against the line from baseline to target, and the prevention share
 * against its expected line; with the forms by which the system's team records its ambitions and
 * its consent to share its practice.
 */
export const improvementPages: PageRoute[] = [
  {
    method: 'get',
    path: '/assessments/:id/improvement',
    access: { kind: 'assessment', action: 'read' },
    params: assessmentParams,
    handle: async ({ params, principal, services }) => {
      const context = await assessmentContext(services, params.id!, principal!);
      const id = context.assessment.id;
      const [report, improvement] = await Promise.all([services.reports.model(id, principal!), services.improvement.improvement(id, principal!)]);
      // The team changes its ambitions and consent until publication freezes them.
      const ownTeam = mayDo(principal!, { kind: 'write-perspective', perspective: 'self' }) && ambitionsAreOpen(context.assessment.status);
      return {
        view: 'improvement/improvement',
        title: `Improvement – ${context.titleName}`,
        model: {
          ...assessmentModel(context),
          basis: report.summary.basis,
          path: report.summary.path,
          goodPractice: report.improvement?.goodPractice ?? [],
          ambitions: report.improvement?.ambitions ?? [],
          trajectory: report.criteria.find((section) => section.anchor === anchorOf('prevention-shift'))?.trajectory ?? null,
          sharing: improvement.sharesGoodPractice ? 'Yes: systems scoring 2 or below on a criterion this system scores 4 can read its narrative.' : 'No: this system’s practice is not shown to other systems.',
          ambitionsPath: ownTeam ? `/assessments/${id}/ambitions` : null,
          sharingPath: ownTeam ? `/assessments/${id}/sharing` : null,
        },
      };
    },
  },
  {
    method: 'get',
    path: '/assessments/:id/ambitions',
    access: { kind: 'assessment', action: 'write-own-ambitions' },
    params: assessmentParams,
    handle: async ({ params, principal, services }) => {
      const page = await ambitionsPage(services, params.id!, principal!);
      return page.render(page.saved, [], page.version);
    },
  },
  {
    method: 'post',
    path: '/assessments/:id/ambitions',
    access: { kind: 'assessment', action: 'write-own-ambitions' },
    params: assessmentParams,
    handle: async ({ params, principal, services, form }) => {
      const page = await ambitionsPage(services, params.id!, principal!);
      const basedOn = versionOf(form);
      const rowAction = rowActionOf(form);
      if (rowAction !== null) return page.render(withRowAction(form, rowAction), [], basedOn);
      const reading = parseForm(ambitionsForm, ambitionsDocument, form);
      if (!reading.ok) return page.render(reading.values, reading.problems, basedOn, 400);
      try {
        const saved = await services.improvement.saveAmbitions(params.id!, basedOn, reading.data.ambitions, principal!);
        return { redirect: `/assessments/${params.id}/improvement`, flash: `Ambitions saved (version ${saved.version}).` };
      } catch (error) {
        if (error instanceof ConflictError && error.current !== undefined) {
          const conflict = `Someone else saved the ambitions since you opened this page (they are now version ${error.current.version}). Nothing you typed was saved and it is all still below: check the improvement page, then save again to replace them.`;
          return page.render(reading.values, [], error.current.version, 409, [{ href: '#ambitions', text: conflict }]);
        }
        throw error;
      }
    },
  },
  {
    method: 'get',
    path: '/assessments/:id/sharing',
    access: { kind: 'assessment', action: 'write-own-ambitions' },
    params: assessmentParams,
    handle: async ({ params, principal, services }) => {
      const page = await sharingPage(services, params.id!, principal!);
      return page.render(page.saved, [], page.version);
    },
  },
  {
    method: 'post',
    path: '/assessments/:id/sharing',
    access: { kind: 'assessment', action: 'write-own-ambitions' },
    params: assessmentParams,
    handle: async ({ params, principal, services, form }) => {
      const page = await sharingPage(services, params.id!, principal!);
      const basedOn = versionOf(form);
      const choice = form.shareGoodPractice;
      if (choice !== 'yes' && choice !== 'no') return page.render('', [{ path: 'shareGoodPractice', message: 'Choose yes or no' }], basedOn, 400);
      try {
        await services.improvement.saveSharing(params.id!, basedOn, choice === 'yes', principal!);
        return { redirect: `/assessments/${params.id}/improvement`, flash: choice === 'yes' ? 'This system now shares its good practice.' : 'This system no longer shares its good practice.' };
      } catch (error) {
        if (error instanceof ConflictError && error.current !== undefined) {
          return page.render(choice, [{ path: 'shareGoodPractice', message: `Someone else changed this since you opened the page (it is now version ${error.current.version}). Check the improvement page, then choose again.` }], error.current.version, 409);
        }
        throw error;
      }
    },
  },
];

async function ambitionsPage(services: Services, id: string, principal: Principal) {
  const snapshot = await services.assessments.snapshot(id, principal);
  const context = contextOf(services, snapshot.assessment);
  const { ambitionsVersion } = await services.improvement.improvementOf(snapshot);
  const render = (values: unknown, problems: readonly FormProblem[], basedOn: number, status = 200, extraErrors: Array<{ href: string; text: string }> = []): PageResponse => {
    const view = formView(ambitionsForm, values, problems);
    return {
      view: 'improvement/ambitions',
      title: `Ambitions – ${context.titleName}`,
      status,
      model: { ...assessmentModel(context, [crumb(id)]), errors: [...extraErrors, ...view.errors], parts: view.parts, basedOnVersion: basedOn, action: `/assessments/${id}/ambitions` },
    };
  };
  return { saved: formValuesOf(ambitionsForm, { ambitions: recordedAmbitions(snapshot.records) }), version: ambitionsVersion, render };
}

async function sharingPage(services: Services, id: string, principal: Principal) {
  const context = await assessmentContext(services, id, principal);
  const improvement = await services.improvement.improvement(id, principal);
  const render = (choice: string, issues: readonly FieldIssue[], basedOn: number, status = 200): PageResponse => ({
    view: 'improvement/sharing',
    title: `Sharing good practice – ${context.titleName}`,
    status,
    model: {
      ...assessmentModel(context, [crumb(id)]),
      errors: pageErrors(issues),
      choice,
      basedOnVersion: basedOn,
      action: `/assessments/${id}/sharing`,
      options: [{ value: 'yes', text: 'Yes, share this system’s practice' }, { value: 'no', text: 'No, do not share it' }],
    },
  });
  return { saved: improvement.sharingVersion === 0 ? '' : improvement.sharesGoodPractice ? 'yes' : 'no', version: improvement.sharingVersion, render };
}

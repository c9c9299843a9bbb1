import { mayDo } from '../../../assessments/access/policy.ts';
import type { Principal } from '../../../assessments/access/roles.ts';
import { ConflictError, ValidationError } from '../../../assessments/errors.ts';
import type { Perspective } from '../../../assessments/evidence/perspective-evidence.ts';
import { evidenceForm } from '../../../assessments/forms/evidence-form.ts';
import { pathFromIssue } from '../../../assessments/forms/field-address.ts';
import { formValuesOf } from '../../../assessments/forms/form-values.ts';
import { formView } from '../../../assessments/forms/form-view.ts';
import { parseForm, type FormProblem } from '../../../assessments/forms/parse-form.ts';
import { rowActionOf, withRowAction } from '../../../assessments/forms/row-actions.ts';
import { paragraphsOf } from '../../../assessments/report-model/words.ts';
import { perspectiveIsOpen } from '../../../assessments/workflow/status.ts';
import { criterionParams } from '../../http/schemas.ts';
import type { Services } from '../../services/services.ts';
import type { PageResponse, PageRoute } from '../page.ts';
import { assessmentContext, assessmentModel, packCriterionOf, perspectiveName, perspectivePath } from './assessment-context.ts';
import { judgementInWords, proposalInWords } from './criterion-words.ts';
import { versionOf } from './form-version.ts';
import { outOfDateInWords } from './out-of-date.ts';

type CriterionParams = { id: string; perspective: Perspective; criterion: string };

/**
 * A criterion's evidence in one perspective: the form generated from its schema (for whoever may
 * write that perspective while it is open), what the rules propose for the saved evidence with
 * their findings, and the judgement recorded. Saving validates the answers as typed, keeps them
 * all on any error, and is based on the version shown, so a stale save is a clear conflict.
 */
export const assessmentEvidencePages: PageRoute[] = [
  {
    method: 'get',
    path: '/assessments/:id/:perspective/:criterion',
    access: { kind: 'assessment', action: 'read' },
    params: criterionParams,
    handle: async ({ params, principal, services }) => {
      const page = await evidencePage(services, params as CriterionParams, principal!);
      return page.render(page.saved, [], page.version);
    },
  },
  {
    method: 'post',
    path: '/assessments/:id/:perspective/:criterion',
    access: { kind: 'assessment', action: 'write-perspective' },
    params: criterionParams,
    handle: async ({ params, principal, services, form }) => {
      const { id, perspective, criterion } = params as CriterionParams;
      const page = await evidencePage(services, params as CriterionParams, principal!);
      const basedOn = versionOf(form);
      const rowAction = rowActionOf(form);
      if (rowAction !== null) return page.render(withRowAction(form, rowAction), [], basedOn);
      const reading = parseForm(page.descriptor, page.schema, form);
      if (!reading.ok) return page.render(reading.values, reading.problems, basedOn, 400);
      try {
        const saved = await services.criteria.saveEvidence(id, perspective, criterion, basedOn, reading.data, principal!);
        const outcome = proposalInWords(saved.content.proposal, page.pack, criterion).outcome;
        return { redirect: perspectivePath(id, perspective, criterion), flash: `Evidence saved (version ${saved.version}). The rules propose: ${outcome}.` };
      } catch (error) {
        if (error instanceof ConflictError && error.current !== undefined) {
          const latest = (await services.criteria.state(id, perspective, criterion, principal!)).evidence;
          const conflict =
            latest !== null && latest.by.userId === principal!.userId
              ? `You already saved this evidence (version ${latest.version}), perhaps by pressing Save twice, so this save was not applied again. What you typed is still below: check version ${latest.version} in the history, and save again only to change it.`
              : `Someone else saved this evidence since you opened it (it is now version ${error.current.version}). Nothing you typed was saved and it is all still below: check the latest version in the history, then save again to replace it.`;
          return page.render(reading.values, [], error.current.version, 409, [{ href: '#evidence-history', text: conflict }]);
        }
        if (error instanceof ValidationError) {
          const problems = error.issues.map((issue) => ({ path: pathFromIssue(issue.path).slice(1), message: issue.message }));
          return page.render(reading.values, problems, basedOn, 400);
        }
        throw error;
      }
    },
  },
];

async function evidencePage(services: Services, params: CriterionParams, principal: Principal) {
  const { id, perspective, criterion } = params;
  const context = await assessmentContext(services, id, principal);
  const packCriterion = packCriterionOf(context, criterion);
  const state = await services.criteria.state(id, perspective, criterion, principal);
  const descriptor = evidenceForm(packCriterion.evidence);
  const mayWrite = mayDo(principal, { kind: 'write-perspective', perspective });
  const open = perspectiveIsOpen(context.assessment.status, perspective);
  const name = perspectiveName(perspective);
  const evidence = state.evidence;
  const narrative = evidence?.content.evidence.narrative;

  const render = (values: unknown, problems: readonly FormProblem[], basedOn: number, status = 200, extraErrors: Array<{ href: string; text: string }> = []): PageResponse => {
    const view = formView(descriptor, values, problems);
    return {
      view: 'assessments/evidence',
      title: `${packCriterion.title} – ${name} – ${context.titleName}`,
      status,
      model: {
        ...assessmentModel(context, [{ href: perspectivePath(id, perspective), text: name }]),
        errors: [...extraErrors, ...view.errors],
        perspectiveName: name,
        criterion: { title: packCriterion.title, summary: packCriterion.summary, citations: packCriterion.citations.join(', ') },
        canWrite: mayWrite && open,
        closed: mayWrite && !open ? `The ${name.toLowerCase()} can ${perspective === 'self' ? 'only change while the assessment is a draft' : 'only change once the assessment is submitted and while it is in review'}; it is ${context.assessment.status}.` : null,
        action: perspectivePath(id, perspective, criterion),
        basedOnVersion: basedOn,
        parts: view.parts,
        saved: evidence === null ? null : { version: evidence.version, by: evidence.by.name, at: evidence.at },
        proposal: evidence === null ? null : proposalInWords(evidence.content.proposal, context.pack, criterion),
        outOfDate: outOfDateInWords(context.pack, context.assessment.period, packCriterion, evidence?.content.evidence),
        narrative: narrative === undefined ? null : { paragraphs: paragraphsOf(narrative.value), source: narrative.source, asAt: narrative.asAt },
        judgement: state.judgement === null ? null : judgementInWords(state.judgement, context.pack),
        judgementPath: mayWrite && open ? `${perspectivePath(id, perspective, criterion)}/judgement` : null,
        historyPath: `${perspectivePath(id, perspective, criterion)}/history`,
      },
    };
  };
  return { descriptor, schema: packCriterion.evidence.schema, pack: context.pack, saved: formValuesOf(descriptor, evidence?.content.evidence ?? {}), version: evidence?.version ?? 0, render };
}

import type { Principal } from '../../../assessments/access/roles.ts';
import { ConflictError, ValidationError, type FieldIssue } from '../../../assessments/errors.ts';
import type { Perspective } from '../../../assessments/evidence/perspective-evidence.ts';
import { gateStatusNames, outcomeText } from '../../../assessments/report-model/words.ts';
import { criterionParams } from '../../http/schemas.ts';
import type { Services } from '../../services/services.ts';
import { pageErrors } from '../form-errors.ts';
import type { PageResponse, PageRoute } from '../page.ts';
import { assessmentContext, assessmentModel, packCriterionOf, perspectiveName, perspectivePath } from './assessment-context.ts';
import { judgementInWords, proposalInWords } from './criterion-words.ts';
import { versionOf } from './form-version.ts';
import { inFormWords } from './service-issues.ts';

type CriterionParams = { id: string; perspective: Perspective; criterion: string };

/** What the judgement form sent, as typed. */
interface TypedJudgement {
  decision: string;
  score: string;
  status: string;
  rationale: string;
}

const formWords = {
  'judgement.score': 'Choose a score from 1 to 4',
  'judgement.status': 'Choose the status of the finances',
};

/**
 * A person's judgement of what the rules proposed (¶3.121): accept it, or record a different score
 * (a status, for the gate) with a rationale, which the service requires. The form is based on the
 * judgement version shown; the evidence version judged is recorded by the service.
 */
export const assessmentJudgementPages: PageRoute[] = [
  {
    method: 'get',
    path: '/assessments/:id/:perspective/:criterion/judgement',
    access: { kind: 'assessment', action: 'write-perspective' },
    params: criterionParams,
    handle: async ({ params, principal, services }) => {
      const page = await judgementPage(services, params as CriterionParams, principal!);
      return page.render(page.recorded, [], page.version);
    },
  },
  {
    method: 'post',
    path: '/assessments/:id/:perspective/:criterion/judgement',
    access: { kind: 'assessment', action: 'write-perspective' },
    params: criterionParams,
    handle: async ({ params, principal, services, form }) => {
      const { id, perspective, criterion } = params as CriterionParams;
      const page = await judgementPage(services, params as CriterionParams, principal!);
      const basedOn = versionOf(form);
      const typed = typedJudgement(form.judgement);
      try {
        const saved = await services.criteria.saveJudgement(id, perspective, criterion, basedOn, judgementInput(typed), principal!);
        return { redirect: perspectivePath(id, perspective, criterion), flash: `Judgement recorded: ${judgementInWords({ ...saved, stale: false }, page.pack).outcome}.` };
      } catch (error) {
        if (error instanceof ValidationError) return page.render(typed, inFormWords(error.issues, formWords), basedOn, 400);
        if (error instanceof ConflictError && error.current !== undefined) {
          const latest = (await services.criteria.state(id, perspective, criterion, principal!)).judgement;
          const who = latest !== null && latest.by.userId === principal!.userId ? 'You already recorded this judgement' : 'Someone else recorded a judgement since you opened this page';
          const conflict = { path: 'judgement.decision', message: `${who} (it is now version ${error.current.version}). Check it on the criterion's page, then choose again.` };
          return page.render(typed, [conflict], error.current.version, 409);
        }
        throw error;
      }
    },
  },
];

async function judgementPage(services: Services, params: CriterionParams, principal: Principal) {
  const { id, perspective, criterion } = params;
  const context = await assessmentContext(services, id, principal);
  const packCriterion = packCriterionOf(context, criterion);
  const state = await services.criteria.state(id, perspective, criterion, principal);
  const proposal = state.evidence === null ? null : proposalInWords(state.evidence.content.proposal, context.pack, criterion);
  const name = perspectiveName(perspective);
  const gate = packCriterion.kind === 'gate';
  const override = gate ? 'override-gate' : 'override';
  const recorded = state.judgement?.content.judgement;

  const render = (typed: TypedJudgement, issues: readonly FieldIssue[], basedOn: number, status = 200): PageResponse => ({
    view: 'assessments/judgement',
    title: `Judge ${packCriterion.title} – ${name} – ${context.titleName}`,
    status,
    model: {
      ...assessmentModel(context, [
        { href: perspectivePath(id, perspective), text: name },
        { href: perspectivePath(id, perspective, criterion), text: packCriterion.title },
      ]),
      errors: pageErrors(issues),
      perspectiveName: name,
      criterionTitle: packCriterion.title,
      proposal,
      judgement: state.judgement === null ? null : judgementInWords(state.judgement, context.pack),
      action: `${perspectivePath(id, perspective, criterion)}/judgement`,
      basedOnVersion: basedOn,
      outcomeWord: gate ? 'status' : 'score',
      decision: {
        value: proposal?.assessed === true ? typed.decision : override,
        options: proposal?.assessed === true ? [{ value: 'accept', text: `Accept the proposed ${gate ? 'status' : 'score'}: ${proposal.outcome}` }, { value: override, text: `Record a different ${gate ? 'status' : 'score'}` }] : [],
      },
      outcome: {
        ...(gate
          ? { id: 'judgement-status', name: 'judgement[status]', legend: 'The status you judge the finances to be', value: typed.status, options: Object.entries(gateStatusNames).map(([value, text]) => ({ value, text })) }
          : { id: 'judgement-score', name: 'judgement[score]', legend: 'The score you judge it to deserve', value: typed.score, options: [1, 2, 3, 4].map((score) => ({ value: String(score), text: outcomeText({ score }, context.pack.manifest) })) }),
        hint: proposal?.assessed === true ? `Only when you record a different ${gate ? 'status' : 'score'}.` : null,
      },
      rationale: typed.rationale,
      rationaleHint: `Needed when you record a different ${gate ? 'status' : 'score'}: at least 20 characters on what in the evidence supports it. Optional when you accept.`,
    },
  });
  return {
    pack: context.pack,
    version: state.judgement?.version ?? 0,
    recorded: {
      decision: recorded?.decision ?? '',
      score: recorded?.decision === 'override' ? String(recorded.score) : '',
      status: recorded?.decision === 'override-gate' ? recorded.status : '',
      rationale: recorded?.rationale ?? '',
    },
    render,
  };
}

function typedJudgement(typed: unknown): TypedJudgement {
  const given = typeof typed === 'object' && typed !== null ? (typed as Record<string, unknown>) : {};
  const text = (key: string) => (typeof given[key] === 'string' ? (given[key] as string) : '');
  return { decision: text('decision'), score: text('score'), status: text('status'), rationale: text('rationale') };
}

/** The judgement as the service takes it: only the fields of the decision chosen, a score as a number, an empty rationale left out. */
function judgementInput(typed: TypedJudgement): Record<string, unknown> {
  const rationale = typed.rationale.trim() === '' ? {} : { rationale: typed.rationale };
  const score = /^[1-4]$/.test(typed.score) ? Number(typed.score) : undefined;
  const status = typed.status === '' ? undefined : typed.status;
  switch (typed.decision) {
    case 'accept':
      return { decision: 'accept', ...rationale };
    case 'override':
      return { decision: 'override', score, ...rationale };
    case 'override-gate':
      return { decision: 'override-gate', status, ...rationale };
    default:
      return { decision: typed.decision === '' ? undefined : typed.decision };
  }
}

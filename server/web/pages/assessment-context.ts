import type { Principal } from '../../../assessments/access/roles.ts';
import type { Perspective } from '../../../assessments/evidence/perspective-evidence.ts';
import { perspectiveNames } from '../../../assessments/report-model/words.ts';
import type { PackCriterion, RulePack } from '../../../assessments/rule-pack/rule-pack.ts';
import { NotFoundError } from '../../../assessments/errors.ts';
import type { AssessmentView } from '../../services/assessment-service.ts';
import type { Services } from '../../services/services.ts';

/** An assessment page's subject: the assessment (404 for one the asker may not see) and its pinned pack. */
export interface AssessmentContext {
  assessment: AssessmentView;
  pack: RulePack;
  /** "NHS Quayside Integrated Care Board (QOX), 2025/26": how headings and breadcrumbs name the assessment. */
  name: string;
  /** "QOX 2025/26": how page titles name it, short enough to read in a browser tab. */
  titleName: string;
}

export interface Crumb {
  href: string;
  text: string;
}

export async function assessmentContext(services: Services, id: string, principal: Principal): Promise<AssessmentContext> {
  return contextOf(services, await services.assessments.get(id, principal));
}

/** The context of an assessment already read (and checked for sight by whoever read it). */
export function contextOf(services: Services, assessment: AssessmentView): AssessmentContext {
  return { assessment, pack: services.packs.get(assessment.pack), name: `${assessment.systemName} (${assessment.system}), ${assessment.period}`, titleName: `${assessment.system} ${assessment.period}` };
}

/** A criterion of the assessment's pack, or 404. */
export function packCriterionOf(context: AssessmentContext, criterion: string): PackCriterion {
  const found = context.pack.criteria.find((candidate) => candidate.id === criterion);
  if (found === undefined) throw new NotFoundError(`The rule pack ${context.pack.id} has no criterion ${criterion}`);
  return found;
}

/** What every assessment page's model carries: the calibration banner (¶3.125), the breadcrumbs (the pages above this one) and the assessment's name. */
export function assessmentModel(context: AssessmentContext, crumbs: readonly Crumb[] = []): Record<string, unknown> {
  const { assessment, pack } = context;
  return {
    calibrationLabel: assessment.calibrationMode ? pack.manifest.calibrationMode.label : null,
    assessmentName: context.name,
    breadcrumbs: [{ href: '/', text: 'Assessments' }, { href: `/assessments/${assessment.id}`, text: context.name }, ...crumbs],
  };
}

export function perspectiveName(perspective: Perspective): string {
  return perspectiveNames[perspective];
}

/** The address of a perspective's task list, and of a criterion's page in it. */
export function perspectivePath(assessmentId: string, perspective: Perspective, criterion?: string): string {
  return `/assessments/${assessmentId}/${perspective}${criterion === undefined ? '' : `/${criterion}`}`;
}


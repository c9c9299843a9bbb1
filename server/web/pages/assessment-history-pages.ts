import type { Perspective } from '../../../assessments/evidence/perspective-evidence.ts';
import { paragraphsOf } from '../../../assessments/report-model/words.ts';
import { assessmentParams, criterionParams } from '../../http/schemas.ts';
import type { StoredRecord } from '../../persistence/assessment-records.ts';
import type { EvidenceContent, JudgementContent } from '../../services/criterion-service.ts';
import type { PageRoute } from '../page.ts';
import { assessmentContext, assessmentModel, packCriterionOf, perspectiveName, perspectivePath } from './assessment-context.ts';
import { judgementInWords, proposalInWords } from './criterion-words.ts';

type CriterionParams = { id: string; perspective: Perspective; criterion: string };

/**
 * History, read from the append-only records (nothing is overwritten): the assessment's audit trail,
 * and every saved version of a criterion's evidence and judgement, each with who and when.
 */
export const assessmentHistoryPages: PageRoute[] = [
  {
    method: 'get',
    path: '/assessments/:id/history',
    access: { kind: 'assessment', action: 'read' },
    params: assessmentParams,
    handle: async ({ params, principal, services }) => {
      const context = await assessmentContext(services, params.id!, principal!);
      const trail = await services.criteria.audit(context.assessment.id, principal!);
      return {
        view: 'assessments/history',
        title: `History – ${context.titleName}`,
        model: {
          ...assessmentModel(context),
          entries: [...trail].reverse().map((entry) => ({ at: entry.at, by: entry.by.name, action: entry.action, subject: entry.subject, version: entry.version })),
        },
      };
    },
  },
  {
    method: 'get',
    path: '/assessments/:id/:perspective/:criterion/history',
    access: { kind: 'assessment', action: 'read' },
    params: criterionParams,
    handle: async ({ params, principal, services }) => {
      const { id, perspective, criterion } = params as CriterionParams;
      const context = await assessmentContext(services, id, principal!);
      const packCriterion = packCriterionOf(context, criterion);
      const [evidence, judgements] = await Promise.all([
        services.criteria.history(id, perspective, criterion, 'evidence', principal!),
        services.criteria.history(id, perspective, criterion, 'judgement', principal!),
      ]);
      const name = perspectiveName(perspective);
      return {
        view: 'assessments/criterion-history',
        title: `History of ${packCriterion.title} – ${name} – ${context.titleName}`,
        model: {
          ...assessmentModel(context, [
            { href: perspectivePath(id, perspective), text: name },
            { href: perspectivePath(id, perspective, criterion), text: packCriterion.title },
          ]),
          perspectiveName: name,
          criterionTitle: packCriterion.title,
          evidence: [...(evidence as Array<StoredRecord<EvidenceContent>>)].reverse().map((record) => {
            const narrative = record.content.evidence.narrative;
            return {
              version: record.version,
              by: record.by.name,
              at: record.at,
              proposal: proposalInWords(record.content.proposal, context.pack, criterion),
              narrative: narrative === undefined ? null : paragraphsOf(narrative.value),
            };
          }),
          judgements: [...(judgements as Array<StoredRecord<JudgementContent>>)].reverse().map((record) => ({ version: record.version, ...judgementInWords({ ...record, stale: false }, context.pack) })),
        },
      };
    },
  },
];

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Principal, Role } from '../../assessments/access/roles.ts';
import { odsCode, period, perspectives, type Perspective } from '../../assessments/evidence/perspective-evidence.ts';
import { blindPerspectives } from '../../assessments/workflow/blind-review.ts';
import { statuses, type AssessmentStatus } from '../../assessments/workflow/status.ts';
import { fromProjectRoot } from '../../scripts/project-root.mjs';
import type { Logger } from '../log.ts';
import type { Services } from '../services/services.ts';

const demoFolder = fromProjectRoot('demo', 'assessments');

const perspectiveInput = z.strictObject({ criteria: z.record(z.string(), z.unknown()), judgements: z.record(z.string(), z.unknown()).default({}) });

/** A demo assessment file: synthetic evidence per perspective, moderation, and the status to end in. */
export const demoAssessment = z.strictObject({
  label: z.literal('Synthetic demo data: not a real assessment of this system'),
  shows: z.string().min(1),
  system: odsCode,
  period,
  finalStatus: z.enum(statuses),
  perspectives: z.strictObject({ self: perspectiveInput.optional(), peer: perspectiveInput.optional(), assessor: perspectiveInput.optional() }),
  moderation: z.record(z.string(), z.strictObject({ outcome: z.union([z.strictObject({ score: z.number().int().min(1).max(4) }), z.strictObject({ status: z.enum(['well-managed', 'not-well-managed', 'severe']) })]), rationale: z.string() })).default({}),
});

export type DemoAssessment = z.infer<typeof demoAssessment>;

/**
 * Creates the demo assessments through the same services people use: the ICS team enters and
 * judges its self-assessment and submits it, peer reviewers and assessors add theirs, the panel
 * moderates, and the status moves on. Demo users are created for each role.
 */
export async function seedDemoAssessments(services: Services, log: Logger): Promise<number> {
  const files = (await readdir(demoFolder)).filter((name) => name.endsWith('.json')).sort();
  const demos = await Promise.all(files.map(async (name) => demoAssessment.parse(JSON.parse(await readFile(join(demoFolder, name), 'utf8')))));
  const people = new Map<string, Principal>();
  const person = async (role: Role, system: string | null): Promise<Principal> => {
    const key = `${role}/${system ?? ''}`;
    const known = people.get(key);
    if (known !== undefined) return known;
    const name = `Demo ${role.replace('-', ' ')}${system === null ? '' : ` (${system})`}`;
    const user = await services.identity.createUser({ email: `demo-${role}${system === null ? '' : `-${system.toLowerCase()}`}@example.org`, name, role, system }, 'demo data');
    const principal: Principal = { userId: user.id, name: user.name, role, system };
    people.set(key, principal);
    return principal;
  };
  const writers: Record<Perspective, (system: string) => Promise<Principal>> = {
    self: (system) => person('system-user', system),
    peer: () => person('peer-reviewer', null),
    assessor: () => person('assessor', null),
  };

  for (const demo of demos) {
    const assessor = await writers.assessor(demo.system);
    let assessment = await services.assessments.create({ system: demo.system, period: demo.period, demo: true }, await writers.self(demo.system));
    const advanceTo = async (status: AssessmentStatus) => {
      while (statuses.indexOf(assessment.status) < statuses.indexOf(status) && statuses.indexOf(assessment.status) < statuses.indexOf(demo.finalStatus)) {
        const to = statuses[statuses.indexOf(assessment.status) + 1] as AssessmentStatus;
        assessment = await services.assessments.advance(assessment.id, { to, version: assessment.version }, to === 'submitted' ? await writers.self(demo.system) : assessor);
      }
    };
    for (const perspective of perspectives) {
      const input = demo.perspectives[perspective];
      if (input === undefined) continue;
      await advanceTo(perspective === 'self' ? 'draft' : 'submitted');
      const writer = await writers[perspective](demo.system);
      for (const [criterion, evidence] of Object.entries(input.criteria)) await services.criteria.saveEvidence(assessment.id, perspective, criterion, 0, evidence, writer);
      for (const [criterion, judgement] of Object.entries(input.judgements)) await services.criteria.saveJudgement(assessment.id, perspective, criterion, 0, judgement, writer);
    }
    await advanceTo('in-review');
    // The reviews are submitted, revealing the scores and opening moderation, unless the demo shows a review still blind.
    if (assessment.status === 'in-review' && (Object.keys(demo.moderation).length > 0 || demo.finalStatus !== 'in-review')) {
      for (const perspective of blindPerspectives) if (demo.perspectives[perspective] !== undefined) await services.review.submit(assessment.id, perspective, await writers[perspective](demo.system));
      if ((await services.review.review(assessment.id, assessor)).revealed === null) await services.review.reveal(assessment.id, 'Demo data: this demo has no review from one side.', assessor);
    }
    for (const [criterion, moderation] of Object.entries(demo.moderation)) await services.criteria.saveModeration(assessment.id, criterion, 0, moderation, assessor);
    await advanceTo(demo.finalStatus);
    log.info(`Demo assessment: ${demo.system} ${demo.period} (${assessment.status}) — ${demo.shows}`);
  }
  return demos.length;
}

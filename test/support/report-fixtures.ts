import type { Ambition } from '../../assessments/calibration/ambitions.ts';
import type { GoodPractice } from '../../assessments/calibration/good-practice.ts';
import type { Perspective } from '../../assessments/evidence/perspective-evidence.ts';
import type { ModeratedScore, ReportInput, ReportPerspective } from '../../assessments/report-model/report-input.ts';
import type { RulePack } from '../../assessments/rule-pack/rule-pack.ts';
import type { Outcome } from '../../assessments/scoring/criterion-result.ts';
import { parseScoringInput } from '../../assessments/scoring/scoring-input.ts';
import { scorePerspective } from '../../assessments/scoring/score-perspective.ts';
import type { AssessmentStatus } from '../../assessments/workflow/status.ts';
import { stepTo } from './workflow-steps.ts';
import { evidenceByOutcome } from './evidence-from-cases.ts';

type Profile = Record<string, number | string>;

/** A whole assessment to report on: each perspective's evidence (from the pack's own cases) and judgements, and the moderation. */
export interface ReportFixture {
  name: string;
  system: string;
  systemName: string;
  region: string;
  period: string;
  status: AssessmentStatus;
  perspectives: Partial<Record<Perspective, { criteria: Record<string, unknown>; judgements: Record<string, unknown> }>>;
  moderation: Record<string, { outcome: Outcome; rationale: string }>;
  /** The system's own priorities (¶3.121). */
  ambitions: Ambition[];
  /** What other systems share where this one scores 2 or below (¶3.123): given here, found across assessments when stored. */
  goodPractice: GoodPractice[];
}

/** Two of the demo system's own priorities: one ahead of its line, one behind. */
const demoAmbitions: Ambition[] = [
  { title: 'Fewer emergency admissions after falls', metric: 'Emergency admissions for falls per 100,000 people aged 65 and over', baseline: 2300, baselineDate: '2023-04-01', target: 2000, targetDate: '2027-03-31', latest: 2120, latestDate: '2025-03-31', direction: 'lower-is-better' },
  { title: 'More people with a learning disability having an annual health check', metric: 'Share of people on the GP learning disability register with a health check in the year (%)', baseline: 68, baselineDate: '2023-04-01', target: 85, targetDate: '2026-03-31', latest: 72, latestDate: '2025-03-31', direction: 'higher-is-better' },
];

const source = 'Synthetic demo evidence';

/** Short synthetic narratives, so the report shows narrative as a real assessment would. */
const narratives: Readonly<Record<string, string>> = {
  'partner-engagement': 'Partners describe the ICS as open and collaborative. Local government and VCFSE partners rate their engagement lower than NHS partners, and the gap has narrowed since last year.',
  'strategy-and-plans': 'The integrated care strategy sets four priorities, each with an outcome measure, a baseline and a target date.\n\nThe Joint Forward Plan was refreshed in March and is aligned to those priorities.',
  'place-and-neighbourhood': 'Three places have agreed governance and a named accountable leader. Delegated budgets remain small, and integrated neighbourhood teams cover about half the population.',
  'prevention-shift': 'A prevention baseline was published through the ICP on the national framework. The prevention share has risen each year, though more slowly in the latest year.',
  'regional-support': 'The system has an agreed support arrangement with the region and leads support for providers in difficulty.',
  'priorities-in-practice': 'Worked examples include falls prevention and children’s mental health; each has an agreed diagnosis and plan, and two show progress on the outcome measure.',
  'mutual-accountability': 'A shared dashboard gives partners one version of performance and financial data; the accountability framework was agreed by the ICB and ICP.',
  'learning-culture': 'A common quality improvement method is used across partners; peer review took place within the last two years.',
  'hosc-effectiveness': 'A joint committee of the three councils scrutinises system items twice a year, and most recommendations are answered within 28 days.',
  'financial-management': 'The system reported a small adverse variance against plan with efficiency delivery below plan.',
};

/** What the assessor wrote where their view differs from the system's own. */
const assessorNarratives: Readonly<Record<string, string>> = {
  'hosc-effectiveness': 'Minutes show no system-level scrutiny session in the year: items were taken council by council, and the strategy was not scrutinised.',
  'priorities-in-practice': 'Site visits confirmed the falls prevention work; emergency admissions after a fall have fallen for three consecutive quarters.',
  'financial-management': 'The year closed 0.51% of allocation adverse to plan; the efficiency programme delivered below plan.',
};

const demoProfiles: Record<Perspective, Profile> = {
  self: { 'partner-engagement': 4, 'strategy-and-plans': 3, 'place-and-neighbourhood': 3, 'prevention-shift': 3, 'regional-support': 3, 'priorities-in-practice': 3, 'mutual-accountability': 4, 'learning-culture': 3, 'hosc-effectiveness': 3, 'financial-management': 'well-managed' },
  peer: { 'partner-engagement': 3, 'strategy-and-plans': 3, 'place-and-neighbourhood': 2, 'prevention-shift': 3, 'regional-support': 3, 'priorities-in-practice': 2, 'mutual-accountability': 3, 'learning-culture': 3, 'hosc-effectiveness': 2, 'financial-management': 'well-managed' },
  assessor: { 'partner-engagement': 3, 'strategy-and-plans': 3, 'place-and-neighbourhood': 2, 'prevention-shift': 2, 'regional-support': 3, 'priorities-in-practice': 2, 'mutual-accountability': 3, 'learning-culture': 4, 'hosc-effectiveness': 1, 'financial-management': 'not-well-managed' },
};

/** Builds a fixture's evidence from the pack's cases: each criterion at the outcome its profile says, with a narrative if asked. */
async function evidenceFor(profile: Profile, texts: Readonly<Record<string, string>>, asAt: string): Promise<Record<string, unknown>> {
  const library = await evidenceByOutcome();
  const criteria: Record<string, unknown> = {};
  for (const [criterion, outcome] of Object.entries(profile)) {
    const evidence = library.get(criterion)?.get(outcome);
    if (evidence === undefined) throw new Error(`No case gives ${criterion} the outcome ${outcome}`);
    const narrative = texts[criterion];
    criteria[criterion] = narrative === undefined ? evidence : { ...evidence, narrative: { value: narrative, source, asAt } };
  }
  return criteria;
}

/**
 * The demo report: all three perspectives, a divergence on scrutiny (self 3, assessor 1), an
 * assessor override with its rationale, a finance gate that is not well managed, and moderation.
 */
export async function demoFixture(): Promise<ReportFixture> {
  return {
    name: 'demo',
    system: 'QOX',
    systemName: 'NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board',
    region: 'South West',
    period: '2025/26',
    status: 'in-review',
    perspectives: {
      self: { criteria: await evidenceFor(demoProfiles.self, narratives, '2025-03-31'), judgements: { 'partner-engagement': { decision: 'accept' }, 'hosc-effectiveness': { decision: 'accept' } } },
      peer: { criteria: await evidenceFor(demoProfiles.peer, {}, '2025-05-31'), judgements: {} },
      assessor: {
        criteria: await evidenceFor(demoProfiles.assessor, assessorNarratives, '2025-06-30'),
        judgements: {
          'priorities-in-practice': { decision: 'override', score: 3, rationale: 'The falls prevention example shows a sustained fall in admissions that the indicators understate; the outcome data was verified on site.' },
          'strategy-and-plans': { decision: 'accept' },
        },
      },
    },
    moderation: {
      'hosc-effectiveness': { outcome: { score: 2 }, rationale: 'The panel agreed 2: the joint committee met after the assessor’s evidence was gathered, but only once, and the strategy is still to be scrutinised.' },
      'place-and-neighbourhood': { outcome: { score: 2 }, rationale: 'All three perspectives agree that delegation to place is too limited for a 3.' },
    },
    ambitions: demoAmbitions,
    goodPractice: [
      {
        criterion: 'place-and-neighbourhood',
        system: 'QHM',
        systemName: 'NHS North East and North Cumbria Integrated Care Board',
        score: 4,
        narrative: 'Each place has a partnership board with pooled budgets under a section 75 agreement, and integrated neighbourhood teams cover the whole population.',
      },
    ],
  };
}

/** A draft self-assessment with two criteria and the gate not yet assessed: a provisional rating. */
export async function draftFixture(): Promise<ReportFixture> {
  const profile: Profile = { 'partner-engagement': 3, 'strategy-and-plans': 2, 'place-and-neighbourhood': 'not-assessed', 'prevention-shift': 3, 'regional-support': 2, 'priorities-in-practice': 3, 'mutual-accountability': 'not-assessed', 'learning-culture': 3, 'hosc-effectiveness': 4, 'financial-management': 'not-assessed' };
  return {
    name: 'draft',
    system: 'QHG',
    systemName: 'NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board',
    region: 'East of England',
    period: '2025/26',
    status: 'draft',
    perspectives: { self: { criteria: await evidenceFor(profile, narratives, '2025-03-31'), judgements: {} } },
    moderation: {},
    ambitions: [],
    goodPractice: [],
  };
}

/** An assessor perspective at 4 on every criterion but with finances not well managed: Outstanding is capped at Good (¶3.118). */
export async function gateCappedFixture(): Promise<ReportFixture> {
  const profile: Profile = { 'partner-engagement': 4, 'strategy-and-plans': 4, 'place-and-neighbourhood': 4, 'prevention-shift': 4, 'regional-support': 4, 'priorities-in-practice': 4, 'mutual-accountability': 4, 'learning-culture': 4, 'hosc-effectiveness': 3, 'financial-management': 'not-well-managed' };
  return {
    name: 'gate-capped',
    system: 'QOX',
    systemName: 'NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board',
    region: 'South West',
    period: '2024/25',
    status: 'moderated',
    perspectives: { assessor: { criteria: await evidenceFor(profile, {}, '2024-06-30'), judgements: {} } },
    moderation: {},
    ambitions: [],
    goodPractice: [],
  };
}

/** Scores each perspective of a fixture with the pack and gathers what the report model needs, as the report service does. */
export async function reportInputOf(fixture: ReportFixture, pack: RulePack, generatedOn = '2025-07-15'): Promise<ReportInput> {
  const perspectives: ReportPerspective[] = [];
  for (const [perspective, given] of Object.entries(fixture.perspectives) as Array<[Perspective, NonNullable<ReportFixture['perspectives'][Perspective]>]>) {
    const { evidence, judgements } = parseScoringInput({ system: fixture.system, period: fixture.period, perspective, criteria: given.criteria, judgements: given.judgements });
    perspectives.push({ perspective, result: await scorePerspective(pack, evidence, judgements), evidence: evidence.criteria });
  }
  const moderation: ModeratedScore[] = Object.entries(fixture.moderation).map(([criterion, entry]) => ({ criterion, ...entry, by: 'Demo assessor', on: '2025-07-01' }));
  return {
    assessment: { system: fixture.system, systemName: fixture.systemName, region: fixture.region, period: fixture.period, status: fixture.status, pack: { id: pack.id, version: pack.version, hash: pack.hash }, demo: true },
    pack,
    perspectives,
    moderation,
    improvement: { goodPractice: fixture.goodPractice, ambitions: fixture.ambitions },
    options: { generatedOn },
  };
}

export const reportFixtures = { demo: demoFixture, draft: draftFixture, 'gate-capped': gateCappedFixture } as const;

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;

/**
 * Stores a fixture through the REST API as people would (as an administrator): the assessment, the
 * self-assessment while a draft, peer and assessor perspectives once submitted, their submission
 * (revealing the scores) and moderation in review, then on to the fixture's status (meeting what
 * each step needs, see stepTo). Resolves with the assessment's id.
 */
export async function storeFixture(call: Call, fixture: ReportFixture): Promise<string> {
  const expectOk = async (method: string, path: string, body: unknown, status = 200) => {
    const response = await call(method, path, body);
    if (response.status !== status) throw new Error(`${method} ${path} gave ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const created = await expectOk('POST', '/api/v1/assessments', { system: fixture.system, period: fixture.period }, 201);
  const id = created.id as string;
  let version = created.version as number;
  const order: AssessmentStatus[] = ['draft', 'submitted', 'in-review', 'moderated', 'published'];
  let status: AssessmentStatus = 'draft';
  const advanceTo = async (target: AssessmentStatus) => {
    while (order.indexOf(status) < Math.min(order.indexOf(target), order.indexOf(fixture.status))) {
      const to = order[order.indexOf(status) + 1] as AssessmentStatus;
      const moved = await stepTo(call, id, to, version);
      version = moved.version;
      status = to;
    }
  };
  for (const perspective of ['self', 'peer', 'assessor'] as const) {
    const given = fixture.perspectives[perspective];
    if (given === undefined) continue;
    await advanceTo(perspective === 'self' ? 'draft' : 'submitted');
    for (const [criterion, evidence] of Object.entries(given.criteria)) await expectOk('PUT', `/api/v1/assessments/${id}/perspectives/${perspective}/criteria/${criterion}/evidence`, { basedOnVersion: 0, evidence });
    for (const [criterion, judgement] of Object.entries(given.judgements)) await expectOk('PUT', `/api/v1/assessments/${id}/perspectives/${perspective}/criteria/${criterion}/judgement`, { basedOnVersion: 0, judgement });
  }
  if (fixture.ambitions.length > 0) await expectOk('PUT', `/api/v1/assessments/${id}/ambitions`, { basedOnVersion: 0, ambitions: fixture.ambitions });
  await advanceTo('in-review');
  // Reviews are submitted in review, which reveals the scores and opens moderation; an assessor reveals them when a review is missing.
  if ((status as AssessmentStatus) === 'in-review' && (Object.keys(fixture.moderation).length > 0 || fixture.status !== 'in-review')) {
    for (const perspective of ['peer', 'assessor'] as const) if (fixture.perspectives[perspective] !== undefined) await expectOk('POST', `/api/v1/assessments/${id}/perspectives/${perspective}/submission`, undefined);
    if ((await expectOk('GET', `/api/v1/assessments/${id}/review`, undefined)).revealed === null) await expectOk('POST', `/api/v1/assessments/${id}/reveal`, { reason: 'A review was not given for this fixture.' });
  }
  for (const [criterion, moderation] of Object.entries(fixture.moderation)) await expectOk('PUT', `/api/v1/assessments/${id}/criteria/${criterion}/moderation`, { basedOnVersion: 0, ...moderation });
  await advanceTo(fixture.status);
  return id;
}

import { z } from 'zod';
import { defineCriterionEvidence, round2, valueOf } from '../criterion-evidence.ts';
import { narrative, sourced, yesNo } from '../sourced.ts';

/** The fields of an example's outcome measure: given all together or not at all. */
const outcomeFields = ['outcomeMetric', 'baseline', 'latest', 'betterWhen'] as const;

/** One practical example of partners working on a priority (¶3.122, 6th bullet). */
const caseExample = z.strictObject({
  title: z
    .string({ error: 'Give the example a title' })
    .trim()
    .min(1, 'Give the example a title')
    .max(200, 'Keep the title to 200 characters or fewer')
    .describe('Title of the example, for example "Falls prevention for older people in Eastshire"'),
  priorityAgreed: yesNo().describe('Did the partners agree this as a shared priority?'),
  diagnosisAgreed: yesNo().describe('Did the partners agree a diagnosis of the problem: its causes and who it affects?'),
  planOfAction: yesNo().describe('Did the partners agree a plan of action, with who does what?'),
  outcomeMetric: z
    .string({ error: 'Name the outcome measure' })
    .trim()
    .min(1, 'Name the outcome measure')
    .max(200, 'Keep the measure’s name to 200 characters or fewer')
    .optional()
    .describe('The outcome measured, for example "Emergency admissions after a fall, per 100,000 people aged 65 and over" (leave out if none was agreed)'),
  baseline: z.number({ error: 'Enter a number' }).optional().describe('Value of the outcome measure when the work started'),
  latest: z.number({ error: 'Enter a number' }).optional().describe('Latest value of the outcome measure'),
  betterWhen: z
    .enum(['higher', 'lower'], { error: 'Choose whether a higher or a lower value is better' })
    .optional()
    .describe('Whether a higher or a lower value of the measure is better'),
  patientPerspective: yesNo().describe('Does the example look at the pathway of care from the patient’s or service user’s side?'),
});

type CaseExample = z.infer<typeof caseExample>;

/** Ofsted's overall judgement of a council's children's social care services (ILACS). */
const ofstedRating = z.enum(['outstanding', 'good', 'requires-improvement-to-be-good', 'inadequate'], {
  error: 'Choose outstanding, good, requires improvement to be good, or inadequate',
});

/** Evidence for practical examples of priorities in practice, and children and young people (¶3.122, ¶2.32). */
const indicators = z
  .strictObject({
    caseExamples: sourced(z.array(caseExample).max(30, 'Give 30 examples or fewer')).describe(
      'Practical examples of partners identifying a priority, agreeing a diagnosis and a plan of action, and making progress on an agreed outcome (an empty list means the system offered none) (¶3.122)',
    ),
    ofstedRatings: sourced(
      z
        .array(
          z.strictObject({
            council: z
              .string({ error: 'Name the council' })
              .trim()
              .min(1, 'Name the council')
              .max(120, 'Keep the council’s name to 120 characters or fewer')
              .describe('Upper-tier council'),
            rating: ofstedRating.describe('Ofsted’s latest overall judgement of the council’s children’s social care services'),
          }),
        )
        .min(1, 'List each upper-tier council in the footprint with its Ofsted judgement')
        .max(50, 'List 50 councils or fewer'),
    ).describe('Ofsted’s latest overall judgement of children’s social care services for each upper-tier council in the footprint (¶3.122)'),
    cypStrategy: sourced(yesNo()).describe(
      'Have system partners developed a strategy for prevention, population health and tackling health inequalities among children and young people? (¶3.122, ¶2.32)',
    ),
  })
  .partial()
  .superRefine((given, context) => {
    valueOf(given.caseExamples)?.forEach((example, index) => {
      const present = outcomeFields.filter((field) => example[field] !== undefined);
      if (present.length === 0 || present.length === outcomeFields.length) return;
      for (const field of outcomeFields.filter((name) => example[name] === undefined)) {
        context.addIssue({
          code: 'custom',
          path: ['caseExamples', 'value', index, field],
          message: 'Give the outcome measure’s name, baseline, latest value and which direction is better, or none of them',
        });
      }
    });
    const seen = new Set<string>();
    valueOf(given.ofstedRatings)?.forEach((entry, index) => {
      const key = entry.council.toLowerCase();
      if (seen.has(key)) context.addIssue({ code: 'custom', path: ['ofstedRatings', 'value', index, 'council'], message: `${entry.council} is listed more than once` });
      seen.add(key);
    });
  });

/** An example with all four elements ¶3.122 names: an agreed priority, an agreed diagnosis, a plan, and a measured outcome. */
function isComplete(example: CaseExample): boolean {
  return example.priorityAgreed && example.diagnosisAgreed && example.planOfAction && outcomeFields.every((field) => example[field] !== undefined);
}

/** A complete example whose latest value is better than its baseline, in the direction the example says is better. */
function isImproving(example: CaseExample): boolean {
  const { baseline, latest, betterWhen } = example;
  if (!isComplete(example) || baseline === undefined || latest === undefined) return false;
  return betterWhen === 'higher' ? latest > baseline : latest < baseline;
}

/** How many examples meet a test, or null when no examples were given. */
function countExamples(examples: CaseExample[] | null, test: (example: CaseExample) => boolean): number | null {
  return examples === null ? null : examples.filter(test).length;
}

/** The share of councils whose rating is one of `ratings`, or null when ratings were not given. */
function shareOfCouncils(entries: Array<{ rating: z.infer<typeof ofstedRating> }> | null, ratings: ReadonlyArray<z.infer<typeof ofstedRating>>): number | null {
  if (entries === null || entries.length === 0) return null;
  return round2((100 * entries.filter((entry) => ratings.includes(entry.rating)).length) / entries.length);
}

export const prioritiesInPractice = defineCriterionEvidence({
  id: 'priorities-in-practice',
  schema: z.strictObject({ indicators, narrative: narrative.optional() }),
  facts: {
    examplesComplete: {
      label: 'Examples with all four elements: agreed priority, agreed diagnosis, plan of action and a measured outcome',
      unit: 'examples',
      needs: ['caseExamples'],
      derive: (given) => countExamples(valueOf(given.caseExamples), isComplete),
    },
    examplesImproving: {
      label: 'Complete examples whose outcome has improved from its baseline',
      unit: 'examples',
      needs: ['caseExamples'],
      derive: (given) => countExamples(valueOf(given.caseExamples), isImproving),
    },
    examplesWithPatientPerspective: {
      label: 'Complete examples that look at the pathway from the patient’s or service user’s side',
      unit: 'examples',
      needs: ['caseExamples'],
      derive: (given) => countExamples(valueOf(given.caseExamples), (example) => isComplete(example) && example.patientPerspective),
    },
    ofstedInadequatePercent: {
      label: 'Share of councils whose children’s social care Ofsted rates inadequate',
      unit: '%',
      needs: ['ofstedRatings'],
      derive: (given) => shareOfCouncils(valueOf(given.ofstedRatings), ['inadequate']),
    },
    ofstedGoodOrBetterPercent: {
      label: 'Share of councils whose children’s social care Ofsted rates good or outstanding',
      unit: '%',
      needs: ['ofstedRatings'],
      derive: (given) => shareOfCouncils(valueOf(given.ofstedRatings), ['good', 'outstanding']),
    },
    cypStrategy: {
      label: 'Partners have a prevention and inequalities strategy for children and young people',
      needs: ['cypStrategy'],
      derive: (given) => valueOf(given.cypStrategy),
    },
  },
});

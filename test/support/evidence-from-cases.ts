import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultPackDirectory } from '../../assessments/rule-pack/default-pack.ts';

type Outcome = number | string;
type CaseEvidence = Record<string, unknown>;

/**
 * Evidence for each criterion at each outcome, taken from the shipped pack's own cases (the cases
 * that expect that outcome without a judgement). Lets tests build whole assessments of any profile.
 */
export async function evidenceByOutcome(): Promise<Map<string, Map<Outcome, CaseEvidence>>> {
  const folder = join(defaultPackDirectory, 'cases');
  const found = new Map<string, Map<Outcome, CaseEvidence>>();
  for (const name of (await readdir(folder)).filter((file) => file.endsWith('.json')).sort()) {
    const file = JSON.parse(await readFile(join(folder, name), 'utf8')) as { cases: Array<{ criteria?: Record<string, unknown>; judgements?: object; expect: { criteria?: Record<string, Outcome> } }> };
    for (const packCase of file.cases) {
      if (packCase.criteria === undefined || packCase.judgements !== undefined) continue;
      for (const [criterion, outcome] of Object.entries(packCase.expect.criteria ?? {})) {
        const evidence = packCase.criteria[criterion];
        if (evidence === undefined) continue;
        const byOutcome = found.get(criterion) ?? new Map<Outcome, CaseEvidence>();
        if (!byOutcome.has(outcome)) byOutcome.set(outcome, evidence as CaseEvidence);
        found.set(criterion, byOutcome);
      }
    }
  }
  return found;
}

/** A whole scoring document whose criteria the pack scores as `profile` says (criterion → outcome). */
export function documentWithProfile(library: Map<string, Map<Outcome, CaseEvidence>>, profile: Record<string, Outcome>, perspective = 'assessor') {
  const criteria: Record<string, unknown> = {};
  for (const [criterion, outcome] of Object.entries(profile)) {
    const evidence = library.get(criterion)?.get(outcome);
    if (evidence === undefined) throw new Error(`No case gives ${criterion} the outcome ${outcome}`);
    criteria[criterion] = evidence;
  }
  return { system: 'QOX', period: '2025/26', perspective, criteria };
}

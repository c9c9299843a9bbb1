import { ValidationError, type FieldIssue } from '../errors.ts';
import { parsePerspectiveEvidence, type PerspectiveEvidence } from '../evidence/perspective-evidence.ts';
import { parseJudgements, type Judgement } from './judgement.ts';

/** What scoring takes: one perspective's evidence and, optionally, the person's judgements. */
export interface ScoringInput {
  evidence: PerspectiveEvidence;
  judgements: Record<string, Judgement>;
}

/**
 * Reads a scoring document ({system, period, perspective, criteria, judgements?}) and reports every
 * invalid field of the evidence and of the judgements together, so nothing has to be fixed twice.
 */
export function parseScoringInput(input: unknown): ScoringInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ValidationError('The scoring document is not valid', [{ path: '', message: 'Expected a JSON object with system, period, perspective and criteria' }]);
  }
  const { judgements: judgementInput, ...evidenceInput } = input as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  let evidence: PerspectiveEvidence | undefined;
  let judgements: Record<string, Judgement> = {};
  try {
    evidence = parsePerspectiveEvidence(evidenceInput);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
  }
  try {
    if (judgementInput !== undefined) judgements = parseJudgements(judgementInput);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
  }
  if (evidence === undefined || issues.length > 0) throw new ValidationError('The scoring document is not valid', issues);
  return { evidence, judgements };
}

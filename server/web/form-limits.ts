import { ambitionsForm } from '../../assessments/forms/ambitions-form.ts';
import { evidenceForm } from '../../assessments/forms/evidence-form.ts';
import { answerCount } from '../../assessments/forms/form-size.ts';
import type { RulePack } from '../../assessments/rule-pack/rule-pack.ts';
import type { FormLimits } from './form-body.ts';

/** What every form sends beside its answers: the CSRF token, the version it is based on, and a row action. */
const formFields = 3;

/**
 * The body a page POST may have with no session (the sign-in form: an email of at most 200 and a
 * password of at most 1000 characters, each up to 9 bytes when URL-encoded, its token and where to go
 * next), far less than a signed-in form. Nobody unknown can make the server read more.
 */
export const signedOutForm: FormLimits = { bytes: 16 * 1024, parameters: 16 };

/**
 * The body a signed-in page POST may have: BODY_LIMIT bytes, and as many answers as the largest
 * form generated from a schema can send (every evidence form of the loaded packs and the ambitions
 * form, every list at its most rows), which is far more than any other form has.
 */
export function signedInForm(bodyLimitBytes: number, packs: readonly RulePack[]): FormLimits {
  const forms = [ambitionsForm, ...packs.flatMap((pack) => pack.criteria.map((criterion) => evidenceForm(criterion.evidence)))];
  return { bytes: bodyLimitBytes, parameters: Math.max(...forms.map(answerCount)) + formFields };
}

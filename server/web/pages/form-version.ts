import { ValidationError } from '../../../assessments/errors.ts';

/**
 * The version a form's save is based on, from its hidden field: the record version the person saw
 * when the form was shown, so that a save over someone else's newer one is refused (409), not lost.
 */
export function versionOf(form: Readonly<Record<string, unknown>>, field = 'basedOnVersion'): number {
  const text = form[field];
  if (typeof text !== 'string' || !/^\d{1,7}$/.test(text)) throw new ValidationError('The form is not valid', [{ path: field, message: 'The form lost track of the version it was based on: reload the page and try again' }]);
  return Number(text);
}

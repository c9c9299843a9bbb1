/** Where a part of a form's document is: object keys and row indexes from the root, e.g. ['indicators', 'partnerSurvey', 'value', 0, 'sector']. */
export type FieldPath = ReadonlyArray<string | number>;

/** The name a form control submits under, nested as qs reads it: indicators[partnerSurvey][value][0][sector]. */
export function fieldName(path: FieldPath): string {
  const [first, ...rest] = path;
  return `${String(first)}${rest.map((segment) => `[${segment}]`).join('')}`;
}

/** The id of a form control (or of the group it heads), unique in the form: indicators-partnerSurvey-value-0-sector. */
export function fieldId(path: FieldPath): string {
  return path.join('-');
}

/** A path as one string, for looking errors up: indicators.partnerSurvey.value.0.sector. */
export function pathKey(path: FieldPath): string {
  return path.join('.');
}

/** Reads a path written as the product's field issues write it (fieldPath in errors.ts): evidence.indicators.partnerSurvey.value[0].sector. */
export function pathFromIssue(text: string): FieldPath {
  return text
    .split(/\.|(?=\[)/)
    .filter((segment) => segment !== '')
    .map((segment) => (/^\[\d+\]$/.test(segment) ? Number(segment.slice(1, -1)) : segment));
}

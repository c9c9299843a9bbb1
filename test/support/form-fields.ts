/**
 * Nested form values as the flat name=value pairs a browser submits, named as qs reads them back:
 * { indicators: { x: { value: '3' } } } → { 'indicators[x][value]': '3' }. Lists become [0], [1]…
 */
export function formFields(values: unknown, prefix = ''): Record<string, string> {
  if (typeof values === 'string') return { [prefix]: values };
  if (values === null || typeof values !== 'object') return {};
  const entries = Array.isArray(values) ? values.map((value, index) => [String(index), value] as const) : Object.entries(values);
  return Object.assign({}, ...entries.map(([key, value]) => formFields(value, prefix === '' ? key : `${prefix}[${key}]`)));
}

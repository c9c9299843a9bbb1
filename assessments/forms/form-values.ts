import type { Descriptor } from './describe-schema.ts';

/**
 * What a form shows for a document already saved: every answer as the text it would have been
 * typed as (numbers as digits, yes or no, dates as day, month and year), nested as the form's names.
 */
export function formValuesOf(descriptor: Descriptor, data: unknown): unknown {
  switch (descriptor.kind) {
    case 'group': {
      const object = isObject(data) ? data : {};
      return Object.fromEntries(descriptor.children.map((child) => [child.key, formValuesOf(child, object[child.key])]));
    }
    case 'list':
      return Array.isArray(data) ? data.map((row) => formValuesOf(descriptor.row, row)) : [];
    case 'field':
      if (descriptor.input === 'date') {
        const [year = '', month = '', day = ''] = typeof data === 'string' ? data.split('-') : [];
        return { day: day === '' ? '' : String(Number(day)), month: month === '' ? '' : String(Number(month)), year };
      }
      if (typeof data === 'boolean') return data ? 'yes' : 'no';
      return data === null || data === undefined ? '' : String(data);
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

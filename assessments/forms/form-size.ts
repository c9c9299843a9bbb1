import type { Descriptor } from './describe-schema.ts';

/**
 * The most answers (urlencoded parameters) a form can send: one per field (three for a date's day,
 * month and year), every list at its most rows. Forms are generated from schemas, so this bounds
 * what a real browser can submit, and what the server need read.
 */
export function answerCount(descriptor: Descriptor): number {
  switch (descriptor.kind) {
    case 'field':
      return descriptor.input === 'date' ? 3 : 1;
    case 'group':
      return descriptor.children.reduce((total, child) => total + answerCount(child), 0);
    case 'list':
      return descriptor.maxRows * answerCount(descriptor.row);
  }
}

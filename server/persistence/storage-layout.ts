import type { StateEncoding } from './assessment-state.ts';

/**
 * Where and how the record store keeps an assessment's records and state. The store's logic and
 * its contract are the same under both; only the placement and the encoding differ.
 *
 * - `shared` (MongoDB, the production database): one collection of records for all assessments,
 *   content as documents (queryable, validated, indexed: `recordIndexes`), state as a document.
 * - `per-assessment` (the embedded FerretDB 1.24): its SQLite backend pushes down no filter but an
 *   `_id` and decodes nested documents several times slower than text, so a query on one shared
 *   collection reads every assessment's records. Each assessment's records are kept in a
 *   collection of their own, content and state as JSON text. Measured in bench/README.md.
 */
export interface StorageLayout {
  name: 'shared' | 'per-assessment';
  /** The collection holding an assessment's records. */
  collectionOf(assessmentId: string): string;
  content: 'document' | 'text';
  state: StateEncoding;
}

export const sharedRecordsCollection = 'assessment_records';

export const sharedLayout: StorageLayout = { name: 'shared', collectionOf: () => sharedRecordsCollection, content: 'document', state: 'document' };

export const perAssessmentLayout: StorageLayout = {
  name: 'per-assessment',
  collectionOf: (assessmentId) => `${sharedRecordsCollection}_${assessmentId.replace(/[^0-9a-f]/gi, '')}`,
  content: 'text',
  state: 'text',
};

export function encodeContent(layout: StorageLayout, content: unknown): unknown {
  return layout.content === 'text' ? JSON.stringify(content) : content;
}

export function decodeContent(stored: unknown): unknown {
  return typeof stored === 'string' ? (JSON.parse(stored) as unknown) : stored;
}

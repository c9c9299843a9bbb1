import type { PackIdentity } from '../../assessments/rule-pack/rule-pack.ts';
import type { StoredRecord } from '../persistence/assessment-records.ts';
import type { Actor } from './actor.ts';
import type { AssessmentView } from './assessment-service.ts';

/** One change to an assessment: who, what, when, and the state before and after. */
export interface AuditEntry {
  at: Date;
  by: Actor;
  action: string;
  subject: string;
  version: number;
  before: unknown;
  after: unknown;
}

/**
 * The audit trail of an assessment, read from its append-only records (status changes and every
 * version of every criterion record). Nothing is written to an audit log separately, so the trail
 * cannot drift from the data (there are no transactions to keep two writes together), and no API
 * can edit or delete it.
 */
export function auditTrail(assessment: AssessmentView, records: readonly StoredRecord[]): AuditEntry[] {
  const previous = new Map<string, StoredRecord>();
  return [...records]
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.version - b.version)
    .map((record) => {
      const series = `${record.kind}/${record.perspective ?? ''}/${record.criterion ?? ''}`;
      const before = previous.get(series)?.content ?? null;
      previous.set(series, record);
      const isStatus = record.kind === 'status';
      const move = record.kind === 'pack' ? (record.content as { from: PackIdentity; to: PackIdentity }) : null;
      return {
        at: record.at,
        by: record.by,
        action: move !== null ? `rule pack moved from ${move.from.id} ${move.from.version} to ${move.to.id} ${move.to.version}` : isStatus ? (record.version === 1 ? 'assessment created' : `status changed to ${(record.content as { status: string }).status}`) : record.kind === 'import' ? 'assessment imported' : `${record.kind} saved`,
        subject: record.criterion === null ? `assessment of ${assessment.system} for ${assessment.period}` : `${record.criterion}${record.perspective === null ? ' (moderation)' : ` (${record.perspective})`}`,
        version: record.version,
        before,
        after: record.content,
      };
    });
}

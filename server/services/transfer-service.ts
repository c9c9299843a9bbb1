import { z } from 'zod';
import type { Principal } from '../../assessments/access/roles.ts';
import { mayDo } from '../../assessments/access/policy.ts';
import { visibleRecords } from './blind-review-service.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../assessments/errors.ts';
import { odsCode, period } from '../../assessments/evidence/perspective-evidence.ts';
import { statuses } from '../../assessments/workflow/status.ts';
import { isDuplicateKey } from '../persistence/database-errors.ts';
import type { AssessmentRecords, StoredRecord } from '../persistence/assessment-records.ts';
import type { Models } from '../persistence/database.ts';
import type { AssessmentService, AssessmentView } from './assessment-service.ts';
import { actor, exportedRecord, importedRecordIssues, instant } from './imported-records.ts';
import type { GoodPracticeIndex } from './good-practice-index.ts';
import type { PackRegistry } from './pack-registry.ts';

/** The export format of a whole assessment: everything needed to recreate it exactly elsewhere. */
export const assessmentExport = z.strictObject({
  format: z.literal('ics-maturity-assessment'),
  formatVersion: z.literal(1),
  assessment: z.strictObject({
    id: z.uuid(),
    system: odsCode,
    systemName: z.string().min(1).max(300),
    region: z.string().min(1).max(100),
    period,
    pack: z.strictObject({ id: z.string().min(1).max(100), version: z.string().min(1).max(50), hash: z.string().regex(/^sha256:[0-9a-f]{64}$/) }),
    calibrationMode: z.boolean(),
    status: z.enum(statuses),
    statusHistory: z.array(z.strictObject({ status: z.enum(statuses), by: actor, at: instant })).min(1).max(20),
    demo: z.boolean(),
    version: z.number().int().min(1),
    createdAt: instant,
    createdBy: actor,
  }),
  records: z
    .array(exportedRecord)
    .max(20000),
});

export type AssessmentExport = { format: 'ics-maturity-assessment'; formatVersion: 1; assessment: AssessmentView; records: StoredRecord[] };

/** Export and import of a whole assessment as JSON; the round trip is lossless. */
export class TransferService {
  constructor(
    private readonly models: Models,
    private readonly assessments: AssessmentService,
    private readonly records: AssessmentRecords,
    private readonly packs: PackRegistry,
    private readonly goodPractice: GoodPracticeIndex,
  ) {}

  async export(id: string, principal: Principal): Promise<AssessmentExport> {
    const assessment = await this.assessments.authorised(id, principal, { kind: 'transfer' });
    const records = await this.records.allOf(id);
    // An export is whole, so it waits for the reveal when part of it is hidden from the asker.
    if (visibleRecords(principal, assessment, records).length !== records.length) throw new ForbiddenError('The other review is hidden from you until the scores are revealed, so the whole assessment cannot be exported yet');
    return { format: 'ics-maturity-assessment', formatVersion: 1, assessment, records };
  }

  /**
   * Recreates an exported assessment with its id, history and every record version. Records are
   * written before the assessment that makes them visible, and removed again if that fails, so a
   * failed import leaves nothing half-written in view. `data` is the export as parsed by its schema.
   */
  async import(data: z.output<typeof assessmentExport>, principal: Principal): Promise<AssessmentView> {
    if (!mayDo(principal, { kind: 'transfer' })) throw new ForbiddenError(`Only assessors and administrators may export or import assessments, not a ${principal.role}`);
    const { assessment, records } = data;
    const strays = records.filter((record) => record.assessmentId !== assessment.id);
    if (strays.length > 0) throw new ValidationError('The export is not valid', [{ path: 'records', message: `${strays.length} records belong to another assessment` }]);
    if ((await this.models.systems.exists({ odsCode: assessment.system })) === null) throw new NotFoundError(`There is no system with the code ${assessment.system}`);
    // An assessment is re-scored with the pack it pinned: one this server does not have could never be scored (or calibrated) here.
    if (!this.packs.has(assessment.pack)) throw new ConflictError(`This server does not have the rule pack ${assessment.pack.id} ${assessment.pack.version} (${assessment.pack.hash.slice(0, 19)}…) the assessment was made under; load that pack, then import it`);
    const issues = await importedRecordIssues(this.packs.get(assessment.pack), assessment, records, (identity) => (this.packs.has(identity) ? this.packs.get(identity) : undefined));
    if (issues.length > 0) throw new ValidationError('The export is not valid', issues);
    if ((await this.models.assessments.exists({ _id: assessment.id })) !== null) throw new ConflictError(`The assessment ${assessment.id} already exists here`);

    await this.records.discard(assessment.id);
    try {
      await this.records.insertAll(assessment.id, records);
      // The status history is derived from the status records, so it is not stored twice.
      const { id, statusHistory: _derived, ...rest } = assessment;
      await this.models.assessments.create({ _id: id, ...rest });
    } catch (error) {
      await this.records.discard(assessment.id);
      if (isDuplicateKey(error)) throw new ConflictError(`${assessment.system} already has an assessment for ${assessment.period} under ${assessment.pack.id}, or the export repeats a record version`);
      throw error;
    }
    await this.goodPractice.refresh(assessment.id);
    return this.assessments.get(assessment.id, principal);
  }
}

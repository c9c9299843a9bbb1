import { z } from 'zod';
import type { Principal } from '../../assessments/access/roles.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../assessments/errors.ts';
import { odsCode, period, perspectives } from '../../assessments/evidence/perspective-evidence.ts';
import { statuses } from '../../assessments/workflow/status.ts';
import { isDuplicateKey } from '../persistence/database-errors.ts';
import type { AssessmentRecords, StoredRecord } from '../persistence/assessment-records.ts';
import type { Models } from '../persistence/database.ts';
import { recordKinds } from '../persistence/assessment-records.ts';
import type { AssessmentService, AssessmentView } from './assessment-service.ts';

const actor = z.strictObject({ userId: z.string().min(1).max(100), name: z.string().min(1).max(200) });
const instant = z.iso.datetime({ offset: true }).transform((text) => new Date(text));

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
    .array(
      z.strictObject({
        assessmentId: z.uuid(),
        kind: z.enum(recordKinds),
        perspective: z.enum(perspectives).nullable(),
        criterion: z.string().regex(/^[a-z0-9-]{1,60}$/).nullable(),
        version: z.number().int().min(1),
        content: z.record(z.string(), z.unknown()),
        by: actor,
        at: instant,
      }),
    )
    .max(20000),
});

export type AssessmentExport = { format: 'ics-maturity-assessment'; formatVersion: 1; assessment: AssessmentView; records: StoredRecord[] };

/** Export and import of a whole assessment as JSON; the round trip is lossless. */
export class TransferService {
  constructor(
    private readonly models: Models,
    private readonly assessments: AssessmentService,
    private readonly records: AssessmentRecords,
  ) {}

  async export(id: string, principal: Principal): Promise<AssessmentExport> {
    const assessment = await this.assessments.authorised(id, principal, { kind: 'transfer' });
    return { format: 'ics-maturity-assessment', formatVersion: 1, assessment, records: await this.records.allOf(id) };
  }

  /**
   * Recreates an exported assessment with its id, history and every record version. Records are
   * written before the assessment that makes them visible, and removed again if that fails, so a
   * failed import leaves nothing half-written in view. `data` is the export as parsed by its schema.
   */
  async import(data: z.output<typeof assessmentExport>, principal: Principal): Promise<AssessmentView> {
    const { assessment, records } = data;
    const strays = records.filter((record) => record.assessmentId !== assessment.id);
    if (strays.length > 0) throw new ValidationError('The export is not valid', [{ path: 'records', message: `${strays.length} records belong to another assessment` }]);
    if (!(await this.mayImport(principal, assessment.system))) throw new NotFoundError(`There is no system with the code ${assessment.system}`);
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
    return this.assessments.get(assessment.id, principal);
  }

  private async mayImport(principal: Principal, system: string): Promise<boolean> {
    if (principal.role !== 'admin' && principal.role !== 'assessor') return false;
    return (await this.models.systems.exists({ odsCode: system })) !== null;
  }
}

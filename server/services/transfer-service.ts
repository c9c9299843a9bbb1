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
import { actorOf, type Actor } from './actor.ts';
import type { AssessmentService, AssessmentView } from './assessment-service.ts';
import { actor, exportedRecord, importedRecordIssues, instant } from './imported-records.ts';
import type { Clock } from './clock.ts';
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
    private readonly clock: Clock,
  ) {}

  async export(id: string, principal: Principal): Promise<AssessmentExport> {
    const assessment = await this.assessments.authorised(id, principal, { kind: 'transfer' });
    const records = await this.records.allOf(id);
    // An export is whole, so it waits for the reveal when part of it is hidden from the asker.
    if (visibleRecords(principal, assessment, records).length !== records.length) throw new ForbiddenError('The other review is hidden from you until the scores are revealed, so the whole assessment cannot be exported yet');
    return { format: 'ics-maturity-assessment', formatVersion: 1, assessment, records };
  }

  /**
   * Recreates an exported assessment with its id, history and record versions, as far as an
   * export can be trusted: an export is a file anyone with it could have edited, so
   *  - every record (and the creation) is attributed to the importer, with the exported author's
   *    name kept as a labelled note: a user id in a file proves nothing about who did something;
   *  - the system's name and region come from this server's registry, and a retired system is refused;
   *  - consent to share good practice (¶3.123) is left out: the system gives it here itself;
   *  - times must be in the past and never go back within a series, and each status step must
   *    have been taken when what it needs was there (importedRecordIssues);
   *  - an import record says who imported it and when.
   * The id is claimed first, so of two imports of one export only one writes anything; records are
   * written before the assessment that makes them visible, and removed again if that fails, so a
   * failed import leaves nothing half-written in view. `data` is the export as parsed by its schema.
   */
  async import(data: z.output<typeof assessmentExport>, principal: Principal): Promise<AssessmentView> {
    if (!mayDo(principal, { kind: 'transfer' })) throw new ForbiddenError(`Only assessors and administrators may export or import assessments, not a ${principal.role}`);
    const { assessment } = data;
    const strays = data.records.filter((record) => record.assessmentId !== assessment.id);
    if (strays.length > 0) throw new ValidationError('The export is not valid', [{ path: 'records', message: `${strays.length} records belong to another assessment` }]);
    const system = await this.models.systems.findOne({ odsCode: assessment.system }).lean();
    if (system === null) throw new NotFoundError(`There is no system with the code ${assessment.system}`);
    if (system.status !== 'active') throw new ConflictError(`The system ${assessment.system} is retired; an assessment of it cannot be imported`);
    // An assessment is re-scored with the pack it pinned: one this server does not have could never be scored (or calibrated) here.
    if (!this.packs.has(assessment.pack)) throw new ConflictError(`This server does not have the rule pack ${assessment.pack.id} ${assessment.pack.version} (${assessment.pack.hash.slice(0, 19)}…) the assessment was made under; load that pack, then import it`);
    const now = this.clock.now();
    const issues = await importedRecordIssues(this.packs.get(assessment.pack), assessment, data.records, now, (identity) => (this.packs.has(identity) ? this.packs.get(identity) : undefined));
    if (issues.length > 0) throw new ValidationError('The export is not valid', issues);

    const importer = actorOf(principal);
    const kept = data.records.filter((record) => record.kind !== 'sharing');
    const imports = kept.filter((record) => record.kind === 'import').length;
    const records: StoredRecord[] = [
      ...kept.map((record) => ({ ...record, by: attributedToImporter(importer, record.by) })),
      { assessmentId: assessment.id, kind: 'import', perspective: null, criterion: null, version: imports + 1, content: { records: kept.length, sharingLeftOut: data.records.length - kept.length }, by: importer, at: now },
    ];
    const claimedAt = await this.claim(assessment.id, principal);
    try {
      if ((await this.models.assessments.exists({ _id: assessment.id })) !== null) throw new ConflictError(`The assessment ${assessment.id} already exists here`);
      // Held by this import and not yet an assessment: anything under the id was left by an import that died.
      await this.records.discard(assessment.id);
      try {
        await this.records.insertAll(assessment.id, records);
        // The status history is derived from the status records, so it is not stored twice.
        const { id, statusHistory: _derived, systemName: _exportedName, region: _exportedRegion, createdBy, ...rest } = assessment;
        await this.models.assessments.create({ _id: id, ...rest, systemName: system.name, region: system.region, createdBy: attributedToImporter(importer, createdBy) });
      } catch (error) {
        // Only this import wrote under the id (it holds the claim and the assessment never became visible).
        await this.records.discard(assessment.id);
        if (isDuplicateKey(error)) throw new ConflictError(`${assessment.system} already has an assessment for ${assessment.period} under ${assessment.pack.id}, or the export repeats a record version`);
        throw error;
      }
    } finally {
      await this.models.importClaims.deleteOne({ _id: assessment.id, claimedAt, claimedBy: principal.userId });
    }
    await this.goodPractice.refresh(assessment.id);
    return this.assessments.get(assessment.id, principal);
  }

  /**
   * Claims the assessment id for this import (409 when another import holds it). A claim older
   * than an import could take was left by one that died, and is taken over: removed only if it is
   * still that claim, then claimed again, so of two importers taking it over one wins. Resolves
   * with the claim's time, by which the import releases its own claim and no other.
   */
  private async claim(id: string, principal: Principal): Promise<Date> {
    const insert = async () => (await this.models.importClaims.create({ _id: id, claimedAt: this.clock.now(), claimedBy: principal.userId })).claimedAt;
    try {
      return await insert();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const held = await this.models.importClaims.findById(id).lean();
    const stale = held !== null && this.clock.now().getTime() - held.claimedAt.getTime() > abandonedClaimMs;
    if (stale) await this.models.importClaims.deleteOne({ _id: id, claimedAt: held.claimedAt, claimedBy: held.claimedBy });
    if (held === null || stale) {
      try {
        return await insert();
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    throw new ConflictError(`The assessment ${id} is being imported by someone else; when that import ends it will exist here, or can be imported again`);
  }
}

/** The importer as the author of something an export says another did, that name kept as a labelled note. */
function attributedToImporter(importer: Actor, exported: Actor): Actor {
  const name = exported.name.length <= 300 ? exported.name : `${exported.name.slice(0, 299)}…`;
  return { userId: importer.userId, name: `${importer.name} (imported; as exported: ${name})` };
}

/** How long an import may take before its claim counts as left by one that died. */
const abandonedClaimMs = 10 * 60 * 1000;

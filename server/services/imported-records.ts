import { z } from 'zod';
import { ambitions } from '../../assessments/calibration/ambition-schema.ts';
import { fieldPath, type FieldIssue } from '../../assessments/errors.ts';
import { perspectives } from '../../assessments/evidence/perspective-evidence.ts';
import { gateStatus } from '../../assessments/rule-pack/pack-schema.ts';
import type { PackIdentity, RulePack } from '../../assessments/rule-pack/rule-pack.ts';
import { judgement } from '../../assessments/scoring/judgement.ts';
import { scoreCriterion } from '../../assessments/scoring/score-criterion.ts';
import { blindPerspectives } from '../../assessments/workflow/blind-review.ts';
import { statuses } from '../../assessments/workflow/status.ts';
import { leftUnmoderated, stepIssues, stepStateOf } from '../../assessments/workflow/step-conditions.ts';

/** Who an export says did something: a name that an import keeps only as a note (see attributedToImporter). */
export const actor = z.strictObject({ userId: z.string().min(1).max(100), name: z.string().min(1).max(1000) });
export const instant = z.iso.datetime({ offset: true }).transform((text) => new Date(text));
const criterion = z.string().regex(/^[a-z0-9-]{1,60}$/);
const outcome = z.union([z.strictObject({ score: z.number().int().min(1).max(4) }), z.strictObject({ status: gateStatus })]);
/** What an import record holds: how many records came in, and how many consents to share were left out. */
export const importContent = z.strictObject({ records: z.number().int().min(0).max(20000), sharingLeftOut: z.number().int().min(0).max(20000) });
const common = { assessmentId: z.uuid(), version: z.number().int().min(1).max(1_000_000), by: actor, at: instant };
const packIdentity = z.strictObject({ id: z.string().min(1).max(100), version: z.string().min(1).max(50), hash: z.string().regex(/^sha256:[0-9a-f]{64}$/) });
const perspectiveOrNull = z.enum(perspectives).nullable();

/**
 * One record of an export, its content checked against what that kind of record holds (as the
 * services write it), so an import cannot slip in what no save could have made. Evidence is checked
 * against its criterion's schema, and its proposal against the pack, by `importedRecordIssues`.
 */
export const exportedRecord = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('status'), perspective: z.null(), criterion: z.null(), content: z.strictObject({ status: z.enum(statuses), emptyCriteria: z.array(criterion).max(100).optional(), leftUnmoderated: leftUnmoderated.optional() }) }),
  z.strictObject({ ...common, kind: z.literal('evidence'), perspective: z.enum(perspectives), criterion, content: z.strictObject({ evidence: z.unknown(), proposal: z.unknown() }) }),
  z.strictObject({ ...common, kind: z.literal('judgement'), perspective: z.enum(perspectives), criterion, content: z.strictObject({ judgement, evidenceVersion: z.number().int().min(0).max(1_000_000), proposed: outcome.nullable() }) }),
  z.strictObject({ ...common, kind: z.literal('moderation'), perspective: z.null(), criterion, content: z.strictObject({ outcome, rationale: z.string().trim().min(20).max(5000) }) }),
  z.strictObject({ ...common, kind: z.literal('ambitions'), perspective: z.null(), criterion: z.null(), content: z.strictObject({ ambitions }) }),
  z.strictObject({ ...common, kind: z.literal('sharing'), perspective: z.null(), criterion: z.null(), content: z.strictObject({ shareGoodPractice: z.boolean() }) }),
  z.strictObject({
    ...common,
    kind: z.literal('pack'),
    perspective: z.null(),
    criterion: z.null(),
    content: z.strictObject({
      from: packIdentity,
      to: packIdentity,
      changes: z.array(z.strictObject({ criterion, perspective: perspectiveOrNull, from: outcome.nullable(), to: outcome.nullable() })).max(100),
      rescored: z.array(z.strictObject({ criterion, perspective: z.enum(perspectives), evidenceVersion: z.number().int().min(1).max(1_000_000) })).max(100),
    }),
  }),
  z.strictObject({ ...common, kind: z.literal('perspective-submitted'), perspective: z.enum(blindPerspectives), criterion: z.null(), content: z.strictObject({}) }),
  z.strictObject({ ...common, kind: z.literal('dissent'), perspective: z.null(), criterion, content: z.strictObject({ rationale: z.string().trim().min(20).max(5000), moderationVersion: z.number().int().min(1).max(1_000_000) }) }),
  z.strictObject({ ...common, kind: z.literal('reveal'), perspective: z.null(), criterion: z.null(), content: z.strictObject({ reason: z.string().trim().min(20).max(2000) }) }),
  z.strictObject({ ...common, kind: z.literal('import'), perspective: z.null(), criterion: z.null(), content: importContent }),
]);
export type ExportedRecord = z.output<typeof exportedRecord>;

/**
 * What the record schema cannot see on its own: every criterion is one of the pack's; evidence
 * validates against its criterion's schema and carries exactly the proposal the pack makes for it
 * (scoring is deterministic, so a forged proposal shows); each series of versions runs 1, 2, 3…
 * without gaps, at times that never go back, none before the assessment was created nor after
 * `now`; and the status records are the workflow's steps in order, ending where the assessment
 * says it is, each taken when what it needs was there (the records made by then, and what the step
 * was declared with: see step-conditions.ts).
 */
export async function importedRecordIssues(pack: RulePack, assessment: { status: string; version: number; createdAt: Date }, records: readonly ExportedRecord[], now: Date, packFor: (identity: PackIdentity) => RulePack | undefined = () => undefined): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  // An assessment moved between pack versions: each evidence record is checked against the version in force when it was written.
  const moves = records.filter((record): record is Extract<ExportedRecord, { kind: 'pack' }> => record.kind === 'pack').sort((a, b) => a.version - b.version);
  const first = moves[0];
  const inForce = (at: Date): RulePack | undefined => {
    const last = moves.filter((move) => move.at.getTime() <= at.getTime()).at(-1);
    return last !== undefined ? packFor(last.content.to) : first !== undefined ? packFor(first.content.from) : pack;
  };
  moves.forEach((move, index) => {
    const expectedTo = index === moves.length - 1 ? pack.hash : moves[index + 1]?.content.from.hash;
    if (move.content.to.hash !== expectedTo || packFor(move.content.from) === undefined) issues.push({ path: 'records', message: `The rule pack moves must run from a pack loaded here, each from where the last left off, to the pack the assessment is pinned to (${pack.id} ${pack.version})` });
  });
  const series = new Map<string, Array<{ version: number; at: Date; index: number }>>();
  if (assessment.createdAt > now) issues.push({ path: 'assessment.createdAt', message: 'The assessment cannot have been created in the future' });
  const criteria = pack.criteria.map((candidate) => candidate.id);
  for (const [index, record] of records.entries()) {
    const path = `records[${index}]`;
    const key = `${record.kind}/${record.perspective ?? ''}/${record.criterion ?? ''}`;
    series.set(key, [...(series.get(key) ?? []), { version: record.version, at: record.at, index }]);
    if (record.at > now) issues.push({ path: `${path}.at`, message: 'A record cannot have been made in the future' });
    if (record.at < assessment.createdAt) issues.push({ path: `${path}.at`, message: 'A record cannot have been made before its assessment was created' });
    if (record.criterion === null) {
      if (record.kind === 'status' && record.content.status !== statuses[record.version - 1]) issues.push({ path: `${path}.content.status`, message: `Status version ${record.version} must be ${statuses[record.version - 1] ?? 'absent'}: the workflow moves one step at a time` });
      else if (record.kind === 'status' && record.version > 1) {
        const made = records.filter((other) => other.kind !== 'status' && other.at <= record.at);
        const { emptyCriteria: _kept, ...declared } = record.content;
        const unmet = stepIssues(record.content.status, stepStateOf(criteria, made), { ...declared, acknowledgeEmptyCriteria: record.content.emptyCriteria !== undefined });
        issues.push(...unmet.map((issue) => ({ path: `${path}.content`, message: `The step to ${record.content.status} was taken before what it needs: ${issue.message}` })));
      }
      continue;
    }
    const recordPack = record.kind === 'evidence' ? (inForce(record.at) ?? pack) : pack;
    const packCriterion = recordPack.criteria.find((candidate) => candidate.id === record.criterion);
    if (packCriterion === undefined) {
      issues.push({ path: `${path}.criterion`, message: `"${record.criterion}" is not a criterion of the pack ${recordPack.id} ${recordPack.version}` });
      continue;
    }
    if (record.kind !== 'evidence') continue;
    const parsed = packCriterion.evidence.schema.safeParse(record.content.evidence);
    if (!parsed.success) {
      issues.push(...parsed.error.issues.map((issue) => ({ path: fieldPath([...path.split('.'), 'content', 'evidence', ...issue.path]), message: issue.message })));
      continue;
    }
    const { assessed, proposed, decidedBy, findings, missing } = await scoreCriterion(packCriterion, parsed.data.indicators);
    if (JSON.stringify(record.content.proposal) !== JSON.stringify({ assessed, proposed, decidedBy, findings, missing })) {
      issues.push({ path: `${path}.content.proposal`, message: `It is not what the pack ${recordPack.id} ${recordPack.version} proposes for this evidence` });
    }
  }
  for (const [key, entries] of series) {
    const sorted = [...entries].sort((a, b) => a.version - b.version);
    if (sorted.some((entry, index) => entry.version !== index + 1)) issues.push({ path: 'records', message: `The versions of ${key} must run 1, 2, 3… once each; they are ${sorted.map((entry) => entry.version).join(', ')}` });
    for (const [index, entry] of sorted.entries()) {
      const before = sorted[index - 1];
      if (before !== undefined && entry.at < before.at) issues.push({ path: `records[${entry.index}].at`, message: `Version ${entry.version} of ${key} is dated before its version ${before.version}: times within a series never go back` });
    }
  }
  const statusVersions = series.get('status//')?.length ?? 0;
  if (statusVersions !== assessment.version || statuses[statusVersions - 1] !== assessment.status) {
    issues.push({ path: 'assessment.status', message: `The assessment says ${assessment.status} (version ${assessment.version}), but its status records end at version ${statusVersions}` });
  }
  return issues;
}

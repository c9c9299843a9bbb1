import { z } from 'zod';
import { roles } from '../../assessments/access/roles.ts';
import { odsCode, period, perspectives } from '../../assessments/evidence/perspective-evidence.ts';
import { gateStatus } from '../../assessments/rule-pack/pack-schema.ts';
import { successionTypes } from '../../assessments/systems/succession.ts';
import { recordKinds } from '../persistence/assessment-records.ts';
import { statuses } from '../../assessments/workflow/status.ts';
import { leftUnmoderated } from '../../assessments/workflow/step-conditions.ts';

// Request and response shapes of the REST API: they validate requests and are the OpenAPI document.

const text = (max: number) => z.string().trim().min(1).max(max);
const version = z.number().int().min(1).max(1_000_000).describe('The version this change is based on (optimistic concurrency)');
const basedOnVersion = z.number().int().min(0).max(1_000_000).describe('The version this write is based on: 0 for the first, else the latest version you saw');
const instant = z.string().describe('An ISO 8601 timestamp');

export const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    currentVersion: z.number().int().optional(),
  })
  .meta({ id: 'Problem' });

export const actor = z.object({ userId: z.string(), name: z.string() });

const isoDay = z.iso.date('Enter a date as YYYY-MM-DD, for example 2027-04-01').describe('An ISO calendar day');
export const systemCodeParams = z.strictObject({ code: odsCode });
export const systemFilter = z.strictObject({
  region: text(100).optional(),
  status: z.enum(['active', 'retired']).optional(),
  period: period.optional().describe('List the systems in force in this period (default: the current one)'),
  includeEnded: z.enum(['true', 'false']).transform((value) => value === 'true').optional().describe('true: every system, whatever its in-force dates'),
});
export const newSuccession = z.strictObject({ predecessor: odsCode, successor: odsCode, date: isoDay, type: z.enum(successionTypes), note: text(1000).optional() });
export const succession = z
  .object({ predecessor: z.string(), successor: z.string(), date: z.string(), type: z.enum(successionTypes), note: z.string().nullable(), at: instant, by: z.string() })
  .meta({ id: 'Succession' });
const successionLink = z.object({ system: z.string(), name: z.string(), date: z.string(), type: z.enum(successionTypes) });
export const newSystem = z.strictObject({
  odsCode,
  onsCode: z.string().regex(/^E54\d{6}$/, 'Enter the ONS code of the ICB, for example E54000040'),
  name: text(300),
  shortName: text(200),
  region: text(100),
  inForceFrom: isoDay.optional().describe('The first day it is in force (default: today)'),
});
export const systemChange = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('rename'), name: text(300), shortName: text(200), note: text(1000).optional(), version }),
  z.strictObject({ action: z.literal('retire'), mergedInto: odsCode.optional(), note: text(1000).optional(), version }),
]);
export const system = z
  .object({
    odsCode: z.string(),
    onsCode: z.string(),
    name: z.string(),
    shortName: z.string(),
    region: z.string(),
    status: z.enum(['active', 'retired']),
    mergedInto: z.string().nullable(),
    inForceFrom: z.string().describe('The first day it was in force'),
    inForceUntil: z.string().nullable().describe('The day it ceased (exclusive), or null while in force'),
    predecessors: z.array(successionLink),
    successors: z.array(successionLink),
    version: z.number().int(),
    history: z.array(z.object({ at: instant, by: z.string(), action: z.string(), before: z.unknown(), after: z.unknown(), note: z.string().nullable() })),
  })
  .meta({ id: 'System' });

export const assessmentParams = z.strictObject({ id: z.uuid({ error: 'Not an assessment id' }) });
export const perspectiveParams = assessmentParams.extend({ perspective: z.enum(perspectives) });
export const criterionParams = perspectiveParams.extend({ criterion: z.string().regex(/^[a-z0-9-]{1,60}$/) });
export const moderationParams = assessmentParams.extend({ criterion: z.string().regex(/^[a-z0-9-]{1,60}$/) });

export const newAssessment = z.strictObject({ system: odsCode, period });
export const assessmentFilter = z.strictObject({
  system: odsCode.optional(),
  period: period.optional(),
  status: z.enum(statuses).optional(),
  region: text(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const statusChange = z.strictObject({
  to: z.enum(statuses),
  version,
  acknowledgeEmptyCriteria: z.boolean().optional().describe('Submit although some criteria have no self-assessment evidence (required then)'),
  leftUnmoderated: leftUnmoderated.optional().describe('Move to moderated leaving these criteria unmoderated, each with its reason (required for every criterion without a moderated score)'),
});
export const assessment = z
  .object({
    id: z.string(),
    system: z.string(),
    systemName: z.string(),
    region: z.string(),
    period: z.string(),
    pack: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
    calibrationMode: z.boolean(),
    status: z.enum(statuses),
    statusHistory: z.array(z.object({ status: z.enum(statuses), by: actor, at: instant })),
    demo: z.boolean(),
    version: z.number().int(),
    createdAt: instant,
    createdBy: actor,
  })
  .meta({ id: 'Assessment' });
export const assessmentPage = z.object({ items: z.array(assessment), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });

export const evidenceWrite = z.strictObject({ basedOnVersion, evidence: z.unknown().describe("The criterion's evidence: see GET /api/v1/criteria/{criterion}/schema") });
export const judgementWrite = z.strictObject({ basedOnVersion, judgement: z.unknown().describe('{"decision":"accept"} or {"decision":"override","score":1-4,"rationale":"…"} (gate: "override-gate" with "status")') });
export const moderationWrite = z.strictObject({
  basedOnVersion,
  outcome: z.union([z.strictObject({ score: z.number().int().min(1).max(4) }), z.strictObject({ status: gateStatus })]),
  rationale: z.string().trim().min(20, 'Explain the moderated score in at least 20 characters').max(5000),
});
export const criterionRecord = z
  .object({
    assessmentId: z.string(),
    kind: z.enum(recordKinds),
    perspective: z.enum(perspectives).nullable(),
    criterion: z.string().nullable().describe('null for records of the whole assessment (status, ambitions, sharing)'),
    version: z.number().int(),
    content: z.record(z.string(), z.unknown()),
    by: actor,
    at: instant,
  })
  .meta({ id: 'CriterionRecord' });
export const criterionState = z.object({
  criterion: z.string(),
  perspective: z.enum(perspectives),
  evidence: criterionRecord.nullable(),
  judgement: criterionRecord.extend({ stale: z.boolean() }).nullable(),
  moderation: criterionRecord.nullable(),
});
export const scoreResult = z
  .object({
    pack: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
    system: z.string(),
    period: z.string(),
    perspective: z.enum(perspectives),
    criteria: z.array(z.looseObject({ criterion: z.string(), kind: z.enum(['scored', 'gate']), assessed: z.boolean(), findings: z.array(z.looseObject({ check: z.string(), citation: z.string(), met: z.boolean() })) })),
    rating: z.looseObject({ percentage: z.number().nullable(), final: z.object({ id: z.string(), label: z.string() }).nullable(), provisional: z.boolean() }),
    staleJudgements: z.array(z.string()),
  })
  .meta({ id: 'ScoreResult' });
const outcome = z.union([z.object({ score: z.number().int() }), z.object({ status: gateStatus })]);
export const agreedResult = z
  .object({
    pack: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
    criteria: z.array(
      z.object({
        criterion: z.string(),
        title: z.string(),
        kind: z.enum(['scored', 'gate']),
        outcome: outcome.nullable().describe('The final score or gate status; null when nobody assessed it'),
        basis: z.enum(['moderated', 'assessor', 'peer', 'self', 'not-assessed']).describe("The panel's moderated outcome, else the assessor's judged outcome, else the peer review's, else the self-assessment's"),
        decision: z.enum(['proposed', 'accepted', 'overridden']).nullable().describe('How the perspective reached it; null when moderated or not assessed'),
        judgementAlone: z.boolean().describe('No evidence the rules could assess: the outcome is judgement alone'),
        basisText: z.string(),
        rationale: z.string().nullable(),
        evidenceFrom: z.enum(perspectives).nullable(),
      }),
    ),
    rating: z.looseObject({ percentage: z.number().nullable(), final: z.object({ id: z.string(), label: z.string() }).nullable(), provisional: z.boolean(), calibrationLabel: z.string().nullable() }),
  })
  .meta({ id: 'AgreedResult' });
export const auditEntry = z.object({ at: instant, by: actor, action: z.string(), subject: z.string(), version: z.number().int(), before: z.unknown(), after: z.unknown() });

export const newUser = z.strictObject({ email: z.email().max(200), name: text(200), role: z.enum(roles), system: odsCode.nullable().default(null) }).refine((user) => user.role !== 'system-user' || user.system !== null, { path: ['system'], message: 'A system user must belong to a system' });
export const user = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(roles), system: z.string().nullable(), createdAt: instant, disabled: z.boolean() }).meta({ id: 'User' });
export const newToken = z.strictObject({ userId: z.string().regex(/^[0-9a-f]{24}$/, 'Not a user id'), name: text(100) });
export const token = z.object({ id: z.string(), name: z.string(), prefix: z.string(), userId: z.string(), createdAt: instant, revokedAt: instant.nullable() }).meta({ id: 'Token' });
export const tokenParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{64}$/, 'Not a token id') });
export const criterionIdParams = z.strictObject({ criterion: z.string().regex(/^[a-z0-9-]{1,60}$/) });

import type { AssessmentStatus } from '../../assessments/workflow/status.ts';
import { hoscEvidenceScoring4 } from './evidence.ts';

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;

/**
 * Moves an assessment one status on as an administrator, first meeting what the step needs when
 * the test has not: some self-assessment evidence before submitting (submitted with the empty
 * criteria acknowledged), some assessor evidence before moderating, and a reason for each criterion
 * left unmoderated. Resolves with the assessment in its new status; throws on any refusal.
 */
export async function stepTo(call: Call, id: string, to: AssessmentStatus, version: number): Promise<{ version: number; status: AssessmentStatus }> {
  const expectOk = async (method: string, path: string, body?: unknown) => {
    const response = await call(method, path, body);
    if (response.status !== 200) throw new Error(`${method} ${path} gave ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const records: Array<{ kind: string; perspective: string | null; criterion: string | null }> = (await expectOk('GET', `/api/v1/assessments/${id}/export`)).records;
  const has = (kind: string, perspective: string | null) => records.some((record) => record.kind === kind && record.perspective === perspective);
  let declarations = {};
  if (to === 'submitted') {
    if (!has('evidence', 'self')) await expectOk('PUT', `/api/v1/assessments/${id}/perspectives/self/criteria/hosc-effectiveness/evidence`, { basedOnVersion: 0, evidence: hoscEvidenceScoring4() });
    declarations = { acknowledgeEmptyCriteria: true };
  }
  if (to === 'moderated') {
    if (!has('evidence', 'assessor')) await expectOk('PUT', `/api/v1/assessments/${id}/perspectives/assessor/criteria/hosc-effectiveness/evidence`, { basedOnVersion: 0, evidence: hoscEvidenceScoring4() });
    const criteria: string[] = (await expectOk('GET', `/api/v1/assessments/${id}/perspectives/assessor/score`)).criteria.map((criterion: { criterion: string }) => criterion.criterion);
    const moderated = new Set(records.filter((record) => record.kind === 'moderation').map((record) => record.criterion));
    declarations = { leftUnmoderated: criteria.filter((criterion) => !moderated.has(criterion)).map((criterion) => ({ criterion, reason: 'Not moderated in this test fixture' })) };
  }
  return expectOk('POST', `/api/v1/assessments/${id}/status`, { to, version, ...declarations });
}

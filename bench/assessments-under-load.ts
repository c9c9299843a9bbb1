// What the API benchmarks load: one assessment per client, each with evidence for all ten criteria.
import { documentWithProfile, evidenceByOutcome } from '../test/support/evidence-from-cases.ts';
import type { ServerProcess } from '../test/support/server-process.ts';

const profile = {
  'partner-engagement': 3, 'strategy-and-plans': 3, 'place-and-neighbourhood': 2, 'prevention-shift': 3, 'regional-support': 3,
  'priorities-in-practice': 3, 'mutual-accountability': 4, 'learning-culture': 3, 'hosc-effectiveness': 3, 'financial-management': 'well-managed',
};

export type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;

/** Calls the server's API as its first administrator. */
export function adminCaller(server: ServerProcess): Call {
  return async (method, path, body) => {
    const response = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : JSON.parse(text) };
  };
}

/** `count` assessments of the reference systems (two periods if needed), each with evidence for every criterion (version 1). */
export async function assessmentsWithEvidence(call: Call, count: number): Promise<{ ids: string[]; evidence: Record<string, unknown> }> {
  const systems = ((await call('GET', '/api/v1/systems')).body as Array<{ odsCode: string }>).map((system) => system.odsCode);
  const evidence = documentWithProfile(await evidenceByOutcome(), profile).criteria as Record<string, unknown>;
  const ids: string[] = [];
  for (let client = 0; client < count; client += 1) {
    const created = await call('POST', '/api/v1/assessments', { system: systems[client % systems.length], period: client < systems.length ? '2025/26' : '2024/25' });
    if (created.status !== 201) throw new Error(`Could not create an assessment: ${JSON.stringify(created.body)}`);
    ids.push(created.body.id);
    for (const [criterion, item] of Object.entries(evidence)) await call('PUT', `/api/v1/assessments/${created.body.id}/perspectives/self/criteria/${criterion}/evidence`, { basedOnVersion: 0, evidence: item });
  }
  return { ids, evidence };
}

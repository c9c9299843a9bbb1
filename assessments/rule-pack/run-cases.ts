import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePerspectiveEvidence } from '../evidence/perspective-evidence.ts';
import { ValidationError, jsonPath } from '../errors.ts';
import { rate } from '../rating/rate.ts';
import type { RatingResult } from '../rating/rating-result.ts';
import { scorePerspective } from '../scoring/score-perspective.ts';
import { caseFile, type CaseFile, type PackCase } from './case-schema.ts';
import type { RulePack } from './rule-pack.ts';

export interface CaseOutcome {
  file: string;
  name: string;
  failures: string[];
}

export interface CaseReport {
  outcomes: CaseOutcome[];
  /** Criteria lacking a case for some outcome (each score level, each gate status, not assessed). */
  coverageGaps: string[];
  passed: boolean;
}

/**
 * Runs every case under `<pack>/cases/` against the pack, and fails a pack whose cases do not
 * cover each criterion at every outcome: every score 1–4 (or every gate status) and not-assessed.
 */
export async function runPackCases(directory: string, pack: RulePack): Promise<CaseReport> {
  const folder = join(directory, 'cases');
  const names = (await readdir(folder)).filter((name) => name.endsWith('.json')).sort();
  const outcomes: CaseOutcome[] = [];
  const covered = new Map<string, Set<string>>(pack.criteria.map((criterion) => [criterion.id, new Set<string>()]));

  for (const name of names) {
    const file = join('cases', name);
    let parsed: CaseFile;
    try {
      const result = caseFile.safeParse(JSON.parse(await readFile(join(folder, name), 'utf8')));
      if (!result.success) {
        outcomes.push({ file, name: '(file)', failures: result.error.issues.map((issue) => `${jsonPath(issue.path)}: ${issue.message}`) });
        continue;
      }
      parsed = result.data;
    } catch (error) {
      outcomes.push({ file, name: '(file)', failures: [`is not valid JSON: ${(error as Error).message}`] });
      continue;
    }
    for (const packCase of parsed.cases) {
      const failures = await runCase(pack, parsed, packCase, covered).catch((error: unknown) => [describeError(error)]);
      outcomes.push({ file, name: packCase.name, failures });
    }
  }

  const coverageGaps = pack.criteria.flatMap((criterion) => {
    const wanted = criterion.kind === 'scored' ? ['1', '2', '3', '4', 'not-assessed'] : ['well-managed', 'not-well-managed', 'severe', 'not-assessed'];
    const have = covered.get(criterion.id) ?? new Set<string>();
    const lacking = wanted.filter((outcome) => !have.has(outcome));
    return lacking.length === 0 ? [] : [`${criterion.id} has no case expecting ${lacking.join(', ')}`];
  });
  return { outcomes, coverageGaps, passed: coverageGaps.length === 0 && outcomes.every((outcome) => outcome.failures.length === 0) };
}

async function runCase(pack: RulePack, file: CaseFile, packCase: PackCase, covered: Map<string, Set<string>>): Promise<string[]> {
  const failures: string[] = [];
  if ('scores' in packCase) {
    const unknown = Object.keys(packCase.scores).filter((id) => !pack.criteria.some((criterion) => criterion.id === id && criterion.kind === 'scored'));
    if (unknown.length > 0) return [`scores name criteria the pack does not score: ${unknown.join(', ')}`];
    const scores = pack.criteria
      .filter((criterion) => criterion.kind === 'scored')
      .map((criterion) => {
        const score = packCase.scores[criterion.id];
        return { criterion: criterion.id, score: score === undefined || score === 'not-assessed' ? null : score };
      });
    const rating = await rate(pack.manifest, scores, pack.criteria.some((criterion) => criterion.kind === 'gate') ? packCase.gate : null);
    compareRating(rating, packCase.expect.rating, failures);
    return failures;
  }

  const evidence = parsePerspectiveEvidence({ system: file.system, period: file.period, perspective: file.perspective, criteria: packCase.criteria });
  const result = await scorePerspective(pack, evidence, packCase.judgements ?? {});
  for (const [id, expected] of Object.entries(packCase.expect.criteria ?? {})) {
    const criterion = result.criteria.find((candidate) => candidate.criterion === id);
    if (criterion === undefined) {
      failures.push(`expects the criterion "${id}", which the pack does not have`);
      continue;
    }
    const outcome = criterion.judgement.outcome;
    const actual = outcome === null ? 'not-assessed' : 'score' in outcome ? outcome.score : outcome.status;
    if (actual !== expected) failures.push(`${id}: expected ${expected}, got ${actual} (decided by ${criterion.decidedBy?.rule ?? 'missing evidence'})`);
    else if (criterion.judgement.decision !== 'overridden') covered.get(id)?.add(String(expected));
  }
  for (const [id, indicators] of Object.entries(packCase.expect.missing ?? {})) {
    const actual = result.criteria.find((candidate) => candidate.criterion === id)?.missing.map((missing) => missing.indicator) ?? [];
    if (JSON.stringify([...actual].sort()) !== JSON.stringify([...indicators].sort())) failures.push(`${id}: expected missing ${indicators.join(', ') || 'nothing'}, got ${actual.join(', ') || 'nothing'}`);
  }
  for (const [id, checks] of Object.entries(packCase.expect.findings ?? {})) {
    const findings = result.criteria.find((candidate) => candidate.criterion === id)?.findings ?? [];
    for (const [check, expected] of Object.entries(checks)) {
      const finding = findings.find((candidate) => candidate.check === check);
      if (finding === undefined) failures.push(`${id}: expected a finding of the check ${check}, got none`);
      else if (finding.met !== expected.met) failures.push(`${id}: expected ${check} ${expected.met ? 'met' : 'not met'}, got ${finding.met ? 'met' : 'not met'}`);
      else if (expected.meaning !== undefined && finding.meaning !== expected.meaning) failures.push(`${id}: expected ${check} to read "${expected.meaning}", got "${finding.meaning}"`);
    }
  }
  if (packCase.expect.rating !== undefined) compareRating(result.rating, packCase.expect.rating, failures);
  return failures;
}

type ExpectedRating = Extract<PackCase, { scores: unknown }>['expect']['rating'];

function compareRating(rating: RatingResult, expected: ExpectedRating, failures: string[]): void {
  const actual = {
    percentage: rating.percentage,
    band: rating.band?.id ?? null,
    position: rating.bandPosition,
    final: rating.final?.id ?? null,
    provisional: rating.provisional,
    limiters: rating.limiters.map((limiter) => limiter.limiter),
  };
  for (const key of Object.keys(expected) as Array<keyof typeof actual>) {
    if (JSON.stringify(actual[key]) !== JSON.stringify(expected[key])) failures.push(`rating ${key}: expected ${JSON.stringify(expected[key])}, got ${JSON.stringify(actual[key])}`);
  }
}

function describeError(error: unknown): string {
  return error instanceof ValidationError ? error.message : `threw ${error instanceof Error ? error.stack ?? error.message : String(error)}`;
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canSee } from '../../assessments/access/policy.ts';
import type { Principal } from '../../assessments/access/roles.ts';
import { ForbiddenError, NotFoundError } from '../../assessments/errors.ts';
import { compareVersions } from '../../assessments/trends/changelog.ts';
import { rulesDifference } from '../../assessments/trends/rules-difference.ts';
import { previousPoints, type SystemTrend, type TrendPoint, type TrendSeries } from '../../assessments/trends/trend.ts';
import { previousPeriod } from '../../assessments/systems/period-dates.ts';
import { ancestorsOf } from '../../assessments/systems/succession.ts';
import type { AssessmentService, AssessmentView } from './assessment-service.ts';
import { toCsv } from './csv.ts';
import type { PackRegistry } from './pack-registry.ts';
import type { SystemService, SystemView } from './system-service.ts';
import { trendPointOf } from './trend-point.ts';

/** One system's rating in a period beside the period before (its own, or its predecessors'). */
export interface NationalRow {
  system: string;
  name: string;
  region: string;
  current: TrendPoint | null;
  /** Its own point of the previous period, else each predecessor's. */
  previous: TrendPoint[];
  /** From the previous rating to this one: up, down, same, or null when either is missing. */
  change: Array<{ from: string; direction: 'up' | 'down' | 'same' | null }>;
}

export interface NationalView {
  period: string;
  previousPeriod: string;
  rows: NationalRow[];
}

/**
 * Trends across periods, following successions back (a merged system's trend shows each
 * predecessor's own series up to the succession), and the national view of a period. Nothing is
 * averaged across systems: each point is one assessment's agreed result, under its own name.
 */
export class TrendService {
  constructor(
    private readonly systems: SystemService,
    private readonly assessments: AssessmentService,
    private readonly packs: PackRegistry,
    /** The current pack's CHANGELOG.md, which says what changed in each version. */
    private readonly changelog: string,
  ) {}

  /**
   * A system's trend. Whoever may see the system's assessments sees its trend, with its
   * predecessors' points (their agreed results, not their assessments): the successor answers for
   * the area they covered.
   */
  async forSystem(odsCode: string, principal: Principal): Promise<SystemTrend> {
    if (!canSee(principal, odsCode)) throw new NotFoundError(`There is no system with the code ${odsCode}`);
    const system = await this.systems.get(odsCode);
    const successions = await this.systems.successions();
    const lineage = [...ancestorsOf(odsCode, successions), odsCode];
    const details = new Map<string, SystemView>([[odsCode, system]]);
    for (const code of lineage) if (!details.has(code)) details.set(code, await this.systems.get(code));
    const series: TrendSeries[] = [];
    for (const code of lineage) {
      const view = details.get(code) as SystemView;
      const points = await this.pointsOf(await this.allAssessments({ system: code }));
      series.push({
        system: code,
        name: view.name,
        role: code === odsCode ? 'system' : 'predecessor',
        until: code === odsCode ? null : view.inForceUntil,
        succeeded: view.predecessors.map((link) => link.system).filter((predecessor) => lineage.includes(predecessor)),
        points: points.map((point) => ({ ...point, differentRules: null })),
      });
    }
    for (const one of series) one.points.forEach((point, index) => (point.differentRules = this.differenceFrom(point, previousPoints(series, one, index))));
    const pack = this.packs.current;
    return {
      system: odsCode,
      name: system.name,
      periods: [...new Set(series.flatMap((one) => one.points.map((point) => point.period)))].sort(),
      criteria: pack.criteria.filter((criterion) => criterion.kind === 'scored').map((criterion) => ({ id: criterion.id, title: criterion.title })),
      series,
    };
  }

  /** The trend as CSV: one row per point, with every criterion's final score and the rules mark. */
  async csv(odsCode: string, principal: Principal): Promise<string> {
    const trend = await this.forSystem(odsCode, principal);
    const ids = trend.criteria.map((criterion) => criterion.id);
    return toCsv(
      ['series', 'series system', 'period', 'assessment system', 'assessment', 'status', 'pack version', 'rating', 'percentage', 'provisional', 'gate', ...ids, 'scored under different rules'],
      trend.series.flatMap((one) =>
        one.points.map((point) => [
          one.name,
          one.system,
          point.period,
          point.system,
          point.assessmentId,
          point.status,
          point.pack.version,
          point.rating?.label ?? '',
          point.percentage ?? '',
          point.provisional ? 'yes' : 'no',
          point.gate ?? '',
          ...ids.map((id) => point.scores[id] ?? ''),
          point.differentRules === null ? '' : [...point.differentRules.criteria.map((criterion) => `${criterion.criterion}: ${criterion.changes.join(' ')}`), ...(point.differentRules.rating ? ['rating rules changed'] : [])].join('; '),
        ]),
      ),
    );
  }

  /** Each system in force in the period, its rating beside the previous period's (its own, or its predecessors'). For those who compare systems. */
  async national(period: string, principal: Principal): Promise<NationalView> {
    if (principal.role === 'system-user' || (principal.role === 'board-viewer' && principal.system !== null)) {
      throw new ForbiddenError('The national view compares every system, so it is for assessors, peer reviewers, administrators and panels');
    }
    const before = previousPeriod(period);
    const [systems, successions, current, previous] = await Promise.all([
      this.systems.list({ period }),
      this.systems.successions(),
      this.allAssessments({ period }),
      this.allAssessments({ period: before }),
    ]);
    const [now, then] = await Promise.all([this.pointsOf(current), this.pointsOf(previous)]);
    const order = this.packs.current.manifest.ratings.map((rating) => rating.id as string);
    const rank = (point: Pick<TrendPoint, 'rating'> | null) => (point?.rating == null ? null : order.indexOf(point.rating.id));
    return {
      period,
      previousPeriod: before,
      rows: systems.map((system) => {
        const mine = now.find((point) => point.system === system.odsCode) ?? null;
        const own = then.find((point) => point.system === system.odsCode);
        const predecessors = successions.filter((succession) => succession.successor === system.odsCode && succession.date > `${before.slice(0, 4)}-04-01`).map((succession) => succession.predecessor);
        const earlier = own !== undefined ? [own] : then.filter((point) => predecessors.includes(point.system));
        return {
          system: system.odsCode,
          name: system.name,
          region: system.region,
          current: mine === null ? null : { ...mine, differentRules: null },
          previous: earlier.map((point) => ({ ...point, differentRules: null })),
          change: earlier.map((point) => {
            const [from, to] = [rank(point), rank(mine)];
            return { from: point.system, direction: from === null || to === null ? null : to > from ? 'up' : to < from ? 'down' : 'same' };
          }),
        };
      }),
    };
  }

  /** What differs between the rules a point was scored under and those of the points before it. */
  private differenceFrom(point: TrendPoint, before: readonly TrendPoint[]): TrendPoint['differentRules'] {
    for (const earlier of before) {
      if (earlier.pack.hash === point.pack.hash || !this.packs.has(earlier.pack) || !this.packs.has(point.pack)) continue;
      const difference = rulesDifference(this.packs.get(earlier.pack), this.packs.get(point.pack), this.changelog);
      if (difference !== null) return { ...difference, comparedWith: { period: earlier.period, system: earlier.system } };
    }
    return null;
  }

  /** One point per system and period: of several assessments (under different packs), the newest pack's. */
  private async pointsOf(assessments: readonly AssessmentView[]): Promise<Array<Omit<TrendPoint, 'differentRules'>>> {
    const chosen = new Map<string, AssessmentView>();
    for (const assessment of assessments) {
      const key = `${assessment.system} ${assessment.period}`;
      const seen = chosen.get(key);
      if (seen === undefined || compareVersions(assessment.pack.version, seen.pack.version) > 0) chosen.set(key, assessment);
    }
    const points = [];
    for (const assessment of [...chosen.values()].sort((a, b) => a.period.localeCompare(b.period) || a.system.localeCompare(b.system))) {
      if (!this.packs.has(assessment.pack)) continue; // not scorable here: left out rather than guessed
      points.push(await trendPointOf(await this.assessments.snapshot(assessment.id, reader), this.packs));
    }
    return points;
  }

  private async allAssessments(filter: { system?: string; period?: string }): Promise<AssessmentView[]> {
    const found: AssessmentView[] = [];
    for (let number = 1; ; number += 1) {
      const page = await this.assessments.list(filter, { page: number, pageSize: 100 }, reader);
      found.push(...page.items);
      if (found.length >= page.total || page.items.length === 0) break;
    }
    return found;
  }
}

/** A pack folder's CHANGELOG.md (what changed in each version), or '' when it has none. */
export async function packChangelog(directory: string): Promise<string> {
  // The folder of a pack's versions holds it; a single version's folder finds it in its parent.
  return readFile(join(directory, 'CHANGELOG.md'), 'utf8').catch(() => readFile(join(directory, '..', 'CHANGELOG.md'), 'utf8').catch(() => ''));
}

/** Trends read across systems (a successor's trend shows its predecessors); each caller's right to the trend is checked first. */
const reader: Principal = { userId: 'trends', name: 'Trends', role: 'board-viewer', system: null };

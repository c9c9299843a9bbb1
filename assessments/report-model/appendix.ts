import { evidenceAgeLimit } from '../evidence/evidence-age.ts';
import type { RulePack } from '../rule-pack/rule-pack.ts';
import type { RecordedDissent, ReportPerspective } from './report-input.ts';
import type { Appendix } from './report-model.ts';
import { listInWords, longDate, perspectiveNames } from './words.ts';

/**
 * The appendix: every source of evidence with its as-at date (grouped by criterion, source and date,
 * saying which perspectives relied on it), the rules that fired in each perspective, the limiters
 * that capped each perspective's rating, the panel's recorded dissent from moderated scores, and the
 * rule pack with its hash.
 */
export function appendixOf(perspectives: readonly ReportPerspective[], pack: RulePack, dissents: readonly RecordedDissent[] = []): Appendix {
  const period = perspectives[0]?.result.period;
  const limit = period === undefined ? null : evidenceAgeLimit(pack.manifest, period);
  const evidence: Appendix['evidence'] = [];
  for (const criterion of pack.criteria) {
    const groups = new Map<string, { source: string; asAt: string; perspectives: Set<string>; indicators: Set<string>; narrative: boolean }>();
    for (const entry of perspectives) {
      const given = entry.evidence[criterion.id];
      if (given === undefined) continue;
      const items: Array<[string, { source: string; asAt: string }]> = Object.entries(given.indicators as Record<string, { source: string; asAt: string }>);
      if (given.narrative !== undefined) items.push(['', given.narrative]);
      for (const [indicator, item] of items) {
        const key = `${item.source}\u0000${item.asAt}`;
        const group = groups.get(key) ?? { source: item.source, asAt: item.asAt, perspectives: new Set<string>(), indicators: new Set<string>(), narrative: false };
        group.perspectives.add(perspectiveNames[entry.perspective]);
        if (indicator === '') group.narrative = true;
        else group.indicators.add(indicator);
        groups.set(key, group);
      }
    }
    if (groups.size === 0) continue;
    evidence.push({
      criterion: criterion.title,
      sources: [...groups.values()].map((group) => {
        const count = group.indicators.size;
        const items = [...(count === 0 ? [] : [`${count} ${count === 1 ? 'indicator' : 'indicators'}`]), ...(group.narrative ? ['narrative'] : [])];
        return { source: group.source, asAt: longDate(group.asAt), perspectives: listInWords([...group.perspectives]), items: listInWords(items), outOfDate: limit !== null && group.asAt < limit.earliest };
      }),
    });
  }

  return {
    perspectives: perspectives.map((entry) => perspectiveNames[entry.perspective]),
    evidence,
    evidenceAge: limit === null || period === undefined ? null : `Evidence as at a date before ${longDate(limit.earliest)} is more than ${limit.months} months old at the end of ${period} and is marked out of date (${limit.citation}); the mark does not change any score.`,
    rulesFired: pack.criteria.map((criterion) => ({
      criterion: criterion.title,
      rules: perspectives.map((entry) => {
        const judged = entry.result.criteria.find((candidate) => candidate.criterion === criterion.id);
        if (judged === undefined || !judged.assessed) return 'Not assessed';
        const fired = judged.trace.filter((rule) => rule.fired).map((rule) => rule.rule);
        return fired.length === 0 ? "None (the pack's default applied)" : fired.join(', ');
      }),
    })),
    limitersFired: perspectives.map((entry) => ({
      perspective: perspectiveNames[entry.perspective],
      limiters: entry.result.rating.limiters.length === 0 ? 'None' : entry.result.rating.limiters.map((limiter) => `${limiter.limiter} (caps at ${limiter.capLabel})`).join('; '),
    })),
    dissents: dissents.map((dissent) => ({ criterion: pack.criteria.find((criterion) => criterion.id === dissent.criterion)?.title ?? dissent.criterion, by: dissent.by, on: longDate(dissent.on), rationale: dissent.rationale })),
    pack: [
      { term: 'Rule pack', value: `${pack.id} version ${pack.version}` },
      { term: 'Title', value: pack.manifest.title },
      { term: 'Hash (sha256 of the manifest and criteria)', value: pack.hash },
      { term: 'Source', value: `${pack.manifest.source.document}, ${pack.manifest.source.publisher}, ${longDate(pack.manifest.source.published)} (${pack.manifest.source.licence})` },
      { term: 'Rounding', value: pack.manifest.rounding.note },
      { term: 'Band position', value: pack.manifest.bandPosition.note },
    ],
  };
}

import { ambitionProgress } from '../calibration/ambitions.ts';
import type { RulePack } from '../rule-pack/rule-pack.ts';
import type { ReportImprovement } from './report-input.ts';
import type { ImprovementSection } from './report-model.ts';
import { anchorOf, longDate } from './words.ts';

/** A metric's value for a reader: thousands separated, at most 2 decimals ("2,120", "68.5"). */
const metricFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const value = (number: number) => metricFormat.format(number);

/**
 * Good practice other systems agreed to share where this one scores 2 or below (¶3.123), and the
 * system's own ambitions with progress against the straight line from baseline to target (¶3.121).
 * Null for a report scored from a file, which has neither.
 */
export function improvementSectionOf(improvement: ReportImprovement | null, pack: RulePack): ImprovementSection | null {
  if (improvement === null) return null;
  const titleOf = (criterion: string) => pack.criteria.find((entry) => entry.id === criterion)?.title ?? criterion;
  return {
    goodPractice: improvement.goodPractice.map((entry) => ({
      anchor: anchorOf(entry.criterion),
      criterion: titleOf(entry.criterion),
      system: `${entry.systemName} (${entry.system})`,
      narrative: entry.narrative ?? 'No narrative was given.',
    })),
    ambitions: improvement.ambitions.map((ambition) => {
      const progress = ambitionProgress(ambition);
      return {
        title: ambition.title,
        metric: ambition.metric,
        baseline: `${value(ambition.baseline)} (${longDate(ambition.baselineDate)})`,
        target: `${value(ambition.target)} by ${longDate(ambition.targetDate)}`,
        latest: ambition.latest === null || ambition.latestDate === null ? 'None yet' : `${value(ambition.latest)} (${longDate(ambition.latestDate)})`,
        expected: progress.expected === null ? '–' : value(progress.expected),
        status: progress.statusLabel,
        progress: progress.progressDisplay,
        notes: progress.notes,
      };
    }),
  };
}

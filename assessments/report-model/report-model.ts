/**
 * The calibration report as the templates read it: every value already in words (no logic left for
 * the templates but showing and repeating), plain JSON so sample models can be kept as files.
 * Text from evidence stays text: the templates escape everything they show.
 */
export interface ReportModel {
  document: {
    /** The PDF's document title and the HTML <title>. */
    title: string;
    lang: 'en-GB';
    protectiveMarking: string;
    /** "Indicative — not a published rating" in calibration mode (¶3.125), else null. */
    calibrationLabel: string | null;
    /** The running header of every page: system, period, protective marking and the calibration label ("" when none). */
    runningHeader: { system: string; period: string; marking: string; label: string };
    runningFooter: string;
  };
  cover: Cover;
  summary: ExecutiveSummary;
  calibration: CalibrationSection;
  /** Null for a report scored from a file. */
  improvement: ImprovementSection | null;
  trend: TrendSection | null;
  criteria: CriterionSection[];
  appendix: Appendix;
}

/** A chart drawn on the server as SVG markup, every piece of text in it escaped, with a description for readers who cannot see it. */
export interface Chart {
  svg: string;
  description: string;
}

export interface Term {
  term: string;
  value: string;
}

export interface Cover {
  title: string;
  systemName: string;
  systemCode: string;
  period: string;
  facts: Term[];
  protectiveMarking: string;
  calibrationLabel: string | null;
  /** Said on the cover when the assessment is synthetic demo data; else null. */
  demoLabel: string | null;
}

/** A criterion picked out in the summary, with the finding that decides it. */
export interface NotedCriterion {
  anchor: string;
  title: string;
  outcome: string;
  /** The decisive finding in words, or null when there is none to show. */
  finding: string | null;
  citation: string | null;
  /** An override and its rationale, when a person changed the proposed outcome. */
  judgement: string | null;
}

export interface ExecutiveSummary {
  /** What the headline rests on, in words. */
  basis: string;
  /** Null when no perspective has evidence yet. */
  rating: {
    label: string;
    /** A CSS-safe id of the rating (inadequate, requires-improvement, good, outstanding) or "none". */
    id: string;
    provisional: boolean;
    score: string;
    band: string;
    chart: Chart | null;
    roundingNote: string;
  } | null;
  limiters: Array<{ cap: string; reason: string; source: string; criteria: string | null }>;
  provisionalReasons: string[];
  gate: string;
  /** What the rating rests on, criterion by criterion: the final outcome and its basis ("Moderated by the panel", …). */
  restsOn: Array<{ anchor: string; title: string; outcome: string; basis: string }>;
  strengths: NotedCriterion[];
  improvements: NotedCriterion[];
  /** Criteria without enough evidence to score, with the indicators missing. */
  notAssessed: NotedCriterion[];
  path: {
    message: string;
    steps: Array<{ change: string; alternatives: string | null; checks: Array<{ label: string; needs: string; meaning: string; citation: string }> }>;
  };
}

export interface CalibrationSection {
  /** The columns of the table: the perspectives with evidence, in the order self, peer, assessor. */
  perspectives: string[];
  hasModeration: boolean;
  rows: Array<{
    anchor: string;
    title: string;
    scores: Array<{ text: string; divergent: boolean }>;
    moderated: string;
    divergent: boolean;
  }>;
  chart: Chart | null;
  divergencePoints: number;
  divergences: Array<{ anchor: string; title: string; text: string }>;
  agreement: Array<{ pair: string; pairs: number; exact: string; withinOne: string; kappa: string; ac2: string }>;
  agreementNote: string;
}

/** One indicator as the rules compared it: its value, each threshold it was held to (met or not), what it means. */
export interface IndicatorLine {
  /** The fact compared, e.g. "systemSessions". */
  indicator: string;
  label: string;
  value: string;
  thresholds: Array<{ needs: string; met: boolean }>;
  meaning: string;
  citations: string;
}

/** Good practice shared by other systems (¶3.123) and the system's own ambitions (¶3.121). */
export interface ImprovementSection {
  goodPractice: Array<{ anchor: string; criterion: string; system: string; narrative: string }>;
  ambitions: Array<{ title: string; metric: string; baseline: string; target: string; latest: string; expected: string; status: string; progress: string; notes: string[] }>;
}

/** The system's rating across periods, each predecessor under its own name (shown when there is more than one period). */
export interface TrendSection {
  chart: Chart;
  rows: Array<{ system: string; period: string; rating: string; pack: string; note: string }>;
}

export interface CriterionSection {
  anchor: string;
  title: string;
  kind: string;
  citations: string;
  summary: string;
  /** The outcome in each perspective with evidence, then the moderated outcome when there is one; `note` says how it was reached. */
  outcomes: Array<{ who: string; outcome: string; note: string }>;
  /** Why the rules proposed what they did, for the perspective whose findings are shown. */
  reading: string | null;
  /** Overrides and acceptances with their rationale, and the moderation panel's. */
  rationales: Array<{ who: string; text: string }>;
  /** Whose findings the table shows. */
  findingsBasis: string;
  findings: IndicatorLine[];
  /** The indicator values another perspective saw differently, per perspective, in words. */
  differences: Array<{ perspective: string; values: string }>;
  missing: Array<{ perspective: string; indicators: string[] }>;
  narratives: Array<{ perspective: string; paragraphs: string[]; source: string; asAt: string }>;
  /** The prevention share against the expected line (prevention-shift only), or null. */
  trajectory: { caption: string; chart: Chart; rows: Array<{ year: string; actual: string; expected: string; position: string }> } | null;
}

export interface Appendix {
  /** The columns of the rules table: the perspectives with evidence. */
  perspectives: string[];
  /** Per criterion with evidence, each source with its as-at date, who relied on it and what it gave. */
  evidence: Array<{ criterion: string; sources: Array<{ source: string; asAt: string; perspectives: string; items: string; outOfDate: boolean }> }>;
  /** The pinned pack's limit on evidence age for the period, in words, or null when it sets none (1.0.0). */
  evidenceAge: string | null;
  /** Per criterion, the rules that fired in each perspective (in the order of `perspectives`). */
  rulesFired: Array<{ criterion: string; rules: string[] }>;
  limitersFired: Array<{ perspective: string; limiters: string }>;
  pack: Term[];
  /** Each panel member's recorded disagreement with a moderated score, oldest first. */
  dissents: Array<{ criterion: string; by: string; on: string; rationale: string }>;
}

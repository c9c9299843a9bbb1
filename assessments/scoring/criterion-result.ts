import type { FactValue } from '../evidence/criterion-evidence.ts';
import type { GateStatus } from '../rule-pack/pack-schema.ts';

/** What a rule measured, against which threshold, what it means, and which paragraph it rests on. */
export interface Finding {
  check: string;
  citation: string;
  /** The fact compared, e.g. "recommendationsOnTimePercent". */
  indicator: string;
  label: string;
  unit: string | null;
  value: FactValue;
  comparison: string;
  threshold: unknown;
  /** The pack parameter the threshold comes from, when it is one. */
  parameter: string | null;
  met: boolean;
  meaning: string;
}

/** An indicator the rules need that the evidence does not give. */
export interface MissingIndicator {
  indicator: string;
  label: string;
  neededFor: string[];
}

/** One rule as the engine evaluated it: the trace that makes a proposed score defensible. */
export interface TraceEntry {
  rule: string;
  fired: boolean;
  /** Each comparison the rule made: the check, fact, value seen, operator, threshold, result. */
  comparisons: Array<{ check: string | null; fact: string; value: FactValue; operator: string; threshold: unknown; result: boolean }>;
}

export type Outcome = { score: number } | { status: GateStatus };

/** The rules' proposal for one criterion of one perspective. */
export interface CriterionProposal {
  criterion: string;
  title: string;
  kind: 'scored' | 'gate';
  citations: string[];
  assessed: boolean;
  /** The proposed score (scored criteria) or status (the gate); null when not assessed. */
  proposed: Outcome | null;
  /** The rule that decided the proposal, or the pack's default when no rule fired. */
  decidedBy: { rule: string; citation: string; summary: string } | null;
  findings: Finding[];
  missing: MissingIndicator[];
  facts: Record<string, FactValue>;
  trace: TraceEntry[];
}

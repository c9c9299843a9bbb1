/** Another system's practice on a criterion where this one scores 2 or below, shared with its consent (¶3.123). */
export interface GoodPractice {
  criterion: string;
  system: string;
  systemName: string;
  score: 4;
  /** A summary of that system's narrative on the criterion, or null when it gave none. */
  narrative: string | null;
}

/**
 * A succession: on `date` the predecessor's area passed (wholly or in part) to the successor.
 * merger: the predecessor folded whole into the successor; split: the predecessor's area divided
 * between several successors; acquisition: an existing system gained part of the predecessor's area.
 */
export const successionTypes = ['merger', 'split', 'acquisition'] as const;
export type SuccessionType = (typeof successionTypes)[number];

export interface Succession {
  predecessor: string;
  successor: string;
  date: string;
  type: SuccessionType;
}

/**
 * Every system a system succeeded, directly or through earlier successions, each once: furthest
 * back first (a predecessor's own predecessors before it), then by code.
 */
export function ancestorsOf(system: string, successions: readonly Succession[]): string[] {
  const depth = new Map<string, number>();
  let level = [system];
  for (let distance = 1; level.length > 0; distance += 1) {
    const next = successions.filter((succession) => level.includes(succession.successor) && succession.predecessor !== system && !depth.has(succession.predecessor)).map((succession) => succession.predecessor);
    for (const predecessor of next) depth.set(predecessor, distance);
    level = [...new Set(next)];
  }
  return [...depth.keys()].sort((a, b) => (depth.get(b) as number) - (depth.get(a) as number) || a.localeCompare(b));
}

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
 * Every system a system succeeded, directly or through earlier successions, each once, nearest
 * first (a predecessor's own predecessors follow it).
 */
export function ancestorsOf(system: string, successions: readonly Succession[]): string[] {
  const found: string[] = [];
  const queue = [system];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const succession of successions) {
      if (succession.successor !== current || succession.predecessor === system || found.includes(succession.predecessor)) continue;
      found.push(succession.predecessor);
      queue.push(succession.predecessor);
    }
  }
  return found;
}

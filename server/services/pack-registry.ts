import type { PackIdentity, RulePack } from '../../assessments/rule-pack/rule-pack.ts';
import { UnavailableError } from '../../assessments/errors.ts';

/**
 * The rule packs this server can score with. New assessments pin the current pack; an assessment
 * pinned to a pack whose exact content (hash) is not loaded cannot be re-scored here.
 */
export class PackRegistry {
  private readonly byHash = new Map<string, RulePack>();

  constructor(readonly current: RulePack, others: readonly RulePack[] = []) {
    for (const pack of [current, ...others]) this.byHash.set(pack.hash, pack);
  }

  get(identity: PackIdentity): RulePack {
    const pack = this.byHash.get(identity.hash);
    if (pack === undefined) {
      throw new UnavailableError(`The rule pack ${identity.id} ${identity.version} (${identity.hash.slice(0, 19)}…) this assessment was made under is not loaded on this server`, 3600);
    }
    return pack;
  }

  /** Whether the exact pack (by its content hash, with the id and version it claims) is loaded here. */
  has(identity: PackIdentity): boolean {
    const pack = this.byHash.get(identity.hash);
    return pack !== undefined && pack.id === identity.id && pack.version === identity.version;
  }

  list(): RulePack[] {
    return [...this.byHash.values()];
  }
}

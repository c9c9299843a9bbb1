import type { PackIdentity, RulePack } from '../../assessments/rule-pack/rule-pack.ts';
import { UnavailableError } from '../../assessments/errors.ts';
import { compareVersions } from '../../assessments/rule-pack/pack-versions.ts';

/**
 * The rule packs this server can score with: every released version, loaded at start and never
 * changed. New assessments pin the current pack (the newest version); an assessment keeps scoring
 * under the version it pinned until someone moves it; one pinned to a pack whose exact content
 * (hash) is not loaded cannot be re-scored here.
 */
export class PackRegistry {
  private readonly byHash = new Map<string, RulePack>();

  constructor(readonly current: RulePack, others: readonly RulePack[] = []) {
    for (const pack of [current, ...others]) this.byHash.set(pack.hash, pack);
  }

  /** A registry of the versions of a pack (as loadPackVersions reads them): the newest is current. */
  static ofVersions(packs: readonly RulePack[]): PackRegistry {
    const sorted = [...packs].sort((a, b) => compareVersions(a.version, b.version));
    const newest = sorted.at(-1);
    if (newest === undefined) throw new TypeError('A pack registry needs at least one pack');
    return new PackRegistry(newest, sorted.slice(0, -1));
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

  /** Every loaded pack, by id then oldest version first. */
  list(): RulePack[] {
    return [...this.byHash.values()].sort((a, b) => a.id.localeCompare(b.id) || compareVersions(a.version, b.version));
  }

  /** The loaded versions of the same pack newer than the one given, oldest first: where an assessment may be moved. */
  newerThan(identity: PackIdentity): RulePack[] {
    return this.list().filter((pack) => pack.id === identity.id && compareVersions(pack.version, identity.version) > 0);
  }
}

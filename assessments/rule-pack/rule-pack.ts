import type { CriterionEvidence, PackParameters } from '../evidence/criterion-evidence.ts';
import type { CompiledCriterion } from './compile-criterion.ts';
import type { GateCriterionFile, ManifestFile, ScoredCriterionFile } from './pack-schema.ts';

/** A criterion of a loaded pack: its rules (data) joined to its evidence definition (code). */
export type PackCriterion = (ScoredCriterionFile | GateCriterionFile) & {
  evidence: CriterionEvidence;
  parameterValues: PackParameters;
  compiled: CompiledCriterion;
};

/** A rule pack, loaded and validated: what every result records as its provenance. */
export interface RulePack {
  id: string;
  version: string;
  /** sha256 over the manifest and criterion files, each with its relative path (see pack-hash.ts). */
  hash: string;
  manifest: ManifestFile;
  /** In manifest order: the scored criteria, then at most one gate. */
  criteria: readonly PackCriterion[];
}

export interface PackIdentity {
  id: string;
  version: string;
  hash: string;
}

export function identityOf(pack: RulePack): PackIdentity {
  return { id: pack.id, version: pack.version, hash: pack.hash };
}

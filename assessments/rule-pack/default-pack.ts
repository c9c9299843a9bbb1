import { fromProjectRoot } from '../../scripts/project-root.mjs';
import { packVersionFolders } from './pack-versions.ts';

/** The rule pack the product ships: every released version of rules/hewitt-3.122, side by side. */
export const packVersionsDirectory = fromProjectRoot('rules', 'hewitt-3.122');

/** The newest released version of the shipped pack: the one new assessments pin. */
export const defaultPackDirectory = packVersionFolders(packVersionsDirectory).at(-1) ?? packVersionsDirectory;

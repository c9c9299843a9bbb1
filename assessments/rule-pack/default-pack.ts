import { fromProjectRoot } from '../../scripts/project-root.mjs';

/** The rule pack the product ships and uses unless told otherwise: rules/hewitt-3.122. */
export const defaultPackDirectory = fromProjectRoot('rules', 'hewitt-3.122');

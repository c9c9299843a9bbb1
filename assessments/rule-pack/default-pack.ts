import { fileURLToPath } from 'node:url';

/** The rule pack the product ships and uses unless told otherwise: rules/hewitt-3.122. */
export const defaultPackDirectory = fileURLToPath(new URL('../../rules/hewitt-3.122/', import.meta.url));

/** The product's root folder (the one holding package.json). */
export const projectRoot: string;
/** A path under the product's root folder, e.g. fromProjectRoot('reference', 'icbs.csv'). */
export function fromProjectRoot(...segments: string[]): string;

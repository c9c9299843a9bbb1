/** Resolves with the path of a FerretDB binary built from server/db/ferretdb, building it if needed. */
export function ensureFerretDb(): Promise<string>;

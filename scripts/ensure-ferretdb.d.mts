/** Returns the path of a FerretDB binary built from server/db/ferretdb, building it if needed. */
export function ensureFerretDb(options?: { quiet?: boolean }): string;

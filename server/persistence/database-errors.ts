/** Driver errors that mean "the database cannot be reached now", as opposed to a bad request. */
const unreachable = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);

export function isDatabaseUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (unreachable.has(error.name) || unreachable.has(error.constructor.name)) return true;
  // Mongoose with bufferCommands off, before (re)connection: "Cannot call `x.find()` before initial connection is complete…"
  return error.name === 'MongooseError' && /before initial connection|Connection was force closed|client was closed/i.test(error.message);
}

/** A duplicate-key error: a unique index refused the write. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

import { randomBytes } from 'node:crypto';
import { isDuplicateKey } from '../persistence/database-errors.ts';
import type { Models } from '../persistence/database.ts';
import type { Clock } from './clock.ts';

/**
 * The key this deployment signs small things with, the same on every instance: the first to start
 * inserts a random one under a fixed id; any other (or a later start) reads it back.
 */
export async function loadSiteKey(models: Models, clock: Clock): Promise<Buffer> {
  try {
    await models.siteKeys.create({ _id: 'signing', key: randomBytes(32).toString('base64'), createdAt: clock.now() });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  const stored = await models.siteKeys.findById('signing').lean();
  if (stored === null) throw new Error('The signing key could not be read back');
  return Buffer.from(stored.key, 'base64');
}

import { expect } from 'chai';
import mongoose from 'mongoose';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { superviseEmbeddedFerretDb } from '../../../server/db/supervised-ferretdb.ts';
import { createLogger } from '../../../server/log.ts';

/** Issue 13, finding 15: the supervised restart must hold up when the database keeps dying. */
describe('the supervised embedded FerretDB', function () {
  this.timeout(120_000);

  it('starts the database again each time it is killed as soon as it is back, never giving up, and says when it answers a real hello again', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ics-supervised-'));
    const database = await superviseEmbeddedFerretDb({ dataDir, log: createLogger('silent') });
    try {
      await database.ready();
      for (let kill = 1; kill <= 6; kill += 1) {
        const pid = database.pid;
        process.kill(pid, 'SIGKILL');
        while (database.restarts < kill) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(database.pid).to.not.equal(pid);
      }
      await database.ready();
      const client = new mongoose.mongo.MongoClient(database.uri, { directConnection: true, serverSelectionTimeoutMS: 2000 });
      try {
        expect(await client.db('admin').command({ ping: 1 })).to.include({ ok: 1 });
      } finally {
        await client.close();
      }
      expect(database.restarts).to.equal(6);
    } finally {
      await database.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

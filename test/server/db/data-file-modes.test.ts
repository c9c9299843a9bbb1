import { expect } from 'chai';
import { chmod, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedFerretDb, type EmbeddedFerretDb } from '../../../server/db/embedded-ferretdb.ts';

const modeOf = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);

/** Every file and folder of the data folder with its mode, e.g. { '.': '700', 'ferretdb/app.sqlite': '600' }. */
async function modes(dataDir: string): Promise<Record<string, string>> {
  const found: Record<string, string> = { '.': await modeOf(dataDir) };
  for (const entry of await readdir(dataDir, { recursive: true })) found[entry] = await modeOf(join(dataDir, entry));
  return found;
}

/** Writes users with password hashes, sessions and an index to a database. */
async function write(uri: string, databaseName: string): Promise<void> {
  const client = new mongoose.mongo.MongoClient(uri, { directConnection: true });
  try {
    for (const name of ['users', 'sessions']) await client.db(databaseName).collection(name).insertMany(Array.from({ length: 50 }, (_, index) => ({ index, passwordHash: `scrypt$${index}` })));
    await client.db(databaseName).collection('users').createIndex({ index: 1 });
  } finally {
    await client.close();
  }
}

const ownerOnly = (found: Record<string, string>) => Object.entries(found).filter(([path, mode]) => mode !== (path === '.' || path === 'ferretdb' ? '700' : '600'));

// The SQLite files hold password hashes and every assessment: readable by the server's user alone.
describe('the embedded FerretDB’s data folder is its owner’s alone', function () {
  this.timeout(120_000);
  let dataDir: string;
  let database: EmbeddedFerretDb | undefined;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ics-modes-'));
    // As an earlier version left it: a database written, then folders 0755 and files 0644.
    const earlier = await startEmbeddedFerretDb({ dataDir });
    await write(earlier.uri, 'earlier');
    await earlier.stop();
    for (const [path, mode] of Object.entries(await modes(dataDir))) await chmod(join(dataDir, path), mode === '700' ? 0o755 : 0o644);
    expect(Object.values(await modes(dataDir))).to.include('644');
    database = await startEmbeddedFerretDb({ dataDir });
  });
  after(async () => {
    await database?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('closes the folders (0700) and the files already there (0600) at start', async () => {
    const found = await modes(dataDir);
    expect(found).to.include({ '.': '700', ferretdb: '700', 'ferretdb/earlier.sqlite': '600', 'ferretdb.log': '600' });
    expect(ownerOnly(found)).to.deep.equal([]);
  });

  it('makes every file it writes 0600, the database, its journal and its log', async () => {
    await write(database!.uri, 'modes');
    const found = await modes(dataDir);
    expect(Object.keys(found).filter((path) => path.startsWith('ferretdb/modes')), 'the new database’s files').to.not.be.empty;
    expect(ownerOnly(found)).to.deep.equal([]);
  });

  it('still runs FerretDB itself as the process it reports, which stops on SIGTERM', async () => {
    expect(await readFile(`/proc/${database!.pid}/cmdline`, 'utf8')).to.match(/ferretdb\u0000-listen/);
    await database!.stop();
    expect(ownerOnly(await modes(dataDir))).to.deep.equal([]);
    database = undefined;
  });
});

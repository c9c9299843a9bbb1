import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import { startEmbeddedFerretDb, type EmbeddedFerretDb } from '../../../server/db/embedded-ferretdb.ts';

interface Thing {
  series: string;
  kind: string;
  perspective: string | null;
  version: number;
  tags: string[];
  count: number;
}

const thingSchema = new Schema<Thing>(
  { series: String, kind: String, perspective: { type: String, default: null }, version: Number, tags: [String], count: Number },
  { versionKey: false, autoIndex: false },
);
thingSchema.index({ series: 1, kind: 1, perspective: 1, version: 1 }, { unique: true });

const codeOf = (error: unknown) => (error as { code?: unknown }).code;

// The operations the product relies on, against the real embedded FerretDB (SQLite backend).
describe('the embedded FerretDB', function () {
  let dataDir: string;
  let database: EmbeddedFerretDb;
  let connection: Connection;
  let things: Model<Thing>;

  async function connect() {
    connection = await mongoose.createConnection(database.uri, { bufferCommands: false, serverSelectionTimeoutMS: 5000 }).asPromise();
    things = connection.model('Thing', thingSchema);
  }

  before(async function () {
    this.timeout(600_000); // the very first run builds FerretDB from its Go module
    console.log('      (starting the embedded FerretDB; the first run builds it, ~1-3 min)');
    dataDir = await mkdtemp(join(tmpdir(), 'ics-ferretdb-'));
    database = await startEmbeddedFerretDb({ dataDir });
    await connect();
    await things.createIndexes();
  });
  after(async () => {
    await connection?.close();
    await database?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('listens on loopback, reports its URI, and keeps its SQLite files and log in the data folder', async () => {
    expect(database.uri).to.equal(`mongodb://127.0.0.1:${database.port}/`);
    expect(database.pid).to.be.a('number');
    await things.create({ series: 'z', kind: 'probe', version: 1 });
    expect(await readFile(join(dataDir, 'ferretdb', 'test.sqlite')).then(() => true)).to.equal(true);
    expect(await readFile(join(dataDir, 'ferretdb.log'), 'utf8')).to.be.a('string');
  });

  it('inserts many, then finds with sort, skip and limit, and counts', async () => {
    await things.insertMany([3, 1, 2, 5, 4].map((version) => ({ series: 'a', kind: 'evidence', version, count: version * 10 })));
    const page = await things.find({ series: 'a' }).sort({ version: -1 }).skip(1).limit(2).lean();
    expect(page.map((thing) => thing.version)).to.deep.equal([4, 3]);
    // trusted(): the product sets mongoose's global sanitizeFilter, which would neutralise $gte.
    expect(await things.countDocuments({ series: 'a', version: mongoose.trusted({ $gte: 3 }) })).to.equal(3);
  });

  it('enforces a unique compound index, including on a null field, with code 11000', async () => {
    await things.create({ series: 'b', kind: 'moderation', perspective: null, version: 1 });
    const duplicate = await things.create({ series: 'b', kind: 'moderation', perspective: null, version: 1 }).catch((error: unknown) => error);
    expect(codeOf(duplicate)).to.equal(11000);
    await things.create({ series: 'b', kind: 'moderation', perspective: 'self', version: 1 });
    expect(await things.countDocuments({ series: 'b' })).to.equal(2);
  });

  it('lets exactly one of several concurrent inserts of the same version succeed; the rest fail with 11000', async () => {
    const attempts = await Promise.allSettled(['a', 'b', 'c', 'd'].map((tag) => things.create({ series: 'c', kind: 'x', version: 2, tags: [tag] })));
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).to.have.length(1);
    const refused = attempts.filter((attempt): attempt is PromiseRejectedResult => attempt.status === 'rejected');
    expect(refused.map((attempt) => codeOf(attempt.reason))).to.deep.equal([11000, 11000, 11000]);
  });

  // Sequential only: FerretDB 1.24 reads, changes and writes a document in separate steps, so
  // conditional updates (and even $inc) racing on different connections can both apply.
  it('applies findOneAndUpdate with a version filter once: a second update based on the same version matches nothing', async () => {
    const { _id } = await things.create({ series: 'd', kind: 'x', version: 1, count: 0, tags: [] });
    const update = (tag: string) =>
      things.findOneAndUpdate({ _id, version: 1 }, { $inc: { version: 1, count: 5 }, $push: { tags: tag } }, { returnDocument: 'after' }).lean();
    const first = await update('first');
    const second = await update('second');
    expect(first).to.include({ version: 2, count: 5 });
    expect(first?.tags).to.deep.equal(['first']);
    expect(second).to.equal(null);
    expect(await things.findById(_id).lean()).to.include({ version: 2, count: 5 });
  });

  it('aggregates with $match, $group and $sort', async () => {
    await things.insertMany([
      { series: 'e', kind: 'beta', version: 1, count: 1 },
      { series: 'e', kind: 'alpha', version: 1, count: 2 },
      { series: 'e', kind: 'alpha', version: 2, count: 3 },
    ]);
    const groups = await things.aggregate([{ $match: { series: 'e' } }, { $group: { _id: '$kind', total: { $sum: '$count' } } }, { $sort: { total: -1 } }]);
    expect(groups).to.deep.equal([
      { _id: 'alpha', total: 5 },
      { _id: 'beta', total: 1 },
    ]);
  });

  it('computes only the first accumulator of a $group (a FerretDB 1.24 bug: use one accumulator per $group)', async () => {
    const [alpha] = await things.aggregate([{ $match: { series: 'e', kind: 'alpha' } }, { $group: { _id: '$kind', total: { $sum: '$count' }, versions: { $sum: 1 } } }]);
    expect(alpha).to.deep.equal({ _id: 'alpha', total: 5, versions: 0 }); // MongoDB says versions: 2
  });

  it('deletes many', async () => {
    expect((await things.deleteMany({ series: 'e' })).deletedCount).to.equal(3);
    expect(await things.countDocuments({ series: 'e' })).to.equal(0);
  });

  it('keeps its data and indexes across a stop and a start on the same data folder', async () => {
    await connection.close();
    await database.stop();
    expect(await database.exited).to.equal(0);
    database = await startEmbeddedFerretDb({ dataDir });
    await connect();
    expect(await things.countDocuments({ series: 'a' })).to.equal(5);
    const duplicate = await things.create({ series: 'b', kind: 'moderation', perspective: null, version: 1 }).catch((error: unknown) => error);
    expect(codeOf(duplicate)).to.equal(11000);
  });

  it('stops cleanly on SIGTERM, even with a client still connected', async function () {
    this.timeout(30_000);
    const other = await startEmbeddedFerretDb({ dataDir: join(dataDir, 'other') });
    const client = await mongoose.createConnection(other.uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
    await client.db!.collection('pings').insertOne({ at: 1 });
    await other.stop();
    expect(await other.exited).to.equal(0);
    await client.close();
  });

  it('makes an unexpected death observable through `exited`', async () => {
    const other = await startEmbeddedFerretDb({ dataDir: join(dataDir, 'doomed') });
    process.kill(other.pid, 'SIGKILL');
    expect(await other.exited).to.equal(null);
    await other.stop();
  });

  it('fails to start with a clear error quoting its log when the port is taken', async () => {
    const failure = await startEmbeddedFerretDb({ dataDir: join(dataDir, 'clash'), port: database.port }).catch((error: unknown) => error);
    expect(failure).to.be.an('error');
    expect((failure as Error).message).to.match(/exited with code 1 while starting/);
    expect((failure as Error).message).to.match(/address already in use/);
  });
});

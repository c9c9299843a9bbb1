import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { Schema, type Connection } from 'mongoose';
import { startEmbeddedFerretDb, type EmbeddedFerretDb } from '../../../server/db/embedded-ferretdb.ts';

// The operations the product relies on, against the real embedded FerretDB (SQLite backend).
describe('the embedded FerretDB', function () {
  this.timeout(60000);
  let dataDir: string;
  let database: EmbeddedFerretDb;
  let connection: Connection;

  const thingSchema = new Schema({ series: String, kind: String, perspective: { type: String, default: null }, version: Number, tags: [String], count: Number }, { versionKey: false });
  thingSchema.index({ series: 1, kind: 1, perspective: 1, version: 1 }, { unique: true });

  before(async function () {
    this.timeout(600000); // the first run builds FerretDB from its Go module
    dataDir = await mkdtemp(join(tmpdir(), 'ics-ferretdb-'));
    database = await startEmbeddedFerretDb({ dataDir });
    connection = await mongoose.createConnection(database.uri, { bufferCommands: false, serverSelectionTimeoutMS: 3000 }).asPromise();
  });
  after(async () => {
    await connection?.close();
    await database?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('listens on loopback and reports its MongoDB URI', () => {
    expect(database.uri).to.match(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    expect(database.port).to.be.greaterThan(0);
  });

  it('inserts, finds, sorts, skips, limits and counts', async () => {
    const things = connection.model('Thing', thingSchema);
    await things.createIndexes();
    await things.insertMany([3, 1, 2, 5, 4].map((version) => ({ series: 'a', kind: 'evidence', version, count: version * 10 })));
    const page = await things.find({ series: 'a' }).sort({ version: -1 }).skip(1).limit(2).lean();
    expect(page.map((thing) => thing.version)).to.deep.equal([4, 3]);
    expect(await things.countDocuments({ series: 'a', version: mongoose.trusted({ $gte: 3 }) })).to.equal(3);
  });

  it('enforces a unique compound index, including on a null field, with code 11000', async () => {
    const things = connection.model('Thing');
    await things.create({ series: 'b', kind: 'moderation', perspective: null, version: 1 });
    const duplicate = await things.create({ series: 'b', kind: 'moderation', perspective: null, version: 1 }).catch((error: { code?: number }) => error);
    expect((duplicate as { code?: number }).code).to.equal(11000);
    await things.create({ series: 'b', kind: 'moderation', perspective: 'self', version: 1 });
  });

  it('lets exactly one of several concurrent inserts of the same version succeed (the concurrency primitive the product uses)', async () => {
    // FerretDB 1.24 (SQLite) does not apply findOneAndUpdate/updateOne with a version filter
    // atomically (both racing writers "win" and one update is lost), so the product never relies on
    // conditional updates: every change inserts version n + 1 under a unique index instead.
    const things = connection.model('Thing');
    const attempts = await Promise.allSettled(['a', 'b', 'c', 'd'].map((tag) => things.create({ series: 'c', kind: 'x', version: 2, tags: [tag] })));
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).to.have.length(1);
    const refused = attempts.filter((attempt): attempt is PromiseRejectedResult => attempt.status === 'rejected');
    expect(refused.map((attempt) => (attempt.reason as { code?: number }).code)).to.deep.equal([11000, 11000, 11000]);
    expect(await things.countDocuments({ series: 'c', version: 2 })).to.equal(1);
  });

  it('aggregates with $match, $group and $sort', async () => {
    const things = connection.model('Thing');
    const groups = await things.aggregate([{ $match: { series: 'a' } }, { $group: { _id: '$kind', total: { $sum: '$count' } } }, { $sort: { _id: 1 } }]);
    expect(groups).to.deep.equal([{ _id: 'evidence', total: 150 }]);
  });

  it('keeps its data across a stop and a start on the same data folder', async () => {
    await connection.close();
    await database.stop();
    database = await startEmbeddedFerretDb({ dataDir });
    connection = await mongoose.createConnection(database.uri, { bufferCommands: false, serverSelectionTimeoutMS: 3000 }).asPromise();
    const things = connection.model('Thing', thingSchema);
    expect(await things.countDocuments({ series: 'a' })).to.equal(5);
    expect((await things.deleteMany({ series: 'a' })).deletedCount).to.equal(5);
  });

  it('stops cleanly on SIGTERM', async () => {
    const other = await startEmbeddedFerretDb({ dataDir: join(dataDir, 'other') });
    await other.stop();
    expect(await other.exited).to.equal(0);
  });
});

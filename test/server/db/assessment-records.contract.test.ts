import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { ConflictError } from '../../../assessments/errors.ts';
import { AssessmentRecords, placeOf, recordIndexes, type RecordKey } from '../../../server/persistence/assessment-records.ts';
import { statusIn } from '../../../server/persistence/assessment-state.ts';
import { withRequestMemo } from '../../../server/persistence/request-memo.ts';
import { perAssessmentLayout, sharedLayout, type StorageLayout } from '../../../server/persistence/storage-layout.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const alice = { userId: 'u-alice', name: 'Alice' };
const bob = { userId: 'u-bob', name: 'Bob' };
const at = (second: number) => new Date(Date.UTC(2026, 11, 5, 9, 0, second));

/** The contract of the record store, run on the real embedded database under each storage layout. */
for (const layout of [sharedLayout, perAssessmentLayout] as StorageLayout[]) {
  describe(`the assessment record store (${layout.name} layout)`, function () {
    this.timeout(60_000);
    let server: TestServer;
    let store: AssessmentRecords;

    before(async () => {
      server = await startTestServer();
      store = new AssessmentRecords(server.server.database.connection, layout);
      // The shared layout's declared indexes, as `npm run db:indexes` makes them on MongoDB.
      if (layout.name === 'shared') for (const index of recordIndexes) await server.server.database.connection.collection(layout.collectionOf('')).createIndex({ ...index.key }, { name: index.name, unique: index.unique });
    });
    after(() => server?.stop());

    /** A new assessment document with its first status record, as AssessmentService.create makes it. */
    async function newAssessment(): Promise<string> {
      const id = randomUUID();
      const { fields } = await store.begin({ assessmentId: id, kind: 'status', perspective: null, criterion: null }, { status: 'draft' }, alice, at(0));
      await server.server.database.connection.collection('assessments').insertOne({ _id: id, status: 'draft', version: 1, ...fields } as never);
      return id;
    }
    const evidence = (assessmentId: string, criterion = 'hosc-effectiveness'): RecordKey => ({ assessmentId, kind: 'evidence', perspective: 'self', criterion });

    it('appends version after version and refuses a write based on an old version with 409 naming the current one', async () => {
      const id = await newAssessment();
      expect((await store.append(evidence(id), 0, { n: 1 }, alice, at(1))).version).to.equal(1);
      expect((await store.append(evidence(id), 1, { n: 2 }, alice, at(2))).version).to.equal(2);
      const refused = await store.append(evidence(id), 1, { n: 3 }, bob, at(3)).catch((error: unknown) => error);
      expect(refused).to.be.instanceOf(ConflictError);
      expect((refused as ConflictError).current).to.deep.equal({ version: 2 });
      expect((await store.latest(evidence(id)))?.content).to.deep.equal({ n: 2 });
    });

    it('takes the latest of a series as its highest version, whatever the times say (an instance whose clock is behind)', async () => {
      const id = await newAssessment();
      await store.append(evidence(id), 0, { n: 1 }, alice, at(30));
      await store.append(evidence(id), 1, { n: 2 }, bob, at(25)); // written later by an instance 5 s behind
      const latest = await store.latest(evidence(id));
      expect({ version: latest?.version, content: latest?.content }).to.deep.equal({ version: 2, content: { n: 2 } });
      expect((await store.append(evidence(id), 2, { n: 3 }, alice, at(31))).version).to.equal(3);
      expect((await store.latestOfEach(id, 'evidence', 'self')).get('hosc-effectiveness')?.version).to.equal(3);
    });

    it('keeps history in the order written, and every version of a series oldest first', async () => {
      const id = await newAssessment();
      await store.append(evidence(id, 'a'), 0, { n: 1 }, alice, at(9));
      await store.append(evidence(id, 'b'), 0, { n: 1 }, alice, at(1));
      await store.append(evidence(id, 'a'), 1, { n: 2 }, alice, at(5));
      expect((await store.allOf(id)).map((record) => `${record.kind}/${record.criterion ?? ''}/${record.version}`)).to.deep.equal(['status//1', 'evidence/a/1', 'evidence/b/1', 'evidence/a/2']);
      expect((await store.versions(evidence(id, 'a'))).map((record) => record.content)).to.deep.equal([{ n: 1 }, { n: 2 }]);
    });

    it('lets exactly one of many concurrent writers from the same version win; the rest get 409', async () => {
      const id = await newAssessment();
      const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, n) => store.append(evidence(id), 0, { n }, alice, at(n))));
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).to.have.length(1);
      for (const outcome of outcomes.filter((candidate) => candidate.status === 'rejected')) expect((outcome as PromiseRejectedResult).reason).to.be.instanceOf(ConflictError);
    });

    it('never lets a guarded write land after a change of status that its guard forbids (a save racing a submit)', async () => {
      for (let trial = 0; trial < 5; trial += 1) {
        const id = await newAssessment();
        const draftOnly = (current: Parameters<NonNullable<Parameters<AssessmentRecords['append']>[5]>>[0]) => {
          if (statusIn(current.state) !== 'draft') throw new ConflictError('The assessment is submitted');
        };
        await Promise.allSettled([
          store.append({ assessmentId: id, kind: 'status', perspective: null, criterion: null }, 1, { status: 'submitted' }, bob, at(2)),
          ...Array.from({ length: 4 }, (_, n) => store.append(evidence(id, `c${n}`), 0, { n }, alice, at(1), draftOnly)),
        ]);
        const order = (await store.allOf(id)).map((record) => record.kind);
        const submitted = order.lastIndexOf('status');
        expect(order.slice(submitted + 1), `trial ${trial}: ${order.join(', ')}`).to.deep.equal([]);
      }
    });

    it('catches a state left behind up with its records on the next read (a crash between the two writes)', async () => {
      const id = await newAssessment();
      await store.append(evidence(id), 0, { n: 1 }, alice, at(1));
      // A record written, the state not: as if the instance died in between.
      expect(await store.place({ _id: placeOf(id, 3), seq: 3, ...evidence(id), version: 2, content: { n: 2 }, by: bob, at: at(2) })).to.equal(true);
      expect((await server.server.database.connection.collection('assessments').findOne({ _id: id } as never))?.seq).to.equal(2);
      const latest = await store.latest(evidence(id));
      expect({ version: latest?.version, content: latest?.content }).to.deep.equal({ version: 2, content: { n: 2 } });
      expect((await server.server.database.connection.collection('assessments').findOne({ _id: id } as never))?.seq).to.equal(3);
      expect((await store.append(evidence(id), 2, { n: 3 }, alice, at(3))).version).to.equal(3);
    });

    it('imports records as given and reads them back exactly; a second import of the same places fails', async () => {
      const source = await newAssessment();
      await store.append(evidence(source), 0, { nested: { list: [1, 2], text: '=cmd' } }, alice, at(1));
      await store.append(evidence(source), 1, { nested: { list: [3], text: null } }, bob, at(2));
      const exported = await store.allOf(source);
      const target = randomUUID();
      const copy = exported.map((record) => ({ ...record, assessmentId: target }));
      const places = await store.insertAll(target, copy);
      expect(places).to.have.length(3);
      await server.server.database.connection.collection('assessments').insertOne({ _id: target, status: 'draft', version: 1 } as never);
      expect((await store.allOf(target)).map(({ assessmentId: _ignored, ...record }) => record)).to.deep.equal(exported.map(({ assessmentId: _ignored, ...record }) => record));
      expect((await store.latest(evidence(target)))?.content).to.deep.equal({ nested: { list: [3], text: null } });
      const again = await store.insertAll(target, copy).catch((error: unknown) => error);
      expect((again as { code?: number }).code).to.equal(11000);
      await store.remove(target, places.slice(1));
      expect((await store.allOf(target)).map((record) => record.version)).to.deep.equal([1]);
    });

    it('reads an assessment once within a request, and sees its own writes', async () => {
      const id = await newAssessment();
      await new Promise<void>((resolve, reject) =>
        withRequestMemo(() => {
          (async () => {
            const first = await store.read(id);
            expect(await store.read(id)).to.equal(first);
            await store.append(evidence(id), 0, { n: 1 }, alice, at(1));
            const after = await store.read(id);
            expect(after).to.not.equal(first);
            expect(after?.state.seq).to.equal(2);
          })().then(resolve, reject);
        }),
      );
    });
  });
}
